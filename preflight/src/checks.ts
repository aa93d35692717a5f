import { Aws, CallProblem, errorCode } from './aws';
import { CheckUnit, ResourceView, RuleMetadata, StackView } from './model';
import { Owned, owns } from './ownership';
import { NAME_TAKEN, QUOTA_EXCEEDED, REFERENCE_MISSING, SINGLETON_EXISTS } from './rules';
import { literal, literalNumber, partitionOf } from './values';

/** One stack, with where it lands and what it already holds there. */
export interface Target {
  readonly unit: CheckUnit;
  readonly stack: StackView;
  readonly region: string;
  readonly account: string;
  readonly owned: Owned;
  /** True when what the stack holds could not be read (a denied call): checks that depend on it skip the stack. */
  readonly ownershipUnknown?: boolean;
}

/** Stacks whose own resources are known: only for those can "exists and is not the stack's" be judged. */
function known(targets: readonly Target[]): Target[] {
  return targets.filter((t) => !t.ownershipUnknown);
}

export interface RawFinding {
  readonly rule: RuleMetadata;
  readonly target: Target;
  /** The resource; undefined for the stack as a whole (Terraform backend). */
  readonly resource?: ResourceView;
  readonly message: string;
  readonly fix?: string;
  readonly location?: string;
}

export interface Sink {
  finding(finding: RawFinding): void;
}

type Check = (aws: Aws, targets: readonly Target[], sink: Sink) => Promise<unknown>[];

// ---------------------------------------------------------------------------------------------
// Account singletons
// ---------------------------------------------------------------------------------------------

interface SingletonSpec {
  readonly what: string;
  /** What the region holds, or [] for none. */
  probe(aws: Aws, region: string): Promise<string[]>;
}

const GUARDDUTY: SingletonSpec = {
  what: 'a GuardDuty detector',
  probe: async (aws, region) => (await aws.call('guardduty', region, 'ListDetectorsCommand', {}, 'guardduty:ListDetectors')).DetectorIds ?? [],
};
const RECORDER: SingletonSpec = {
  what: 'an AWS Config configuration recorder',
  probe: async (aws, region) =>
    ((await aws.call('config', region, 'DescribeConfigurationRecordersCommand', {}, 'config:DescribeConfigurationRecorders')).ConfigurationRecorders ?? []).map(
      (r: { name?: string }) => r.name ?? '?',
    ),
};
const CHANNEL: SingletonSpec = {
  what: 'an AWS Config delivery channel',
  probe: async (aws, region) =>
    ((await aws.call('config', region, 'DescribeDeliveryChannelsCommand', {}, 'config:DescribeDeliveryChannels')).DeliveryChannels ?? []).map(
      (c: { name?: string }) => c.name ?? '?',
    ),
};
const SECURITY_HUB: SingletonSpec = {
  what: 'Security Hub enabled',
  probe: async (aws, region) => {
    try {
      const hub = await aws.call('securityhub', region, 'DescribeHubCommand', {}, 'securityhub:DescribeHub');
      return [hub.HubArn ?? 'hub'];
    } catch (error) {
      // Not subscribed is the answer "none", not a failure.
      if (['InvalidAccessException', 'ResourceNotFoundException'].includes(errorCode(error) ?? '')) return [];
      throw error;
    }
  },
};

const SINGLETONS: Record<string, SingletonSpec> = {
  'AWS::GuardDuty::Detector': GUARDDUTY,
  'aws_guardduty_detector': GUARDDUTY,
  'AWS::Config::ConfigurationRecorder': RECORDER,
  'aws_config_configuration_recorder': RECORDER,
  'AWS::Config::DeliveryChannel': CHANNEL,
  'aws_config_delivery_channel': CHANNEL,
  'AWS::SecurityHub::Hub': SECURITY_HUB,
  'aws_securityhub_account': SECURITY_HUB,
};

const singletons: Check = (aws, targets, sink) =>
  known(targets).flatMap((target) =>
    target.stack.resources
      .filter((r) => SINGLETONS[r.type] && !(target.owned.byType.get(r.type)?.size))
      .map(async (resource) => {
        const spec = SINGLETONS[resource.type];
        const held = await spec.probe(aws, target.region);
        if (held.length === 0) return;
        sink.finding({
          rule: SINGLETON_EXISTS,
          target,
          resource,
          message: `${target.region} in account ${target.account} already has ${spec.what} (${held.slice(0, 3).join(', ')}) that is not this stack's; a second one cannot be created.`,
        });
      }),
  );

// ---------------------------------------------------------------------------------------------
// Explicit physical names
// ---------------------------------------------------------------------------------------------

interface NameSpec {
  readonly property: string;
  readonly service: string;
  /** A description of what exists under the name, or undefined when nothing does. */
  probe(aws: Aws, target: Target, name: string, resource: ResourceView): Promise<string | undefined>;
}

async function absentOn<T>(call: Promise<T>, codes: readonly string[]): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof CallProblem) && codes.includes(errorCode(error) ?? '')) return undefined;
    throw error;
  }
}

const role: NameSpec['probe'] = async (aws, t, name) => {
  const found = await absentOn(aws.call('iam', t.region, 'GetRoleCommand', { RoleName: name }, 'iam:GetRole'), ['NoSuchEntity', 'NoSuchEntityException']);
  return found?.Role ? `role ${found.Role.Arn}${found.Role.CreateDate ? ` (created ${new Date(found.Role.CreateDate).toISOString().slice(0, 10)})` : ''}` : undefined;
};
const policy: NameSpec['probe'] = async (aws, t, name, resource) => {
  const p = literal(resource.properties.Path ?? resource.properties.path, resource, t) ?? '/';
  const arn = `arn:${partitionOf(t.region)}:iam::${t.account}:policy${p}${name}`;
  const found = await absentOn(aws.call('iam', t.region, 'GetPolicyCommand', { PolicyArn: arn }, 'iam:GetPolicy'), ['NoSuchEntity', 'NoSuchEntityException']);
  return found?.Policy ? `managed policy ${arn}` : undefined;
};
const instanceProfile: NameSpec['probe'] = async (aws, t, name) => {
  const found = await absentOn(aws.call('iam', t.region, 'GetInstanceProfileCommand', { InstanceProfileName: name }, 'iam:GetInstanceProfile'), [
    'NoSuchEntity',
    'NoSuchEntityException',
  ]);
  return found?.InstanceProfile ? `instance profile ${found.InstanceProfile.Arn}` : undefined;
};
const bucket: NameSpec['probe'] = async (aws, t, name) => {
  try {
    await aws.call('s3', t.region, 'HeadBucketCommand', { Bucket: name }, 's3:ListBucket');
    return `bucket s3://${name} in this account`;
  } catch (error) {
    if (!(error instanceof CallProblem) && ['NotFound', 'NoSuchBucket'].includes(errorCode(error) ?? '')) return undefined;
    // 403 for a name: bucket names are global, and this one belongs to an account that does not let us in.
    if (error instanceof CallProblem && error.kind === 'denied') return `bucket s3://${name}, owned by another account (HeadBucket: 403; S3 bucket names are global)`;
    throw error;
  }
};
const lambdaFunction: NameSpec['probe'] = async (aws, t, name) => {
  const found = await absentOn(aws.call('lambda', t.region, 'GetFunctionCommand', { FunctionName: name }, 'lambda:GetFunction'), ['ResourceNotFoundException']);
  return found?.Configuration ? `function ${found.Configuration.FunctionArn}` : undefined;
};
const logGroup: NameSpec['probe'] = async (aws, t, name) => {
  const found = await aws.call('logs', t.region, 'DescribeLogGroupsCommand', { logGroupNamePrefix: name, limit: 50 }, 'logs:DescribeLogGroups');
  const group = (found.logGroups ?? []).find((g: { logGroupName?: string }) => g.logGroupName === name);
  return group ? `log group ${name}${group.storedBytes ? ` (${group.storedBytes} bytes stored)` : ''}` : undefined;
};
const table: NameSpec['probe'] = async (aws, t, name) => {
  const found = await absentOn(aws.call('dynamodb', t.region, 'DescribeTableCommand', { TableName: name }, 'dynamodb:DescribeTable'), ['ResourceNotFoundException']);
  return found?.Table ? `table ${found.Table.TableArn ?? name} (${found.Table.TableStatus ?? 'status unknown'})` : undefined;
};
const queue: NameSpec['probe'] = async (aws, t, name) => {
  const found = await absentOn(aws.call('sqs', t.region, 'GetQueueUrlCommand', { QueueName: name }, 'sqs:GetQueueUrl'), [
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
  ]);
  return found?.QueueUrl ? `queue ${found.QueueUrl}` : undefined;
};
const topic: NameSpec['probe'] = async (aws, t, name) => {
  const arn = `arn:${partitionOf(t.region)}:sns:${t.region}:${t.account}:${name}`;
  const found = await absentOn(aws.call('sns', t.region, 'GetTopicAttributesCommand', { TopicArn: arn }, 'sns:GetTopicAttributes'), ['NotFound', 'NotFoundException']);
  return found ? `topic ${arn}` : undefined;
};
const secret: NameSpec['probe'] = async (aws, t, name) => {
  const found = await absentOn(aws.call('secretsmanager', t.region, 'DescribeSecretCommand', { SecretId: name }, 'secretsmanager:DescribeSecret'), [
    'ResourceNotFoundException',
  ]);
  if (!found?.ARN) return undefined;
  return `secret ${found.ARN}${found.DeletedDate ? ' (scheduled for deletion: the name stays taken until it is deleted)' : ''}`;
};
const repository: NameSpec['probe'] = async (aws, t, name) => {
  const found = await absentOn(aws.call('ecr', t.region, 'DescribeRepositoriesCommand', { repositoryNames: [name] }, 'ecr:DescribeRepositories'), [
    'RepositoryNotFoundException',
  ]);
  return found?.repositories?.[0] ? `repository ${found.repositories[0].repositoryUri ?? name}` : undefined;
};

function spec(property: string, service: string, probe: NameSpec['probe']): NameSpec {
  return { property, service, probe };
}

const NAMED: Record<string, NameSpec> = {
  'AWS::IAM::Role': spec('RoleName', 'IAM role', role),
  'aws_iam_role': spec('name', 'IAM role', role),
  'AWS::IAM::ManagedPolicy': spec('ManagedPolicyName', 'IAM managed policy', policy),
  'aws_iam_policy': spec('name', 'IAM managed policy', policy),
  'AWS::IAM::InstanceProfile': spec('InstanceProfileName', 'IAM instance profile', instanceProfile),
  'aws_iam_instance_profile': spec('name', 'IAM instance profile', instanceProfile),
  'AWS::S3::Bucket': spec('BucketName', 'S3 bucket', bucket),
  'aws_s3_bucket': spec('bucket', 'S3 bucket', bucket),
  'AWS::Lambda::Function': spec('FunctionName', 'Lambda function', lambdaFunction),
  'aws_lambda_function': spec('function_name', 'Lambda function', lambdaFunction),
  'AWS::Logs::LogGroup': spec('LogGroupName', 'CloudWatch log group', logGroup),
  'aws_cloudwatch_log_group': spec('name', 'CloudWatch log group', logGroup),
  'AWS::DynamoDB::Table': spec('TableName', 'DynamoDB table', table),
  'AWS::DynamoDB::GlobalTable': spec('TableName', 'DynamoDB table', table),
  'aws_dynamodb_table': spec('name', 'DynamoDB table', table),
  'AWS::SQS::Queue': spec('QueueName', 'SQS queue', queue),
  'aws_sqs_queue': spec('name', 'SQS queue', queue),
  'AWS::SNS::Topic': spec('TopicName', 'SNS topic', topic),
  'aws_sns_topic': spec('name', 'SNS topic', topic),
  'AWS::SecretsManager::Secret': spec('Name', 'Secrets Manager secret', secret),
  'aws_secretsmanager_secret': spec('name', 'Secrets Manager secret', secret),
  'AWS::ECR::Repository': spec('RepositoryName', 'ECR repository', repository),
  'aws_ecr_repository': spec('name', 'ECR repository', repository),
};

/** SQS CreateQueue and SNS CreateTopic return the existing resource when the attributes match: Terraform then adopts it. */
const TF_ADOPTS = new Set(['aws_sqs_queue', 'aws_sns_topic']);

const names: Check = (aws, targets, sink) =>
  known(targets).flatMap((target) =>
    target.stack.resources.map(async (resource) => {
      const named = NAMED[resource.type];
      if (!named) return;
      let name = literal(resource.properties[named.property], resource, target);
      if (!name) return;
      // CloudFormation FIFO queue and topic names carry .fifo; Terraform's name does too.
      if (resource.type === 'AWS::SQS::Queue' && resource.properties.FifoQueue === true && !name.endsWith('.fifo')) name += '.fifo';
      if (owns(target.owned, resource.type, name)) return;
      const held = await named.probe(aws, target, name, resource);
      if (!held) return;
      const owner = target.stack.terraform ? 'the Terraform state of this stack' : `CloudFormation stack ${target.stack.name}`;
      const outcome = TF_ADOPTS.has(resource.type)
        ? 'Terraform either takes the existing one over silently (the Create call returns it when the attributes match), though another stack or person manages it, or fails when they differ'
        : 'creating it fails';
      sink.finding({
        rule: NAME_TAKEN,
        target,
        resource,
        message: `${named.service} name "${name}" is taken: account ${target.account} (${target.region}) holds ${held}, which is not in ${owner}; ${outcome}.`,
        location: target.stack.terraform ? named.property : `Properties/${named.property}`,
      });
    }),
  );

// ---------------------------------------------------------------------------------------------
// Quotas
// ---------------------------------------------------------------------------------------------

interface QuotaSpec {
  readonly types: readonly string[];
  readonly what: string;
  readonly serviceCode: string;
  readonly quotaCode: string;
  readonly quotaName: string;
  readonly awsDefault: number;
  usage(aws: Aws, region: string): Promise<number>;
}

const VPCS: QuotaSpec = {
  types: ['AWS::EC2::VPC', 'aws_vpc'],
  what: 'VPCs',
  serviceCode: 'vpc',
  quotaCode: 'L-F678F1CE',
  quotaName: 'VPCs per Region',
  awsDefault: 5,
  usage: async (aws, region) => {
    let count = 0;
    let token: string | undefined;
    do {
      const page = await aws.call('ec2', region, 'DescribeVpcsCommand', { MaxResults: 1000, ...(token ? { NextToken: token } : {}) }, 'ec2:DescribeVpcs');
      count += (page.Vpcs ?? []).length;
      token = page.NextToken;
    } while (token);
    return count;
  },
};

const ELASTIC_IPS: QuotaSpec = {
  types: ['AWS::EC2::EIP', 'aws_eip'],
  what: 'Elastic IP addresses',
  serviceCode: 'ec2',
  quotaCode: 'L-0263D0A3',
  quotaName: 'EC2-VPC Elastic IPs',
  awsDefault: 5,
  usage: async (aws, region) => ((await aws.call('ec2', region, 'DescribeAddressesCommand', {}, 'ec2:DescribeAddresses')).Addresses ?? []).length,
};

async function quotaValue(aws: Aws, region: string, spec: Pick<QuotaSpec, 'serviceCode' | 'quotaCode' | 'awsDefault'>): Promise<{ value: number; source: string }> {
  const input = { ServiceCode: spec.serviceCode, QuotaCode: spec.quotaCode };
  const missing = ['NoSuchResourceException', 'ResourceNotFoundException'];
  const applied = await absentOn(aws.call('servicequotas', region, 'GetServiceQuotaCommand', input, 'servicequotas:GetServiceQuota'), missing);
  if (typeof applied?.Quota?.Value === 'number') return { value: applied.Quota.Value, source: 'Service Quotas' };
  try {
    const standard = await absentOn(aws.call('servicequotas', region, 'GetAWSDefaultServiceQuotaCommand', input, 'servicequotas:GetAWSDefaultServiceQuota'), missing);
    if (typeof standard?.Quota?.Value === 'number') return { value: standard.Quota.Value, source: 'the AWS default in Service Quotas' };
  } catch (error) {
    if (error instanceof CallProblem) throw error;
  }
  return { value: spec.awsDefault, source: 'the documented AWS default' };
}

const countQuotas: Check = (aws, targets, sink) =>
  [VPCS, ELASTIC_IPS].flatMap((spec) => {
    // Stacks deployed together in one region share the quota: count their new resources together.
    const byRegion = new Map<string, Array<{ target: Target; fresh: ResourceView[] }>>();
    for (const target of known(targets)) {
      const fresh = target.stack.resources.filter((r) => spec.types.includes(r.type) && !target.owned.logical.has(`${r.type}|${r.logicalId}`));
      if (fresh.length === 0) continue;
      const list = byRegion.get(target.region) ?? [];
      list.push({ target, fresh });
      byRegion.set(target.region, list);
    }
    return [...byRegion.entries()].map(async ([region, stacks]) => {
      const [used, quota] = await Promise.all([spec.usage(aws, region), quotaValue(aws, region, spec)]);
      const adding = stacks.reduce((n, s) => n + s.fresh.length, 0);
      if (used + adding <= quota.value) return;
      for (const { target, fresh } of stacks) {
        sink.finding({
          rule: QUOTA_EXCEEDED,
          target,
          resource: fresh[0],
          message:
            `${region} in account ${target.account} has ${used} ${spec.what} of a quota of ${quota.value} ("${spec.quotaName}", ${spec.quotaCode}, from ${quota.source}); ` +
            `this deployment adds ${adding}${stacks.length > 1 ? ` (${fresh.length} in this stack)` : ''}, ${used + adding - quota.value} over.`,
        });
      }
    });
  });

/** The unreserved minimum Lambda keeps per account and region. */
export const UNRESERVED_MINIMUM = 10;

const reservedConcurrency: Check = (aws, targets, sink) => {
  const byRegion = new Map<string, Array<{ target: Target; resource: ResourceView; requested: number; name?: string }>>();
  for (const target of known(targets)) {
    for (const resource of target.stack.resources) {
      const cfn = resource.type === 'AWS::Lambda::Function';
      if (!cfn && resource.type !== 'aws_lambda_function') continue;
      const requested = literalNumber(resource.properties[cfn ? 'ReservedConcurrentExecutions' : 'reserved_concurrent_executions']);
      if (requested === undefined || requested <= 0) continue;
      const name = literal(resource.properties[cfn ? 'FunctionName' : 'function_name'], resource, target);
      const list = byRegion.get(target.region) ?? [];
      list.push({ target, resource, requested, name });
      byRegion.set(target.region, list);
    }
  }
  return [...byRegion.entries()].map(async ([region, functions]) => {
    const { unreserved, total } = await concurrencyPool(aws, region);
    if (unreserved === undefined) return;
    // A function that exists already gives its current reservation back before taking the new one.
    const current = await Promise.all(
      functions.map(async (f) => {
        if (!f.name || !owns(f.target.owned, f.resource.type, f.name)) return 0;
        const found = await absentOn(aws.call('lambda', region, 'GetFunctionCommand', { FunctionName: f.name }, 'lambda:GetFunction'), ['ResourceNotFoundException']);
        return found?.Concurrency?.ReservedConcurrentExecutions ?? 0;
      }),
    );
    const requested = functions.reduce((n, f) => n + f.requested, 0);
    const after = unreserved + current.reduce((n, c) => n + c, 0) - requested;
    if (after >= UNRESERVED_MINIMUM) return;
    for (const f of functions) {
      sink.finding({
        rule: QUOTA_EXCEEDED,
        target: f.target,
        resource: f.resource,
        message:
          `ReservedConcurrentExecutions ${f.requested}: account ${f.target.account} has ${unreserved} unreserved concurrent executions in ${region} ` +
          `(of ${total ?? 'an unknown'} total); the ${functions.length === 1 ? 'reservation' : `${functions.length} reservations`} of this deployment ` +
          `(${requested} in all) would leave ${after}, below Lambda's minimum of ${UNRESERVED_MINIMUM}.`,
        location: f.resource.type === 'aws_lambda_function' ? 'reserved_concurrent_executions' : 'Properties/ReservedConcurrentExecutions',
      });
    }
  });
};

/**
 * The account's unreserved and total concurrency in a region: GetAccountSettings, or, where an endpoint
 * does not implement it (emulators), the same numbers counted: the "Concurrent executions" quota minus
 * every function's reservation.
 */
async function concurrencyPool(aws: Aws, region: string): Promise<{ unreserved?: number; total?: number }> {
  try {
    const settings = await aws.call('lambda', region, 'GetAccountSettingsCommand', {}, 'lambda:GetAccountSettings');
    return { unreserved: settings.AccountLimit?.UnreservedConcurrentExecutions, total: settings.AccountLimit?.ConcurrentExecutions };
  } catch (error) {
    if (error instanceof CallProblem) throw error;
  }
  const quota = await quotaValue(aws, region, { serviceCode: 'lambda', quotaCode: 'L-B99A9384', awsDefault: 1000 });
  let reserved = 0;
  let marker: string | undefined;
  do {
    const page = await aws.call('lambda', region, 'ListFunctionsCommand', { MaxItems: 50, ...(marker ? { Marker: marker } : {}) }, 'lambda:ListFunctions');
    const reservations = await Promise.all(
      (page.Functions ?? []).map(async (f: { FunctionName: string }) => {
        const c = await aws.call('lambda', region, 'GetFunctionConcurrencyCommand', { FunctionName: f.FunctionName }, 'lambda:GetFunctionConcurrency');
        return c.ReservedConcurrentExecutions ?? 0;
      }),
    );
    reserved += reservations.reduce((n: number, r: number) => n + r, 0);
    marker = page.NextMarker;
  } while (marker);
  return { unreserved: quota.value - reserved, total: quota.value };
}

// ---------------------------------------------------------------------------------------------
// References that must exist
// ---------------------------------------------------------------------------------------------

const AWS_MANAGED_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/.+$/;

function managedPolicyArns(resource: ResourceView, target: Target): Array<{ arn: string; location: string }> {
  const found: Array<{ arn: string; location: string }> = [];
  const add = (value: unknown, location: string) => {
    const arn = literal(value, resource, target);
    if (arn && AWS_MANAGED_POLICY.test(arn)) found.push({ arn, location });
  };
  const p = resource.properties;
  if (['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(resource.type) && Array.isArray(p.ManagedPolicyArns)) {
    p.ManagedPolicyArns.forEach((v: unknown, i: number) => add(v, `Properties/ManagedPolicyArns/${i}`));
  }
  if (['aws_iam_role', 'aws_iam_user', 'aws_iam_group'].includes(resource.type) && Array.isArray(p.managed_policy_arns)) {
    p.managed_policy_arns.forEach((v: unknown, i: number) => add(v, `managed_policy_arns.${i}`));
  }
  if (/^aws_iam_(role|user|group)_policy_attachment$|^aws_iam_policy_attachment$/.test(resource.type)) add(p.policy_arn, 'policy_arn');
  return found;
}

const IMAGE_URI = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]+))?$/;
/** Assets the CDK CLI uploads during deploy: not there before, never a finding. */
const CDK_ASSET = /^cdk-[a-z0-9]+-(container-)?assets-/;

function createdNames(targets: readonly Target[], types: readonly string[], properties: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const target of targets) {
    for (const r of target.stack.resources) {
      if (!types.includes(r.type)) continue;
      for (const property of properties) {
        const name = literal(r.properties[property], r, target);
        if (name) names.add(name);
      }
    }
  }
  return names;
}

const references: Check = (aws, targets, sink) => {
  const appRepositories = createdNames(targets, ['AWS::ECR::Repository', 'aws_ecr_repository'], ['RepositoryName', 'name']);
  const appBuckets = createdNames(targets, ['AWS::S3::Bucket', 'aws_s3_bucket'], ['BucketName', 'bucket']);
  const appRoles = createdNames(targets, ['AWS::IAM::Role', 'aws_iam_role'], ['RoleName', 'name']);
  const appGlobalClusters = createdNames(targets, ['AWS::RDS::GlobalCluster', 'aws_rds_global_cluster'], ['GlobalClusterIdentifier', 'global_cluster_identifier']);
  const missing = (target: Target, resource: ResourceView, message: string, location: string, fix?: string) =>
    sink.finding({ rule: REFERENCE_MISSING, target, resource, message, location, fix });

  return targets.flatMap((target) =>
    target.stack.resources.flatMap((resource) => {
      const p = resource.properties;
      const tasks: Array<Promise<unknown>> = [];
      const tf = resource.engine === 'terraform';

      for (const { arn, location } of managedPolicyArns(resource, target)) {
        tasks.push(
          (async () => {
            const found = await absentOn(aws.call('iam', target.region, 'GetPolicyCommand', { PolicyArn: arn }, 'iam:GetPolicy'), ['NoSuchEntity', 'NoSuchEntityException']);
            if (!found) missing(target, resource, `AWS managed policy ${arn} does not exist (iam:GetPolicy: NoSuchEntity).`, location, 'use the exact name and path of an AWS managed policy (aws iam list-policies --scope AWS), e.g. service-role/AWSLambdaBasicExecutionRole');
          })(),
        );
      }

      if (resource.type === 'AWS::Lambda::Function' || resource.type === 'aws_lambda_function') {
        const imageUri = literal(tf ? p.image_uri : p.Code?.ImageUri, resource, target);
        const image = imageUri ? IMAGE_URI.exec(imageUri) : null;
        if (image && !CDK_ASSET.test(image[3]) && !appRepositories.has(image[3])) {
          const [, registryId, region, repositoryName, tag, digest] = image;
          tasks.push(
            (async () => {
              const location = tf ? 'image_uri' : 'Properties/Code/ImageUri';
              try {
                await aws.call('ecr', region, 'DescribeImagesCommand', { registryId, repositoryName, imageIds: [digest ? { imageDigest: digest } : { imageTag: tag ?? 'latest' }] }, 'ecr:DescribeImages');
              } catch (error) {
                const code = errorCode(error);
                if (error instanceof CallProblem || !['RepositoryNotFoundException', 'ImageNotFoundException'].includes(code ?? '')) throw error;
                const what = code === 'RepositoryNotFoundException' ? `repository ${repositoryName} does not exist in ${registryId} (${region})` : `repository ${repositoryName} has no image ${digest ?? `tagged ${tag ?? 'latest'}`}`;
                missing(target, resource, `Container image ${imageUri}: ${what}.`, location, 'push the image before deploying (or build it from the app: DockerImageCode.fromImageAsset), and refer to a tag or digest that exists');
              }
            })(),
          );
        }
        const codeBucket = literal(tf ? p.s3_bucket : p.Code?.S3Bucket, resource, target);
        const codeKey = literal(tf ? p.s3_key : p.Code?.S3Key, resource, target);
        const version = literal(tf ? p.s3_object_version : p.Code?.S3ObjectVersion, resource, target);
        if (codeBucket && codeKey && !CDK_ASSET.test(codeBucket) && !appBuckets.has(codeBucket)) {
          tasks.push(
            (async () => {
              const found = await absentOn(
                aws.call('s3', target.region, 'HeadObjectCommand', { Bucket: codeBucket, Key: codeKey, ...(version ? { VersionId: version } : {}) }, 's3:GetObject'),
                ['NotFound', 'NoSuchKey', 'NoSuchBucket', 'NoSuchVersion'],
              );
              if (!found) {
                missing(target, resource, `Lambda code object s3://${codeBucket}/${codeKey}${version ? ` (version ${version})` : ''} does not exist.`, tf ? 's3_key' : 'Properties/Code/S3Key', 'upload the code object first (or let the app package the code: LambdaZipAsset)');
              }
            })(),
          );
        }
      }

      if (resource.type === 'AWS::RDS::DBInstance' || resource.type === 'aws_db_instance') {
        const arn = literal(tf ? p.monitoring_role_arn : p.MonitoringRoleArn, resource, target);
        const roleName = arn ? /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] : undefined;
        if (roleName && !appRoles.has(roleName)) {
          tasks.push(
            (async () => {
              const found = await absentOn(aws.call('iam', target.region, 'GetRoleCommand', { RoleName: roleName }, 'iam:GetRole'), ['NoSuchEntity', 'NoSuchEntityException']);
              if (!found) missing(target, resource, `Monitoring role ${arn} does not exist.`, tf ? 'monitoring_role_arn' : 'Properties/MonitoringRoleArn', 'create the enhanced-monitoring role in the app (with AmazonRDSEnhancedMonitoringRole) and refer to it, or turn enhanced monitoring off');
            })(),
          );
        }
      }

      if (resource.type === 'AWS::RDS::DBCluster' || resource.type === 'aws_rds_cluster') {
        const id = literal(tf ? p.global_cluster_identifier : p.GlobalClusterIdentifier, resource, target);
        if (id && !appGlobalClusters.has(id)) {
          tasks.push(
            (async () => {
              const found = await absentOn(aws.call('rds', target.region, 'DescribeGlobalClustersCommand', { GlobalClusterIdentifier: id }, 'rds:DescribeGlobalClusters'), ['GlobalClusterNotFoundFault']);
              if (!found?.GlobalClusters?.length) {
                missing(target, resource, `Global cluster "${id}" does not exist in account ${target.account}.`, tf ? 'global_cluster_identifier' : 'Properties/GlobalClusterIdentifier', 'deploy the primary stack (which creates the global cluster) first and pass its identifier as a reference');
              }
            })(),
          );
        }
      }
      return tasks;
    }),
  );
};

export const CHECKS: readonly Check[] = [singletons, names, countQuotas, reservedConcurrency, references];

/** The Terraform S3 backend's bucket and lock table, for a stack whose state lives there. */
export async function backendReferences(
  aws: Aws,
  target: Target,
  backend: { bucket: string; key: string; region?: string; lockTable?: string },
  sink: Sink,
): Promise<void> {
  const region = backend.region ?? target.region;
  const tasks: Array<Promise<unknown>> = [];
  tasks.push(
    (async () => {
      const found = await absentOn(aws.call('s3', region, 'HeadBucketCommand', { Bucket: backend.bucket }, 's3:ListBucket').then(() => true), ['NotFound', 'NoSuchBucket']);
      if (!found) {
        sink.finding({
          rule: REFERENCE_MISSING,
          target,
          message: `The S3 backend's state bucket "${backend.bucket}" does not exist: terraform init fails.`,
          location: 'terraform.backend.s3.bucket',
          fix: 'create the state bucket (versioned, encrypted) before the first deployment, or point the backend at the one your team uses',
        });
      }
    })(),
  );
  if (backend.lockTable) {
    const lockTable = backend.lockTable;
    tasks.push(
      (async () => {
        const found = await absentOn(aws.call('dynamodb', region, 'DescribeTableCommand', { TableName: lockTable }, 'dynamodb:DescribeTable'), ['ResourceNotFoundException']);
        if (!found) {
          sink.finding({
            rule: REFERENCE_MISSING,
            target,
            message: `The S3 backend's dynamodb_table "${lockTable}" does not exist: terraform cannot take the state lock.`,
            location: 'terraform.backend.s3.dynamodb_table',
            fix: "drop dynamodb_table and set use_lockfile = true (S3-native locking; S3BackendWithLockfile), or create the table with a string partition key 'LockID'",
          });
        }
      })(),
    );
  }
  await Promise.all(tasks);
}
