// The construct as it was built on @cdktf/provider-aws (the test oracle); see index.ts.
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { appendSuffix } from '../../../../src/core/environment-suffix';
import { constructError, describeValue } from '../../../../src/core/errors';
import { TF_NAME_SPECS } from '../../../../src/core/rules/physical-names';
import { constructSuffix, requireBaseName, validateName, warn } from '../../../../src/tf/constructs/construct-helpers';
import { BucketEncryption, BucketLifecycleRule, BucketStorageClass, SuffixedBucketProps } from '../../../../src/tf/constructs/suffixed-bucket';
import { TF_SECURE_DEFAULTS } from '../../../../src/tf/secure-defaults';

/** Transitions to these classes need objects at least 30 days old (S3 rejects the rule otherwise). */
const THIRTY_DAY_CLASSES = new Set<string>([BucketStorageClass.STANDARD_IA, BucketStorageClass.ONEZONE_IA]);

/**
 * An aws_s3_bucket named `<baseName>-<suffix>` (validated against S3's naming rules at
 * construction), with the separate resources AWS provider v4+ needs for what used to be inline:
 * server-side encryption, a public access block with all four settings on, BucketOwnerEnforced
 * ownership (ACLs off), optional versioning and lifecycle rules, and a bucket policy denying
 * requests not made over TLS. `force_destroy` is on, so the stack can always be destroyed.
 *
 * The construct owns the bucket's policy: do not add another aws_s3_bucket_policy for it.
 */
export class SuffixedBucket extends Construct {
  /** The aws_s3_bucket. */
  public readonly bucket: S3Bucket;
  /** The bucket's name, `<baseName>-<suffix>`. */
  public readonly bucketName: string;
  /** The bucket's ARN (a reference). */
  public readonly bucketArn: string;
  /** The bucket's id (a reference), the value other aws_s3_bucket_* resources take as `bucket`. */
  public readonly bucketId: string;
  /** The encryption configuration. */
  public readonly encryptionConfiguration: S3BucketServerSideEncryptionConfigurationA;
  /** The public access block. */
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** The versioning configuration, when `versioned` is true. */
  public readonly versioning?: S3BucketVersioningA;
  /** The lifecycle configuration, when rules are given. */
  public readonly lifecycleConfiguration?: S3BucketLifecycleConfiguration;
  /** The TLS-only bucket policy, unless `enforceSsl` is false. */
  public readonly bucketPolicy?: S3BucketPolicy;

  public constructor(scope: Construct, id: string, props: SuffixedBucketProps) {
    super(scope, id);
    const baseName = requireBaseName(this, 'baseName', props?.baseName, 'data');
    const suffix = constructSuffix(this, props.environmentSuffix);
    this.bucketName = appendSuffix(this.node.path, baseName, suffix.value);
    validateName(this, 'S3 bucket', this.bucketName, TF_NAME_SPECS.aws_s3_bucket, 'shorten baseName or use lowercase letters, digits and hyphens only');

    const encryption = props.encryption ?? BucketEncryption.S3_MANAGED;
    if (props.encryptionKeyArn !== undefined && encryption !== BucketEncryption.KMS) {
      throw constructError(this.node.path, 'encryptionKeyArn is only used with BucketEncryption.KMS.', describeValue(props.encryptionKeyArn), 'add encryption: BucketEncryption.KMS, or remove encryptionKeyArn');
    }
    const versioned = props.versioned ?? TF_SECURE_DEFAULTS.bucket.versioned;
    const rules = (props.lifecycleRules ?? []).map((rule, i) => this.lifecycleRule(rule, i, versioned));

    const forceDestroy = props.forceDestroy ?? TF_SECURE_DEFAULTS.bucket.forceDestroy;
    if (!forceDestroy) {
      warn(this, 'force-destroy-off', 'forceDestroy is false: `terraform destroy` fails while the bucket holds objects, and the environment cannot be torn down.');
    }
    this.bucket = new S3Bucket(this, 'Bucket', { bucket: this.bucketName, forceDestroy });
    this.bucketArn = this.bucket.arn;
    this.bucketId = this.bucket.id;

    this.encryptionConfiguration = new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [
        encryption === BucketEncryption.KMS
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: TF_SECURE_DEFAULTS.bucket.sseAlgorithm } },
      ],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucket.id,
      blockPublicAcls: TF_SECURE_DEFAULTS.bucket.blockPublicAccess,
      blockPublicPolicy: TF_SECURE_DEFAULTS.bucket.blockPublicAccess,
      ignorePublicAcls: TF_SECURE_DEFAULTS.bucket.blockPublicAccess,
      restrictPublicBuckets: TF_SECURE_DEFAULTS.bucket.blockPublicAccess,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: this.bucket.id,
      rule: { objectOwnership: TF_SECURE_DEFAULTS.bucket.objectOwnership },
    });
    if (versioned) {
      this.versioning = new S3BucketVersioningA(this, 'Versioning', {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }
    if (rules.length > 0) {
      this.lifecycleConfiguration = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
        bucket: this.bucket.id,
        rule: rules,
        // The provider documents this order: a lifecycle rule on noncurrent versions needs versioning first.
        dependsOn: this.versioning ? [this.versioning] : undefined,
      });
    }

    if (props.enforceSsl ?? TF_SECURE_DEFAULTS.bucket.enforceSsl) {
      const document = new DataAwsIamPolicyDocument(this, 'TlsOnlyPolicyDocument', {
        statement: [{
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        }],
      });
      this.bucketPolicy = new S3BucketPolicy(this, 'Policy', {
        bucket: this.bucket.id,
        policy: document.json,
        // S3 rejects policy writes racing the public access block update on a new bucket.
        dependsOn: [this.publicAccessBlock],
      });
    } else {
      warn(this, 'tls-not-enforced', 'enforceSsl is false: the bucket accepts requests over plain HTTP.');
    }
  }

  private lifecycleRule(rule: BucketLifecycleRule, index: number, versioned: boolean): S3BucketLifecycleConfigurationRule {
    const where = `lifecycleRules[${index}]`;
    const days = (prop: string, value: number | undefined) => {
      if (value !== undefined && !Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
        throw constructError(this.node.path, `${where}.${prop} must be a whole number of days, at least 1.`, describeValue(value), `pass ${prop}: 30, for example`);
      }
    };
    days('expirationDays', rule.expirationDays);
    days('noncurrentVersionExpirationDays', rule.noncurrentVersionExpirationDays);
    days('abortIncompleteMultipartUploadDays', rule.abortIncompleteMultipartUploadDays);
    const transitions = rule.transitions ?? [];
    transitions.forEach((t, i) => {
      days(`transitions[${i}].days`, t.days);
      if (THIRTY_DAY_CLASSES.has(t.storageClass) && typeof t.days === 'number' && !Token.isUnresolved(t.days) && t.days < 30) {
        throw constructError(this.node.path, `${where}.transitions[${i}] moves objects to ${t.storageClass} before 30 days, which S3 rejects.`, describeValue(t.days), 'use days: 30 or more, or another storage class');
      }
    });
    const actions = [rule.expirationDays, rule.noncurrentVersionExpirationDays, rule.abortIncompleteMultipartUploadDays];
    if (actions.every((a) => a === undefined) && transitions.length === 0) {
      throw constructError(this.node.path, `${where} has no action.`, describeValue(rule), 'set expirationDays, noncurrentVersionExpirationDays, abortIncompleteMultipartUploadDays or transitions');
    }
    if (rule.noncurrentVersionExpirationDays !== undefined && !versioned) {
      throw constructError(this.node.path, `${where}.noncurrentVersionExpirationDays needs a versioned bucket: without versioning there are no noncurrent versions.`, describeValue(rule.noncurrentVersionExpirationDays), 'add versioned: true, or remove noncurrentVersionExpirationDays');
    }
    const latest = Math.max(0, ...transitions.map((t) => t.days).filter((d) => typeof d === 'number' && !Token.isUnresolved(d)));
    if (rule.expirationDays !== undefined && !Token.isUnresolved(rule.expirationDays) && latest > 0 && rule.expirationDays <= latest) {
      throw constructError(this.node.path, `${where}.expirationDays must come after the last transition (day ${latest}).`, describeValue(rule.expirationDays), `use expirationDays above ${latest}`);
    }
    return {
      id: rule.id ?? `rule-${index}`,
      status: 'Enabled',
      // An explicit filter: the AWS provider warns on a rule with neither filter nor prefix.
      filter: [{ prefix: rule.prefix ?? '' }],
      expiration: rule.expirationDays !== undefined ? [{ days: rule.expirationDays }] : undefined,
      noncurrentVersionExpiration: rule.noncurrentVersionExpirationDays !== undefined
        ? [{ noncurrentDays: rule.noncurrentVersionExpirationDays }]
        : undefined,
      abortIncompleteMultipartUpload: rule.abortIncompleteMultipartUploadDays !== undefined
        ? [{ daysAfterInitiation: rule.abortIncompleteMultipartUploadDays }]
        : undefined,
      transition: transitions.length > 0 ? transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) : undefined,
    };
  }
}
