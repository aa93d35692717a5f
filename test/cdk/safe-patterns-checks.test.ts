import '@microsoft/jest-sarif';
import * as fs from 'fs';
import * as path from 'path';
import { Aspects, CfnParameter, CfnResource, NestedStack, RemovalPolicy, Stack, Stage, Validations, cx_api as cxapi } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newApp, synthWithChecks } from './helpers';
import { cdk, CheckEngine, IRule, RuleResource, RuleResult, RuleSeverity, SafePatterns } from '../../src';
import { cdkAtLeast, PLUGIN_FAILURE_THROWS_SINCE, pluginReport } from '../helpers/cdk-version';

const ONLY_GUARDDUTY = Object.fromEntries(SafePatterns.ruleIds().filter((id) => id !== 'guardduty-detector').map((id) => [id, RuleSeverity.OFF]));

describe('cdk.SafePatternsChecks as an Aspect', () => {
  test('GIVEN a GuardDuty detector WHEN synthesizing THEN app.synth() throws one line with path, rule id, finding and fix', () => {
    // GIVEN
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new guardduty.CfnDetector(stack, 'Detector', { enable: true });
    // WHEN
    const { error } = synthWithChecks(app);
    // THEN
    expect(error?.message).toMatch(/^Validation failed with the following errors:\n {2}\[Stack\/Detector\] \[guardduty-detector\] The stack creates a GuardDuty detector .* Fix: Remove the detector/);
  });

  test('GIVEN a clean app WHEN synthesizing THEN it does not throw and the report says so', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue', { queueName: 'orders-pr123' });
    const { error, report } = synthWithChecks(app);
    expect(error).toBeUndefined();
    expect(report.summary).toEqual({ errors: 0, warnings: 0, acknowledged: 0, failed: false });
  });

  test('GIVEN an escape hatch WHEN a property override adds a violation THEN the override is seen', () => {
    // GIVEN an L2 queue whose name is overridden at the L1 level
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Queue', { queueName: 'orders-pr123' });
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyOverride('QueueName', 'orders');
    // WHEN
    const { report } = synthWithChecks(app, { ruleSeverities: { 'physical-name-suffix': RuleSeverity.ERROR } });
    // THEN
    expect(report.findings.filter((f) => f.ruleId === 'physical-name-suffix').map((f) => f.path)).toEqual(['Stack/Queue/Resource']);
  });

  test('GIVEN a name built from a CfnParameter WHEN checking THEN it is judged as a reference, not a literal', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const suffix = new CfnParameter(stack, 'Suffix');
    new sqs.Queue(stack, 'Queue', { queueName: `orders-${suffix.valueAsString}` });
    const { report } = synthWithChecks(app);
    expect(report.findings.filter((f) => f.path === 'Stack/Queue/Resource')).toEqual([]);
  });

  test('GIVEN a detector in a nested stack WHEN synthesizing THEN it is found there', () => {
    const app = newApp();
    const nested = new NestedStack(new Stack(app, 'Parent'), 'Child');
    new guardduty.CfnDetector(nested, 'Detector', { enable: true });
    const { error, report } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    expect(error?.message).toContain('[Parent/Child/Detector] [guardduty-detector]');
    expect(report.findings.map((f) => [f.path, f.stack])).toEqual([['Parent/Child/Detector', 'Parent/Child']]);
  });

  test('GIVEN a detector in a Stage WHEN the aspect is on the App THEN it is reported and synthesis fails', () => {
    // GIVEN a stack inside a Stage: aws-cdk-lib neither runs app aspects nor app validations there
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    new guardduty.CfnDetector(new Stack(stage, 'Inner'), 'Detector', { enable: true });
    // WHEN
    const { error, report } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    // THEN
    expect(error?.message).toContain('Prod/Inner/Detector [guardduty-detector]');
    expect(report.findings.map((f) => f.path)).toEqual(['Prod/Inner/Detector']);
    expect(report.findings[0].file).toBe(path.join('assembly-Prod', 'ProdInner12345678.template.json').replace('12345678', report.findings[0].file!.slice(-22, -14)));
  });

  test('GIVEN no environment suffix anywhere WHEN two stacks name queues THEN synthesis fails once, at the first name, naming the three sources', () => {
    const previous = process.env.ENVIRONMENT_SUFFIX;
    delete process.env.ENVIRONMENT_SUFFIX;
    try {
      const app = newApp();
      new sqs.Queue(new Stack(app, 'Stack'), 'Queue', { queueName: 'orders' });
      new sqs.Queue(new Stack(app, 'Other'), 'Queue', { queueName: 'payments' });
      const { error, report } = synthWithChecks(app, { environmentSuffix: undefined, ruleSeverities: { 'physical-name-suffix': RuleSeverity.ERROR } });
      expect(error?.message).toMatch(
        /Stack\/Queue\/Resource\] \[physical-name-suffix\] QueueName "orders" cannot be checked for an environment suffix\. No environment suffix is set.*context key "environmentSuffix".*ENVIRONMENT_SUFFIX.*RuleSeverity.OFF/,
      );
      expect(report.findings.filter((f) => f.ruleId === 'physical-name-suffix').map((f) => f.path)).toEqual(['Stack/Queue/Resource']);
    } finally {
      if (previous !== undefined) process.env.ENVIRONMENT_SUFFIX = previous;
    }
  });

  test('GIVEN no environment suffix anywhere WHEN the app names nothing THEN synthesis passes', () => {
    const previous = process.env.ENVIRONMENT_SUFFIX;
    delete process.env.ENVIRONMENT_SUFFIX;
    try {
      const app = newApp();
      new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
      const { error, report } = synthWithChecks(app, { environmentSuffix: undefined });
      expect(error).toBeUndefined();
      expect(report.findings.filter((f) => f.ruleId === 'physical-name-suffix')).toEqual([]);
    } finally {
      if (previous !== undefined) process.env.ENVIRONMENT_SUFFIX = previous;
    }
  });

  test('GIVEN the suffix only on an EnvironmentSuffix helper WHEN checking THEN the checks use it', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const suffix = new cdk.EnvironmentSuffix(stack, 'Suffix', { environmentSuffix: 'pr9' });
    new sqs.Queue(stack, 'Queue', { queueName: suffix.withSuffix('orders') });
    Aspects.of(app).add(new cdk.SafePatternsChecks());
    expect(() => app.synth()).not.toThrow();
  });
});

describe('cdk.SafePatternsChecks as an Aspect: what a person sees and what it costs', () => {
  test('GIVEN an error and a warning WHEN synthesizing THEN the thrown message lists the error, then the warning, one line each', () => {
    // GIVEN a detector (error) and a retained bucket (warning here)
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new guardduty.CfnDetector(stack, 'Detector', { enable: true });
    new s3.Bucket(stack, 'Data', { bucketName: 'data-pr123', removalPolicy: RemovalPolicy.RETAIN, encryption: s3.BucketEncryption.S3_MANAGED });
    // WHEN
    const { error } = synthWithChecks(app, { ruleSeverities: { 'retain-on-delete': RuleSeverity.WARNING } });
    // THEN
    const lines = error!.message.split('\n');
    expect(lines[0]).toBe('Validation failed with the following errors:');
    expect(lines[1]).toMatch(/^ {2}\[Stack\/Detector\] \[guardduty-detector\] The stack creates a GuardDuty detector .* Fix: /);
    expect(lines[2]).toBe('Warnings of the same run (they do not fail synthesis):');
    expect(lines[3]).toMatch(/^ {2}\[Stack\/Data\/Resource\] \[retain-on-delete\] DeletionPolicy "Retain" .* Fix: /);
    expect(lines).toHaveLength(4);
  });

  test('GIVEN a warning only WHEN synthesizing THEN the synth succeeds and the manifest carries the warning for the CLI to print', () => {
    const app = newApp();
    new s3.Bucket(new Stack(app, 'Stack'), 'Data', { bucketName: 'data-pr123', removalPolicy: RemovalPolicy.RETAIN, encryption: s3.BucketEncryption.S3_MANAGED });
    const { error } = synthWithChecks(app, { ruleSeverities: { 'retain-on-delete': RuleSeverity.WARNING } });
    expect(error).toBeUndefined();
    // Read from disk, as the CDK CLI reads it.
    const assembly = new cxapi.CloudAssembly(app.outdir);
    expect(assembly.getStackArtifact('Stack').messages.map((m) => [m.level, m.id, m.entry.data])).toEqual([
      ['warning', '/Stack/Data/Resource', expect.stringMatching(/^\[retain-on-delete\] DeletionPolicy "Retain" .* \[ack: SafePatterns::retain-on-delete\]$/)],
    ]);
  });

  test('GIVEN errors in two stacks WHEN synthesizing THEN the lines follow the construct tree, as aws-cdk-lib lists its validations', () => {
    const app = newApp();
    const first = new Stack(app, 'First');
    new guardduty.CfnDetector(first, 'B', { enable: true });
    new guardduty.CfnDetector(first, 'A', { enable: true });
    new guardduty.CfnDetector(new Stack(app, 'Second'), 'C', { enable: true });
    const { error } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    expect(error!.message.split('\n').slice(1).map((l) => l.trim().split(' ')[0])).toEqual(['[First/B]', '[First/A]', '[Second/C]']);
  });

  test('GIVEN the checks WHEN synthesizing THEN aws-cdk-lib renders each resource as often as without them (the checks read the written templates)', () => {
    // GIVEN two identical apps, one with the checks
    const build = () => {
      const app = newApp();
      const stack = new Stack(app, 'Stack');
      for (let i = 0; i < 5; i++) new sqs.Queue(stack, `Queue${i}`, { queueName: `q${i}-pr123` });
      return app;
    };
    const render = jest.spyOn(CfnResource.prototype as any, '_toCloudFormation');
    try {
      // WHEN
      build().synth();
      const bare = render.mock.calls.length;
      render.mockClear();
      const { error } = synthWithChecks(build());
      // THEN
      expect(error).toBeUndefined();
      expect(bare).toBeGreaterThan(0);
      expect(render.mock.calls.length).toBe(bare);
    } finally {
      render.mockRestore();
    }
  });

  test('GIVEN the aspect on one stack WHEN synthesizing THEN only that stack is checked', () => {
    const app = newApp();
    const checked = new Stack(app, 'Checked');
    new guardduty.CfnDetector(checked, 'Detector', { enable: true });
    new guardduty.CfnDetector(new Stack(app, 'Other'), 'Detector', { enable: true });
    Aspects.of(checked).add(new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY_GUARDDUTY }));
    expect(() => app.synth()).toThrow(/^Validation failed with the following errors:\n {2}\[Checked\/Detector\] \[guardduty-detector\][^\n]*$/);
  });
});

describe('acknowledgements', () => {
  function appWithDetectors() {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const covered = new guardduty.CfnDetector(stack, 'Covered', { enable: true });
    new guardduty.CfnDetector(stack, 'Open', { enable: true });
    return { app, stack, covered };
  }

  test('GIVEN SafePatterns.acknowledge on one resource WHEN synthesizing THEN only the other fails and the report keeps the reason', () => {
    // GIVEN
    const { app, covered } = appWithDetectors();
    SafePatterns.acknowledge(covered, 'guardduty-detector', 'security account baseline owns this detector');
    // WHEN
    const { error, report } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    // THEN
    expect(error?.message).toContain('[Stack/Open]');
    expect(error?.message).not.toContain('[Stack/Covered]');
    const covering = report.findings.find((f) => f.path === 'Stack/Covered');
    expect(covering?.acknowledgement).toEqual({ scope: 'Stack/Covered', ruleId: 'guardduty-detector', reason: 'security account baseline owns this detector', source: 'safe-patterns' });
    expect(report.summary).toEqual({ errors: 1, warnings: 0, acknowledged: 1, failed: true });
  });

  test('GIVEN an acknowledgement on the stack WHEN synthesizing THEN it covers everything below', () => {
    const { app, stack } = appWithDetectors();
    SafePatterns.acknowledge(stack, 'guardduty-detector', 'this stack is the account baseline');
    const { error, report } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    expect(error).toBeUndefined();
    expect(report.acknowledgements).toEqual([expect.objectContaining({ scope: 'Stack', matched: 2 })]);
  });

  test('GIVEN the native Validations.of(scope).acknowledge WHEN synthesizing THEN it is honoured with its reason', () => {
    const { app, stack } = appWithDetectors();
    Validations.of(stack).acknowledge({ id: 'SafePatterns::guardduty-detector', reason: 'baseline stack' });
    const { error, report } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    expect(error).toBeUndefined();
    expect(report.findings.map((f) => f.acknowledgement?.source)).toEqual(['native', 'native']);
  });

  test.each(['', '   '])('GIVEN the reason %j WHEN acknowledging THEN it throws naming the construct and the fix', (reason) => {
    const { covered } = appWithDetectors();
    expect(() => SafePatterns.acknowledge(covered, 'guardduty-detector', reason)).toThrow(
      /^Stack\/Covered: The acknowledgement of "guardduty-detector" has no reason.*Received: "\s*"\. Fix: say why/,
    );
  });

  test('GIVEN a rule id with the plugin prefix WHEN acknowledging THEN the prefix is accepted', () => {
    const { app, covered } = appWithDetectors();
    SafePatterns.acknowledge(covered, 'SafePatterns::guardduty-detector', 'baseline');
    const { report } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    expect(report.findings.find((f) => f.path === 'Stack/Covered')?.acknowledgement?.ruleId).toBe('guardduty-detector');
  });
});

describe('severities and warnings', () => {
  test('GIVEN retain-on-delete lowered to a warning WHEN synthesizing THEN it is a warning annotation, not a failure', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'Data', { bucketName: 'data-pr123', removalPolicy: RemovalPolicy.RETAIN, encryption: s3.BucketEncryption.S3_MANAGED });
    const { error, report } = synthWithChecks(app, { ruleSeverities: { 'retain-on-delete': RuleSeverity.WARNING } });
    expect(error).toBeUndefined();
    expect(report.findings.filter((f) => f.ruleId === 'retain-on-delete').map((f) => f.severity)).toEqual(['warning']);
    const warnings = app.synth().getStackArtifact('Stack').messages.filter((m) => m.level === 'warning');
    expect(warnings.map((m) => m.entry.data)).toEqual([expect.stringContaining('[retain-on-delete]')]);
  });

  test('GIVEN an unknown rule id in ruleSeverities WHEN constructing THEN the error lists the known ids', () => {
    expect(() => new cdk.SafePatternsChecks({ ruleSeverities: { 'no-such-rule': RuleSeverity.OFF } })).toThrow(
      /SafePatternsChecks: ruleSeverities names an unknown rule "no-such-rule"\. Received: "no-such-rule"\. Fix: use one of: .*guardduty-detector/,
    );
  });

  test.each([-1, 1.5])('GIVEN reservedConcurrencyMaximum %p WHEN constructing THEN it is rejected', (value) => {
    expect(() => new cdk.SafePatternsChecks({ reservedConcurrencyMaximum: value })).toThrow(/reservedConcurrencyMaximum must be a whole number of 0 or more\. Received: /);
  });
});

describe('custom rules', () => {
  class QueueNeedsDlq implements IRule {
    public readonly id = 'queue-needs-dlq';
    public readonly title = 'Queues have a dead-letter queue';
    public readonly fix = 'Set deadLetterQueue on the queue.';
    public readonly defaultSeverity = RuleSeverity.ERROR;
    public readonly engines = [CheckEngine.CLOUDFORMATION];
    public evaluate(resource: RuleResource): RuleResult {
      if (resource.type !== 'AWS::SQS::Queue') return RuleResult.notApplicable();
      return resource.properties.RedrivePolicy ? RuleResult.compliant() : RuleResult.nonCompliant(`Queue ${resource.logicalId} has no RedrivePolicy.`, 'Properties/RedrivePolicy');
    }
  }

  test('GIVEN a TypeScript rule WHEN a queue lacks a DLQ THEN it fails synthesis beside the catalogue', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const dlq = new sqs.Queue(stack, 'Dlq', { queueName: 'orders-dlq-pr123' });
    new sqs.Queue(stack, 'Orders', { queueName: 'orders-pr123', deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const { error, report } = synthWithChecks(app, { additionalRules: [new QueueNeedsDlq()] });
    expect(error?.message).toMatch(/\[Stack\/Dlq\/Resource\] \[queue-needs-dlq\] Queue Dlq[0-9A-F]{8} has no RedrivePolicy\. \(Properties\/RedrivePolicy\) Fix: Set deadLetterQueue/);
    expect(report.findings.filter((f) => f.ruleId === 'queue-needs-dlq').map((f) => f.path)).toEqual(['Stack/Dlq/Resource']);
  });

  test('GIVEN a custom rule with a catalogue id WHEN constructing THEN it is rejected', () => {
    const clash = Object.assign(new QueueNeedsDlq(), { id: 'guardduty-detector' });
    expect(() => new cdk.SafePatternsChecks({ additionalRules: [clash] })).toThrow(/Two rules share the id "guardduty-detector"/);
  });
});

describe('reports', () => {
  test('GIVEN findings and an acknowledgement WHEN synthesizing THEN a valid SARIF 2.1.0 log is written beside the JSON', () => {
    // GIVEN
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const covered = new guardduty.CfnDetector(stack, 'Covered', { enable: true });
    new guardduty.CfnDetector(stack, 'Open', { enable: true });
    SafePatterns.acknowledge(covered, 'guardduty-detector', 'baseline');
    // WHEN
    const { outdir } = synthWithChecks(app, { ruleSeverities: ONLY_GUARDDUTY });
    // THEN
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'safe-patterns-report.sarif'), 'utf8'));
    expect(sarif).toBeValidSarifLog();
    const results = sarif.runs[0].results;
    expect(results.map((r: any) => [r.ruleId, r.level, r.locations[0].logicalLocations[0].fullyQualifiedName])).toEqual([
      ['guardduty-detector', 'error', 'Stack/Covered'],
      ['guardduty-detector', 'error', 'Stack/Open'],
    ]);
    expect(results[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'baseline' }]);
    expect(results[1].suppressions).toBeUndefined();
    expect(results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'Stack.template.json', uriBaseId: 'OUTDIR' });
  });

  test('GIVEN writeReports false WHEN synthesizing THEN no report is written', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Q', { queueName: 'q-pr123' });
    Aspects.of(app).add(new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', writeReports: false }));
    app.synth();
    expect(fs.existsSync(path.join(app.outdir, 'safe-patterns-report.json'))).toBe(false);
  });
});

describe('cdk.SafePatternsChecks as a policy validation plugin', () => {
  afterEach(() => {
    // aws-cdk-lib sets process.exitCode = 1 when a plugin reports failure; keep jest's own exit code clean.
    process.exitCode = 0;
  });

  test('GIVEN a detector WHEN synthesizing THEN the aws-cdk-lib report carries the finding, and app.synth() fails as the version does', () => {
    // GIVEN
    const app = newApp();
    new guardduty.CfnDetector(new Stack(app, 'Stack'), 'Detector', { enable: true });
    Validations.of(app).addPlugins(new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY_GUARDDUTY }));
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => {});
    // WHEN
    let thrown: Error | undefined;
    try {
      app.synth();
    } catch (error) {
      thrown = error as Error;
    }
    stderr.mockRestore();
    // THEN: up to 2.261 aws-cdk-lib sets the exit code only; from 2.262, in memory (jest), it throws the report.
    if (cdkAtLeast(PLUGIN_FAILURE_THROWS_SINCE)) {
      expect(thrown?.message).toMatch(/Stack\/Detector[\s\S]*SafePatterns::guardduty-detector/);
    } else {
      expect([thrown, process.exitCode]).toEqual([undefined, 1]);
    }
    const plugin = pluginReport(app, 'SafePatterns');
    expect(plugin.summary?.status ?? plugin.conclusion).toBe('failure');
    const where = (v: any) => v.violatingConstructs?.[0]?.constructPath ?? v.violatingResources?.[0]?.resourceLogicalId;
    expect(plugin.violations.map((v: any) => [v.ruleName, where(v)])).toEqual([
      ['guardduty-detector', 'Stack/Detector'],
    ]);
  });

  test('GIVEN an acknowledgement WHEN the plugin runs THEN the finding is kept, marked with its reason, and the synth succeeds', () => {
    const app = newApp();
    const detector = new guardduty.CfnDetector(new Stack(app, 'Stack'), 'Detector', { enable: true });
    SafePatterns.acknowledge(detector, 'guardduty-detector', 'baseline stack');
    const checks = new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY_GUARDDUTY });
    const assembly = app.synth();
    const result = checks.validate({ templatePaths: [assembly.getStackArtifact('Stack').templateFullPath] });
    expect(result.success).toBe(true);
    expect(result.violations.map((v) => [v.ruleName, v.severity, v.description])).toEqual([
      ['guardduty-detector', 'acknowledged', expect.stringMatching(/^Acknowledged \(baseline stack\): /)],
    ]);
  });
});

describe('plugin mode reads nested stack templates', () => {
  test('GIVEN a detector in a nested stack WHEN the plugin validates the parent template THEN the nested finding is reported', () => {
    // GIVEN
    const app = newApp();
    const parent = new Stack(app, 'Parent');
    new guardduty.CfnDetector(new NestedStack(parent, 'Child'), 'Detector', { enable: true });
    const checks = new cdk.SafePatternsChecks({ environmentSuffix: 'pr123', ruleSeverities: ONLY_GUARDDUTY });
    // WHEN
    const assembly = app.synth();
    const result = checks.validate({ templatePaths: [assembly.getStackArtifact('Parent').templateFullPath] });
    // THEN
    expect(result.success).toBe(false);
    expect(result.violations.map((v) => [v.ruleName, v.violatingResources[0].templatePath?.endsWith('.nested.template.json')])).toEqual([
      ['guardduty-detector', true],
    ]);
  });
});
