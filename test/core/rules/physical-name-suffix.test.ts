import { cfnFindings, cfnStackView, tfFindings, tfStackView } from './helpers';
import { evaluate } from '../../../src/core/engine/evaluate';
import { missingSuffixOnce, physicalNameSuffix } from '../../../src/core/rules/physical-name-suffix';

const examples = physicalNameSuffix.metadata.examples;

/** A one-resource CloudFormation fragment. */
function cfn(type: string, properties: Record<string, any>) {
  return { resources: { Res: { Type: type, Properties: properties } } };
}

/** A one-resource Terraform fragment. */
function tf(type: string, attributes: Record<string, any>) {
  return { resource: { [type]: { res: attributes } } };
}

describe('physical-name-suffix metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue\'s error rule with both engines\' examples', () => {
    expect(physicalNameSuffix.metadata).toMatchObject({ id: 'physical-name-suffix', defaultSeverity: 'error' });
    expect(physicalNameSuffix.metadata.lesson).toContain('000 "Hardcoded Environment Suffixes"');
    expect(physicalNameSuffix.metadata.fix).toContain('EnvironmentSuffix');
    expect(physicalNameSuffix.metadata.fix).toContain('SuffixedBucket');
  });
});

describe('physical-name-suffix (CloudFormation)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN its queue name is reported with value, suffix and location', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(physicalNameSuffix, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'physical-name-suffix',
      severity: 'error',
      path: 'Stack/OrdersQueue',
      location: 'Properties/QueueName',
      message: 'QueueName "orders-queue" does not contain the environment suffix "pr123".',
    });
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(physicalNameSuffix, examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    ['suffix last', 'data-pr123'],
    ['suffix first', 'pr123-data'],
    ['log group path', '/aws/lambda/fn-pr123'],
    ['underscore', 'data_pr123_bucket'],
    ['dot', 'data.pr123'],
    ['the name is the suffix', 'pr123'],
    ['other case', 'Data-PR123'],
  ])('GIVEN a name with the suffix as a whole segment (%s) WHEN evaluated THEN nothing is reported', (_, name) => {
    expect(cfnFindings(physicalNameSuffix, cfn('AWS::S3::Bucket', { BucketName: name }))).toEqual([]);
  });

  test.each([
    ['glued to a word', 'datapr123'],
    ['part of a longer suffix', 'data-pr1234'],
    ['inside a word', 'xpr123x-data'],
  ])('GIVEN the suffix only inside a word (%s) WHEN evaluated THEN it is reported as not a separate segment', (_, name) => {
    const findings = cfnFindings(physicalNameSuffix, cfn('AWS::SQS::Queue', { QueueName: name }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(`QueueName "${name}" contains the environment suffix "pr123" only inside a word`);
    expect(findings[0].location).toBe('Properties/QueueName');
  });

  test('GIVEN a suffix with a hyphen WHEN the name ends with it THEN nothing is reported', () => {
    const example = cfn('AWS::Lambda::Function', { FunctionName: 'handler-pr-12' });
    expect(cfnFindings(physicalNameSuffix, example, { environmentSuffix: 'pr-12' })).toEqual([]);
    expect(cfnFindings(physicalNameSuffix, example, { environmentSuffix: 'pr-1' })).toHaveLength(1);
  });

  test('GIVEN an Fn::Join of literal parts WHEN the joined name lacks the suffix THEN it is reported as the joined literal', () => {
    const findings = cfnFindings(physicalNameSuffix, cfn('AWS::IAM::Role', { RoleName: { 'Fn::Join': ['-', ['orders', 'role']] } }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['Properties/RoleName', 'RoleName "orders-role" does not contain the environment suffix "pr123".'],
    ]);
  });

  test.each([
    ['Ref', { Ref: 'BucketNameParameter' }],
    ['Fn::Sub', { 'Fn::Sub': 'data-${EnvironmentSuffix}' }],
    ['Fn::Join with a Ref', { 'Fn::Join': ['-', ['data', { Ref: 'EnvironmentSuffix' }]] }],
    ['a string with ${...}', 'data-${EnvironmentSuffix}'],
  ])('GIVEN a name that is a reference (%s) WHEN evaluated THEN nothing is reported', (_, name) => {
    expect(cfnFindings(physicalNameSuffix, cfn('AWS::S3::Bucket', { BucketName: name }))).toEqual([]);
  });

  test('GIVEN no environment suffix WHEN a name lacks any suffix THEN nothing is reported', () => {
    expect(cfnFindings(physicalNameSuffix, examples.cloudformation!.nonCompliant, { environmentSuffix: null })).toEqual([]);
  });

  test('GIVEN a resource without a name or without a known name property WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(physicalNameSuffix, cfn('AWS::SQS::Queue', { VisibilityTimeout: 30 }))).toEqual([]);
    expect(cfnFindings(physicalNameSuffix, cfn('AWS::SNS::Subscription', { Name: 'no-suffix' }))).toEqual([]);
  });

  test('GIVEN a different suffix configured WHEN the name has pr123 THEN it is reported with the configured suffix', () => {
    const findings = cfnFindings(physicalNameSuffix, examples.cloudformation!.compliant, { environmentSuffix: 'pr7' });
    expect(findings.map((f) => f.message)).toEqual(['QueueName "orders-queue-pr123" does not contain the environment suffix "pr7".']);
  });
});

describe('physical-name-suffix (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN its queue name is reported at the name attribute', () => {
    // GIVEN
    const example = examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(physicalNameSuffix, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location, f.message])).toEqual([
      ['physical-name-suffix', 'error', 'stack/orders', 'name', 'name "orders-queue" does not contain the environment suffix "pr123".'],
    ]);
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(physicalNameSuffix, examples.terraform!.compliant)).toEqual([]);
  });

  test.each([
    ['aws_s3_bucket', 'bucket'],
    ['aws_lambda_function', 'function_name'],
    ['aws_db_instance', 'identifier'],
    ['aws_rds_cluster', 'cluster_identifier'],
    ['aws_cloudwatch_metric_alarm', 'alarm_name'],
  ])('GIVEN a literal %s.%s without the suffix WHEN evaluated THEN it is reported at that attribute', (type, attribute) => {
    const findings = tfFindings(physicalNameSuffix, tf(type, { [attribute]: 'orders' }));
    expect(findings.map((f) => f.location)).toEqual([attribute]);
  });

  test.each([
    ['a variable', 'orders-${var.environment_suffix}'],
    ['a local', '${local.name}'],
    ['a function call', '${join("-", ["orders", var.env])}'],
  ])('GIVEN a name holding %s WHEN evaluated THEN nothing is reported', (_, name) => {
    expect(tfFindings(physicalNameSuffix, tf('aws_sqs_queue', { name }))).toEqual([]);
  });

  test('GIVEN only a name_prefix / bucket_prefix WHEN evaluated THEN nothing is reported (the name is generated)', () => {
    expect(tfFindings(physicalNameSuffix, tf('aws_s3_bucket', { bucket_prefix: 'orders-' }))).toEqual([]);
    expect(tfFindings(physicalNameSuffix, tf('aws_sqs_queue', { name_prefix: 'orders-' }))).toEqual([]);
  });

  test('GIVEN no environment suffix WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(physicalNameSuffix, examples.terraform!.nonCompliant, { environmentSuffix: null })).toEqual([]);
  });
});

describe('physical-name-suffix robustness', () => {
  const junk: unknown[] = [null, 0, 42, -1, '', 'x', true, 'true', [], ['a', 1], {}, { a: { b: [null] } }, { Ref: 7 }, { 'Fn::Join': 5 },
    { 'Fn::Join': ['-', 'x'] }, { 'Fn::Join': [1, [2]] }, { 'Fn::Sub': [null] }];

  test('GIVEN random JSON in name properties and odd types WHEN evaluated THEN no evaluator throws', () => {
    for (const value of junk) {
      for (const type of ['AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'constructor', '__proto__', 'toString']) {
        const findings = cfnFindings(physicalNameSuffix, cfn(type, { BucketName: value, LogGroupName: value, Name: value }));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
      for (const type of ['aws_s3_bucket', 'aws_cloudwatch_log_group', 'constructor', '__proto__']) {
        const findings = tfFindings(physicalNameSuffix, tf(type, { bucket: value, name: value }));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
    }
    const odd = { resources: { A: { Type: 'AWS::S3::Bucket', Properties: [1, 2] as any }, B: { Type: 7 as any, Properties: 'x' as any } } };
    expect(cfnFindings(physicalNameSuffix, odd).filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
  });
});

describe('physical-name-suffix and aws-cdk-lib generated names', () => {
  test('GIVEN a name generated by PhysicalName.GENERATE_IF_NEEDED WHEN evaluated THEN nothing is reported (unique per stack)', () => {
    // GIVEN: stack "Stack" + unique id + 12 hex digits, lowercased, as aws-cdk-lib generates them
    const example = cfn('AWS::IAM::Role', { RoleName: 'stackcrossenvroled41a7e2b8c3f4a5b6c7d' });
    // WHEN
    const findings = cfnFindings(physicalNameSuffix, example);
    // THEN
    expect(findings).toEqual([]);
  });

  test('GIVEN a name that only starts with the stack name WHEN it lacks the hash THEN it is still reported', () => {
    expect(cfnFindings(physicalNameSuffix, cfn('AWS::IAM::Role', { RoleName: 'stack-orders-role' }))).toHaveLength(1);
    expect(cfnFindings(physicalNameSuffix, cfn('AWS::IAM::Role', { RoleName: 'stackorders0123456789ag' }))).toHaveLength(1);
  });
});

describe('physical-name-suffix with no suffix configured', () => {
  const MESSAGE = 'No environment suffix is set: pass --suffix.';
  const run = (stacks: Parameters<typeof evaluate>[0], missing = missingSuffixOnce(MESSAGE)) =>
    evaluate(stacks, { rules: [physicalNameSuffix], missingSuffix: missing }).findings;

  test('GIVEN stacks that name nothing (or name only by reference) WHEN evaluated THEN nothing is reported', () => {
    const unnamed = cfnStackView({ resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} }, Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'Name' } } } } });
    const tfUnnamed = tfStackView({ resource: { aws_sqs_queue: { q: { name_prefix: 'orders-' } }, aws_s3_bucket: { b: { bucket: '${var.name}' } } } });
    expect(run([unnamed, tfUnnamed])).toEqual([]);
  });

  test('GIVEN three explicit names in two stacks WHEN evaluated THEN one error, at the first name, says why', () => {
    const first = cfnStackView({ resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' } }, Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'events' } } } });
    const second = { ...tfStackView({ resource: { aws_s3_bucket: { data: { bucket: 'data' } } } }), id: 'two', name: 'two' };
    const findings = run([first, second]);
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([['physical-name-suffix', 'error', 'Stack/Queue', 'Properties/QueueName']]);
    expect(findings[0].message).toBe(`QueueName "orders" cannot be checked for an environment suffix. ${MESSAGE} (Reported once per run.)`);
  });

  test('GIVEN one latch shared by two evaluations (two CLI inputs, two tf stacks) WHEN both name things THEN only the first reports it', () => {
    const missing = missingSuffixOnce(MESSAGE);
    expect(run([tfStackView({ resource: { aws_sqs_queue: { q: { name: 'orders' } } } })], missing)).toHaveLength(1);
    expect(run([tfStackView({ resource: { aws_sqs_queue: { q: { name: 'payments' } } } })], missing)).toEqual([]);
  });

  test('GIVEN a name aws-cdk-lib generated WHEN evaluated THEN it does not count as an explicit name', () => {
    const generated = cfnStackView({ resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'stackbucket1a2b3c4d5e6f7a8b' } } } });
    expect(run([generated])).toEqual([]);
  });
});
