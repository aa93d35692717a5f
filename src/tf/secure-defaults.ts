/**
 * The secure defaults of the cdktf constructs, in one place: what each construct writes
 * when the user says nothing. A construct that lets a user turn one of these off warns when
 * that happens (aws-solutions-constructs style), so a weakened default is never silent.
 *
 * Internal: not exported from the package; the constructs' docs state each value.
 */
export const TF_SECURE_DEFAULTS = {
  /** S3 state backend: native S3 locking (Terraform 1.10+) and encrypted state; never a DynamoDB lock table. */
  backend: {
    encrypt: true,
    useLockfile: true,
  },
  bucket: {
    /** Stacks of short-lived environments must be destroyable: a non-empty bucket otherwise blocks `destroy`. */
    forceDestroy: true,
    /** SSE-S3 needs no key and no key policy; KMS is an option. */
    sseAlgorithm: 'AES256',
    /** All four public access block settings on. */
    blockPublicAccess: true,
    /** ACLs disabled: the bucket owner owns every object. */
    objectOwnership: 'BucketOwnerEnforced',
    /** A bucket policy denying every request not made over TLS. */
    enforceSsl: true,
    versioned: false,
  },
  /** Log groups the constructs create expire their events (the log-retention rule's maximum is 14). */
  logRetentionDays: 7,
  vpc: {
    cidrBlock: '10.0.0.0/16',
    availabilityZones: 2,
    /** Instances in public subnets get a public address only when they ask for one. */
    mapPublicIpOnLaunch: false,
  },
  alarm: {
    percentile: 99,
    periodSeconds: 60,
    evaluationPeriods: 3,
  },
} as const;
