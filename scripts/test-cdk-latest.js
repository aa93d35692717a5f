#!/usr/bin/env node
// `npx projen test:cdk-latest`: the jest suite again, on the newest aws-cdk-lib 2.x the project has
// tested. The version is pinned once, in .projenrc.ts (CDK_LATEST_TESTED), which writes
// compat/cdk-latest/package.json; compat/cdk-latest/package-lock.json fixes the exact tree. Both are
// copied to .cache/cdk-latest and installed there with `npm ci` (from the registry, again only when
// the lock file changes), then jest runs with compat/cdk-latest/jest.config.js, which maps
// aws-cdk-lib, constructs and cdk-nag to that copy, and with compat/cdk-latest/resolve-hook.js
// preloaded into every Node process the tests start. Arguments are passed on to jest.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const compat = path.join(root, 'compat', 'cdk-latest');
const installDir = path.join(root, '.cache', 'cdk-latest');

function fail(message) {
  console.error(`test:cdk-latest: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${command} did not start: ${result.error.message}`);
  return result.status ?? 1;
}

const wanted = JSON.parse(fs.readFileSync(path.join(compat, 'package.json'), 'utf8')).dependencies;
const lock = fs.readFileSync(path.join(compat, 'package-lock.json'), 'utf8');
const locked = JSON.parse(lock).packages['node_modules/aws-cdk-lib']?.version;
if (locked !== wanted['aws-cdk-lib']) {
  fail(`compat/cdk-latest/package-lock.json has aws-cdk-lib ${locked}, but .projenrc.ts pins ${wanted['aws-cdk-lib']}. ` +
    'Fix: npm install --package-lock-only --prefix compat/cdk-latest, and commit the lock file.');
}

// Install when the lock file differs from the one installed last (or nothing is installed).
const installedLock = path.join(installDir, 'package-lock.json');
const installedVersion = () => {
  const file = path.join(installDir, 'node_modules', 'aws-cdk-lib', 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : undefined;
};
if (!fs.existsSync(installedLock) || fs.readFileSync(installedLock, 'utf8') !== lock || installedVersion() !== locked) {
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(compat, file), path.join(installDir, file));
  console.log(`test:cdk-latest: installing aws-cdk-lib ${locked} into .cache/cdk-latest (npm ci)`);
  const status = run('npm', ['ci', '--prefix', installDir, '--no-audit', '--no-fund', '--loglevel=error']);
  if (status !== 0) {
    fs.rmSync(installedLock, { force: true });
    fail(`npm ci in .cache/cdk-latest failed (exit ${status})`);
  }
}
if (installedVersion() !== locked) fail(`.cache/cdk-latest holds aws-cdk-lib ${installedVersion()}, expected ${locked}`);

console.log(`test:cdk-latest: jest on aws-cdk-lib ${locked} (floor run: package.json devDependencies)`);
const hook = path.join(compat, 'resolve-hook.js');
const status = run(process.execPath, [require.resolve('jest/bin/jest', { paths: [root] }), '--ci', '--config', path.join(compat, 'jest.config.js'), ...process.argv.slice(2)], {
  env: {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${hook}`].filter(Boolean).join(' '),
    // The tests compare the aws-cdk-lib they load with this (test/project/cdk-version.test.ts).
    SAFE_PATTERNS_EXPECTED_CDK_VERSION: locked,
  },
});
process.exit(status);
