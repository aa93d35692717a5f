#!/usr/bin/env node
// Prints one closing line for the whole suite (jest on the aws-cdk-lib floor, jest again on the newest
// tested aws-cdk-lib, pytest), read from their JUnit reports, so that the last line of the test command
// counts every test that ran, in both languages and on both aws-cdk-lib versions.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] || 'test-reports';
const reports = {
  'jest': 'junit.xml',
  'jest (newest aws-cdk-lib)': 'junit-cdk-latest.xml', // npx projen test:cdk-latest
  'preflight': 'preflight-junit.xml', // npx projen test:preflight
  'pytest': 'pytest.xml',
};
const total = { passed: 0, failed: 0, skipped: 0 };

for (const [runner, file] of Object.entries(reports)) {
  if (!fs.existsSync(path.join(dir, file))) {
    console.error(`${runner}: no report at ${path.join(dir, file)}: that run did not finish`);
    process.exitCode = 1;
    continue;
  }
  const xml = fs.readFileSync(path.join(dir, file), 'utf8');
  // Each <testcase> is one test; a failure/error/skipped child marks its outcome.
  const cases = xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) || [];
  const count = { passed: 0, failed: 0, skipped: 0 };
  for (const testCase of cases) {
    if (/<(failure|error)\b/.test(testCase)) count.failed++;
    else if (/<skipped\b/.test(testCase)) count.skipped++;
    else count.passed++;
  }
  if (cases.length === 0) {
    console.error(`${runner}: no test ran (${path.join(dir, file)} lists none)`);
    process.exitCode = 1;
  }
  console.log(`${runner}: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  for (const k of Object.keys(total)) total[k] += count[k];
}
if (total.failed > 0) process.exitCode = 1;
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
