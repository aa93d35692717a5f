import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CDK_VERSION, cdkAtLeast, PLUGIN_FAILURE_THROWS_SINCE } from '../helpers/cdk-version';

// What a failing validation plugin does to an app is aws-cdk-lib's decision, and from 2.262 it
// depends on how the app runs. CDK_APP_MODE=process is what aws-cdk-lib's cx-api documents the
// CDK CLI to set for the app it runs as a subprocess; without it (plain `node app.js`, an older
// CLI) the mode is "unknown"; NODE_ENV=test (jest) or pytest make it "in memory". The apps run
// against the compiled library in lib/ (the build compiles first), as process-exit.test.ts does.
const root = path.join(__dirname, '..', '..');

/** Written by the app, with the message as JSON, when app.synth() throws; the error is then thrown on, as an app does. */
const THREW = 'app.synth() threw:';

function runPluginApp(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-plugin-'));
  const app = path.join(dir, 'app.js');
  fs.writeFileSync(app, `
    const { App, Stack, Validations } = require('aws-cdk-lib');
    const { CfnDetector } = require('aws-cdk-lib/aws-guardduty');
    const { cdk, SafePatterns, RuleSeverity } = require(${JSON.stringify(path.join(root, 'lib'))});
    const app = new App({ outdir: ${JSON.stringify(path.join(dir, 'cdk.out'))} });
    new CfnDetector(new Stack(app, 'Stack'), 'Detector', { enable: true });
    const severities = Object.fromEntries(SafePatterns.ruleIds().filter((id) => id !== 'guardduty-detector').map((id) => [id, RuleSeverity.OFF]));
    Validations.of(app).addPlugins(new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: severities }));
    try {
      app.synth();
    } catch (error) {
      process.stderr.write(${JSON.stringify(THREW)} + ' ' + JSON.stringify(error.message) + '\\n');
      throw error;
    }
  `);
  const result = spawnSync(process.execPath, [app], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(root, 'node_modules'), JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', ...env },
  });
  // eslint-disable-next-line no-control-regex
  return { status: result.status, stderr: result.stderr.replace(/\x1b\[[0-9;]*m/g, '') };
}

describe(`plugin mode on aws-cdk-lib ${CDK_VERSION}: an error finding`, () => {
  const throws = cdkAtLeast(PLUGIN_FAILURE_THROWS_SINCE);

  test(`GIVEN the app run by plain node (no CDK_APP_MODE) WHEN it runs THEN app.synth() ${throws ? 'throws' : 'returns'} and the exit code is 1`, () => {
    const result = runPluginApp({ NODE_ENV: '', CDK_APP_MODE: '' });
    expect([result.status, result.stderr.includes(THREW)]).toEqual([1, throws]);
    expect(result.stderr).toContain('guardduty-detector');
    expect(result.stderr).toContain('Stack/Detector');
  });

  test('GIVEN the app run as the CDK CLI runs it (CDK_APP_MODE=process) WHEN it runs THEN app.synth() returns, the report is on stderr, the exit code is 1', () => {
    const result = runPluginApp({ NODE_ENV: '', CDK_APP_MODE: 'process' });
    expect([result.status, result.stderr.includes(THREW)]).toEqual([1, false]);
    expect(result.stderr).toContain('guardduty-detector');
    expect(result.stderr).toContain('Stack/Detector');
  });

  test(`GIVEN the app run under a test runner (NODE_ENV=test) WHEN it runs THEN app.synth() ${throws ? 'throws with the report in its message' : 'returns'}`, () => {
    const result = runPluginApp({ NODE_ENV: 'test', CDK_APP_MODE: '' });
    expect([result.status, result.stderr.includes(THREW)]).toEqual([1, throws]);
    const thrown = result.stderr.split('\n').find((line) => line.startsWith(THREW));
    if (throws) expect(JSON.parse(thrown!.slice(THREW.length))).toMatch(/Stack\/Detector[\s\S]*SafePatterns::guardduty-detector/);
  });

  test('GIVEN failSynthOnValidationErrors false WHEN the app runs THEN aws-cdk-lib only writes the report: exit code 0, nothing thrown', () => {
    const result = runPluginApp({ NODE_ENV: '', CDK_APP_MODE: '', CDK_CONTEXT_JSON: JSON.stringify({ '@aws-cdk/core:failSynthOnValidationErrors': false }) });
    expect([result.status, result.stderr.includes(THREW)]).toEqual([0, false]);
  });
});
