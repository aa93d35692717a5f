import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cx_api as cxapi } from 'aws-cdk-lib';
import { cdkAtLeast, PLUGIN_FAILURE_THROWS_SINCE } from '../helpers/cdk-version';

// `cdk synth` runs the app as a child process and fails when it exits non-zero. These tests
// run a real app the same way, against the compiled library in lib/ (the build compiles first).
const root = path.join(__dirname, '..', '..');

interface AppOptions {
  /** Acknowledge the detector's finding. */
  readonly acknowledge?: boolean;
  /** Leave the detector out. */
  readonly noDetector?: boolean;
  /** Add a retained bucket, with retain-on-delete lowered to a warning. */
  readonly warning?: boolean;
}

function runApp(mode: 'aspect' | 'plugin', options: AppOptions = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-exit-'));
  const app = path.join(dir, 'app.js');
  const outdir = path.join(dir, 'cdk.out');
  fs.writeFileSync(app, `
    const { App, Aspects, RemovalPolicy, Stack, Validations } = require('aws-cdk-lib');
    const { CfnDetector } = require('aws-cdk-lib/aws-guardduty');
    const { Bucket, BucketEncryption } = require('aws-cdk-lib/aws-s3');
    const { cdk, SafePatterns, RuleSeverity } = require(${JSON.stringify(path.join(root, 'lib'))});
    const app = new App({ outdir: ${JSON.stringify(outdir)} });
    const stack = new Stack(app, 'Stack');
    ${options.noDetector ? '' : "const detector = new CfnDetector(stack, 'Detector', { enable: true });"}
    ${options.acknowledge ? "SafePatterns.acknowledge(detector, 'guardduty-detector', 'baseline stack');" : ''}
    ${options.warning ? "new Bucket(stack, 'Data', { bucketName: 'data-pr123', removalPolicy: RemovalPolicy.RETAIN, encryption: BucketEncryption.S3_MANAGED });" : ''}
    const severities = Object.fromEntries(SafePatterns.ruleIds().filter((id) => id !== 'guardduty-detector').map((id) => [id, RuleSeverity.OFF]));
    severities['retain-on-delete'] = RuleSeverity.WARNING;
    const checks = new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: severities });
    ${mode === 'aspect' ? 'Aspects.of(app).add(checks);' : 'Validations.of(app).addPlugins(checks);'}
    app.synth();
  `);
  const result = spawnSync(process.execPath, [app], {
    cwd: root,
    encoding: 'utf8',
    env: appEnvironment(),
  });
  // aws-cdk-lib colours its validation report: the text a person reads is without the escape codes.
  // eslint-disable-next-line no-control-regex
  return { ...result, stderr: result.stderr.replace(/\x1b\[[0-9;]*m/g, ''), outdir };
}

/**
 * The environment the CDK CLI gives an app: `CDK_APP_MODE=process` (from 2.262 aws-cdk-lib throws on a
 * failing plugin in any other mode) and no NODE_ENV=test inherited from jest (which 2.276 reads as a test run).
 */
function appEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(root, 'node_modules'), JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', CDK_APP_MODE: 'process' };
  delete env.NODE_ENV;
  return env;
}

/**
 * How aws-cdk-lib's validation report prints one violation of our plugin. 2.257: `<rule> (1 occurrences)`,
 * `Severity:`, `Construct Path:`; 2.276: `ERROR|WARNING <message> (SafePatterns)`, the path, then
 * `Acknowledge with 'SafePatterns::<rule>'`.
 */
function reportedViolation(rule: string, severity: 'error' | 'warning', constructPath: string): RegExp {
  const escaped = constructPath.replace(/\//g, '\\/');
  return cdkAtLeast(PLUGIN_FAILURE_THROWS_SINCE)
    ? new RegExp(`${severity.toUpperCase()} [^\\n]*\\(SafePatterns\\)\\s*\\n\\s*${escaped} [^\\n]*\\n\\s*Suggested fix: [^\\n]*\\n\\s*Acknowledge with 'SafePatterns::${rule}'`)
    : new RegExp(`${rule} \\(1 occurrences\\)\\s*\\nSeverity: ${severity}\\s*\\n[\\s\\S]*Construct Path: ${escaped}`);
}

describe.each(['aspect', 'plugin'] as const)('an app using the checks as %s, run as cdk synth runs it', (mode) => {
  test('GIVEN an error finding WHEN the app runs THEN it exits non-zero and prints the finding', () => {
    const result = runApp(mode);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('guardduty-detector');
    expect(result.stderr).toContain('Stack/Detector');
  });

  test('GIVEN the finding acknowledged WHEN the app runs THEN it exits 0', () => {
    const result = runApp(mode, { acknowledge: true });
    expect(result.stderr).not.toMatch(/Error:/);
    expect(result.status).toBe(0);
  });

  test('GIVEN an error and a warning WHEN the app runs THEN the console shows the error, then the warning', () => {
    // WHEN
    const result = runApp(mode, { warning: true });
    // THEN
    expect(result.status).not.toBe(0);
    const error = result.stderr.indexOf('guardduty-detector');
    const warning = result.stderr.indexOf('retain-on-delete');
    expect(error).toBeGreaterThan(-1);
    expect(warning).toBeGreaterThan(error);
    if (mode === 'aspect') {
      expect(result.stderr).toMatch(/\n {2}\[Stack\/Detector\] \[guardduty-detector\] The stack creates a GuardDuty detector [^\n]* Fix: [^\n]*\nWarnings of the same run \(they do not fail synthesis\):\n {2}\[Stack\/Data\/Resource\] \[retain-on-delete\] DeletionPolicy "Retain" [^\n]* Fix: /);
    } else {
      // aws-cdk-lib's policy validation report: each violation with its severity and construct path.
      expect(result.stderr).toMatch(reportedViolation('guardduty-detector', 'error', 'Stack/Detector'));
      expect(result.stderr).toMatch(reportedViolation('retain-on-delete', 'warning', 'Stack/Data/Resource'));
    }
  });

  test('GIVEN a warning only WHEN the app runs THEN it exits 0 and the warning reaches the person', () => {
    // WHEN
    const result = runApp(mode, { noDetector: true, warning: true });
    // THEN
    expect(result.status).toBe(0);
    if (mode === 'aspect') {
      // The CDK CLI prints the manifest's warnings after synthesis: the warning is there, with its line.
      const messages = new cxapi.CloudAssembly(result.outdir).getStackArtifact('Stack').messages;
      expect(messages.map((m) => [m.level, m.id, m.entry.data])).toEqual([
        ['warning', '/Stack/Data/Resource', expect.stringMatching(/^\[retain-on-delete\] DeletionPolicy "Retain" .* Fix: .* \[ack: SafePatterns::retain-on-delete\]$/)],
      ]);
      expect(result.stderr).not.toContain('retain-on-delete');
    } else {
      expect(result.stderr).toMatch(reportedViolation('retain-on-delete', 'warning', 'Stack/Data/Resource'));
    }
  });
});
