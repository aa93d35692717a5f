import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createSecureBucket } from './secure-bucket';
import { suffixedName } from './suffixed-name';
import { EnvironmentSuffix } from '../environment-suffix';

/** Properties for `SuffixedBucket`. */
export interface SuffixedBucketProps {
  /**
   * The bucket name without the suffix: the bucket is named `<baseName>-<suffix>`.
   * The full name must follow the S3 naming rules (3-63 characters, lowercase letters,
   * digits, dots and hyphens); a name that does not fails at construction.
   */
  readonly baseName: string;

  /**
   * The environment suffix.
   *
   * @default - resolved by `cdk.EnvironmentSuffix`: the `environmentSuffix` context key, then `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;

  /**
   * What happens to the bucket when the stack deletes it. Anything but DESTROY is reported
   * as an override of a secure default, and acknowledges the `retain-on-delete` check for
   * this bucket (the explicit prop is the decision).
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Whether the stack empties the bucket before deleting it (through aws-cdk-lib's
   * auto-delete custom resource). Requires `removalPolicy` DESTROY.
   *
   * @default - true when `removalPolicy` is DESTROY, else false
   */
  readonly autoDeleteObjects?: boolean;

  /**
   * Whether the bucket policy denies requests not made over TLS.
   *
   * @default true
   */
  readonly enforceSSL?: boolean;

  /**
   * Whether the bucket keeps object versions. Auto-delete removes every version, so a
   * versioned bucket still tears down cleanly.
   *
   * @default false
   */
  readonly versioned?: boolean;

  /**
   * Lifecycle rules: transitions to cheaper storage classes and expiry of objects or noncurrent versions.
   *
   * @default - no lifecycle rules
   */
  readonly lifecycleRules?: s3.LifecycleRule[];

  /**
   * A bucket that receives this bucket's server access logs.
   *
   * @default - no server access logs (cdk-nag's AwsSolutions-S1 is acknowledged with the reason)
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * Key prefix of the server access logs.
   *
   * @default - no prefix
   */
  readonly serverAccessLogsPrefix?: string;
}

/**
 * An S3 bucket named `<baseName>-<suffix>` whose defaults suit a short-lived environment:
 * SSE-S3 encryption, all public access blocked, TLS enforced, and removal DESTROY with
 * auto-delete, so `cdk destroy` removes it with its objects.
 *
 * @example
 * import { cdk } from 'cdk-safe-patterns';
 *
 * const data = new cdk.SuffixedBucket(this, 'Data', { baseName: 'orders-data' });
 * // data.bucket.bucketName is "orders-data-<suffix>"
 */
export class SuffixedBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The bucket's name, `<baseName>-<suffix>`. */
  public readonly bucketName: string;
  /** The environment suffix in the name. */
  public readonly environmentSuffix: string;

  public constructor(scope: Construct, id: string, props: SuffixedBucketProps) {
    super(scope, id);
    const suffix = new EnvironmentSuffix(this, 'EnvironmentSuffix', { environmentSuffix: props.environmentSuffix });
    this.environmentSuffix = suffix.value;
    this.bucketName = suffixedName(this, suffix, props.baseName, 'AWS::S3::Bucket', 'baseName');
    this.bucket = createSecureBucket(this, 'Bucket', { ...props, bucketName: this.bucketName });
  }
}
