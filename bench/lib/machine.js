'use strict';
// The machine and the versions a run measured, for the JSON result and BENCHMARKS.md.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function commandVersion(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop();
  } catch {
    return null;
  }
}

function machine(loadAtStart = os.loadavg()) {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
    node: process.version,
    python: commandVersion('python3', ['--version']),
  };
}

function versions(toolsVenv) {
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return {
    'cdk-safe-patterns': own.version,
    'aws-cdk-lib': packageVersion('aws-cdk-lib'),
    constructs: packageVersion('constructs'),
    cdktf: packageVersion('cdktf'),
    '@cdktf/provider-aws': packageVersion('@cdktf/provider-aws'),
    'cdk-nag': packageVersion('cdk-nag'),
    checkov: commandVersion(path.join(toolsVenv, 'bin', 'checkov'), ['--version']),
    'cfn-lint': commandVersion(path.join(toolsVenv, 'bin', 'cfn-lint'), ['--version']),
  };
}

module.exports = { machine, versions, ROOT };
