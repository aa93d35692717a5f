// A stack as a code model typically writes it: every line here is a lesson from the
// source material. `npx projen examples` shows what the checks say about it, and
// generated-fixed.ts is the same stack after fixing or acknowledging each finding.
import { Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class GeneratedStack extends Stack {
  public constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // No environment suffix, and aws-cdk-lib's default removal policy (RETAIN).
    new s3.Bucket(this, 'Reports', { bucketName: 'company-reports' });

    // GuardDuty allows one detector per account: this collides with the account's.
    new guardduty.CfnDetector(this, 'Detector', { enable: true });

    // A hallucinated policy name: the real one is service-role/AWS_ConfigRole.
    new iam.Role(this, 'ConfigRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/ConfigRole')],
    });

    // aws-sdk v2 is not in the Node.js 18+ runtimes; 100 reserved executions exhaust small accounts.
    const api = new lambda.Function(this, 'Api', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline("const AWS = require('aws-sdk'); exports.handler = async () => ({ statusCode: 200 });"),
      reservedConcurrentExecutions: 100,
    });

    // Statistic and ExtendedStatistic together: CloudFormation rejects the alarm.
    new cloudwatch.CfnAlarm(this, 'LatencyAlarm', {
      metricName: 'Duration',
      namespace: 'AWS/Lambda',
      dimensions: [{ name: 'FunctionName', value: api.functionName }],
      statistic: 'Average',
      extendedStatistic: 'p99',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1000,
      comparisonOperator: 'GreaterThanThreshold',
    });

    // One NAT gateway per AZ by default.
    new ec2.Vpc(this, 'Network', { maxAzs: 2 });
  }
}
