'use strict';
// Generates a cdktf stack of exactly `size` resources: buckets (with their encryption
// configuration), queues, tables, roles, functions and alarms in turn, with suffixed names
// and the settings the checks ask for, so the checks do their full work and pass.
const path = require('path');
const { AssetType, S3Backend, TerraformAsset, TerraformStack } = require('cdktf');
// Deep imports: the provider's root barrel costs seconds per require.
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const { S3BucketServerSideEncryptionConfigurationA } = require('@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration');
const { SqsQueue } = require('@cdktf/provider-aws/lib/sqs-queue');
const { DynamodbTable } = require('@cdktf/provider-aws/lib/dynamodb-table');
const { IamRole } = require('@cdktf/provider-aws/lib/iam-role');
const { LambdaFunction } = require('@cdktf/provider-aws/lib/lambda-function');
const { CloudwatchMetricAlarm } = require('@cdktf/provider-aws/lib/cloudwatch-metric-alarm');

const SUFFIX = 'bench';
const KINDS = ['bucket', 'encryption', 'queue', 'table', 'role', 'function', 'alarm'];
const ASSUME_LAMBDA = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * One stack of `size` resources in `app`.
 * @returns {{ stacks: number, resources: number }}
 */
function buildTfApp(app, size) {
  const stack = new TerraformStack(app, 'bench');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new S3Backend(stack, { bucket: `tfstate-${SUFFIX}`, key: 'bench/terraform.tfstate', region: 'us-east-1', encrypt: true, useLockfile: true });
  // One archive shared by every function, as a real app with one handler bundle would.
  const asset = new TerraformAsset(stack, 'handler', { path: path.join(__dirname, 'handler'), type: AssetType.ARCHIVE });
  let bucket;
  let role;
  let fn;
  for (let i = 0; i < size; i++) {
    let kind = KINDS[i % KINDS.length];
    // A bucket comes with its encryption configuration: with room for one resource only, a queue instead.
    if (kind === 'bucket' && i === size - 1) kind = 'queue';
    const id = `${kind}${i}`;
    switch (kind) {
      case 'bucket':
        bucket = new S3Bucket(stack, id, { bucket: `bk-${i}-${SUFFIX}`, forceDestroy: true });
        break;
      case 'encryption':
        new S3BucketServerSideEncryptionConfigurationA(stack, id, {
          bucket: bucket.id,
          rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
        });
        break;
      case 'queue':
        new SqsQueue(stack, id, { name: `q-${i}-${SUFFIX}` });
        break;
      case 'table':
        new DynamodbTable(stack, id, {
          name: `t-${i}-${SUFFIX}`,
          billingMode: 'PAY_PER_REQUEST',
          hashKey: 'pk',
          attribute: [{ name: 'pk', type: 'S' }],
        });
        break;
      case 'role':
        role = new IamRole(stack, id, { name: `r-${i}-${SUFFIX}`, assumeRolePolicy: ASSUME_LAMBDA });
        break;
      case 'function':
        fn = new LambdaFunction(stack, id, {
          functionName: `f-${i}-${SUFFIX}`,
          runtime: 'nodejs22.x',
          handler: 'index.handler',
          role: role.arn,
          filename: asset.path,
          sourceCodeHash: asset.assetHash,
          // A log group named in logging_config (log-retention), without adding a resource to the count.
          loggingConfig: { logFormat: 'Text', logGroup: `/bench/${SUFFIX}/functions` },
        });
        break;
      case 'alarm':
        new CloudwatchMetricAlarm(stack, id, {
          alarmName: `a-${i}-${SUFFIX}`,
          namespace: 'AWS/Lambda',
          metricName: 'Duration',
          dimensions: { FunctionName: fn ? fn.functionName : `f-${i}-${SUFFIX}` },
          extendedStatistic: 'p99',
          period: 60,
          evaluationPeriods: 3,
          threshold: 1000,
          comparisonOperator: 'GreaterThanThreshold',
        });
        break;
    }
  }
  return { stacks: 1, resources: size };
}

module.exports = { buildTfApp, SUFFIX, KINDS };
