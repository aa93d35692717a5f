#!/usr/bin/env node
// Benchmark: preflight of a stack with 200 named resources against moto's server on 127.0.0.1, beside
// `check` of the same template in the same run (the ratio is what to compare across machines).
// Needs the compiled CLI (npx projen compile), preflight/ built (npm ci --prefix preflight && npm run build --prefix preflight)
// and moto in the tools venv (bash scripts/python-tools.sh). Usage: node bench/preflight/run.js [resources=200] [runs=3]
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'cdk-safe-patterns.js');
const motoServer = path.join(root, '.cache', 'tools-venv', 'bin', 'moto_server');
const count = Number(process.argv[2] || 200);
const runs = Number(process.argv[3] || 3);

const TYPES = [
  ['AWS::IAM::Role', 'RoleName', { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } }],
  ['AWS::S3::Bucket', 'BucketName', {}],
  ['AWS::Logs::LogGroup', 'LogGroupName', {}],
  ['AWS::DynamoDB::Table', 'TableName', {}],
  ['AWS::SQS::Queue', 'QueueName', {}],
  ['AWS::SNS::Topic', 'TopicName', {}],
  ['AWS::SecretsManager::Secret', 'Name', {}],
  ['AWS::ECR::Repository', 'RepositoryName', {}],
];

function template() {
  const resources = {};
  for (let i = 0; i < count; i++) {
    const [type, property, rest] = TYPES[i % TYPES.length];
    resources[`R${i}`] = { Type: type, Properties: { ...rest, [property]: `bench-${i}` } };
  }
  return { Resources: resources };
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function time(args, env) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if (error.status !== 1) throw new Error(`${args[0]} exited ${error.status}: ${error.stderr}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  if (!fs.existsSync(motoServer)) throw new Error(`${motoServer} missing: run bash scripts/python-tools.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-'));
  const file = path.join(dir, 'Bench.template.json');
  fs.writeFileSync(file, JSON.stringify(template()));
  const port = await freePort();
  const moto = spawn(motoServer, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${endpoint}/moto-api/`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_EC2_METADATA_DISABLED: 'true' };
    const preflightArgs = ['preflight', file, '--endpoint-url', endpoint, '--region', 'us-east-1', '--format', 'json'];
    time(preflightArgs, env); // warm-up: moto loads each service's backend on its first request
    const check = [];
    const preflight = [];
    for (let i = 0; i < runs; i++) {
      check.push(time(['check', file, '--suffix', 'bench', '--format', 'json'], env));
      preflight.push(time(preflightArgs, env));
    }
    const result = {
      resources: count,
      runs,
      checkMs: Math.round(median(check)),
      preflightMs: Math.round(median(preflight)),
      ratio: Number((median(preflight) / median(check)).toFixed(1)),
    };
    console.log(`preflight of ${count} named resources against moto: ${result.preflightMs} ms (median of ${runs}); check of the same template: ${result.checkMs} ms; ratio ${result.ratio}x`);
    console.log(JSON.stringify(result));
  } finally {
    moto.kill();
  }
})().catch((error) => {
  console.error(`bench/preflight: ${error.message}`);
  process.exitCode = 1;
});
