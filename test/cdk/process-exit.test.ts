import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CDK_VERSION, cdkAtLeast, PLUGIN_FAILURE_THROWS_SINCE } from '../helpers/cdk-version';

// `cdk synth` runs the app as a child process and fails when it exits non-zero. These tests
// run a real app the same way, against the compiled library in lib/ (the build compiles first).
const root = path.join(__dirname, '..', '..');

/** Written by the app when app.synth() throws; the error is thrown on, as an app does. */
const THREW = 'app.synth() threw:';

function runApp(mode: 'aspect' | 'plugin', acknowledge: boolean, appMode?: 'process') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-exit-'));
  const app = path.join(dir, 'app.js');
  fs.writeFileSync(app, `
    const { App, Aspects, Stack, Validations } = require('aws-cdk-lib');
    const { CfnDetector } = require('aws-cdk-lib/aws-guardduty');
    const { cdk, SafePatterns, RuleSeverity } = require(${JSON.stringify(path.join(root, 'lib'))});
    const app = new App({ outdir: ${JSON.stringify(path.join(dir, 'cdk.out'))} });
    const detector = new CfnDetector(new Stack(app, 'Stack'), 'Detector', { enable: true });
    ${acknowledge ? "SafePatterns.acknowledge(detector, 'guardduty-detector', 'baseline stack');" : ''}
    const severities = Object.fromEntries(SafePatterns.ruleIds().filter((id) => id !== 'guardduty-detector').map((id) => [id, RuleSeverity.OFF]));
    const checks = new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: severities });
    ${mode === 'aspect' ? 'Aspects.of(app).add(checks);' : 'Validations.of(app).addPlugins(checks);'}
    try {
      app.synth();
    } catch (error) {
      process.stderr.write(${JSON.stringify(THREW)} + ' ' + error.message.split('\\n')[0] + '\\n');
      throw error;
    }
  `);
  return spawnSync(process.execPath, [app], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_PATH: path.join(root, 'node_modules'),
      JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
      // Not a jest run (aws-cdk-lib 2.262+ reads NODE_ENV=test as "in memory"); CDK_APP_MODE as the test asks.
      NODE_ENV: '',
      CDK_APP_MODE: appMode ?? '',
    },
  });
}

describe.each(['aspect', 'plugin'] as const)('an app using the checks as %s, run as cdk synth runs it', (mode) => {
  test('GIVEN an error finding WHEN the app runs THEN it exits non-zero and prints the finding', () => {
    const result = runApp(mode, false);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('guardduty-detector');
    expect(result.stderr).toContain('Stack/Detector');
  });

  test('GIVEN the finding acknowledged WHEN the app runs THEN it exits 0', () => {
    const result = runApp(mode, true);
    expect(result.stderr).not.toMatch(/Error:/);
    expect(result.status).toBe(0);
  });
});

// aws-cdk-lib decides what a failing validation plugin does; from 2.262 it depends on how the app
// runs. CDK_APP_MODE=process is what aws-cdk-lib's cx-api documents the CDK CLI to set for an app
// it runs as a subprocess; anything else (plain `node app.js`, an older CLI) is "unknown".
describe(`plugin mode on aws-cdk-lib ${CDK_VERSION}: what a failing plugin does to app.synth()`, () => {
  const throws = cdkAtLeast(PLUGIN_FAILURE_THROWS_SINCE);

  test(`GIVEN an error finding and no CDK_APP_MODE WHEN the app runs THEN app.synth() ${throws ? 'throws' : 'returns'} and the exit code is 1`, () => {
    const result = runApp('plugin', false);
    expect([result.status, result.stderr.includes(THREW)]).toEqual([1, throws]);
    expect(result.stderr).toContain('guardduty-detector');
  });

  test('GIVEN an error finding and CDK_APP_MODE=process WHEN the app runs THEN app.synth() returns, the report is on stderr and the exit code is 1', () => {
    const result = runApp('plugin', false, 'process');
    expect([result.status, result.stderr.includes(THREW)]).toEqual([1, false]);
    expect(result.stderr).toContain('guardduty-detector');
    expect(result.stderr).toContain('Stack/Detector');
  });
});
