// generated.ts after fixing or acknowledging each finding of the checks.
import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { cdk, SafePatterns } from '../../lib';

export class GeneratedFixedStack extends Stack {
  public constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const suffix = new cdk.EnvironmentSuffix(this, 'EnvironmentSuffix');

    // physical-name-suffix, retain-on-delete: suffixed, destroyed with the stack (and its objects).
    new s3.Bucket(this, 'Reports', {
      bucketName: suffix.withSuffix('company-reports'),
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // guardduty-detector: kept here on purpose, so acknowledged with the reason.
    const detector = new guardduty.CfnDetector(this, 'Detector', { enable: true });
    SafePatterns.acknowledge(detector, 'guardduty-detector', 'this stack is the security account baseline; no other stack creates a detector');

    // config-role-policy, unknown-managed-policy: the real managed policy.
    new iam.Role(this, 'ConfigRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });

    // lambda-sdk-v2-runtime, lambda-reserved-concurrency, log-retention: SDK v3, a small reservation, a log group of its own.
    const api = new lambda.Function(this, 'Api', {
      runtime: lambda.Runtime.NODEJS_24_X,
      logGroup: new logs.LogGroup(this, 'ApiLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
      handler: 'index.handler',
      code: lambda.Code.fromInline("const { S3Client } = require('@aws-sdk/client-s3'); exports.handler = async () => ({ statusCode: 200 });"),
      reservedConcurrentExecutions: 2,
    });

    // alarm-statistic-conflict: ExtendedStatistic only.
    new cloudwatch.CfnAlarm(this, 'LatencyAlarm', {
      metricName: 'Duration',
      namespace: 'AWS/Lambda',
      dimensions: [{ name: 'FunctionName', value: api.functionName }],
      extendedStatistic: 'p99',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1000,
      comparisonOperator: 'GreaterThanThreshold',
    });

    // nat-gateway-count: one NAT gateway for the whole VPC.
    new ec2.Vpc(this, 'Network', { maxAzs: 2, natGateways: 1 });
  }
}
