import { NOT_APPLICABLE, ResourceView, RuleDefinition, RuleOutcome } from './model';

/** Why a type is a singleton: what AWS allows, per account (and Region, where it says so). */
interface Singleton {
  readonly limit: string;
}

function singleton(limit: string): Singleton {
  return { limit };
}

// GuardDuty detectors are left out on purpose: the guardduty-detector rule reports them (as errors).
const CONFIG_RECORDER = singleton('AWS Config allows one customer managed configuration recorder per account and Region');
const CONFIG_CHANNEL = singleton('AWS Config allows one delivery channel per account and Region');
const SECURITY_HUB = singleton('Security Hub is enabled once per account and Region');
const MACIE = singleton('Macie is enabled once per account and Region');
const DETECTIVE = singleton('Detective allows one behavior graph per account and Region');
const API_GATEWAY_ACCOUNT = singleton('API Gateway has one CloudWatch role setting per account and Region, which each such stack overwrites');
const RESOURCE_EXPLORER = singleton('Resource Explorer allows one index per account and Region');
const EBS_SNAPSHOT_BPA = singleton('EBS snapshot block public access is one account-level setting per Region');
const ORGANIZATION = singleton('an account can create one organization');
const GLUE_ENCRYPTION = singleton('the Glue Data Catalog has one encryption setting per account and Region');
const SHIELD_SRT = singleton('Shield Advanced has one Shield Response Team access configuration per account');
const SHIELD_ENGAGEMENT = singleton('Shield Advanced has one proactive engagement configuration per account');
const IOT_LOGGING = singleton('AWS IoT has one logging configuration per account and Region');
const IOT_AUDIT = singleton('AWS IoT Device Defender has one audit configuration per account');

const CFN_SINGLETONS = new Map<string, Singleton>([
  ['AWS::Config::ConfigurationRecorder', CONFIG_RECORDER],
  ['AWS::Config::DeliveryChannel', CONFIG_CHANNEL],
  ['AWS::SecurityHub::Hub', SECURITY_HUB],
  ['AWS::SecurityHub::HubV2', SECURITY_HUB],
  ['AWS::Macie::Session', MACIE],
  ['AWS::Detective::Graph', DETECTIVE],
  ['AWS::ApiGateway::Account', API_GATEWAY_ACCOUNT],
  // (CloudFormation has no resource for EBS encryption by default: only Terraform's aws_ebs_encryption_by_default is listed.)
  ['AWS::EC2::SnapshotBlockPublicAccess', EBS_SNAPSHOT_BPA],
  ['AWS::ResourceExplorer2::Index', RESOURCE_EXPLORER],
  ['AWS::Organizations::Organization', ORGANIZATION],
  ['AWS::Glue::DataCatalogEncryptionSettings', GLUE_ENCRYPTION],
  ['AWS::Shield::DRTAccess', SHIELD_SRT],
  ['AWS::Shield::ProactiveEngagement', SHIELD_ENGAGEMENT],
  ['AWS::IoT::Logging', IOT_LOGGING],
  ['AWS::IoT::AccountAuditConfiguration', IOT_AUDIT],
]);

/** Account settings: creating one overwrites the account's value, destroying it resets the setting for every workload. */
const SETTING = (what: string) => singleton(`${what} is one account-level setting per Region, and destroying the stack resets it for every workload`);

const TF_SINGLETONS = new Map<string, Singleton>([
  ['aws_config_configuration_recorder', CONFIG_RECORDER],
  ['aws_config_delivery_channel', CONFIG_CHANNEL],
  ['aws_config_retention_configuration', singleton('AWS Config allows one retention configuration per account and Region')],
  ['aws_securityhub_account', SECURITY_HUB],
  ['aws_macie2_account', MACIE],
  ['aws_detective_graph', DETECTIVE],
  ['aws_api_gateway_account', API_GATEWAY_ACCOUNT],
  ['aws_ebs_encryption_by_default', SETTING('EBS encryption by default')],
  ['aws_ebs_default_kms_key', SETTING('the default EBS encryption key')],
  ['aws_ebs_snapshot_block_public_access', SETTING('EBS snapshot block public access')],
  ['aws_ec2_image_block_public_access', SETTING('AMI block public access')],
  ['aws_ec2_serial_console_access', SETTING('EC2 serial console access')],
  ['aws_iam_account_password_policy', singleton('IAM has one password policy per account, and destroying the stack deletes it for every user')],
  ['aws_iam_account_alias', singleton('an account has one IAM alias, which a new one overwrites')],
  ['aws_s3_account_public_access_block', singleton('S3 has one account-level public access block, and destroying the stack removes it')],
  ['aws_resourceexplorer2_index', RESOURCE_EXPLORER],
  ['aws_organizations_organization', ORGANIZATION],
  ['aws_glue_data_catalog_encryption_settings', GLUE_ENCRYPTION],
  ['aws_shield_proactive_engagement', SHIELD_ENGAGEMENT],
  ['aws_iot_logging_options', IOT_LOGGING],
  ['aws_xray_encryption_config', SETTING('X-Ray encryption')],
]);

function evaluate(table: ReadonlyMap<string, Singleton>, resource: ResourceView): RuleOutcome {
  const found = typeof resource.type === 'string' ? table.get(resource.type) : undefined;
  if (!found) {
    return NOT_APPLICABLE;
  }
  return [{ message: `The stack creates ${resource.type}, an account-level singleton: ${found.limit}.` }];
}

/** Resources AWS allows once per account (and Region) collide with the account's own, and take it away when the stack goes. */
export const accountSingleton: RuleDefinition = {
  metadata: {
    id: 'account-singleton',
    title: 'No account-level singletons in a stack',
    lesson: '000 "AWS GuardDuty - Account-Level Resource Constraint" (generalised to every once-per-account resource)',
    why:
      'Some resources exist once per account and Region: the AWS Config recorder and delivery channel, Security Hub, Macie, ' +
      'the Detective graph, API Gateway\'s account settings, EBS encryption by default, the IAM password policy, and more. ' +
      'A stack that creates one fails with "already exists" (or MaxNumberOf...Exceeded) wherever the account already has it, ' +
      'a second environment of the same stack fails the same way, and deleting the stack switches the service or setting ' +
      'off for the whole account.',
    fix:
      'Set these up once per account (an account-baseline stack, Organizations, or the console) and keep them out of ' +
      'application stacks. For AWS Config use the library\'s ConfigRecorderWithCorrectRole, whose option to reuse the ' +
      'account\'s existing recorder adds rules without creating a second recorder or delivery channel. Where a stack must ' +
      'own one, acknowledge the finding on that stack.',
    notReported: [
      'GuardDuty detectors: guardduty-detector reports them, as errors.',
      'Resources AWS allows many of per account (even when one is usual), and per-resource settings that only look global.',
    ],
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            ConfigRecorder: {
              Type: 'AWS::Config::ConfigurationRecorder',
              Properties: {
                RoleARN: {
                  'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
                },
                RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
              },
            },
          },
        },
        compliant: {
          resources: {
            BucketVersioningRule: {
              Type: 'AWS::Config::ConfigRule',
              Properties: {
                ConfigRuleName: 's3-bucket-versioning-pr123',
                Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
              },
            },
          },
        },
      },
      terraform: {
        nonCompliant: {
          resource: {
            aws_config_configuration_recorder: {
              main: {
                name: 'recorder-pr123',
                role_arn:
                  'arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/' +
                  'aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
                recording_group: { all_supported: true, include_global_resource_types: true },
              },
            },
          },
          blocks: { data: { aws_caller_identity: { current: {} }, aws_partition: { current: {} } } },
        },
        compliant: {
          resource: {
            aws_config_config_rule: {
              bucket_versioning: { name: 's3-bucket-versioning-pr123', source: { owner: 'AWS', source_identifier: 'S3_BUCKET_VERSIONING_ENABLED' } },
            },
          },
        },
      },
    },
  },
  cloudformation: (resource) => evaluate(CFN_SINGLETONS, resource),
  terraform: (resource) => evaluate(TF_SINGLETONS, resource),
};
