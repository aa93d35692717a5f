import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { codeDirectory, lintMatches, nagErrors, nagViolations, newStack, openFindings, synthChecked, takeNagAcknowledgements } from './helpers';
import { cdk } from '../../../src';
import { BUILTIN_VALIDATOR_SINCE, builtinValidatorFindings, CDK_VERSION, cdkAtLeast } from '../../helpers/cdk-version';

// A construct that calls an aws-cdk-lib API deprecated in the version under test fails here
// (jsii's deprecation warnings become errors), not only in the user's console.
let deprecatedMode: string | undefined;
beforeAll(() => {
  deprecatedMode = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'fail';
});
afterAll(() => {
  if (deprecatedMode === undefined) delete process.env.JSII_DEPRECATED;
  else process.env.JSII_DEPRECATED = deprecatedMode;
});

/** Each construct with its required props only: its default output. */
const DEFAULTS: Array<[string, (stack: Stack) => void]> = [
  ['SuffixedBucket', (stack) => new cdk.SuffixedBucket(stack, 'Data', { baseName: 'orders-data' })],
  ['ConfigRecorderWithCorrectRole', (stack) => new cdk.ConfigRecorderWithCorrectRole(stack, 'Config')],
  [
    'P99Alarm',
    (stack) =>
      new cdk.P99Alarm(stack, 'Latency', {
        baseName: 'api-latency',
        threshold: 1000,
        metric: new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensionsMap: { ApiName: 'orders' } }),
      }),
  ],
  [
    'LambdaZipAsset',
    (stack) =>
      new cdk.LambdaZipAsset(stack, 'Code', {
        path: codeDirectory({ 'index.js': 'exports.handler = async () => ({ statusCode: 200 });\n' }),
        runtime: lambda.Runtime.NODEJS_24_X,
      }).addFunction('Handler'),
  ],
  ['SingleNatVpc', (stack) => new cdk.SingleNatVpc(stack, 'Network')],
];

/** What each construct acknowledges for cdk-nag, each a finding it cannot avoid (the reasons are in the code). */
const NAG_ACKNOWLEDGED: Record<string, string[]> = {
  SuffixedBucket: ['AwsSolutions-S1'],
  ConfigRecorderWithCorrectRole: [
    'AwsSolutions-S1',
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
    'AwsSolutions-IAM5[Resource::<ConfigBucketF2111528.Arn>/AWSLogs/<AWS::AccountId>/Config/*]',
  ],
  P99Alarm: [],
  LambdaZipAsset: [],
  SingleNatVpc: [],
};

describe.each(DEFAULTS)('%s with its defaults', (name, build) => {
  test('GIVEN the default output WHEN synthesizing with our checks THEN there are zero open findings, ours and the built-in validator\'s', () => {
    // GIVEN
    const stack = newStack();
    build(stack);
    // WHEN
    const checked = synthChecked(stack);
    // THEN
    expect(checked.error).toBeUndefined();
    expect(openFindings(checked)).toEqual([]);
    // aws-cdk-lib 2.262+ validates every template against CloudFormation's schemas and rules.
    expect(builtinValidatorFindings(stack.node.root as App)).toEqual([]);
  });

  test('GIVEN the default output WHEN cdk-nag AwsSolutions runs THEN no error is left unacknowledged', () => {
    const stack = newStack();
    build(stack);
    expect(nagErrors(stack.node.root)).toEqual([]);
  });

  test('GIVEN the acknowledgements WHEN they are removed THEN each matches a finding cdk-nag reports (none is stale)', () => {
    // GIVEN
    const stack = newStack();
    build(stack);
    // WHEN
    const acknowledged = takeNagAcknowledgements(stack.node.root);
    const reported = nagViolations(stack.node.root).map((v) => v.ruleName);
    // THEN
    expect(acknowledged.sort()).toEqual([...NAG_ACKNOWLEDGED[name]].sort());
    expect(reported).toEqual(expect.arrayContaining(acknowledged));
  });

  test('GIVEN the synthesized template WHEN cfn-lint checks it THEN it reports zero errors', () => {
    const stack = newStack();
    build(stack);
    const { templatePath } = synthChecked(stack);
    expect(lintMatches(templatePath, 'Error')).toEqual([]);
  });
});

describe(`aws-cdk-lib ${CDK_VERSION}'s built-in CloudFormation validator, as the default-output tests read it`, () => {
  test('GIVEN a property CloudFormation does not know WHEN synthesizing THEN the finding is read (versions with the validator only)', () => {
    // GIVEN
    const stack = newStack();
    new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue', properties: { NotAQueueProperty: 1 } });
    // WHEN
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      (stack.node.root as App).synth();
    } finally {
      stderr.mockRestore();
    }
    // THEN
    const expected = cdkAtLeast(BUILTIN_VALIDATOR_SINCE) ? [['F3002', 'Stack/Queue', 'warning']] : [];
    expect(builtinValidatorFindings(stack.node.root as App)).toEqual(expected);
  });
});
