import { cfnFindings, tfFindings } from './helpers';
import { logRetention } from '../../../src/core/rules/log-retention';

const examples = logRetention.metadata.examples;

function cfn(properties: Record<string, any>, type = 'AWS::Logs::LogGroup') {
  return { resources: { Logs: { Type: type, Properties: properties, DeletionPolicy: 'Delete' } } };
}

function tf(attributes: Record<string, any>) {
  return { resource: { aws_cloudwatch_log_group: { logs: { name: '/app/orders-pr123', ...attributes } } } };
}

describe('log-retention metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue\'s warning rule', () => {
    expect(logRetention.metadata).toMatchObject({ id: 'log-retention', defaultSeverity: 'warning' });
    expect(logRetention.metadata.lesson).toContain('000 "Use Lifecycle Policies"');
    expect(logRetention.metadata.fix).toContain('logRetentionMaximumDays');
  });
});

describe('log-retention (CloudFormation)', () => {
  test('GIVEN the non-compliant example (the L2 default of 731 days) WHEN evaluated THEN it is reported above the limit', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(logRetention, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'log-retention',
      severity: 'warning',
      path: 'Stack/OrdersLogs',
      location: 'Properties/RetentionInDays',
      message: 'RetentionInDays is 731 days, above the maximum of 14 days.',
    });
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(logRetention, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN a log group without RetentionInDays WHEN evaluated THEN "never expire" is reported', () => {
    const findings = cfnFindings(logRetention, cfn({ LogGroupName: '/app/x-pr123' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['Properties/RetentionInDays', 'RetentionInDays is not set: the logs never expire (the maximum is 14 days).'],
    ]);
  });

  test.each([
    [14, 0],
    [15, 1],
    ['14', 0],
    ['30', 1],
    [1, 0],
  ])('GIVEN RetentionInDays %p WHEN evaluated with the default limit THEN %d finding(s)', (days, count) => {
    expect(cfnFindings(logRetention, cfn({ RetentionInDays: days }))).toHaveLength(count);
  });

  test('GIVEN a limit of 30 days WHEN retention is 30, then 60 THEN only 60 is reported, naming the configured limit', () => {
    expect(cfnFindings(logRetention, cfn({ RetentionInDays: 30 }), { limits: { logRetentionMaximumDays: 30 } })).toEqual([]);
    const findings = cfnFindings(logRetention, cfn({ RetentionInDays: 60 }), { limits: { logRetentionMaximumDays: 30 } });
    expect(findings.map((f) => f.message)).toEqual(['RetentionInDays is 60 days, above the maximum of 30 days.']);
  });

  test('GIVEN a limit of 3 days WHEN the compliant example keeps 7 THEN it is reported', () => {
    expect(cfnFindings(logRetention, examples.cloudformation!.compliant, { limits: { logRetentionMaximumDays: 3 } })).toHaveLength(1);
  });

  test.each([
    ['Ref', { Ref: 'RetentionDays' }],
    ['Fn::If', { 'Fn::If': ['IsProd', 365, 7] }],
    ['FindInMap', { 'Fn::FindInMap': ['Env', 'pr', 'Days'] }],
  ])('GIVEN RetentionInDays as a reference (%s) WHEN evaluated THEN nothing is reported', (_, value) => {
    expect(cfnFindings(logRetention, cfn({ RetentionInDays: value }))).toEqual([]);
  });

  test('GIVEN a Custom::LogRetention (a function\'s logRetention prop) WHEN retention is 90 or unset THEN it is reported', () => {
    const props = { ServiceToken: { 'Fn::GetAtt': ['LogRetentionFn', 'Arn'] }, LogGroupName: '/aws/lambda/orders-pr123' };
    expect(cfnFindings(logRetention, cfn({ ...props, RetentionInDays: 90 }, 'Custom::LogRetention'))).toHaveLength(1);
    expect(cfnFindings(logRetention, cfn(props, 'Custom::LogRetention'))).toHaveLength(1);
    expect(cfnFindings(logRetention, cfn({ ...props, RetentionInDays: 7 }, 'Custom::LogRetention'))).toEqual([]);
  });

  test('GIVEN another resource type with RetentionInDays WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(logRetention, cfn({ RetentionInDays: 3650 }, 'AWS::Logs::MetricFilter'))).toEqual([]);
  });
});

describe('log-retention (Terraform)', () => {
  test('GIVEN the non-compliant example (no retention_in_days) WHEN evaluated THEN it is reported', () => {
    // GIVEN
    const example = examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(logRetention, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location, f.message])).toEqual([
      ['log-retention', 'warning', 'stack/orders', 'retention_in_days', 'retention_in_days is not set: the logs never expire (the maximum is 14 days).'],
    ]);
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(logRetention, examples.terraform!.compliant)).toEqual([]);
  });

  test.each([0, '0'])('GIVEN retention_in_days = %p WHEN evaluated THEN "never expire" is reported', (days) => {
    const findings = tfFindings(logRetention, tf({ retention_in_days: days }));
    expect(findings.map((f) => f.message)).toEqual([`retention_in_days is ${JSON.stringify(days)}, which means the logs never expire (the maximum is 14 days).`]);
  });

  test('GIVEN retention_in_days 365 WHEN evaluated THEN it is reported, and not with a limit of 400', () => {
    expect(tfFindings(logRetention, tf({ retention_in_days: 365 })).map((f) => f.message)).toEqual([
      'retention_in_days is 365 days, above the maximum of 14 days.',
    ]);
    expect(tfFindings(logRetention, tf({ retention_in_days: 365 }), { limits: { logRetentionMaximumDays: 400 } })).toEqual([]);
  });

  test('GIVEN retention_in_days from a variable WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(logRetention, tf({ retention_in_days: '${var.log_retention_days}' }))).toEqual([]);
  });

  test('GIVEN another resource type WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(logRetention, { resource: { aws_cloudwatch_log_stream: { s: { name: 's', log_group_name: 'g' } } } })).toEqual([]);
  });
});

describe('log-retention robustness', () => {
  const junk: unknown[] = [null, -1, 1.5, 1e300, '', 'forever', true, [], [7], {}, { a: 1 }, { Ref: [] }, 'Infinity', 'NaN'];

  test('GIVEN random JSON as retention WHEN evaluated THEN no evaluator throws', () => {
    for (const value of junk) {
      const cfnResult = cfnFindings(logRetention, cfn({ RetentionInDays: value }));
      const tfResult = tfFindings(logRetention, tf({ retention_in_days: value }));
      expect([...cfnResult, ...tfResult].filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
    }
    const odd = { resources: { L: { Type: 'AWS::Logs::LogGroup', Properties: [1] as any } } };
    expect(cfnFindings(logRetention, odd).map((f) => f.message)).toEqual([expect.stringContaining('RetentionInDays is not set')]);
  });
});
