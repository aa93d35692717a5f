import * as cfn from '@aws-sdk/client-cloudformation';
import * as config from '@aws-sdk/client-config-service';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as ec2 from '@aws-sdk/client-ec2';
import * as ecr from '@aws-sdk/client-ecr';
import * as guardduty from '@aws-sdk/client-guardduty';
import * as iam from '@aws-sdk/client-iam';
import * as lambda from '@aws-sdk/client-lambda';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as rds from '@aws-sdk/client-rds';
import * as s3 from '@aws-sdk/client-s3';
import * as secrets from '@aws-sdk/client-secrets-manager';
import * as securityhub from '@aws-sdk/client-securityhub';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { REGION } from './helpers';

/** SDK clients pointed at moto, for seeding account state and reading it back. */
export function clients(endpoint: string, credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }) {
  const c = { region: REGION, endpoint, credentials, forcePathStyle: true };
  return {
    cfn: new cfn.CloudFormationClient(c),
    config: new config.ConfigServiceClient(c),
    dynamodb: new dynamodb.DynamoDBClient(c),
    ec2: new ec2.EC2Client(c),
    ecr: new ecr.ECRClient(c),
    guardduty: new guardduty.GuardDutyClient(c),
    iam: new iam.IAMClient(c),
    lambda: new lambda.LambdaClient(c),
    logs: new logs.CloudWatchLogsClient(c),
    rds: new rds.RDSClient(c),
    s3: new s3.S3Client(c),
    secrets: new secrets.SecretsManagerClient(c),
    securityhub: new securityhub.SecurityHubClient(c),
    sns: new sns.SNSClient(c),
    sqs: new sqs.SQSClient(c),
  };
}
export type Clients = ReturnType<typeof clients>;

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

export async function role(c: Clients, name: string): Promise<string> {
  return (await c.iam.send(new iam.CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }))).Role!.Arn!;
}

export async function zipFunction(c: Clients, name: string, roleArn: string, reserved?: number): Promise<void> {
  // A minimal zip (empty archive): moto stores it, it never runs.
  const emptyZip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
  await c.lambda.send(new lambda.CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: roleArn, Handler: 'index.handler', Code: { ZipFile: emptyZip } }));
  if (reserved !== undefined) await c.lambda.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: reserved }));
}

/** Every physical name the noncompliant apps use, created outside any stack (leftovers). */
export async function leftovers(c: Clients, prefix: string): Promise<void> {
  const roleArn = await role(c, `${prefix}-role`);
  await c.iam.send(new iam.CreatePolicyCommand({ PolicyName: `${prefix}-policy`, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }));
  await c.iam.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: `${prefix}-profile` }));
  await c.s3.send(new s3.CreateBucketCommand({ Bucket: `${prefix}-bucket` }));
  await zipFunction(c, `${prefix}-fn`, roleArn);
  await c.logs.send(new logs.CreateLogGroupCommand({ logGroupName: `/${prefix}/logs` }));
  await c.dynamodb.send(
    new dynamodb.CreateTableCommand({ TableName: `${prefix}-table`, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
  );
  await c.sqs.send(new sqs.CreateQueueCommand({ QueueName: `${prefix}-queue` }));
  await c.sqs.send(new sqs.CreateQueueCommand({ QueueName: `${prefix}-nested-queue` }));
  await c.sns.send(new sns.CreateTopicCommand({ Name: `${prefix}-topic` }));
  await c.secrets.send(new secrets.CreateSecretCommand({ Name: `${prefix}-secret`, SecretString: 'x' }));
  await c.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: `${prefix}-repo` }));
}

/** The account singletons: a GuardDuty detector, a Config recorder and delivery channel, Security Hub. */
export async function singletons(c: Clients): Promise<void> {
  await c.guardduty.send(new guardduty.CreateDetectorCommand({ Enable: true }));
  const roleArn = await role(c, 'baseline-config-role');
  await c.config.send(new config.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: roleArn } }));
  await c.s3.send(new s3.CreateBucketCommand({ Bucket: 'baseline-config-bucket' }));
  await c.config.send(new config.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'baseline-config-bucket' } }));
  await c.securityhub.send(new securityhub.EnableSecurityHubCommand({}));
}

/** Fills the region's VPC and Elastic IP quotas (5 each: moto has one default VPC). */
export async function fullQuotas(c: Clients): Promise<void> {
  const existing = (await c.ec2.send(new ec2.DescribeVpcsCommand({}))).Vpcs?.length ?? 0;
  for (let i = existing; i < 5; i++) await c.ec2.send(new ec2.CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
  for (let i = 0; i < 5; i++) await c.ec2.send(new ec2.AllocateAddressCommand({ Domain: 'vpc' }));
}

/** A snapshot of everything in the account that preflight looks at: equal before and after a run. */
export async function snapshot(c: Clients): Promise<unknown> {
  const s = async <T>(f: () => Promise<T>) => JSON.parse(JSON.stringify(await f(), (k, v) => (k === '$metadata' ? undefined : v)));
  return {
    roles: await s(() => c.iam.send(new iam.ListRolesCommand({}))),
    policies: await s(() => c.iam.send(new iam.ListPoliciesCommand({ Scope: 'Local' }))),
    profiles: await s(() => c.iam.send(new iam.ListInstanceProfilesCommand({}))),
    buckets: await s(() => c.s3.send(new s3.ListBucketsCommand({}))),
    functions: await s(() => c.lambda.send(new lambda.ListFunctionsCommand({}))),
    logs: await s(() => c.logs.send(new logs.DescribeLogGroupsCommand({}))),
    tables: await s(() => c.dynamodb.send(new dynamodb.ListTablesCommand({}))),
    queues: await s(() => c.sqs.send(new sqs.ListQueuesCommand({}))),
    topics: await s(() => c.sns.send(new sns.ListTopicsCommand({}))),
    secrets: await s(() => c.secrets.send(new secrets.ListSecretsCommand({}))),
    repositories: await s(() => c.ecr.send(new ecr.DescribeRepositoriesCommand({}))),
    detectors: await s(() => c.guardduty.send(new guardduty.ListDetectorsCommand({}))),
    recorders: await s(() => c.config.send(new config.DescribeConfigurationRecordersCommand({}))),
    channels: await s(() => c.config.send(new config.DescribeDeliveryChannelsCommand({}))),
    vpcs: await s(() => c.ec2.send(new ec2.DescribeVpcsCommand({}))),
    addresses: await s(() => c.ec2.send(new ec2.DescribeAddressesCommand({}))),
    globalClusters: await s(() => c.rds.send(new rds.DescribeGlobalClustersCommand({}))),
    stacks: await s(() => c.cfn.send(new cfn.ListStacksCommand({}))),
  };
}
