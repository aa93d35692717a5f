/**
 * Which property holds a resource's physical name, and the service's rules for it.
 * Shared by physical-name-suffix, hardcoded-environment-name and name-length,
 * for both engines.
 */

export interface NameRules {
  readonly min: number;
  readonly max: number;
  /** Allowed characters / shape. */
  readonly pattern: RegExp;
  /** The same in words, for messages. */
  readonly describe: string;
}

export interface NameSpec extends NameRules {
  /** CloudFormation property or Terraform attribute holding the name. */
  readonly property: string;
  /** Service name for messages, e.g. "S3 bucket". */
  readonly service: string;
}

const S3: NameRules = {
  min: 3,
  max: 63,
  pattern: /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/,
  describe: 'lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
};
const IAM_ROLE: NameRules = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, describe: 'letters, digits and +=,.@_-' };
const IAM_128: NameRules = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, describe: 'letters, digits and +=,.@_-' };
const LAMBDA: NameRules = { min: 1, max: 64, pattern: /^[a-zA-Z0-9_-]+$/, describe: 'letters, digits, hyphens and underscores' };
const DYNAMODB: NameRules = { min: 3, max: 255, pattern: /^[a-zA-Z0-9_.-]+$/, describe: 'letters, digits, underscores, dots and hyphens' };
const SQS: NameRules = { min: 1, max: 80, pattern: /^[a-zA-Z0-9_-]+(\.fifo)?$/, describe: 'letters, digits, hyphens and underscores (and .fifo)' };
const SNS: NameRules = { min: 1, max: 256, pattern: /^[a-zA-Z0-9_-]+(\.fifo)?$/, describe: 'letters, digits, hyphens and underscores (and .fifo)' };
const LOG_GROUP: NameRules = { min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, describe: 'letters, digits and ._-/#' };
const ALARM: NameRules = { min: 1, max: 255, pattern: /^[^\x00-\x1f]+$/, describe: 'printable characters' };
const RDS: NameRules = {
  min: 1,
  max: 63,
  pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$|^[a-zA-Z]$/,
  describe: 'letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
};
/**
 * Step Functions forbids whitespace, brackets, wildcards, the special characters "#%\^|~`$&,;:/ and control
 * characters; anything else (dots, letters of any script) is a valid name.
 */
const STATE_MACHINE: NameRules = {
  min: 1,
  max: 80,
  pattern: /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\x00-\x1f\x7f-\x9f]+$/,
  describe: 'no whitespace, brackets, wildcards, control characters or any of "#%\\^|~`$&,;:/',
};
/** Terraform's provider refuses uppercase (replication_group_id validation). */
const ELASTICACHE: NameRules = {
  min: 1,
  max: 40,
  pattern: /^[a-z](?!.*--)[a-z0-9-]*(?<!-)$/,
  describe: 'lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
};
/** CloudFormation passes the id to ElastiCache, which stores it lowercased: uppercase letters are accepted. */
const ELASTICACHE_CFN: NameRules = {
  min: 1,
  max: 40,
  pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*(?<!-)$/,
  describe: 'letters, digits and single hyphens, starting with a letter and not ending with a hyphen (stored lowercase)',
};
/** CodeCommit: letters, digits, dots, underscores and hyphens, not ending in .git (CreateRepository). */
const CODECOMMIT: NameRules = { min: 1, max: 100, pattern: /^(?!.*\.git$)[\w.-]+$/, describe: 'letters, digits, dots, underscores and hyphens, not ending in .git' };
/** Network Firewall (CreateFirewall FirewallName). */
const NETWORK_FIREWALL: NameRules = { min: 1, max: 128, pattern: /^[a-zA-Z0-9-]+$/, describe: 'letters, digits and hyphens' };
const ECR: NameRules = { min: 2, max: 256, pattern: /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/, describe: 'lowercase letters, digits and ._/-' };
const ELB: NameRules = { min: 1, max: 32, pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, describe: 'letters, digits and hyphens, not at either end' };
const EVENT_RULE: NameRules = { min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, describe: 'letters, digits and ._-' };
const GENERIC_128: NameRules = { min: 1, max: 128, pattern: /^[^\x00-\x1f]+$/, describe: 'printable characters' };
const GENERIC_255: NameRules = { min: 1, max: 255, pattern: /^[^\x00-\x1f]+$/, describe: 'printable characters' };
const SECRET: NameRules = { min: 1, max: 512, pattern: /^[a-zA-Z0-9/_+=.@-]+$/, describe: 'letters, digits and /_+=.@-' };

function spec(property: string, service: string, rules: NameRules): NameSpec {
  return { property, service, ...rules };
}

/** CloudFormation resource type -> its name property. */
export const CFN_NAME_SPECS: Readonly<Record<string, NameSpec>> = {
  'AWS::S3::Bucket': spec('BucketName', 'S3 bucket', S3),
  'AWS::Lambda::Function': spec('FunctionName', 'Lambda function', LAMBDA),
  'AWS::IAM::Role': spec('RoleName', 'IAM role', IAM_ROLE),
  'AWS::IAM::User': spec('UserName', 'IAM user', IAM_ROLE),
  'AWS::IAM::Group': spec('GroupName', 'IAM group', IAM_128),
  'AWS::IAM::ManagedPolicy': spec('ManagedPolicyName', 'IAM managed policy', IAM_128),
  'AWS::IAM::InstanceProfile': spec('InstanceProfileName', 'IAM instance profile', IAM_128),
  'AWS::DynamoDB::Table': spec('TableName', 'DynamoDB table', DYNAMODB),
  'AWS::DynamoDB::GlobalTable': spec('TableName', 'DynamoDB global table', DYNAMODB),
  'AWS::SQS::Queue': spec('QueueName', 'SQS queue', SQS),
  'AWS::SNS::Topic': spec('TopicName', 'SNS topic', SNS),
  'AWS::Logs::LogGroup': spec('LogGroupName', 'CloudWatch log group', LOG_GROUP),
  'AWS::CloudWatch::Alarm': spec('AlarmName', 'CloudWatch alarm', ALARM),
  'AWS::RDS::DBCluster': spec('DBClusterIdentifier', 'RDS cluster', RDS),
  'AWS::RDS::DBInstance': spec('DBInstanceIdentifier', 'RDS instance', RDS),
  'AWS::StepFunctions::StateMachine': spec('StateMachineName', 'Step Functions state machine', STATE_MACHINE),
  'AWS::ElastiCache::ReplicationGroup': spec('ReplicationGroupId', 'ElastiCache replication group', ELASTICACHE_CFN),
  'AWS::ECR::Repository': spec('RepositoryName', 'ECR repository', ECR),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': spec('Name', 'load balancer', ELB),
  'AWS::ElasticLoadBalancingV2::TargetGroup': spec('Name', 'target group', ELB),
  'AWS::Events::Rule': spec('Name', 'EventBridge rule', EVENT_RULE),
  'AWS::Kinesis::Stream': spec('Name', 'Kinesis stream', GENERIC_128),
  'AWS::ECS::Cluster': spec('ClusterName', 'ECS cluster', GENERIC_255),
  'AWS::SecretsManager::Secret': spec('Name', 'secret', SECRET),
  'AWS::Cognito::UserPool': spec('UserPoolName', 'Cognito user pool', GENERIC_128),
  'AWS::ApiGateway::RestApi': spec('Name', 'REST API', GENERIC_255),
  'AWS::ApiGatewayV2::Api': spec('Name', 'HTTP API', GENERIC_128),
  // SAM's function (aws-cdk-lib's aws_sam.CfnFunction) becomes an AWS::Lambda::Function of the same name.
  'AWS::Serverless::Function': spec('FunctionName', 'Lambda function', LAMBDA),
  'AWS::RDS::GlobalCluster': spec('GlobalClusterIdentifier', 'RDS global cluster', RDS),
  'AWS::DocDB::DBCluster': spec('DBClusterIdentifier', 'DocumentDB cluster', RDS),
  'AWS::Neptune::DBCluster': spec('DBClusterIdentifier', 'Neptune cluster', RDS),
  'AWS::NetworkFirewall::Firewall': spec('FirewallName', 'Network Firewall firewall', NETWORK_FIREWALL),
  'AWS::CodeCommit::Repository': spec('RepositoryName', 'CodeCommit repository', CODECOMMIT),
};

/** Terraform resource type -> its name attribute. */
export const TF_NAME_SPECS: Readonly<Record<string, NameSpec>> = {
  aws_s3_bucket: spec('bucket', 'S3 bucket', S3),
  aws_lambda_function: spec('function_name', 'Lambda function', LAMBDA),
  aws_iam_role: spec('name', 'IAM role', IAM_ROLE),
  aws_iam_user: spec('name', 'IAM user', IAM_ROLE),
  aws_iam_group: spec('name', 'IAM group', IAM_128),
  aws_iam_policy: spec('name', 'IAM managed policy', IAM_128),
  aws_iam_instance_profile: spec('name', 'IAM instance profile', IAM_128),
  aws_dynamodb_table: spec('name', 'DynamoDB table', DYNAMODB),
  aws_sqs_queue: spec('name', 'SQS queue', SQS),
  aws_sns_topic: spec('name', 'SNS topic', SNS),
  aws_cloudwatch_log_group: spec('name', 'CloudWatch log group', LOG_GROUP),
  aws_cloudwatch_metric_alarm: spec('alarm_name', 'CloudWatch alarm', ALARM),
  aws_rds_cluster: spec('cluster_identifier', 'RDS cluster', RDS),
  aws_db_instance: spec('identifier', 'RDS instance', RDS),
  aws_sfn_state_machine: spec('name', 'Step Functions state machine', STATE_MACHINE),
  aws_elasticache_replication_group: spec('replication_group_id', 'ElastiCache replication group', ELASTICACHE),
  aws_ecr_repository: spec('name', 'ECR repository', ECR),
  aws_lb: spec('name', 'load balancer', ELB),
  aws_lb_target_group: spec('name', 'target group', ELB),
  aws_cloudwatch_event_rule: spec('name', 'EventBridge rule', EVENT_RULE),
  aws_kinesis_stream: spec('name', 'Kinesis stream', GENERIC_128),
  aws_ecs_cluster: spec('name', 'ECS cluster', GENERIC_255),
  aws_secretsmanager_secret: spec('name', 'secret', SECRET),
  aws_cognito_user_pool: spec('name', 'Cognito user pool', GENERIC_128),
  aws_api_gateway_rest_api: spec('name', 'REST API', GENERIC_255),
  aws_apigatewayv2_api: spec('name', 'HTTP API', GENERIC_128),
  aws_rds_global_cluster: spec('global_cluster_identifier', 'RDS global cluster', RDS),
  aws_docdb_cluster: spec('cluster_identifier', 'DocumentDB cluster', RDS),
  aws_neptune_cluster: spec('cluster_identifier', 'Neptune cluster', RDS),
  aws_networkfirewall_firewall: spec('name', 'Network Firewall firewall', NETWORK_FIREWALL),
  aws_codecommit_repository: spec('repository_name', 'CodeCommit repository', CODECOMMIT),
};

/** The name spec for a resource of either engine, if its type has a physical name. */
export function nameSpecFor(engine: 'cloudformation' | 'terraform', type: string): NameSpec | undefined {
  return engine === 'cloudformation' ? CFN_NAME_SPECS[type] : TF_NAME_SPECS[type];
}
