import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// `cdk synth` runs the app as a child process and fails when it exits non-zero. These tests
// run a real app the same way, against the compiled library in lib/ (the build compiles first).
const root = path.join(__dirname, '..', '..');

function runApp(mode: 'aspect' | 'plugin', acknowledge: boolean) {
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
    app.synth();
  `);
  return spawnSync(process.execPath, [app], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(root, 'node_modules'), JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
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
