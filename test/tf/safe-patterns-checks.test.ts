import '@microsoft/jest-sarif';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Aspects, AssetType, S3Backend, TerraformAsset, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { newTfApp, synthTfWithChecks } from './helpers';
import { canValidate, pinAwsToMirror, reportValidateSkip, terraformValidate } from './terraform-cli';
import { RuleSeverity, SafePatterns, tf } from '../../src';
import { evaluate } from '../../src/core/engine/evaluate';
import { openCode } from '../../src/core/rules/shared/lambda-code';

const ONLY = (...ids: string[]) => Object.fromEntries(SafePatterns.ruleIds().filter((id) => !ids.includes(id)).map((id) => [id, RuleSeverity.OFF]));

/** Runs `fn` and returns what it wrote on stderr. */
function stderrOf(fn: () => void): { stderr: string; error?: Error } {
  let stderr = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    stderr += String(chunk);
    return true;
  });
  let error: Error | undefined;
  try {
    fn();
  } catch (e) {
    error = e as Error;
  } finally {
    spy.mockRestore();
  }
  return { stderr, error };
}

function remoteStack(app: ReturnType<typeof newTfApp>, id = 'stack'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new S3Backend(stack, { bucket: 'tf-state-pr123', key: `pr123/${id}.tfstate`, region: 'us-east-1', encrypt: true });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
  return stack;
}

describe('tf.SafePatternsChecks without an environment suffix', () => {
  function withoutSuffix(body: () => void): void {
    const previous = process.env.ENVIRONMENT_SUFFIX;
    delete process.env.ENVIRONMENT_SUFFIX;
    try {
      body();
    } finally {
      if (previous !== undefined) process.env.ENVIRONMENT_SUFFIX = previous;
    }
  }

  test('GIVEN two stacks with explicit names WHEN synthesizing THEN one error, once for the app, at the first name', () => {
    withoutSuffix(() => {
      const app = newTfApp();
      new SqsQueue(remoteStack(app, 'one'), 'q', { name: 'orders' });
      new SqsQueue(remoteStack(app, 'two'), 'q', { name: 'payments' });
      tf.SafePatternsChecks.applyTo(app, { ruleSeverities: ONLY('physical-name-suffix') });
      let message = '';
      try {
        app.synth();
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.match(/\[physical-name-suffix\]/g)).toHaveLength(1);
      expect(message).toMatch(/one\/q \[physical-name-suffix\] name "orders" cannot be checked for an environment suffix\. No environment suffix is set/);
    });
  });

  test('GIVEN a stack that names nothing WHEN synthesizing THEN it passes', () => {
    withoutSuffix(() => {
      const app = newTfApp();
      new SqsQueue(remoteStack(app), 'q', { namePrefix: 'orders-' });
      tf.SafePatternsChecks.applyTo(app, { ruleSeverities: ONLY('physical-name-suffix') });
      expect(() => app.synth()).not.toThrow();
    });
  });
});

describe('tf.SafePatternsChecks.applyTo', () => {
  test('GIVEN a stack created after applyTo WHEN synthesizing THEN app.synth() throws one line per finding: path, rule id, what, fix', () => {
    // GIVEN the checks applied before any stack exists
    const app = newTfApp();
    tf.SafePatternsChecks.applyTo(app, { environmentSuffix: 'pr123' });
    const stack = remoteStack(app);
    new GuarddutyDetector(stack, 'detector', { enable: true });
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/\n {2}stack\/detector \[guardduty-detector\] The stack creates a GuardDuty detector \(aws_guardduty_detector\).* Fix: Remove the detector/);
  });

  test('GIVEN two stacks WHEN synthesizing THEN each gets its own report beside its cdk.tf.json', () => {
    const app = newTfApp();
    new SqsQueue(remoteStack(app, 'one'), 'q', { name: 'one-pr123' });
    new SqsQueue(remoteStack(app, 'two'), 'q', { name: 'two' });
    const { error, outdir } = synthTfWithChecks(app, { ruleSeverities: ONLY('physical-name-suffix') }, 'one');
    expect(error?.message).toContain('two/q [physical-name-suffix] name "two" does not contain the environment suffix "pr123".');
    const read = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'safe-patterns-report.json'), 'utf8'));
    expect(read('one').findings).toEqual([]);
    expect(read('two').findings.map((f: any) => [f.ruleId, f.path, f.file])).toEqual([['physical-name-suffix', 'two/q', 'cdk.tf.json']]);
  });

  test('GIVEN applyTo WHEN synthesizing THEN the checks read the written cdk.tf.json instead of rendering the stack again', () => {
    // GIVEN a stack whose written cdk.tf.json is what the checks must judge
    const app = newTfApp();
    tf.SafePatternsChecks.applyTo(app, { environmentSuffix: 'pr123', ruleSeverities: ONLY('physical-name-suffix') });
    new SqsQueue(remoteStack(app), 'q', { name: 'orders-pr123' });
    const render = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    try {
      // WHEN
      app.synth();
      // THEN cdktf rendered the stack once, to write it; the checks rendered nothing
      expect(render).toHaveBeenCalledTimes(1);
    } finally {
      render.mockRestore();
    }
  });

  test('GIVEN the deprecated DynamoDB lock table WHEN synthesizing THEN s3-backend-lockfile fails the stack', () => {
    const app = newTfApp();
    const stack = new TerraformStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new S3Backend(stack, { bucket: 'tf-state', key: 'pr123/stack.tfstate', dynamodbTable: 'terraform-state-lock' });
    const { error } = synthTfWithChecks(app, { ruleSeverities: ONLY('s3-backend-lockfile') });
    expect(error?.message).toContain('stack [s3-backend-lockfile] The S3 backend names the deprecated lock table dynamodb_table "terraform-state-lock".');
  });
});

describe('tf.SafePatternsChecks as an Aspect on one stack', () => {
  test('GIVEN the aspect on a stack WHEN synthesizing THEN the stack validation fails with the finding', () => {
    const app = newTfApp();
    const stack = remoteStack(app);
    new S3Bucket(stack, 'data', { bucket: 'data' });
    Aspects.of(stack).add(new tf.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY('physical-name-suffix') }));
    expect(() => app.synth()).toThrow(/\[stack\] stack\/data \[physical-name-suffix\] bucket "data" does not contain the environment suffix "pr123"/);
  });

  test('GIVEN the aspect on a stack WHEN app.synth() THEN the stack is rendered once, by cdktf, and the checks judge what it wrote', () => {
    // GIVEN a stack that passes, so the synth completes
    const app = newTfApp();
    const stack = remoteStack(app);
    new SqsQueue(stack, 'q', { name: 'orders-pr123' });
    Aspects.of(stack).add(new tf.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY('physical-name-suffix') }));
    const render = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    try {
      // WHEN
      app.synth();
      // THEN one render, the write's
      expect(render).toHaveBeenCalledTimes(1);
    } finally {
      render.mockRestore();
    }
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'stack', 'safe-patterns-report.json'), 'utf8'));
    expect(report.summary).toEqual({ errors: 0, warnings: 0, acknowledged: 0, failed: false });
  });

  test('GIVEN the aspect on two failing stacks WHEN app.synth() THEN one error names both, each line under its stack, and no manifest is written', () => {
    // GIVEN
    const app = newTfApp();
    const checks = new tf.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY('physical-name-suffix') });
    for (const id of ['one', 'two']) {
      const stack = remoteStack(app, id);
      new SqsQueue(stack, 'q', { name: `${id}-queue` });
      Aspects.of(stack).add(checks);
    }
    // WHEN
    const { error } = stderrOf(() => app.synth());
    // THEN
    const lines = error?.message.split('\n') ?? [];
    expect(lines[0]).toBe('Validation failed with the following errors:');
    expect(lines[1]).toMatch(/^ {2}\[one\] one\/q \[physical-name-suffix\] name "one-queue" does not contain the environment suffix "pr123"\. .*Fix: /);
    expect(lines[2]).toMatch(/^ {2}\[two\] two\/q \[physical-name-suffix\] name "two-queue" does not contain the environment suffix "pr123"\. .*Fix: /);
    expect(lines[3]).toBe('');
    expect(fs.existsSync(path.join(app.outdir, 'manifest.json'))).toBe(false);
  });

  test('GIVEN the aspect on a stack WHEN Testing.synth(stack, true) THEN the stack validation renders the stack and fails with the finding', () => {
    // GIVEN nothing is written by Testing.synth: no App validation follows
    const app = Testing.app();
    const stack = remoteStack(app);
    new SqsQueue(stack, 'q', { name: 'orders' });
    Aspects.of(stack).add(new tf.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY('physical-name-suffix'), writeReports: false }));
    // WHEN / THEN
    expect(() => Testing.synth(stack, true)).toThrow(/^Validation failed with the following errors:\n {2}\[stack\] stack\/q \[physical-name-suffix\] name "orders"/);
  });

  test('GIVEN the aspect on a stack WHEN Testing.fullSynth(stack) THEN the finding fails it too', () => {
    const app = Testing.app();
    const stack = remoteStack(app);
    new SqsQueue(stack, 'q', { name: 'orders' });
    Aspects.of(stack).add(new tf.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY('physical-name-suffix'), writeReports: false }));
    expect(() => Testing.fullSynth(stack)).toThrow(/\[stack\] stack\/q \[physical-name-suffix\] name "orders"/);
  });
});

describe('what the checks read', () => {
  test('GIVEN an override that renames a bucket WHEN synthesizing THEN the override is seen', () => {
    const app = newTfApp();
    const bucket = new S3Bucket(remoteStack(app), 'data', { bucket: 'data-pr123' });
    bucket.addOverride('bucket', 'data');
    const { report } = synthTfWithChecks(app, { ruleSeverities: ONLY('physical-name-suffix') });
    expect(report.findings.map((f) => [f.ruleId, f.message])).toEqual([['physical-name-suffix', 'bucket "data" does not contain the environment suffix "pr123".']]);
  });

  test('GIVEN a name from a TerraformVariable WHEN synthesizing THEN it is judged as a reference', () => {
    const app = newTfApp();
    const stack = remoteStack(app);
    const suffix = new TerraformVariable(stack, 'suffix', { type: 'string' });
    new S3Bucket(stack, 'data', { bucket: `data-${suffix.stringValue}` });
    const { report } = synthTfWithChecks(app, { ruleSeverities: ONLY('physical-name-suffix', 'name-length', 'hardcoded-environment-name') });
    expect(report.findings).toEqual([]);
  });

  test.each([
    ['a boolean written as "true"', 'true', []],
    ['a boolean written as true', true, []],
    ['"false"', 'false', ['encryption-at-rest']],
  ])('GIVEN at_rest_encryption_enabled as %s through an override WHEN synthesizing THEN it is read as a boolean', (_, value, expected) => {
    const app = newTfApp();
    const group = new ElasticacheReplicationGroup(remoteStack(app), 'cache', {
      replicationGroupId: 'cache-pr123',
      description: 'cache',
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    group.addOverride('at_rest_encryption_enabled', value);
    const { report } = synthTfWithChecks(app, { ruleSeverities: ONLY('encryption-at-rest') });
    expect(report.findings.map((f) => f.ruleId)).toEqual(expected);
  });

  test.each([
    ['an object', { prevent_destroy: true }],
    ['a single block written as a list', [{ prevent_destroy: 'true' }]],
  ])('GIVEN lifecycle written as %s WHEN synthesizing THEN prevent_destroy is seen', (_, lifecycle) => {
    const app = newTfApp();
    const queue = new SqsQueue(remoteStack(app), 'q', { name: 'q-pr123' });
    queue.addOverride('lifecycle', lifecycle);
    const { report } = synthTfWithChecks(app, { ruleSeverities: ONLY('retain-on-delete') });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['retain-on-delete']);
  });

  test.each([
    ['index.handler', []],
    ['missing.handler', ['lambda-package-path']],
  ])('GIVEN a TerraformAsset archive and handler %s WHEN synthesizing THEN the handler is looked up in the asset', (handler, expected) => {
    const app = newTfApp();
    const stack = remoteStack(app);
    const asset = new TerraformAsset(stack, 'code', { path: path.join(__dirname, 'fixtures', 'handler'), type: AssetType.ARCHIVE });
    const role = new IamRole(stack, 'role', {
      name: 'fn-pr123',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    new LambdaFunction(stack, 'fn', {
      functionName: 'fn-pr123',
      role: role.arn,
      runtime: 'nodejs22.x',
      handler,
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
    });
    const { report } = synthTfWithChecks(app, { ruleSeverities: ONLY('lambda-package-path', 'lambda-sdk-v2-runtime') });
    expect(report.findings.map((f) => f.ruleId)).toEqual(expected);
  });
});

describe('acknowledgements and reports on cdktf', () => {
  test('GIVEN SafePatterns.acknowledge on a cdktf resource WHEN synthesizing THEN it passes and the report keeps the reason in valid SARIF', () => {
    // GIVEN
    const app = newTfApp();
    const detector = new GuarddutyDetector(remoteStack(app), 'detector', { enable: true });
    SafePatterns.acknowledge(detector, 'guardduty-detector', 'baseline stack owns the detector');
    // WHEN
    const { error, report, outdir } = synthTfWithChecks(app, { ruleSeverities: ONLY('guardduty-detector') });
    // THEN
    expect(error).toBeUndefined();
    expect(report.findings.map((f) => [f.path, f.acknowledgement?.reason])).toEqual([['stack/detector', 'baseline stack owns the detector']]);
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'stack', 'safe-patterns-report.sarif'), 'utf8'));
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].results[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'baseline stack owns the detector' }]);
  });

  test('GIVEN an empty reason on a cdktf scope WHEN acknowledging THEN it throws naming the construct', () => {
    const stack = remoteStack(newTfApp());
    expect(() => SafePatterns.acknowledge(stack, 'local-backend', '')).toThrow(/^stack: The acknowledgement of "local-backend" has no reason/);
  });
});

// terraform validate proves the checks leave output Terraform accepts (skipped, with a message,
// where the binary or the provider mirror is absent: see terraform-cli.ts).
reportValidateSkip('terraform validate test');

(canValidate ? test : test.skip)('GIVEN a clean stack checked by tf.SafePatternsChecks WHEN terraform validate runs THEN Terraform accepts it', () => {
  // GIVEN a clean stack, synthesized with the checks applied
  const app = newTfApp();
  const stack = remoteStack(app);
  new SqsQueue(stack, 'orders', { name: 'orders-pr123' });
  pinAwsToMirror(stack);
  const { error, outdir } = synthTfWithChecks(app);
  expect(error).toBeUndefined();
  // WHEN
  const result = terraformValidate(path.join(outdir, 'stacks', 'stack'));
  // THEN
  expect(result.initStatus).toBe(0);
  expect(result.output).toContain('Success! The configuration is valid.');
  expect(result.status).toBe(0);
});

describe('warnings on cdktf', () => {
  test('GIVEN a warning finding WHEN synthesizing THEN it is attached to its construct as a cdktf warning annotation', () => {
    // GIVEN a stack with cdktf's default local backend (local-backend is a warning)
    const app = newTfApp();
    const stack = new TerraformStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new SqsQueue(stack, 'q', { name: 'q-pr123' });
    // WHEN
    const { error } = synthTfWithChecks(app, { ruleSeverities: ONLY('local-backend') });
    // THEN
    expect(error).toBeUndefined();
    const warnings = stack.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^\[local-backend\] The stack uses the local backend: .* Fix: Configure a remote backend/)]);
  });
});

describe('what a person sees on the console with cdktf', () => {
  function localBackendStack(app: ReturnType<typeof newTfApp>): TerraformStack {
    const stack = new TerraformStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new SqsQueue(stack, 'q', { name: 'q-pr123' });
    return stack;
  }

  test('GIVEN applyTo and a warning only (a local backend) WHEN synthesizing THEN the synth succeeds and stderr shows the warning, one line', () => {
    // GIVEN
    const app = newTfApp();
    localBackendStack(app);
    tf.SafePatternsChecks.applyTo(app, { environmentSuffix: 'pr123', ruleSeverities: ONLY('local-backend') });
    // WHEN
    const { stderr, error } = stderrOf(() => app.synth());
    // THEN
    expect(error).toBeUndefined();
    expect(stderr).toMatch(/^tf\.SafePatternsChecks: 1 warning \(they do not fail synthesis\):\n {2}stack \[local-backend\] The stack uses the local backend: [^\n]* Fix: Configure a remote backend[^\n]*\n$/);
    // and the report keeps it
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'stack', 'safe-patterns-report.json'), 'utf8'));
    expect(report.summary).toEqual({ errors: 0, warnings: 1, acknowledged: 0, failed: false });
  });

  test('GIVEN applyTo, an error and a warning WHEN synthesizing THEN the error is thrown in its line and the warning is on stderr in the same form', () => {
    const app = newTfApp();
    new GuarddutyDetector(localBackendStack(app), 'detector', { enable: true });
    tf.SafePatternsChecks.applyTo(app, { environmentSuffix: 'pr123', ruleSeverities: ONLY('local-backend', 'guardduty-detector') });
    const { stderr, error } = stderrOf(() => app.synth());
    expect(error?.message).toMatch(/^App-level validation failed with the following errors:\n {2}stack\/detector \[guardduty-detector\] The stack creates a GuardDuty detector [^\n]* Fix: /);
    expect(error?.message).not.toContain('local-backend');
    expect(stderr).toMatch(/^tf\.SafePatternsChecks: 1 warning \(they do not fail synthesis\):\n {2}stack \[local-backend\] The stack uses the local backend: /);
  });

  test('GIVEN applyTo and an acknowledged warning WHEN synthesizing THEN nothing is printed', () => {
    const app = newTfApp();
    const stack = localBackendStack(app);
    SafePatterns.acknowledge(stack, 'local-backend', 'throwaway sandbox');
    tf.SafePatternsChecks.applyTo(app, { environmentSuffix: 'pr123', ruleSeverities: ONLY('local-backend') });
    const { stderr, error } = stderrOf(() => app.synth());
    expect(error).toBeUndefined();
    expect(stderr).toBe('');
  });

  test('GIVEN the aspect on a stack with an error and a warning WHEN synthesizing THEN the error is thrown and the warning is printed on stderr', () => {
    // GIVEN
    const app = newTfApp();
    const stack = localBackendStack(app);
    new S3Bucket(stack, 'data', { bucket: 'data' });
    Aspects.of(stack).add(new tf.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY('local-backend', 'physical-name-suffix') }));
    // WHEN
    const { error, stderr } = stderrOf(() => app.synth());
    // THEN
    expect(error?.message).toMatch(/^Validation failed with the following errors:\n {2}\[stack\] stack\/data \[physical-name-suffix\] bucket "data" does not contain the environment suffix "pr123"\./);
    // No manifest is written when the synth fails: the warning is printed.
    expect(stderr).toMatch(/^tf\.SafePatternsChecks: 1 warning \(they do not fail synthesis\):\n {2}stack \[local-backend\] The stack uses the local backend: /);
    const warnings = stack.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^\[local-backend\] The stack uses the local backend: /)]);
  });

  test('GIVEN the aspect on a stack with a warning only WHEN synthesizing THEN the manifest the cdktf CLI prints carries it', () => {
    const app = newTfApp();
    localBackendStack(app);
    Aspects.of(app.node.findChild('stack')).add(new tf.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY('local-backend') }));
    const { error, stderr } = stderrOf(() => app.synth());
    expect(error).toBeUndefined();
    // The cdktf CLI prints the manifest's annotations; the checks print nothing of their own.
    expect(stderr).toBe('');
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.stack.annotations.map((a: any) => [a.level, a.constructPath, a.message])).toEqual([
      ['@cdktf/warn', 'stack', expect.stringMatching(/^\[local-backend\] The stack uses the local backend: .* Fix: /)],
    ]);
  });
});

describe('asset directories shared by many functions', () => {
  function appWithFunctions(sourceDir: string, count: number) {
    const app = newTfApp();
    const stack = remoteStack(app);
    const asset = new TerraformAsset(stack, 'code', { path: sourceDir, type: AssetType.ARCHIVE });
    const role = new IamRole(stack, 'role', {
      name: 'fn-pr123',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    for (let i = 0; i < count; i++) {
      new LambdaFunction(stack, `fn${i}`, { functionName: `fn${i}-pr123`, role: role.arn, runtime: 'nodejs22.x', handler: 'index.handler', filename: asset.path, sourceCodeHash: asset.assetHash });
    }
    return app;
  }

  test('GIVEN one source directory shared by functions WHEN the rules open it THEN it is opened once per evaluation, and afresh by the next', () => {
    // GIVEN a handler directory
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-handler-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({});');
    // WHEN opened twice in one evaluation, then in the next
    evaluate([], { rules: [] });
    const first = openCode(dir);
    const again = openCode(dir);
    evaluate([], { rules: [] });
    const next = openCode(dir);
    // THEN
    expect(first.status).toBe('ok');
    expect(again).toBe(first);
    expect(next).not.toBe(first);
  });

  test('GIVEN six functions sharing a source directory WHEN the handler file is renamed before the next synth THEN that synth sees it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-handler-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({});');
    const props = { ruleSeverities: ONLY('lambda-package-path', 'lambda-sdk-v2-runtime') };
    const before = stderrFree(() => synthTfWithChecks(appWithFunctions(dir, 6), props));
    expect(before.report.findings).toEqual([]);
    fs.renameSync(path.join(dir, 'index.js'), path.join(dir, 'main.js'));
    const after = stderrFree(() => synthTfWithChecks(appWithFunctions(dir, 2), props));
    expect(after.report.findings.map((f) => [f.ruleId, f.path])).toEqual([['lambda-package-path', 'stack/fn0'], ['lambda-package-path', 'stack/fn1']]);
  });

  function stderrFree<T>(fn: () => T): T {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return fn();
    } finally {
      spy.mockRestore();
    }
  }
});
