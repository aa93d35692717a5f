import '@microsoft/jest-sarif';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, aws_sqs as sqs } from 'aws-cdk-lib';
import { BuiltApp, cdkApp, SUFFIX, tfApp, tfJson } from './apps';
import { CLI, lines, requireCompiledCli, runCli, runCliOnTty, tempDir } from './helpers';
import { Finding } from '../../src/core/engine/evaluate';
import { JsonReport } from '../../src/core/engine/reports';
import { CATALOGUE } from '../../src/core/rules';
import { newApp } from '../cdk/helpers';

// The command line on real apps' output: an aws-cdk-lib app (nested stack, Lambda asset, both kinds
// of acknowledgement, the suffix helper) and a cdktf app (TerraformAsset, acknowledgement, suffix
// helper), each synthesized once for the file.

const ESC = '\x1b[';
let cdk: BuiltApp;
let tf: BuiltApp;
let clean: string;

/** An app with nothing to report: one unnamed queue. */
function cleanApp(): string {
  const app: App = newApp();
  new sqs.Queue(new Stack(app, 'Clean'), 'Queue');
  app.synth();
  return app.outdir;
}

/** An app that names one queue, and records no suffix. */
function namedApp(stack = 'Named', queueName = 'orders'): string {
  const app: App = newApp();
  new sqs.Queue(new Stack(app, stack), 'Queue', { queueName });
  app.synth();
  return app.outdir;
}

const json = async (args: string[]): Promise<JsonReport> => JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
const identity = (f: Pick<Finding, 'ruleId' | 'path' | 'logicalId' | 'severity' | 'message'> & { acknowledgement?: { reason: string } }) =>
  `${f.ruleId} ${f.severity} ${f.path} ${f.logicalId} ${f.acknowledgement?.reason ?? '-'} ${f.message}`;

beforeAll(() => {
  requireCompiledCli();
  cdk = cdkApp();
  tf = tfApp();
  clean = cleanApp();
});

describe('findings on real apps', () => {
  test('GIVEN an aws-cdk-lib app with a nested stack and a Lambda asset WHEN checking cdk.out THEN the findings are those of the in-app checks', async () => {
    // WHEN
    const report = await json(['check', cdk.outdir]);
    // THEN
    expect(report.findings.map(identity).sort()).toEqual(cdk.inApp.map(identity).sort());
    expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['lambda-sdk-v2-runtime', 'physical-name-suffix', 'log-retention']));
  });

  test('GIVEN a cdktf app with a TerraformAsset WHEN checking cdktf.out THEN the findings are those of the in-app checks', async () => {
    const report = await json(['check', tf.outdir]);
    // In-app, a TerraformAsset is read at its source; the CLI reads the archive cdktf wrote into the stack directory.
    const archive = report.findings.find((f) => f.ruleId === 'lambda-sdk-v2-runtime')!.message;
    expect(archive).toMatch(/in the asset ".*\/stacks\/main\/assets\/code\/[0-9A-F]+\/archive\.zip" loads the AWS SDK v2/);
    const samePlace = (f: Finding) => ({ ...f, message: f.message.replace(/in the asset "[^"]*"/, 'in the asset "<asset>"') });
    expect(report.findings.map(samePlace).map(identity).sort()).toEqual(tf.inApp.map(samePlace).map(identity).sort());
    expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['lambda-sdk-v2-runtime', 'physical-name-suffix', 'local-backend']));
  });

  test('GIVEN a nested stack WHEN checking THEN its findings name the nested stack by construct path, with its template', async () => {
    const report = await json(['check', cdk.outdir]);
    const nested = report.findings.find((f) => f.path === 'Main/Network/NestedDetector');
    expect(nested).toMatchObject({ ruleId: 'guardduty-detector', stack: 'Main/Network', logicalId: 'NestedDetector', severity: 'error' });
    expect(nested?.file).toMatch(/MainNetwork[0-9A-F]+\.nested\.template\.json$/);
    expect(nested?.acknowledgement).toBeUndefined();
  });

  test('GIVEN only the parent template file WHEN checking it THEN the manifest beside it supplies paths, acknowledgements and nested stacks', async () => {
    const report = await json(['check', path.join(cdk.outdir, 'Main.template.json')]);
    expect(report.findings.map(identity).sort()).toEqual(cdk.inApp.map(identity).sort());
  });
});

describe('acknowledgements', () => {
  test('GIVEN SafePatterns.acknowledge and Validations.of().acknowledge in an aws-cdk-lib app WHEN checking THEN both are honoured and the text shows each reason', async () => {
    // WHEN
    const run = await runCli(['check', cdk.outdir]);
    // THEN
    const out = lines(run.stdout);
    const detector = out.findIndex((l) => /^ {2}acknowledged +guardduty-detector Main\/Detector$/.test(l));
    expect(detector).toBeGreaterThan(-1);
    expect(out[detector + 3]).toBe('    Acknowledged: this is the account baseline stack (SafePatterns.acknowledge on Main/Detector)');
    const retain = out.findIndex((l) => /^ {2}acknowledged +retain-on-delete Main\/Logs\/Resource/.test(l));
    expect(out[retain + 3]).toBe('    Acknowledged: log buckets outlive the stack on purpose (Validations.of().acknowledge on Main)');
  });

  test('GIVEN an acknowledged finding WHEN it is the only error THEN it does not fail the run', async () => {
    const report = await json(['check', cdk.outdir, '--rule', 'physical-name-suffix=off', '--rule', 'lambda-sdk-v2-runtime=off', '--rule', 'guardduty-detector=warning']);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.acknowledgement?.source])).toEqual([['retain-on-delete', 'native']]);
    expect((await runCli(['check', cdk.outdir, '--rule', 'physical-name-suffix=off', '--rule', 'lambda-sdk-v2-runtime=off', '--rule', 'guardduty-detector=warning'])).code).toBe(0);
  });

  test('GIVEN SafePatterns.acknowledge and tf.EnvironmentSuffix in a cdktf app WHEN synthesizing THEN cdk.tf.json records both under //.metadata', () => {
    expect(tfJson(tf.outdir)['//'].metadata['cdk-safe-patterns']).toEqual({
      acknowledgements: [{ scope: 'main/detector', ruleId: 'guardduty-detector', reason: 'this is the account baseline stack', source: 'safe-patterns' }],
      environmentSuffixes: [SUFFIX],
    });
  });

  test('GIVEN the recorded cdktf acknowledgement WHEN checking cdktf.out THEN the finding is acknowledged with its reason', async () => {
    const report = await json(['check', tf.outdir]);
    expect(report.findings.find((f) => f.ruleId === 'guardduty-detector')?.acknowledgement).toEqual({
      scope: 'main/detector',
      ruleId: 'guardduty-detector',
      reason: 'this is the account baseline stack',
      source: 'safe-patterns',
    });
    expect(report.summary.acknowledged).toBe(1);
  });
});

describe('options', () => {
  test('GIVEN text output WHEN checking both apps THEN findings are grouped by stack with their file, and a summary line ends it', async () => {
    const run = await runCli(['check', cdk.outdir, tf.outdir]);
    const out = lines(run.stdout);
    const headers = out.filter((l) => !l.startsWith(' '));
    expect(headers.slice(0, -1)).toEqual([
      expect.stringMatching(/^Main {2}.*Main\.template\.json$/),
      expect.stringMatching(/^Main\/Network {2}.*\.nested\.template\.json$/),
      expect.stringMatching(/^main {2}.*stacks\/main\/cdk\.tf\.json$/),
    ]);
    expect(out[out.length - 1]).toBe('5 errors, 5 warnings, 3 acknowledged in 3 stacks (14 resources): failed (--fail-on error)');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });

  test('GIVEN --format json WHEN checking THEN the report has the in-app report format, with the CLI failure verdict', async () => {
    const report = await json(['check', cdk.outdir, tf.outdir]);
    expect(report.tool.name).toBe('cdk-safe-patterns');
    expect(report.engine).toBe('cloudformation+terraform');
    expect(report.summary).toEqual({ errors: 5, warnings: 5, acknowledged: 3, failed: true });
    expect(report.rules.map((r) => r.id)).toEqual(CATALOGUE.map((r) => r.metadata.id));
    expect(report.problems).toEqual([]);
  });

  test('GIVEN --format sarif WHEN checking THEN the log is valid SARIF 2.1.0 with acknowledgements as suppressions', async () => {
    // WHEN
    const run = await runCli(['check', cdk.outdir, tf.outdir, '--format', 'sarif']);
    // THEN
    const sarif = JSON.parse(run.stdout);
    expect(sarif).toBeValidSarifLog();
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(13);
    const suppressed = results.filter((r: any) => r.suppressions);
    expect(suppressed.map((r: any) => r.suppressions[0].justification).sort()).toEqual([
      'log buckets outlive the stack on purpose',
      'this is the account baseline stack',
      'this is the account baseline stack',
    ]);
    expect(results.find((r: any) => r.ruleId === 'lambda-sdk-v2-runtime').locations[0].logicalLocations[0].fullyQualifiedName).toBe('Main/Thumbnailer/Resource');
    expect(sarif.runs[0].originalUriBaseIds.OUTDIR.uri).toMatch(/^file:\/\/.*\/$/);
    expect(run.code).toBe(1);
  });

  test('GIVEN --format markdown WHEN checking THEN a heading with the summary and one table per stack', async () => {
    const run = await runCli(['check', cdk.outdir, '--format', 'markdown']);
    const out = lines(run.stdout);
    expect(out[0]).toBe('## cdk-safe-patterns: 3 errors, 2 warnings, 2 acknowledged in 2 stacks (8 resources): failed (--fail-on error)');
    expect(out.filter((l) => l.startsWith('### '))).toEqual([expect.stringMatching(/^### `Main` \(`.*Main\.template\.json`\)$/), expect.stringMatching(/^### `Main\/Network` /)]);
    expect(out.filter((l) => l === '| Severity | Rule | Resource | Finding | Fix |')).toHaveLength(2);
    expect(out).toContainEqual(expect.stringMatching(/^\| acknowledged \(error\): this is the account baseline stack \| `guardduty-detector` \| `Main\/Detector` \| /));
    expect(out).toContainEqual(expect.stringMatching(/^\| \*\*error\*\* \| `physical-name-suffix` \| `Main\/Logs\/Resource` \| BucketName "logs" does not contain/));
  });

  test('GIVEN --output FILE WHEN checking THEN the report goes to the file (directories created), stdout stays empty, stderr says where', async () => {
    const file = path.join(tempDir(), 'reports', 'out.sarif');
    const run = await runCli(['check', cdk.outdir, '--format', 'sarif', '--output', file]);
    expect(run.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toBeValidSarifLog();
    expect(run.stderr).toBe(`cdk-safe-patterns: wrote sarif to ${file}: 3 errors, 2 warnings, 2 acknowledged in 2 stacks (8 resources): failed (--fail-on error)\n`);
    expect(run.code).toBe(1);
  });

  test('GIVEN --suffix WHEN it differs from the suffix the app recorded THEN names are judged against --suffix', async () => {
    const recorded = await json(['check', cdk.outdir]);
    const other = await json(['check', cdk.outdir, '--suffix', 'qa1']);
    const names = (r: JsonReport) => r.findings.filter((f) => f.ruleId === 'physical-name-suffix').map((f) => f.path).sort();
    expect(names(recorded)).toEqual(['Main/Logs/Resource']);
    expect(names(other)).toEqual(['Main/Data/Resource', 'Main/Logs/Resource']);
    expect(other.findings.find((f) => f.path === 'Main/Data/Resource')?.message).toBe(`BucketName "data-${SUFFIX}" does not contain the environment suffix "qa1".`);
  });

  test('GIVEN no --suffix and nothing recorded WHEN ENVIRONMENT_SUFFIX is set THEN it is used; WHEN nothing is set THEN a stack that names nothing passes', async () => {
    const withVariable = JSON.parse((await runCli(['check', clean, '--format', 'json'], { env: { ENVIRONMENT_SUFFIX: 'dev' } })).stdout) as JsonReport;
    expect(withVariable.findings).toEqual([]);
    const run = await runCli(['check', clean, '--format', 'json']);
    expect((JSON.parse(run.stdout) as JsonReport).findings).toEqual([]);
    expect(run.code).toBe(0);
  });

  test('GIVEN no suffix anywhere WHEN two inputs hold explicit names THEN one error, once per run, at the first name', async () => {
    const named = namedApp();
    const run = await runCli(['check', named, namedApp('Other', 'payments'), '--format', 'json']);
    const report = JSON.parse(run.stdout) as JsonReport;
    const missing = report.findings.filter((f) => f.ruleId === 'physical-name-suffix');
    expect(missing.map((f) => [f.severity, f.path, f.location])).toEqual([['error', 'Named/Queue/Resource', 'Properties/QueueName']]);
    expect(missing[0].message).toMatch(/^QueueName "orders" cannot be checked for an environment suffix\. No environment suffix is set: no --suffix, .* records no EnvironmentSuffix, and ENVIRONMENT_SUFFIX is not set\. Pass --suffix/);
    expect(run.code).toBe(1);
    expect((await runCli(['check', named, '--rule', 'physical-name-suffix=off'])).code).toBe(0);
  });

  test('GIVEN --rule ID=SEVERITY WHEN checking THEN the rule is re-levelled or switched off', async () => {
    const report = await json(['check', cdk.outdir, '--rule', 'log-retention=error', '--rule', 'lambda-sdk-v2-runtime=off']);
    expect(report.findings.find((f) => f.ruleId === 'log-retention')?.severity).toBe('error');
    expect(report.findings.some((f) => f.ruleId === 'lambda-sdk-v2-runtime')).toBe(false);
    expect(report.rules.find((r) => r.id === 'log-retention')?.severity).toBe('error');
  });

  test('GIVEN only warnings WHEN --fail-on is error, warning or none THEN the exit code is 0, 1, 0', async () => {
    const onlyWarnings = ['check', cdk.outdir, '--rule', 'physical-name-suffix=off', '--rule', 'lambda-sdk-v2-runtime=off', '--rule', 'guardduty-detector=off'];
    const [error, warning, none] = await Promise.all(['error', 'warning', 'none'].map((level) => runCli([...onlyWarnings, '--fail-on', level])));
    expect([error.code, warning.code, none.code]).toEqual([0, 1, 0]);
    expect(lines(warning.stdout).pop()).toBe('0 errors, 2 warnings, 1 acknowledged in 2 stacks (8 resources): failed (--fail-on warning)');
    expect(lines(error.stdout).pop()).toBe('0 errors, 2 warnings, 1 acknowledged in 2 stacks (8 resources): passed');
  });

  test('GIVEN errors WHEN --fail-on none THEN the exit code is 0 and the report still lists them', async () => {
    const run = await runCli(['check', cdk.outdir, '--fail-on', 'none', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary).toEqual({ errors: 3, warnings: 2, acknowledged: 2, failed: false });
  });

  test('GIVEN a clean app WHEN checking THEN exit code 0 and a passing summary', async () => {
    const run = await runCli(['check', clean, '--suffix', 'dev']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('0 errors, 0 warnings, 0 acknowledged in 1 stack (1 resource): passed\n');
  });

  test('GIVEN --list-rules WHEN listing in each format THEN every rule appears with severity and engines', async () => {
    const [text, asJson, markdown] = await Promise.all([
      runCli(['--list-rules']),
      runCli(['--list-rules', '--format', 'json', '--rule', 'log-retention=off']),
      runCli(['check', '--list-rules', '--format', 'markdown']),
    ]);
    expect(lines(text.stdout)[0]).toMatch(/^physical-name-suffix +error +cfn\+tf +Physical names carry the environment suffix$/);
    expect(lines(text.stdout)).toContainEqual(expect.stringMatching(/^local-backend +warning +tf +/));
    const rules = JSON.parse(asJson.stdout);
    expect(rules.map((r: any) => r.id)).toEqual(CATALOGUE.map((r) => r.metadata.id));
    expect(rules.find((r: any) => r.id === 'log-retention')).toMatchObject({ severity: 'off', defaultSeverity: 'warning', engines: ['cloudformation', 'terraform'] });
    expect(lines(markdown.stdout).slice(0, 3)).toEqual(['| Rule | Severity | Engines | Title |', '|---|---|---|---|', '| `physical-name-suffix` | error | CloudFormation, Terraform | Physical names carry the environment suffix |']);
    expect([text.code, asJson.code, markdown.code]).toEqual([0, 0, 0]);
  });

  test('GIVEN --explain ID WHEN explaining THEN why, fix, lesson and both engines\' examples are shown', async () => {
    const rule = CATALOGUE.find((r) => r.metadata.id === 'retain-on-delete')!.metadata;
    const [text, asJson] = await Promise.all([runCli(['--explain', 'retain-on-delete']), runCli(['--explain', 'retain-on-delete', '--format', 'json'])]);
    expect(text.stdout).toContain(`Why: ${rule.why}`);
    expect(text.stdout).toContain(`Fix: ${rule.fix}`);
    expect(lines(text.stdout).filter((l) => /^(Non-compliant|Compliant) \(/.test(l))).toEqual([
      'Non-compliant (CloudFormation):',
      'Compliant (CloudFormation):',
      'Non-compliant (Terraform):',
      'Compliant (Terraform):',
    ]);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ id: 'retain-on-delete', why: rule.why, engines: ['cloudformation', 'terraform'] });
  });

  test('GIVEN --help and --version WHEN asked THEN usage and the package version, exit code 0', async () => {
    const [help, version] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(help.stdout).toMatch(/^Usage: cdk-safe-patterns check \[PATH\.\.\.\] \[options\]/);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
    expect([help.code, version.code]).toEqual([0, 0]);
  });
});

describe('usage errors: exit code 2, one line and the hint, no stack trace', () => {
  test.each([
    [['check', '--format', 'xml'], 'cdk-safe-patterns: --format "xml" is not one of text, json, sarif, markdown'],
    [['check', '--fail-on', 'info'], 'cdk-safe-patterns: --fail-on "info" is not one of error, warning, none'],
    [['check', '--rule', 'log-retention'], 'cdk-safe-patterns: --rule "log-retention" is not ID=SEVERITY, e.g. --rule log-retention=off'],
    [['check', '--rule', 'log-retension=off'], 'cdk-safe-patterns: --rule names an unknown rule "log-retension" (did you mean "log-retention"?): run --list-rules for every id'],
    [['check', '--rule', 'log-retention=fatal'], 'cdk-safe-patterns: --rule log-retention "fatal" is not one of error, warning, off'],
    [['check', '--suffix', 'PR_1'], 'cdk-safe-patterns: --suffix "PR_1" is not a valid environment suffix: use lowercase letters, digits and hyphens, e.g. --suffix pr123'],
    [['check', '--verbose'], "cdk-safe-patterns: Unknown option '--verbose'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--verbose\""],
    [['lint', 'cdk.out'], 'cdk-safe-patterns: unknown command "lint": use "cdk-safe-patterns check [PATH...]"'],
    [[], 'cdk-safe-patterns: no command given: use "cdk-safe-patterns check [PATH...]"'],
    [['--explain', 'retain'], 'cdk-safe-patterns: --explain: unknown rule "retain": run --list-rules for every id'],
    [['--list-rules', '--format', 'sarif'], 'cdk-safe-patterns: --format sarif is for check reports; --list-rules and --explain take text, json or markdown'],
  ])('%j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([message, 'Run "cdk-safe-patterns --help" for usage.']);
  });
});

describe('terminal behaviour', () => {
  test('GIVEN stdout is a pipe WHEN checking THEN the text has no colour codes', async () => {
    const run = await runCli(['check', cdk.outdir]);
    expect(run.stdout).not.toContain(ESC);
  });

  test('GIVEN stdout is a terminal WHEN checking THEN the text is coloured, unless NO_COLOR is set', async () => {
    const [tty, noColour] = await Promise.all([runCliOnTty(['check', cdk.outdir]), runCliOnTty(['check', cdk.outdir], { env: { NO_COLOR: '1' } })]);
    if (!tty || !noColour) throw new Error('util-linux "script" is needed to run the CLI on a pseudo-terminal');
    expect(tty.stdout).toContain(`${ESC}31merror${ESC}39m`);
    expect(tty.stdout).toContain(`${ESC}1mMain${ESC}22m`);
    expect(noColour.stdout).not.toContain(ESC);
    expect(noColour.stdout).toContain('physical-name-suffix');
  });

  test('GIVEN a run longer than the progress threshold WHEN stderr is a pipe THEN one timing line, no live line; WHEN shorter THEN nothing', async () => {
    const [slow, fast] = await Promise.all([
      runCli(['check', cdk.outdir], { env: { CDK_SAFE_PATTERNS_PROGRESS_AFTER_MS: '0' } }),
      runCli(['check', cdk.outdir]),
    ]);
    expect(slow.stderr).toMatch(/^cdk-safe-patterns: checked 2 stacks \(8 resources\) in \d+\.\d s\n$/);
    expect(fast.stderr).toBe('');
  });

  test('GIVEN a run longer than the progress threshold WHEN stderr is a terminal THEN a live progress line is drawn and erased', async () => {
    const run = await runCliOnTty(['check', cdk.outdir, tf.outdir, '--format', 'json'], { env: { CDK_SAFE_PATTERNS_PROGRESS_AFTER_MS: '0' } });
    expect(run?.stdout).toMatch(/\r\x1b\[2Kcdk-safe-patterns: (reading \d+ files|checking \d\/3 stacks) \(\d+\.\d s\)/);
    expect(run?.stdout).toMatch(/\r\x1b\[2Kcdk-safe-patterns: checked 3 stacks \(14 resources\) in \d+\.\d s/);
  });

  test('GIVEN the compiled CLI WHEN it is loaded THEN neither aws-cdk-lib, cdktf nor the provider is required (start-up cost)', () => {
    const script = `require(${JSON.stringify(path.join(path.dirname(CLI), '..', 'lib', 'cli', 'main.js'))});` +
      'console.log(JSON.stringify(Object.keys(require.cache).filter((m) => /node_modules[\\\\/](aws-cdk-lib|cdktf|@cdktf)[\\\\/]/.test(m))));';
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))).toEqual([]);
  });
});
