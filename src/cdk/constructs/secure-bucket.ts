/**
 * The bucket behind SuffixedBucket and the Config delivery bucket: the secure defaults,
 * the warnings when a user overrides one, and the acknowledgements for what the
 * construct cannot change. Internal: each construct documents its own props.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag-acknowledgements';
import { SafePatterns } from '../../core/api/safe-patterns';
import { constructError, describeValue } from '../../core/errors';
import { SECURE_DEFAULTS, warnOverride } from '../secure-defaults';

export interface SecureBucketOptions {
  readonly bucketName?: string;
  readonly removalPolicy?: RemovalPolicy;
  readonly autoDeleteObjects?: boolean;
  readonly enforceSSL?: boolean;
  readonly versioned?: boolean;
  readonly lifecycleRules?: s3.LifecycleRule[];
  readonly serverAccessLogsBucket?: s3.IBucket;
  readonly serverAccessLogsPrefix?: string;
}

/** Creates the bucket as `scope/id`; `owner` is the construct whose path errors and warnings name. */
export function createSecureBucket(owner: Construct, id: string, options: SecureBucketOptions): s3.Bucket {
  const removalPolicy = options.removalPolicy ?? SECURE_DEFAULTS.removalPolicy;
  const destroy = removalPolicy === RemovalPolicy.DESTROY;
  if (options.autoDeleteObjects === true && !destroy) {
    throw constructError(
      owner.node.path,
      'autoDeleteObjects empties the bucket when the stack deletes it, so it needs removalPolicy DESTROY.',
      `autoDeleteObjects=true with removalPolicy=${describeValue(removalPolicy)}`,
      'drop autoDeleteObjects (a retained bucket keeps its objects), or set removalPolicy to RemovalPolicy.DESTROY',
    );
  }
  const autoDeleteObjects = options.autoDeleteObjects ?? (destroy && SECURE_DEFAULTS.autoDeleteObjects);
  const enforceSSL = options.enforceSSL ?? SECURE_DEFAULTS.enforceSSL;

  if (!destroy) {
    warnOverride(owner, 'removalPolicy', removalPolicy, 'the bucket and its objects outlive the stack, and `cdk destroy` leaves them behind.');
    // The explicit prop is the acknowledgement: a production user opted into retention on purpose.
    SafePatterns.acknowledge(owner, 'retain-on-delete', `removalPolicy ${removalPolicy} was set explicitly on this construct`);
  } else if (!autoDeleteObjects) {
    warnOverride(owner, 'autoDeleteObjects', 'false', 'deleting the stack fails while the bucket still holds objects.');
  }
  if (!enforceSSL) {
    warnOverride(owner, 'enforceSSL', 'false', 'the bucket accepts requests over plain HTTP.');
  }

  const bucket = new s3.Bucket(owner, id, {
    bucketName: options.bucketName,
    encryption: SECURE_DEFAULTS.bucketEncryption,
    blockPublicAccess: SECURE_DEFAULTS.blockPublicAccess,
    enforceSSL,
    versioned: options.versioned ?? SECURE_DEFAULTS.versioned,
    lifecycleRules: options.lifecycleRules,
    removalPolicy,
    autoDeleteObjects,
    serverAccessLogsBucket: options.serverAccessLogsBucket,
    serverAccessLogsPrefix: options.serverAccessLogsPrefix,
  });

  if (!options.serverAccessLogsBucket) {
    acknowledgeNag(
      bucket,
      'AwsSolutions-S1',
      'Server access logs need a second bucket that must itself be torn down with the environment; pass serverAccessLogsBucket to turn them on.',
    );
  }
  return bucket;
}
