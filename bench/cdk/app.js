'use strict';
// Generates an aws-cdk-lib app of exactly `size` CfnResources: buckets, queues, tables,
// roles, functions and alarms in turn, with suffixed physical names and the settings the
// checks ask for (encryption, DESTROY), so the checks do their full work and pass.
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const sqs = require('aws-cdk-lib/aws-sqs');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const iam = require('aws-cdk-lib/aws-iam');
const lambda = require('aws-cdk-lib/aws-lambda');
const logs = require('aws-cdk-lib/aws-logs');
const cloudwatch = require('aws-cdk-lib/aws-cloudwatch');

const SUFFIX = 'bench';
/** CloudFormation allows 500 resources per stack; larger apps are split like real ones. */
const RESOURCES_PER_STACK = 250;
const KINDS = ['bucket', 'queue', 'table', 'role', 'function', 'alarm'];

/**
 * Adds `size` resources to `app`, in stacks of RESOURCES_PER_STACK.
 * @returns {{ stacks: number, resources: number }}
 */
function buildCdkApp(app, size) {
  let stack;
  let role;
  let fn;
  let stacks = 0;
  for (let i = 0; i < size; i++) {
    if (i % RESOURCES_PER_STACK === 0) {
      stack = new cdk.Stack(app, `Bench${stacks++}`);
      role = undefined;
      fn = undefined;
    }
    const kind = KINDS[i % KINDS.length];
    const id = `${kind}${i}`;
    switch (kind) {
      case 'bucket':
        new s3.Bucket(stack, id, {
          bucketName: `bk-${i}-${SUFFIX}`,
          encryption: s3.BucketEncryption.S3_MANAGED,
          removalPolicy: cdk.RemovalPolicy.DESTROY,
        });
        break;
      case 'queue':
        new sqs.Queue(stack, id, { queueName: `q-${i}-${SUFFIX}`, removalPolicy: cdk.RemovalPolicy.DESTROY });
        break;
      case 'table':
        new dynamodb.Table(stack, id, {
          tableName: `t-${i}-${SUFFIX}`,
          partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
          billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
          removalPolicy: cdk.RemovalPolicy.DESTROY,
        });
        break;
      case 'role':
        role = new iam.Role(stack, id, {
          roleName: `r-${i}-${SUFFIX}`,
          assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
          inlinePolicies: {
            logs: new iam.PolicyDocument({
              statements: [new iam.PolicyStatement({
                actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                resources: [cdk.Arn.format({ service: 'logs', resource: 'log-group', resourceName: `/aws/lambda/f-${i + 1}-${SUFFIX}:*`, arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME }, stack)],
              })],
            }),
          },
        });
        break;
      case 'function':
        fn = new lambda.Function(stack, id, {
          functionName: `f-${i}-${SUFFIX}`,
          runtime: lambda.Runtime.NODEJS_22_X,
          handler: 'index.handler',
          code: lambda.Code.fromInline('exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });'),
          role,
          // A log group named in LoggingConfig (log-retention), imported so that the resource count stays the same.
          logGroup: logs.LogGroup.fromLogGroupName(stack, `${id}Logs`, `/bench/${SUFFIX}/functions`),
        });
        break;
      case 'alarm':
        new cloudwatch.Alarm(stack, id, {
          alarmName: `a-${i}-${SUFFIX}`,
          metric: fn ? fn.metricDuration({ statistic: 'p99' }) : new cloudwatch.Metric({ namespace: 'Bench', metricName: 'Latency', statistic: 'p99' }),
          threshold: 1000,
          evaluationPeriods: 3,
        });
        break;
    }
  }
  return { stacks, resources: size };
}

module.exports = { buildCdkApp, SUFFIX, RESOURCES_PER_STACK, KINDS };
