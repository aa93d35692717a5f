import { cfnFindings, tfFindings } from './helpers';
import { evaluate } from '../../../src/core/engine/evaluate';
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
  test('GIVEN the non-compliant example (the L2 default of 731 days, a function without a group) WHEN evaluated THEN both are reported', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(logRetention, example);
    // THEN
    expect(findings.map((f) => [f.severity, f.path, f.location])).toEqual([
      ['warning', 'Stack/OrdersLogs', 'Properties/RetentionInDays'],
      ['warning', 'Stack/OrdersHandler', 'Properties/LoggingConfig'],
    ]);
    expect(findings[0].message).toBe('RetentionInDays is 731 days, above the maximum of 14 days.');
    expect(findings[1].message).toContain('no log group named "/aws/lambda/orders-handler-pr123"');
    expect(findings[1].message).toContain('"already exists"');
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
    expect(cfnFindings(logRetention, examples.cloudformation!.compliant, { limits: { logRetentionMaximumDays: 3 } })).toHaveLength(2);
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
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([
      ['log-retention', 'warning', 'stack/orders_handler', 'logging_config'],
      ['log-retention', 'warning', 'stack/orders', 'retention_in_days'],
    ]);
    expect(findings[1].message).toBe('retention_in_days is not set: the logs never expire (the maximum is 14 days).');
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

describe('log-retention: a function with no log group of its own (lesson 003 Issue 9)', () => {
  const code = { ZipFile: 'exports.handler = async () => 1;' };
  const fn = (properties: Record<string, any> = {}, type = 'AWS::Lambda::Function') => ({
    Type: type,
    Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', ...(type === 'AWS::Lambda::Function' ? { Code: code } : { InlineCode: code.ZipFile }), ...properties },
  });
  const group = (name: unknown, type = 'AWS::Logs::LogGroup') => ({ Type: type, Properties: { LogGroupName: name, RetentionInDays: 7 }, DeletionPolicy: 'Delete' });
  const only = (findings: ReturnType<typeof cfnFindings>) => findings.filter((f) => f.location?.endsWith('LoggingConfig') || f.location === 'logging_config');

  test.each(['AWS::Lambda::Function', 'AWS::Serverless::Function'])('GIVEN a %s with no group WHEN evaluated THEN a warning names the generated group', (type) => {
    const findings = only(cfnFindings(logRetention, { resources: { Fn: fn({}, type) } }));
    expect(findings.map((f) => [f.severity, f.location])).toEqual([['warning', 'Properties/LoggingConfig']]);
    expect(findings[0].message).toContain('/aws/lambda/<the generated name of Fn>');
  });

  test.each([
    ['a literal name', { FunctionName: 'orders-pr123' }, '/aws/lambda/orders-pr123'],
    ['Fn::Join with a Ref to the function', {}, { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Fn' }]] }],
    ['Fn::Sub with the function', {}, { 'Fn::Sub': '/aws/lambda/${Fn}' }],
    ['Fn::Sub of the same name expression', { FunctionName: { 'Fn::Sub': 'orders-${Env}' } }, { 'Fn::Sub': '/aws/lambda/orders-${Env}' }],
  ])('GIVEN a log group named for the function by %s WHEN evaluated THEN nothing is reported', (_, properties, name) => {
    expect(only(cfnFindings(logRetention, { resources: { Fn: fn(properties), Logs: group(name) } }))).toEqual([]);
  });

  test('GIVEN LoggingConfig.LogGroup, or aws-cdk-lib\'s Custom::LogRetention for the function WHEN evaluated THEN nothing is reported', () => {
    expect(only(cfnFindings(logRetention, { resources: { Fn: fn({ LoggingConfig: { LogGroup: { Ref: 'Logs' } } }), Logs: group('/app/x') } }))).toEqual([]);
    const retention = { Type: 'Custom::LogRetention', Properties: { ServiceToken: 'arn', LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Fn' }]] }, RetentionInDays: 7 } };
    expect(only(cfnFindings(logRetention, { resources: { Fn: fn(), FnLogRetention: retention } }))).toEqual([]);
  });

  test('GIVEN a group for another function, or LoggingConfig with only a log format WHEN evaluated THEN the function is still reported', () => {
    const other = group({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Other' }]] });
    expect(only(cfnFindings(logRetention, { resources: { Fn: fn(), Logs: other } }))).toHaveLength(1);
    expect(only(cfnFindings(logRetention, { resources: { Fn: fn({ FunctionName: 'a-pr123', LoggingConfig: { LogFormat: 'JSON' } }), Logs: group('/aws/lambda/b-pr123') } }))).toHaveLength(1);
  });

  test.each([
    ['the LogRetention singleton', 'Stack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource'],
    ['the autoDeleteObjects provider', 'Stack/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler'],
    ['the AwsCustomResource singleton', 'Stack/AWS679f53fac002430cb0da5b7982bd2287/Resource'],
  ])('GIVEN aws-cdk-lib\'s own provider function (%s) WHEN evaluated THEN it is not reported; a user function at a similar path is', (_, path) => {
    const view = (at: string) => ({ engine: 'cloudformation' as const, type: 'AWS::Lambda::Function', logicalId: 'Fn', path: at, properties: fn().Properties, options: {} });
    const run = (at: string) => only(evaluate([{ id: 'Stack', name: 'Stack', resources: [view(at)] }], { rules: [logRetention] }).findings);
    expect(run(path)).toEqual([]);
    expect(run('Stack/Thumbnailer/Resource')).toHaveLength(1);
  });

  test('GIVEN a group named wholly by a parameter WHEN evaluated THEN the function is not reported (it may be its group)', () => {
    expect(only(cfnFindings(logRetention, { resources: { Fn: fn(), Logs: group({ Ref: 'LogGroupName' }) } }))).toEqual([]);
  });

  const tfFn = (attributes: Record<string, any> = {}) => ({ function_name: 'orders-pr123', handler: 'index.handler', runtime: 'nodejs22.x', s3_bucket: 'b', s3_key: 'k.zip', ...attributes });
  test('GIVEN an aws_lambda_function with no group WHEN evaluated THEN a warning names /aws/lambda/<function_name>', () => {
    const findings = only(tfFindings(logRetention, { resource: { aws_lambda_function: { fn: tfFn() } } }));
    expect(findings.map((f) => [f.severity, f.location])).toEqual([['warning', 'logging_config']]);
    expect(findings[0].message).toContain('"/aws/lambda/orders-pr123"');
  });

  test.each([
    ['the literal name', { name: '/aws/lambda/orders-pr123' }],
    ['a function_name reference', { name: '/aws/lambda/${aws_lambda_function.fn.function_name}' }],
    ['a join() around the reference', { name: '${join("", ["/aws/lambda/", aws_lambda_function.fn.function_name])}' }],
  ])('GIVEN an aws_cloudwatch_log_group with %s WHEN evaluated THEN nothing is reported', (_, groupAttributes) => {
    const groups = { logs: { retention_in_days: 7, ...groupAttributes } };
    const example = { resource: { aws_lambda_function: { fn: tfFn() }, aws_cloudwatch_log_group: groups } };
    expect(only(tfFindings(logRetention, example))).toEqual([]);
  });

  test('GIVEN logging_config.log_group WHEN evaluated THEN nothing is reported; a group for another function does not count', () => {
    expect(only(tfFindings(logRetention, { resource: { aws_lambda_function: { fn: tfFn({ logging_config: { log_format: 'JSON', log_group: '/shared/app' } }) } } }))).toEqual([]);
    const other = { resource: { aws_lambda_function: { fn: tfFn() }, aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/${aws_lambda_function.other.function_name}' } } } };
    expect(only(tfFindings(logRetention, other))).toHaveLength(1);
  });
});
