import { cfnFindings, tfFindings } from './helpers';
import { hardcodedEnvironmentName } from '../../../src/core/rules/hardcoded-environment-name';
import { environmentSegments } from '../../../src/core/rules/shared/names';
import { templateParts } from '../../../src/core/rules/values';

const examples = hardcodedEnvironmentName.metadata.examples;

function cfn(type: string, properties: Record<string, any>) {
  return { resources: { Res: { Type: type, Properties: properties } } };
}

function tf(type: string, attributes: Record<string, any>) {
  return { resource: { [type]: { res: attributes } } };
}

describe('hardcoded-environment-name metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue\'s warning rule', () => {
    expect(hardcodedEnvironmentName.metadata).toMatchObject({ id: 'hardcoded-environment-name', defaultSeverity: 'warning' });
    expect(hardcodedEnvironmentName.metadata.lesson).toContain('Find hardcoded values');
    expect(hardcodedEnvironmentName.metadata.fix).toContain('EnvironmentSuffix');
  });
});

describe('hardcoded-environment-name (CloudFormation)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the "prod" stage is reported once, as a warning, at StageName', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(hardcodedEnvironmentName, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'hardcoded-environment-name',
      severity: 'warning',
      path: 'Stack/OrdersApiStage',
      location: 'Properties/StageName',
    });
    expect(findings[0].message).toContain('StageName "prod" has the literal environment segment "prod"');
    expect(findings[0].message).toContain('"pr123"');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(hardcodedEnvironmentName, examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    ['AWS::S3::Bucket', 'BucketName', 'orders-prod-data', 'prod'],
    ['AWS::SQS::Queue', 'QueueName', 'orders_staging_pr123', 'staging'],
    ['AWS::Logs::LogGroup', 'LogGroupName', '/dev/orders', 'dev'],
    ['AWS::DynamoDB::Table', 'TableName', 'Orders.Production', 'production'],
    ['AWS::ApiGateway::Stage', 'StageName', 'test', 'test'],
    ['AWS::ApiGateway::Deployment', 'StageName', 'stage', 'stage'],
    ['AWS::Lambda::Function', 'FunctionName', 'development-handler', 'development'],
  ])('GIVEN %s %s %p WHEN evaluated THEN the segment is reported', (type, property, name, word) => {
    const findings = cfnFindings(hardcodedEnvironmentName, cfn(type, { [property]: name }));
    expect(findings).toHaveLength(1);
    expect(findings[0].location).toBe(`Properties/${property}`);
    expect(findings[0].message).toContain(`segment "${word}"`);
  });

  test('GIVEN two environment words WHEN evaluated THEN one finding names both', () => {
    const findings = cfnFindings(hardcodedEnvironmentName, cfn('AWS::SQS::Queue', { QueueName: 'dev-to-prod-copy' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('segments "dev", "prod"');
  });

  test.each([
    ['word inside a segment', 'products-pr123'],
    ['word inside a segment', 'devices-pr123'],
    ['testing is not test', 'testing-pr123'],
    ['camel case is not split', 'OrdersProdQueue'],
    ['the default HTTP API stage', '$default'],
  ])('GIVEN a name without an environment segment (%s: %p) WHEN evaluated THEN nothing is reported', (_, name) => {
    expect(cfnFindings(hardcodedEnvironmentName, cfn('AWS::ApiGatewayV2::Stage', { StageName: name }))).toEqual([]);
  });

  test('GIVEN the suffix "dev" WHEN a name has a "dev" segment THEN it is the suffix and is not reported', () => {
    const example = cfn('AWS::SQS::Queue', { QueueName: 'data-dev' });
    expect(cfnFindings(hardcodedEnvironmentName, example, { environmentSuffix: 'dev' })).toEqual([]);
    expect(cfnFindings(hardcodedEnvironmentName, example)).toHaveLength(1);
  });

  test('GIVEN the suffix "dev" WHEN the name also has "prod" THEN only "prod" is reported', () => {
    const findings = cfnFindings(hardcodedEnvironmentName, cfn('AWS::SQS::Queue', { QueueName: 'prod-mirror-dev' }), { environmentSuffix: 'dev' });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('segment "prod"; ')]);
    expect(findings[0].message).not.toContain('"dev",');
  });

  test('GIVEN no suffix configured WHEN a name has "prod" THEN it is still reported', () => {
    const findings = cfnFindings(hardcodedEnvironmentName, examples.cloudformation!.nonCompliant, { environmentSuffix: null });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).not.toContain('here');
  });

  test.each([
    ['Ref', { Ref: 'StageNameParameter' }],
    ['Fn::Sub of a parameter', { 'Fn::Sub': '${Environment}' }],
    ['a word glued to a reference', { 'Fn::Join': ['', ['prod', { Ref: 'Suffix' }]] }],
    ['a reference named prod', { 'Fn::Sub': 'orders-${prod}' }],
  ])('GIVEN a name that is, or touches, a reference (%s) WHEN evaluated THEN nothing is reported', (_, value) => {
    expect(cfnFindings(hardcodedEnvironmentName, cfn('AWS::ApiGateway::Stage', { StageName: value }))).toEqual([]);
  });

  test('GIVEN a literal "prod" segment beside a reference WHEN evaluated THEN the literal segment is reported', () => {
    const findings = cfnFindings(hardcodedEnvironmentName, cfn('AWS::S3::Bucket', { BucketName: { 'Fn::Join': ['-', ['orders', 'prod', { Ref: 'Suffix' }]] } }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('BucketName "orders-prod-${Suffix}" has the literal environment segment "prod"')]);
  });

  test('GIVEN a resource type without a name WHEN it holds "prod" THEN nothing is reported', () => {
    expect(cfnFindings(hardcodedEnvironmentName, cfn('AWS::SSM::Parameter', { Value: 'prod' }))).toEqual([]);
  });
});

describe('hardcoded-environment-name (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the "prod" stage is reported at name', () => {
    // GIVEN
    const example = examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(hardcodedEnvironmentName, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([['hardcoded-environment-name', 'warning', 'stack/orders_stage', 'name']]);
    expect(findings[0].message).toContain('name "prod" has the literal environment segment "prod"');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(hardcodedEnvironmentName, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN an aws_api_gateway_stage "staging" WHEN evaluated THEN it is reported at stage_name', () => {
    const findings = tfFindings(hardcodedEnvironmentName, tf('aws_api_gateway_stage', { stage_name: 'staging', rest_api_id: '${aws_api_gateway_rest_api.api.id}' }));
    expect(findings.map((f) => f.location)).toEqual(['stage_name']);
  });

  test('GIVEN a bucket "orders-prod-${var.suffix}" WHEN evaluated THEN the literal "prod" is reported, not the reference', () => {
    const findings = tfFindings(hardcodedEnvironmentName, tf('aws_s3_bucket', { bucket: 'orders-prod-${var.environment_suffix}' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['bucket', expect.stringContaining('bucket "orders-prod-${var.environment_suffix}" has the literal environment segment "prod"')],
    ]);
  });

  test.each([
    ['a variable', '${var.stage}'],
    ['a variable named prod', 'orders-${var.prod}'],
    ['a function call with dashes', '${join("-", ["orders", "prod"])}'],
    ['a word glued to a reference', 'prod${var.suffix}'],
  ])('GIVEN %s WHEN evaluated THEN nothing is reported', (_, name) => {
    expect(tfFindings(hardcodedEnvironmentName, tf('aws_apigatewayv2_stage', { name }))).toEqual([]);
  });

  test('GIVEN the suffix "staging" WHEN the stage is named "staging" THEN nothing is reported', () => {
    expect(tfFindings(hardcodedEnvironmentName, tf('aws_apigatewayv2_stage', { name: 'staging' }), { environmentSuffix: 'staging' })).toEqual([]);
  });
});

describe('hardcoded-environment-name helpers', () => {
  test('GIVEN nested braces in a Terraform reference WHEN split THEN the whole call is one reference', () => {
    expect(templateParts('a-${join("-", [{x = 1}])}-b')).toEqual([{ literal: 'a-' }, { reference: '${join("-", [{x = 1}])}' }, { literal: '-b' }]);
    expect(templateParts('a-${unclosed')).toEqual([{ literal: 'a-' }, { reference: '${unclosed' }]);
    expect(templateParts(['not', 'a', 'string'])).toBeUndefined();
  });

  test('GIVEN a hyphenated suffix WHEN segments are read THEN the suffix is removed as a whole', () => {
    expect(environmentSegments('orders-pr-dev', 'pr-dev')).toEqual([]);
    expect(environmentSegments('orders-pr-dev', undefined)).toEqual(['dev']);
  });
});

describe('hardcoded-environment-name robustness', () => {
  const junk: unknown[] = [null, 0, 1.5, '', '\u0000prod', true, [], ['prod'], {}, { StageName: 'prod' }, { Ref: 1 }, { 'Fn::Join': ['-', 5] },
    { 'Fn::Sub': [] }, { 'Fn::GetAtt': { a: 1 } }, { 'Fn::Join': ['-', [{ 'Fn::Join': null }]] }, '${', '${}', '$${x}-prod'];

  test('GIVEN random JSON as names WHEN evaluated THEN no evaluator throws', () => {
    for (const value of junk) {
      for (const type of ['AWS::ApiGateway::Stage', 'AWS::S3::Bucket', 'constructor', '__proto__']) {
        const findings = cfnFindings(hardcodedEnvironmentName, cfn(type, { StageName: value, BucketName: value }));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
      for (const type of ['aws_apigatewayv2_stage', 'aws_api_gateway_stage', 'aws_s3_bucket', 'hasOwnProperty']) {
        const findings = tfFindings(hardcodedEnvironmentName, tf(type, { name: value, stage_name: value, bucket: value }));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
    }
  });
});
