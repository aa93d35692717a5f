import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag, managedPolicyFinding } from './nag-acknowledgements';
import { createSecureBucket } from './secure-bucket';
import { SafePatterns } from '../../core/api/safe-patterns';
import { constructError, describeValue } from '../../core/errors';
import { EnvironmentSuffix } from '../environment-suffix';
import { SECURE_DEFAULTS } from '../secure-defaults';

/** The AWS managed policy AWS Config documents for its role (seed 000 "AWS Config IAM Role"). */
const CONFIG_MANAGED_POLICY = 'service-role/AWS_ConfigRole';

/** Properties for `ConfigRecorderWithCorrectRole`. */
export interface ConfigRecorderWithCorrectRoleProps {
  /**
   * The name of the account's existing configuration recorder, to reuse instead of creating one.
   * AWS Config allows one recorder and one delivery channel per account and Region, so a second
   * environment in the same account and Region must reuse the first one's. When set, the
   * construct creates nothing: no recorder, delivery channel, bucket or role.
   *
   * @default - create a recorder, a delivery channel and a delivery bucket
   */
  readonly existingRecorderName?: string;

  /**
   * The recorder and delivery channel names without the suffix: they are named `<baseName>-<suffix>`.
   *
   * @default 'config'
   */
  readonly baseName?: string;

  /**
   * The environment suffix.
   *
   * @default - resolved by `cdk.EnvironmentSuffix`: the `environmentSuffix` context key, then `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;

  /**
   * Use AWS Config's service-linked role `AWSServiceRoleForConfig` instead of creating a role.
   * The service-linked role must already exist in the account
   * (`aws iam create-service-linked-role --aws-service-name config.amazonaws.com`); the
   * construct does not create it, because it is shared by the whole account.
   *
   * @default false - create a role with the managed policy `service-role/AWS_ConfigRole`
   */
  readonly useServiceLinkedRole?: boolean;

  /**
   * Whether the recorder records global resource types (IAM users, roles, policies). Record them
   * in one Region only, or every Region's recorder records (and bills) them again.
   *
   * @default false
   */
  readonly includeGlobalResourceTypes?: boolean;

  /**
   * What happens to the delivery bucket when the stack deletes it.
   *
   * @default RemovalPolicy.DESTROY (with auto-delete of its objects)
   */
  readonly bucketRemovalPolicy?: RemovalPolicy;
}

/**
 * An AWS Config configuration recorder, its delivery channel and delivery bucket, with the
 * role AWS Config actually accepts: `service-role/AWS_ConfigRole` (or the service-linked role),
 * and the bucket policy Config needs to deliver.
 *
 * A recorder and a delivery channel are account singletons: the construct acknowledges the
 * `account-singleton` check on the two resources it creates (creating them is its purpose), and
 * a second environment in the same account and Region passes `existingRecorderName`.
 *
 * @example
 * import { cdk } from 'cdk-safe-patterns';
 *
 * new cdk.ConfigRecorderWithCorrectRole(this, 'Config');
 */
export class ConfigRecorderWithCorrectRole extends Construct {
  /** The recorder's name: `<baseName>-<suffix>`, or `existingRecorderName`. */
  public readonly recorderName: string;
  /** The recorder, when the construct created one. */
  public readonly recorder?: config.CfnConfigurationRecorder;
  /** The delivery channel, when the construct created one. */
  public readonly deliveryChannel?: config.CfnDeliveryChannel;
  /** The delivery bucket, when the construct created one. */
  public readonly bucket?: s3.Bucket;
  /** The role the recorder uses, when the construct created one (not with `useServiceLinkedRole`). */
  public readonly role?: iam.Role;
  /** The ARN of the role the recorder uses, when the construct created the recorder. */
  public readonly roleArn?: string;

  public constructor(scope: Construct, id: string, props: ConfigRecorderWithCorrectRoleProps = {}) {
    super(scope, id);
    if (props.existingRecorderName !== undefined) {
      const unused = (['baseName', 'environmentSuffix', 'useServiceLinkedRole', 'includeGlobalResourceTypes', 'bucketRemovalPolicy'] as const)
        .filter((key) => props[key] !== undefined);
      if (props.existingRecorderName.trim() === '' || unused.length > 0) {
        throw constructError(
          this.node.path,
          'existingRecorderName reuses an existing recorder, so the construct creates nothing and no other prop applies.',
          `existingRecorderName=${describeValue(props.existingRecorderName)}${unused.map((k) => `, ${k}=${describeValue(props[k])}`).join('')}`,
          'pass only the non-empty name of the existing recorder, or drop existingRecorderName to create one',
        );
      }
      this.recorderName = props.existingRecorderName;
      return;
    }

    const suffix = new EnvironmentSuffix(this, 'EnvironmentSuffix', { environmentSuffix: props.environmentSuffix });
    // Recorder and channel names allow 1-256 characters of any kind: the suffix helper's own checks are enough.
    this.recorderName = suffix.withSuffix(props.baseName ?? 'config');

    this.bucket = createSecureBucket(this, 'Bucket', { removalPolicy: props.bucketRemovalPolicy });
    this.addDeliveryPolicy(this.bucket);

    if (props.useServiceLinkedRole) {
      this.roleArn = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
    } else {
      this.role = new iam.Role(this, 'Role', {
        assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(CONFIG_MANAGED_POLICY)],
        description: 'Role of the AWS Config recorder',
      });
      // What AWS Config documents for delivery through a role; grantPut would add s3:Abort* and object ACL actions.
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(this.deliveryKeyPattern())],
        conditions: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }));
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [this.bucket.bucketArn] }));
      this.roleArn = this.role.roleArn;
      acknowledgeNag(
        this.role,
        managedPolicyFinding(CONFIG_MANAGED_POLICY),
        'AWS_ConfigRole is the AWS managed policy AWS Config documents for its role, kept current by AWS as Config adds resource types.',
      );
      acknowledgeNag(
        this.role,
        `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.bucket)}.Arn>/AWSLogs/<AWS::AccountId>/Config/*]`,
        'AWS Config writes one object per snapshot and history file under its own AWSLogs/<account>/Config/ prefix.',
      );
    }

    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: this.recorderName,
      roleArn: this.roleArn,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? SECURE_DEFAULTS.configIncludeGlobalResourceTypes,
      },
    });
    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      name: this.recorderName,
      s3BucketName: this.bucket.bucketName,
    });
    // A delivery channel needs a recorder to exist, and Config checks the bucket policy when creating the channel.
    // node.addDependency renders DependsOn between resources of one stack; CfnResource#addDependency is
    // deprecated from aws-cdk-lib 2.276 and its replacement, addResourceDependency, is not in 2.257.
    this.deliveryChannel.node.addDependency(this.recorder);
    if (this.bucket.policy) this.deliveryChannel.node.addDependency(this.bucket.policy);

    const reason =
      'ConfigRecorderWithCorrectRole creates the account\'s one recorder and delivery channel on purpose; ' +
      'a second environment in the same account and Region passes existingRecorderName instead.';
    SafePatterns.acknowledge(this.recorder, 'account-singleton', reason);
    SafePatterns.acknowledge(this.deliveryChannel, 'account-singleton', reason);
  }

  /** Where Config delivers: `AWSLogs/<account>/Config/*`. */
  private deliveryKeyPattern(): string {
    return `AWSLogs/${Aws.ACCOUNT_ID}/Config/*`;
  }

  /** The bucket policy AWS Config documents for delivery (needed by the service-linked role, harmless with a role). */
  private addDeliveryPolicy(bucket: s3.Bucket): void {
    const principal = new iam.ServicePrincipal('config.amazonaws.com');
    const sourceAccount = { 'AWS:SourceAccount': Aws.ACCOUNT_ID };
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketPermissionsCheck',
      principals: [principal],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: sourceAccount },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketDelivery',
      principals: [principal],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(this.deliveryKeyPattern())],
      conditions: { StringEquals: { ...sourceAccount, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
  }

  /** A concrete logical id (CfnElement.logicalId is a token): acknowledgement ids are compared as plain strings. */
  private logicalIdOf(bucket: s3.Bucket): string {
    return Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  }
}
