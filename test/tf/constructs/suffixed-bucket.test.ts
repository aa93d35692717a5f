import { TerraformVariable } from 'cdktf';
import { blocksOf, newStack, onlyBlock, refTo, SUFFIX, synthJson, warningsOf } from './helpers';
import { tf } from '../../../src';

describe('tf.SuffixedBucket defaults', () => {
  // GIVEN a bucket with nothing but its base name; WHEN synthesizing
  const { stack } = newStack({ environmentSuffix: SUFFIX });
  const bucket = new tf.SuffixedBucket(stack, 'Data', { baseName: 'orders-data' });
  const json = synthJson(stack);
  const bucketId = refTo(json, 'aws_s3_bucket', 'id');
  const bucketArn = refTo(json, 'aws_s3_bucket', 'arn');

  test('THEN the bucket is named <baseName>-<suffix> and force_destroy is on', () => {
    expect(onlyBlock(json, 'aws_s3_bucket')).toEqual({ bucket: 'orders-data-pr123', force_destroy: true });
    expect(bucket.bucketName).toBe('orders-data-pr123');
  });

  test('THEN SSE-S3 encryption targets the bucket through its own resource', () => {
    expect(onlyBlock(json, 'aws_s3_bucket_server_side_encryption_configuration')).toEqual({
      bucket: bucketId,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
  });

  test('THEN all four public access block settings are on', () => {
    expect(onlyBlock(json, 'aws_s3_bucket_public_access_block')).toEqual({
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('THEN ACLs are off (BucketOwnerEnforced)', () => {
    expect(onlyBlock(json, 'aws_s3_bucket_ownership_controls')).toEqual({ bucket: bucketId, rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('THEN the bucket policy denies every request not made over TLS, after the public access block', () => {
    const policy = onlyBlock(json, 'aws_s3_bucket_policy');
    expect(policy.bucket).toBe(bucketId);
    expect(policy.policy).toBe(refTo(json, 'aws_iam_policy_document', 'json', 'data'));
    expect(policy.depends_on).toEqual([refTo(json, 'aws_s3_bucket_public_access_block', 'id').replace(/^\$\{(.*)\.id\}$/, '$1')]);
    expect(onlyBlock(json, 'aws_iam_policy_document', 'data').statement).toEqual([{
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [bucketArn, `${bucketArn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    }]);
  });

  test('THEN there is no versioning, no lifecycle and no warning', () => {
    expect(blocksOf(json, 'aws_s3_bucket_versioning')).toEqual([]);
    expect(blocksOf(json, 'aws_s3_bucket_lifecycle_configuration')).toEqual([]);
    expect(bucket.versioning).toBeUndefined();
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('tf.SuffixedBucket options', () => {
  test('GIVEN versioned and lifecycle rules WHEN synthesizing THEN versioning is enabled and the rules are typed blocks after it', () => {
    const { stack } = newStack();
    new tf.SuffixedBucket(stack, 'Data', {
      baseName: 'archive',
      environmentSuffix: SUFFIX,
      versioned: true,
      lifecycleRules: [
        {
          prefix: 'logs/',
          transitions: [{ days: 30, storageClass: tf.BucketStorageClass.STANDARD_IA }, { days: 90, storageClass: tf.BucketStorageClass.GLACIER }],
          expirationDays: 365,
        },
        { id: 'old-versions', noncurrentVersionExpirationDays: 7, abortIncompleteMultipartUploadDays: 1 },
      ],
    });
    const json = synthJson(stack);
    const bucketId = refTo(json, 'aws_s3_bucket', 'id');
    expect(onlyBlock(json, 'aws_s3_bucket_versioning')).toEqual({ bucket: bucketId, versioning_configuration: { status: 'Enabled' } });
    const lifecycle = onlyBlock(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.depends_on).toEqual([refTo(json, 'aws_s3_bucket_versioning', 'id').replace(/^\$\{(.*)\.id\}$/, '$1')]);
    expect(lifecycle.rule).toEqual([
      {
        id: 'rule-0',
        status: 'Enabled',
        filter: [{ prefix: 'logs/' }],
        expiration: [{ days: 365 }],
        transition: [{ days: 30, storage_class: 'STANDARD_IA' }, { days: 90, storage_class: 'GLACIER' }],
      },
      {
        id: 'old-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrent_version_expiration: [{ noncurrent_days: 7 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
      },
    ]);
  });

  test('GIVEN KMS encryption with a key WHEN synthesizing THEN aws:kms with the key and bucket keys on', () => {
    const { stack } = newStack();
    const key = 'arn:${data.aws_partition.p.partition}:kms:${data.aws_region.r.region}:111122223333:key/abc';
    new tf.SuffixedBucket(stack, 'Data', { baseName: 'data', environmentSuffix: SUFFIX, encryption: tf.BucketEncryption.KMS, encryptionKeyArn: key });
    expect(onlyBlock(synthJson(stack), 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: key }, bucket_key_enabled: true },
    ]);
  });

  test('GIVEN KMS encryption without a key WHEN synthesizing THEN the aws/s3 key is used (no kms_master_key_id)', () => {
    const { stack } = newStack();
    new tf.SuffixedBucket(stack, 'Data', { baseName: 'data', environmentSuffix: SUFFIX, encryption: tf.BucketEncryption.KMS });
    expect(onlyBlock(synthJson(stack), 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true },
    ]);
  });

  test('GIVEN forceDestroy false WHEN synthesizing THEN force_destroy is false and a warning says the stack cannot be torn down', () => {
    const { stack } = newStack();
    new tf.SuffixedBucket(stack, 'Data', { baseName: 'data', environmentSuffix: SUFFIX, forceDestroy: false });
    expect(onlyBlock(synthJson(stack), 'aws_s3_bucket').force_destroy).toBe(false);
    expect(warningsOf(stack)).toEqual([
      '[cdk-safe-patterns:force-destroy-off] forceDestroy is false: `terraform destroy` fails while the bucket holds objects, and the environment cannot be torn down.',
    ]);
  });

  test('GIVEN enforceSsl false WHEN synthesizing THEN there is no bucket policy and a warning says so', () => {
    const { stack } = newStack();
    const bucket = new tf.SuffixedBucket(stack, 'Data', { baseName: 'data', environmentSuffix: SUFFIX, enforceSsl: false });
    const json = synthJson(stack);
    expect(blocksOf(json, 'aws_s3_bucket_policy')).toEqual([]);
    expect(blocksOf(json, 'aws_iam_policy_document', 'data')).toEqual([]);
    expect(bucket.bucketPolicy).toBeUndefined();
    expect(warningsOf(stack)).toEqual(['[cdk-safe-patterns:tls-not-enforced] enforceSsl is false: the bucket accepts requests over plain HTTP.']);
  });

  test('GIVEN a token suffix WHEN synthesizing THEN the name carries the reference, unvalidated', () => {
    const { stack } = newStack();
    const suffix = new TerraformVariable(stack, 'suffix', { type: 'string' }).stringValue;
    new tf.SuffixedBucket(stack, 'Data', { baseName: 'data', environmentSuffix: suffix });
    expect(onlyBlock(synthJson(stack), 'aws_s3_bucket').bucket).toBe('data-${var.suffix}');
  });
});

describe('tf.SuffixedBucket bad input', () => {
  const make = (props: Partial<tf.SuffixedBucketProps>) => () => {
    const { stack } = newStack();
    new tf.SuffixedBucket(stack, 'Data', { baseName: 'data', environmentSuffix: SUFFIX, ...props } as tf.SuffixedBucketProps);
  };

  test.each<[string, Partial<tf.SuffixedBucketProps>, string]>([
    ['an empty baseName', { baseName: ' ' }, 'stack/Data: baseName is required: it is the name the environment suffix is appended to. Received: " ". Fix: pass baseName: "data"'],
    [
      'an uppercase baseName',
      { baseName: 'Data' },
      'stack/Data: The S3 bucket name must be 3-63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (suffix included, 10 characters). ' +
        'Received: "Data-pr123". Fix: shorten baseName or use lowercase letters, digits and hyphens only',
    ],
    [
      'a name over 63 characters with the suffix',
      { baseName: 'a'.repeat(58) },
      `stack/Data: The S3 bucket name must be 3-63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (suffix included, 64 characters). Received: "${'a'.repeat(58)}-pr123".`,
    ],
    [
      'a key without KMS',
      { encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abc' },
      'stack/Data: encryptionKeyArn is only used with BucketEncryption.KMS. Received: "arn:aws:kms:us-east-1:111122223333:key/abc". Fix: add encryption: BucketEncryption.KMS, or remove encryptionKeyArn',
    ],
    ['a rule without action', { lifecycleRules: [{ prefix: 'x/' }] }, 'stack/Data: lifecycleRules[0] has no action. Received: {"prefix":"x/"}. Fix: set expirationDays'],
    ['zero expiration days', { lifecycleRules: [{ expirationDays: 0 }] }, 'stack/Data: lifecycleRules[0].expirationDays must be a whole number of days, at least 1. Received: 0.'],
    [
      'a Standard-IA transition before 30 days',
      { lifecycleRules: [{ transitions: [{ days: 7, storageClass: tf.BucketStorageClass.STANDARD_IA }] }] },
      'stack/Data: lifecycleRules[0].transitions[0] moves objects to STANDARD_IA before 30 days, which S3 rejects. Received: 7. Fix: use days: 30 or more',
    ],
    [
      'expiration before the last transition',
      { lifecycleRules: [{ transitions: [{ days: 90, storageClass: tf.BucketStorageClass.GLACIER }], expirationDays: 60 }] },
      'stack/Data: lifecycleRules[0].expirationDays must come after the last transition (day 90). Received: 60. Fix: use expirationDays above 90',
    ],
    [
      'noncurrent expiration without versioning',
      { lifecycleRules: [{ noncurrentVersionExpirationDays: 7 }] },
      'stack/Data: lifecycleRules[0].noncurrentVersionExpirationDays needs a versioned bucket: without versioning there are no noncurrent versions. Received: 7. Fix: add versioned: true',
    ],
  ])('GIVEN %s WHEN constructing THEN it throws naming the path, the value and the fix', (_, props, message) => {
    expect(make(props)).toThrow(message);
  });

  test('GIVEN no suffix anywhere WHEN constructing THEN the suffix error names the three sources', () => {
    const saved = process.env.ENVIRONMENT_SUFFIX;
    delete process.env.ENVIRONMENT_SUFFIX;
    try {
      const { stack } = newStack();
      expect(() => new tf.SuffixedBucket(stack, 'Data', { baseName: 'data' })).toThrow(/^stack\/Data: No environment suffix is set.*context "environmentSuffix".*ENVIRONMENT_SUFFIX/);
    } finally {
      if (saved !== undefined) process.env.ENVIRONMENT_SUFFIX = saved;
    }
  });
});
