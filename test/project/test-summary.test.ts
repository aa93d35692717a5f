import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The last line of `npx projen test:all` counts the tests of every run: jest on the aws-cdk-lib floor,
// jest again on the newest tested aws-cdk-lib (test:cdk-latest), pytest, and the preflight package's jest run.
const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'test-summary.js');
const junit = (...cases: string[]) => `<testsuites><testsuite>${cases.join('')}</testsuite></testsuites>`;
const PASSED = '<testcase name="p"></testcase>';
const FAILED = '<testcase name="f"><failure>boom</failure></testcase>';
const SKIPPED = '<testcase name="s"><skipped/></testcase>';

function summarize(reports: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-summary-'));
  for (const [file, xml] of Object.entries(reports)) fs.writeFileSync(path.join(dir, file), xml);
  return spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
}

test('GIVEN the reports of both jest runs, preflight and pytest WHEN summarizing THEN the total counts all four', () => {
  const run = summarize({
    'junit.xml': junit(PASSED, PASSED, SKIPPED),
    'junit-cdk-latest.xml': junit(PASSED, PASSED),
    'preflight-junit.xml': junit(PASSED, PASSED),
    'pytest.xml': junit(PASSED),
  });
  expect(run.stdout.trim().split('\n')).toEqual([
    'jest: 2 passed, 0 failed, 1 skipped',
    'jest (newest aws-cdk-lib): 2 passed, 0 failed, 0 skipped',
    'preflight: 2 passed, 0 failed, 0 skipped',
    'pytest: 1 passed, 0 failed, 0 skipped',
    'total: 7 passed, 0 failed, 1 skipped',
  ]);
  expect(run.status).toBe(0);
});

test('GIVEN a failure in the second jest run WHEN summarizing THEN it is counted and the exit code is 1', () => {
  const run = summarize({ 'junit.xml': junit(PASSED), 'junit-cdk-latest.xml': junit(FAILED), 'preflight-junit.xml': junit(PASSED), 'pytest.xml': junit(PASSED) });
  expect(run.stdout).toContain('total: 3 passed, 1 failed, 0 skipped');
  expect(run.status).toBe(1);
});

test('GIVEN no report from the second jest run WHEN summarizing THEN it says which run is missing and the exit code is 1', () => {
  const run = summarize({ 'junit.xml': junit(PASSED), 'preflight-junit.xml': junit(PASSED), 'pytest.xml': junit(PASSED) });
  expect(run.stderr).toMatch(/^jest \(newest aws-cdk-lib\): no report at .*junit-cdk-latest\.xml: that run did not finish/m);
  expect(run.status).toBe(1);
});
