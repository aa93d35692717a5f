// The construct as it was built on @cdktf/provider-aws (the test oracle); see index.ts.
import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SuffixedBucket } from './suffixed-bucket';
import { SafePatterns } from '../../../../src/core/api/safe-patterns';
import { appendSuffix } from '../../../../src/core/environment-suffix';
import { constructError, describeValue } from '../../../../src/core/errors';
import { TF_NAME_SPECS } from '../../../../src/core/rules/physical-names';
import { ConfigRecorderWithCorrectRoleProps } from '../../../../src/tf/constructs/config-recorder-with-correct-role';
import { constructSuffix, requireBaseName, validateName } from '../../../../src/tf/constructs/construct-helpers';

/** The one managed policy for a Config recorder's role; `service-role/` is part of its path. */
const CONFIG_ROLE_POLICY = 'service-role/AWS_ConfigRole';

/**
 * AWS Config set up with the right role: a configuration recorder, its delivery channel and
 * status, a `SuffixedBucket` for delivery, and an IAM role trusted by config.amazonaws.com with
 * `arn:<partition>:iam::aws:policy/service-role/AWS_ConfigRole` (the partition read from
 * `data.aws_partition`) plus write access to its own prefix of the delivery bucket.
 *
 * The recorder and delivery channel are account singletons: the checks' `account-singleton`
 * warning on them is acknowledged by this construct (creating them is its purpose), and stays
 * visible in the reports. Where the account already has a recorder, pass `existingRecorderName`:
 * then only the managed rules are created.
 */
export class ConfigRecorderWithCorrectRole extends Construct {
  /** The recorder's name: the existing one, or `config-recorder-<suffix>`. */
  public readonly recorderName: string;
  /** The recorder, unless an existing one is reused. */
  public readonly recorder?: ConfigConfigurationRecorder;
  /** The delivery channel, unless an existing recorder is reused. */
  public readonly deliveryChannel?: ConfigDeliveryChannel;
  /** The recorder's role, unless an existing recorder is reused. */
  public readonly role?: IamRole;
  /** The delivery bucket, unless an existing recorder is reused. */
  public readonly deliveryBucket?: SuffixedBucket;
  /** The managed rules, in the order given. */
  public readonly rules: ConfigConfigRule[];

  public constructor(scope: Construct, id: string, props: ConfigRecorderWithCorrectRoleProps = {}) {
    super(scope, id);
    const suffix = constructSuffix(this, props.environmentSuffix).value;
    let rulesDependOn: ITerraformDependable[] = [];

    if (props.existingRecorderName !== undefined) {
      if (typeof props.existingRecorderName !== 'string' || (!Token.isUnresolved(props.existingRecorderName) && props.existingRecorderName.trim() === '')) {
        throw constructError(this.node.path, 'existingRecorderName is empty.', describeValue(props.existingRecorderName), 'pass the recorder\'s name (`aws configservice describe-configuration-recorders`, usually "default"), or leave it out to create one');
      }
      if (props.includeGlobalResourceTypes !== undefined || props.deliveryBucketBaseName !== undefined) {
        throw constructError(this.node.path, 'includeGlobalResourceTypes and deliveryBucketBaseName configure a new recorder; with existingRecorderName nothing is created for them.', describeValue(props.includeGlobalResourceTypes ?? props.deliveryBucketBaseName), 'remove them, or remove existingRecorderName');
      }
      this.recorderName = props.existingRecorderName;
    } else {
      this.recorderName = appendSuffix(this.node.path, 'config-recorder', suffix);
      const partition = new DataAwsPartition(this, 'Partition');
      const account = new DataAwsCallerIdentity(this, 'Account');

      this.deliveryBucket = new SuffixedBucket(this, 'DeliveryBucket', {
        baseName: requireBaseName(this, 'deliveryBucketBaseName', props.deliveryBucketBaseName ?? 'config-delivery', 'config-delivery'),
        environmentSuffix: suffix,
      });

      const trust = new DataAwsIamPolicyDocument(this, 'TrustPolicy', {
        statement: [{
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }],
          // Confused-deputy guard: only Config acting for this account assumes the role.
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
        }],
      });
      const roleName = appendSuffix(this.node.path, 'config-recorder', suffix);
      validateName(this, 'IAM role', roleName, TF_NAME_SPECS.aws_iam_role, 'use a shorter environment suffix');
      this.role = new IamRole(this, 'Role', { name: roleName, assumeRolePolicy: trust.json });
      new IamRolePolicyAttachment(this, 'ConfigRolePolicy', {
        role: this.role.name,
        policyArn: `arn:${partition.partition}:iam::aws:policy/${CONFIG_ROLE_POLICY}`,
      });
      const delivery = new DataAwsIamPolicyDocument(this, 'DeliveryPolicyDocument', {
        statement: [
          { effect: 'Allow', actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [this.deliveryBucket.bucketArn] },
          {
            effect: 'Allow',
            actions: ['s3:PutObject', 's3:PutObjectAcl'],
            resources: [`${this.deliveryBucket.bucketArn}/AWSLogs/${account.accountId}/*`],
            condition: [{ test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] }],
          },
        ],
      });
      // AWS_ConfigRole reads resource configurations; writing to the bucket is granted here.
      const deliveryPolicy = new IamRolePolicy(this, 'DeliveryPolicy', { name: 'config-delivery', role: this.role.id, policy: delivery.json });

      this.recorder = new ConfigConfigurationRecorder(this, 'Recorder', {
        name: this.recorderName,
        roleArn: this.role.arn,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? true },
      });
      this.deliveryChannel = new ConfigDeliveryChannel(this, 'DeliveryChannel', {
        name: appendSuffix(this.node.path, 'config-delivery', suffix),
        s3BucketName: this.deliveryBucket.bucketId,
        // Config checks bucket access when the channel is created: the role and the bucket policy must exist first.
        dependsOn: [this.recorder, deliveryPolicy, ...(this.deliveryBucket.bucketPolicy ? [this.deliveryBucket.bucketPolicy] : [])],
      });
      const status = new ConfigConfigurationRecorderStatus(this, 'RecorderStatus', {
        name: this.recorder.name,
        isEnabled: true,
        dependsOn: [this.deliveryChannel],
      });
      rulesDependOn = [status];

      const reason = 'ConfigRecorderWithCorrectRole creates the account\'s Config recorder on purpose; pass existingRecorderName where the account already has one';
      SafePatterns.acknowledge(this.recorder, 'account-singleton', reason);
      SafePatterns.acknowledge(this.deliveryChannel, 'account-singleton', reason);
    }

    this.rules = (props.managedRules ?? []).map((rule, i) => {
      const baseName = requireBaseName(this, `managedRules[${i}].baseName`, rule.baseName, 's3-bucket-versioning');
      if (typeof rule.sourceIdentifier !== 'string' || (!Token.isUnresolved(rule.sourceIdentifier) && !/^[A-Z0-9_]+$/.test(rule.sourceIdentifier))) {
        throw constructError(this.node.path, `managedRules[${i}].sourceIdentifier must be an AWS managed rule identifier (uppercase letters, digits, underscores).`, describeValue(rule.sourceIdentifier), 'pass sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED", for example');
      }
      return new ConfigConfigRule(this, `Rule${i}`, {
        name: appendSuffix(this.node.path, baseName, suffix),
        source: { owner: 'AWS', sourceIdentifier: rule.sourceIdentifier },
        inputParameters: rule.inputParameters ? JSON.stringify(rule.inputParameters) : undefined,
        // A rule needs a running recorder.
        dependsOn: rulesDependOn.length > 0 ? rulesDependOn : undefined,
      });
    });
  }
}
