import { RuleMetadata } from './model';

/**
 * The account rules. Their ids are public API, like the static rules': used in `--rule`,
 * acknowledgements and reports. Each lists the read-only calls it makes.
 */
export const SINGLETON_EXISTS: RuleMetadata = {
  id: 'preflight-singleton-exists',
  title: 'The stack creates an account singleton the region already has',
  lesson: '000 "AWS GuardDuty - Account-Level Resource Constraint", 000 "AWS Config IAM Role"',
  why:
    'GuardDuty allows one detector per account and region ("a detector already exists for the current account"), AWS Config one ' +
    'configuration recorder and one delivery channel per region (MaxNumberOfConfigurationRecordersExceededException, ' +
    'MaxNumberOfDeliveryChannelsExceededException), and Security Hub is enabled once per region (ResourceConflictException): ' +
    'a stack that creates one where another already exists fails to deploy, and rolls back everything else with it.',
  fix:
    'do not create the singleton in this stack: use the one the account has (look it up), or deploy it once from an account-baseline stack; ' +
    'acknowledge only where this stack is meant to own it after the other one is removed',
  defaultSeverity: 'error',
  actions: ['guardduty:ListDetectors', 'config:DescribeConfigurationRecorders', 'config:DescribeDeliveryChannels', 'securityhub:DescribeHub'],
  examples: {},
};

export const NAME_TAKEN: RuleMetadata = {
  id: 'preflight-name-taken',
  title: 'An explicit physical name already exists in the account and is not this stack\'s',
  lesson: '000 "Hardcoded Environment Suffixes", 003 Issue 8 "IAM Role Cleanup Requirements", 003 Issue 9',
  why:
    'Creating a resource with a name that exists fails: EntityAlreadyExists (IAM roles, policies, instance profiles), BucketAlreadyExists / ' +
    'BucketAlreadyOwnedByYou (S3 names are global: a bucket owned by another account is a certain failure), ResourceConflictException (Lambda), ' +
    'ResourceAlreadyExistsException (log groups), ResourceInUseException (DynamoDB), ResourceExistsException (Secrets Manager, also for a ' +
    'secret scheduled for deletion), RepositoryAlreadyExistsException (ECR); CloudFormation reports AlreadyExists for SQS queues and SNS topics, ' +
    'whose Create calls return the existing resource when the attributes match, so that Terraform silently adopts one another stack manages. Leftovers of an earlier, failed or half-destroyed deployment are the usual cause. ' +
    '"This stack\'s" means in the CloudFormation stack\'s resources (DescribeStackResources) or in the Terraform state read from the stack\'s S3 backend.',
  fix: 'delete the leftover resource, or give this one a name that carries the environment suffix (EnvironmentSuffix), or no explicit name at all',
  defaultSeverity: 'error',
  actions: [
    'cloudformation:ListStackResources',
    's3:GetObject',
    'iam:GetRole',
    'iam:GetPolicy',
    'iam:GetInstanceProfile',
    's3:ListBucket',
    'lambda:GetFunction',
    'logs:DescribeLogGroups',
    'dynamodb:DescribeTable',
    'sqs:GetQueueUrl',
    'sns:GetTopicAttributes',
    'secretsmanager:DescribeSecret',
    'ecr:DescribeRepositories',
  ],
  examples: {},
};

export const QUOTA_EXCEEDED: RuleMetadata = {
  id: 'preflight-quota-exceeded',
  title: 'The deployment would exceed a regional quota',
  lesson: '001 Issue 1 "AWS VPC Quota Limit", 000 "Lambda Reserved Concurrency Issues"',
  why:
    'A region holds at most its VPC quota (default 5, VpcLimitExceeded) and Elastic IP quota (default 5, AddressLimitExceeded); ' +
    'Lambda refuses a reserved concurrency that takes the account\'s unreserved pool below 10 ("decreases account\'s ' +
    'UnreservedConcurrentExecution below its minimum value of [10]"). Usage is counted in the account, the quota read from Service Quotas ' +
    '(the AWS default where no value is applied).',
  fix:
    'free capacity (delete unused VPCs or release Elastic IPs), request a quota increase in Service Quotas, share one VPC (SingleNatVpc) ' +
    'or drop reservedConcurrentExecutions',
  defaultSeverity: 'error',
  actions: ['ec2:DescribeVpcs', 'ec2:DescribeAddresses', 'servicequotas:GetServiceQuota', 'servicequotas:GetAWSDefaultServiceQuota', 'lambda:GetAccountSettings', 'lambda:GetFunction', 'lambda:ListFunctions', 'lambda:GetFunctionConcurrency'],
  examples: {},
};

export const REFERENCE_MISSING: RuleMetadata = {
  id: 'preflight-reference-missing',
  title: 'Something the stack refers to does not exist in the account',
  lesson: '003 Issue 1 (state locking), 003 Issue 2 (container image), 004 Failure 2 (global cluster), 004 Failure 3 (monitoring role)',
  why:
    'A deployment fails when what it refers to is not there: an AWS managed policy ARN that does not exist (NoSuchEntity), a container image ' +
    'never pushed (Lambda: "Source image ... does not exist"), a Lambda code object missing from S3, an RDS MonitoringRoleArn that names no role, ' +
    'a secondary cluster\'s global cluster that does not exist (GlobalClusterNotFoundFault), a Terraform S3 backend bucket or dynamodb_table ' +
    'lock table that does not exist (terraform init / plan fail).',
  fix:
    'create or push what is missing first (or deploy the stack that creates it first), or refer to one that exists; ' +
    'for the Terraform backend create the bucket, and prefer use_lockfile = true over a dynamodb_table (S3BackendWithLockfile)',
  defaultSeverity: 'error',
  actions: ['iam:GetPolicy', 'ecr:DescribeImages', 's3:GetObject', 'iam:GetRole', 'rds:DescribeGlobalClusters', 's3:ListBucket', 'dynamodb:DescribeTable'],
  examples: {},
};

export const PREFLIGHT_RULES: readonly RuleMetadata[] = [SINGLETON_EXISTS, NAME_TAKEN, QUOTA_EXCEEDED, REFERENCE_MISSING];

/** Every action preflight may call, for the least-privilege IAM policy (sts:GetCallerIdentity needs no permission). */
export function preflightActions(): string[] {
  return [...new Set(PREFLIGHT_RULES.flatMap((r) => r.actions))].sort();
}
