/**
 * The secure defaults of the aws-cdk-lib constructs, in one place, and the warning a
 * construct adds when a user overrides one. Not exported: the values are documented on
 * each prop's `@default`, and changing one here changes every construct that uses it.
 */
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

export const SECURE_DEFAULTS = {
  /** Short-lived, suffixed environments must tear down cleanly (seed 000 "Verify destroyability"). */
  removalPolicy: RemovalPolicy.DESTROY,
  /** A bucket that still holds objects cannot be deleted: empty it on stack deletion. */
  autoDeleteObjects: true,
  /** SSE-S3: encryption at rest without a key to manage or schedule for deletion (seed 000 "Encryption"). */
  bucketEncryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  versioned: false,
  /** Seed 000 "Use Lifecycle Policies": 7-14 days for short-lived environments. */
  logRetention: logs.RetentionDays.ONE_WEEK,
  /** The log-retention rule's default maximum, in days. */
  maxLogRetentionDays: 14,
  /** Seed 002 "Critical Failure #2": tail latency is watched at p99. */
  percentile: 99,
  evaluationPeriods: 1,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  /** Seed 000 "NAT Gateway Costs": one NAT gateway, never one per AZ. */
  natGateways: 1,
  maxAzs: 2,
  vpcCidr: '10.0.0.0/16',
  configIncludeGlobalResourceTypes: false,
  lambdaHandler: 'index.handler',
  lambdaTimeout: Duration.seconds(30),
} as const;

/** Warning id of `warnOverride`, acknowledgeable with `Validations.of(scope).acknowledge`. */
export const SECURE_DEFAULT_OVERRIDDEN = 'cdk-safe-patterns:secure-default-overridden';

/**
 * Tells the user that a prop now differs from its secure default, and what that costs,
 * so that opting out (e.g. retention in production) is always a visible, deliberate choice.
 */
export function warnOverride(scope: IConstruct, prop: string, received: string, consequence: string): void {
  Annotations.of(scope).addWarningV2(
    SECURE_DEFAULT_OVERRIDDEN,
    `${prop} is ${received}, overriding the secure default: ${consequence}`,
  );
}
