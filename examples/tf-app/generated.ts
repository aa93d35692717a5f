// A cdktf stack as a code model typically writes it: each line is a lesson from the source
// material. `npx projen examples` shows what tf.SafePatternsChecks says about it.
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export class GeneratedTfStack extends TerraformStack {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    // The deprecated DynamoDB lock table, and no use_lockfile / encrypt.
    new S3Backend(this, { bucket: 'terraform-state', key: 'orders.tfstate', region: 'us-east-1', dynamodbTable: 'terraform-state-lock' });

    // GuardDuty allows one detector per account.
    new GuarddutyDetector(this, 'detector', { enable: true });

    const role = new IamRole(this, 'handler_role', {
      name: 'orders-handler-role',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });

    // A relative zip path that only works from one working directory, and no source_code_hash.
    const handler = new LambdaFunction(this, 'handler', {
      functionName: 'orders-handler',
      role: role.arn,
      runtime: 'python3.12',
      handler: 'app.handler',
      filename: 'lambda/orders.zip',
    });

    // statistic and extended_statistic together: the provider rejects the alarm.
    new CloudwatchMetricAlarm(this, 'latency', {
      alarmName: 'orders-latency',
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: { FunctionName: handler.functionName },
      statistic: 'Average',
      extendedStatistic: 'p99',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1000,
      comparisonOperator: 'GreaterThanThreshold',
    });
  }
}
