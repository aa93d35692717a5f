import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  App,
  DefaultStackSynthesizer,
  NestedStack,
  Stack,
  aws_config as config,
  aws_dynamodb as dynamodb,
  aws_ec2 as ec2,
  aws_ecr as ecr,
  aws_guardduty as guardduty,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_rds as rds,
  aws_s3 as s3,
  aws_secretsmanager as secretsmanager,
  aws_securityhub as securityhub,
  aws_sns as sns,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import * as path from 'path';
import { App as TfApp, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { ACCOUNT, REGION, tempDir } from './helpers';
import { SafePatterns } from '../../src';

export interface CdkAppOptions {
  /** Prefix of every physical name. */
  readonly prefix: string;
  /** AWS managed policy the role attaches. */
  readonly managedPolicy?: string;
  readonly reservedConcurrency?: number;
  /** Acknowledge preflight-name-taken on the role. */
  readonly acknowledgeRole?: boolean;
  readonly stackName?: string;
  /** The stack's env.account. @default - none (account-agnostic) */
  readonly account?: string;
}

/**
 * An aws-cdk-lib app with one resource per preflight check: account singletons, explicit names,
 * quota consumers and references. Synthesized to a fresh cdk.out, whose path is returned.
 */
export function cdkApp(options: CdkAppOptions): string {
  const p = options.prefix;
  const outdir = tempDir('preflight-cdk-');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Preflight', {
    stackName: options.stackName,
    env: { region: REGION, account: options.account },
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  new guardduty.CfnDetector(stack, 'Detector', { enable: true });
  new config.CfnConfigurationRecorder(stack, 'Recorder', { roleArn: `arn:aws:iam::${ACCOUNT}:role/${p}-config`, recordingGroup: { allSupported: true } });
  new config.CfnDeliveryChannel(stack, 'Channel', { s3BucketName: `${p}-config-bucket` });
  new securityhub.CfnHub(stack, 'Hub');

  const role = new iam.Role(stack, 'Role', {
    roleName: `${p}-role`,
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(options.managedPolicy ?? 'service-role/AWSLambdaBasicExecutionRole')],
  });
  if (options.acknowledgeRole) SafePatterns.acknowledge(role, 'preflight-name-taken', 'the role is adopted by a later import step');
  new iam.ManagedPolicy(stack, 'Policy', { managedPolicyName: `${p}-policy`, statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
  new iam.CfnInstanceProfile(stack, 'Profile', { instanceProfileName: `${p}-profile`, roles: [role.roleName] });
  new s3.Bucket(stack, 'Bucket', { bucketName: `${p}-bucket` });
  new lambda.Function(stack, 'Fn', {
    functionName: `${p}-fn`,
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    reservedConcurrentExecutions: options.reservedConcurrency ?? 6,
  });
  new logs.LogGroup(stack, 'Logs', { logGroupName: `/${p}/logs` });
  new dynamodb.Table(stack, 'Table', { tableName: `${p}-table`, partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  new sqs.Queue(stack, 'Queue', { queueName: `${p}-queue` });
  new sns.Topic(stack, 'Topic', { topicName: `${p}-topic` });
  new secretsmanager.Secret(stack, 'Secret', { secretName: `${p}-secret` });
  new ecr.Repository(stack, 'Repo', { repositoryName: `${p}-repo` });
  // Nested stacks' resources are checked too (and owned through the parent stack).
  const nested = new NestedStack(stack, 'Nested');
  new sqs.Queue(nested, 'NestedQueue', { queueName: `${p}-nested-queue` });

  new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.99.0.0/16' });
  new ec2.CfnEIP(stack, 'Eip', { domain: 'vpc' });

  new lambda.CfnFunction(stack, 'ImageFn', {
    role: role.roleArn,
    packageType: 'Image',
    code: { imageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${p}-images:v1` },
  });
  new lambda.Function(stack, 'S3Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'CodeBucket', `${p}-code`), 'fn.zip'),
  });
  new rds.CfnDBInstance(stack, 'Db', {
    dbInstanceClass: 'db.t3.micro',
    engine: 'mysql',
    allocatedStorage: '20',
    monitoringInterval: 60,
    monitoringRoleArn: `arn:aws:iam::${ACCOUNT}:role/${p}-rds-monitoring`,
  });
  new rds.CfnDBCluster(stack, 'Secondary', { engine: 'aurora-postgresql', globalClusterIdentifier: `${p}-global` });
  app.synth();
  return outdir;
}

/** A small aws-cdk-lib app whose named role and bucket a CloudFormation stack of the same name may already hold. */
export function ownedCdkApp(stackName: string, prefix: string): { outdir: string; template: string } {
  const outdir = tempDir('preflight-owned-');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Owned', { stackName, env: { region: REGION }, synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
  new iam.Role(stack, 'Role', { roleName: `${prefix}-role`, assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new s3.Bucket(stack, 'Bucket', { bucketName: `${prefix}-bucket` });
  new sqs.Queue(stack, 'Other', { queueName: `${prefix}-other` });
  const assembly = app.synth();
  return { outdir, template: JSON.stringify(assembly.getStackByName(stackName).template) };
}

export interface TfAppOptions {
  readonly prefix: string;
  readonly managedPolicy?: string;
  readonly lockTable?: string;
  /** Where the state lives. @default 's3' */
  readonly backend?: 's3' | 'local';
}

/** A cdktf app with the same checks' resources and an S3 backend; returns its cdktf.out. */
export function tfApp(options: TfAppOptions): string {
  const p = options.prefix;
  const outdir = tempDir('preflight-tf-');
  const app = new TfApp({ outdir });
  const stack = new TerraformStack(app, 'tfpf');
  new AwsProvider(stack, 'aws', { region: REGION });
  if (options.backend === 'local') new LocalBackend(stack, { path: path.join(outdir, 'terraform.tfpf.tfstate') });
  else new S3Backend(stack, { bucket: `${p}-state`, key: 'tfpf.tfstate', region: REGION, ...(options.lockTable ? { dynamodbTable: options.lockTable } : {}) });
  new GuarddutyDetector(stack, 'detector', { enable: true });
  new ConfigConfigurationRecorder(stack, 'recorder', { name: 'default', roleArn: `arn:aws:iam::${ACCOUNT}:role/${p}-config` });
  const role = new IamRole(stack, 'role', { name: `${p}-role`, assumeRolePolicy: '{}' });
  new IamRole(stack, 'owned_role', { name: `${p}-owned-role`, assumeRolePolicy: '{}' });
  new IamRolePolicyAttachment(stack, 'attach', { role: role.name, policyArn: `arn:aws:iam::aws:policy/${options.managedPolicy ?? 'ReadOnlyAccess'}` });
  new S3Bucket(stack, 'bucket', { bucket: `${p}-bucket` });
  new CloudwatchLogGroup(stack, 'logs', { name: `/${p}/logs` });
  new SqsQueue(stack, 'queue', { name: `${p}-queue` });
  new SnsTopic(stack, 'topic', { name: `${p}-topic` });
  new Vpc(stack, 'vpc', { cidrBlock: '10.98.0.0/16' });
  new Eip(stack, 'eip', { domain: 'vpc' });
  new LambdaFunction(stack, 'image_fn', {
    functionName: `${p}-image-fn`,
    role: role.arn,
    packageType: 'Image',
    imageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${p}-images:v1`,
    reservedConcurrentExecutions: 6,
  });
  new RdsCluster(stack, 'secondary', { engine: 'aurora-postgresql', globalClusterIdentifier: `${p}-global` });
  app.synth();
  return outdir;
}
