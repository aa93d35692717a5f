import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { nagErrors, newStack, openFindings, synthChecked, SUFFIX, warningsOf } from './helpers';
import { cdk } from '../../../src';
import { withEnvironmentVariable } from '../../helpers/environment';

describe('cdk.SuffixedBucket', () => {
  test('GIVEN only a base name WHEN synthesizing THEN the bucket is suffixed, SSE-S3, private, TLS-only and deleted with its objects', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const data = new cdk.SuffixedBucket(stack, 'Data', { baseName: 'orders-data' });
    // THEN
    const template = Template.fromStack(stack);
    expect(data.bucketName).toBe(`orders-data-${SUFFIX}`);
    expect(data.environmentSuffix).toBe(SUFFIX);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: {
        BucketName: `orders-data-${SUFFIX}`,
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: Match.absent(),
        LifecycleConfiguration: Match.absent(),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('GIVEN the prop WHEN it differs from context THEN the prop names the bucket', () => {
    const stack = newStack();
    const data = new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data', environmentSuffix: 'pr9' });
    expect(data.bucketName).toBe('data-pr9');
  });

  test('GIVEN no context WHEN ENVIRONMENT_SUFFIX is set THEN the variable names the bucket', () => {
    withEnvironmentVariable('ENVIRONMENT_SUFFIX', 'ci-3', () => {
      const stack = newStack({ environmentSuffix: undefined });
      expect(new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data' }).bucketName).toBe('data-ci-3');
    });
  });

  test('GIVEN versioning and lifecycle rules WHEN synthesizing THEN both are on the bucket', () => {
    const stack = newStack();
    new cdk.SuffixedBucket(stack, 'Data', {
      baseName: 'data',
      versioned: true,
      lifecycleRules: [{
        transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
        expiration: Duration.days(90),
        noncurrentVersionExpiration: Duration.days(7),
      }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [{
          Status: 'Enabled',
          ExpirationInDays: 90,
          NoncurrentVersionExpiration: { NoncurrentDays: 7 },
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
        }],
      },
    });
  });

  test('GIVEN removalPolicy RETAIN WHEN synthesizing THEN the bucket is retained, nothing auto-deletes, a warning says so and our checks accept the explicit choice', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data', removalPolicy: RemovalPolicy.RETAIN });
    const checked = synthChecked(stack);
    // THEN
    const template = Template.fromJSON(checked.template);
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    expect(warningsOf(stack)).toEqual([
      ['cdk-safe-patterns:secure-default-overridden', expect.stringMatching(/^removalPolicy is retain, overriding the secure default: .*outlive the stack/)],
    ]);
    expect(openFindings(checked)).toEqual([]);
    expect(checked.findings.map((f) => [f.ruleId, (f.acknowledgement as any)?.reason])).toEqual([
      ['retain-on-delete', 'removalPolicy retain was set explicitly on this construct'],
    ]);
  });

  test('GIVEN autoDeleteObjects false WHEN synthesizing THEN no auto-delete resource and a warning that deletion fails on a non-empty bucket', () => {
    const stack = newStack();
    new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data', autoDeleteObjects: false });
    Template.fromStack(stack).resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    expect(warningsOf(stack)).toEqual([
      ['cdk-safe-patterns:secure-default-overridden', expect.stringContaining('autoDeleteObjects is false, overriding the secure default: deleting the stack fails')],
    ]);
  });

  test('GIVEN enforceSSL false WHEN synthesizing THEN no TLS deny statement and a warning', () => {
    const stack = newStack();
    new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data', enforceSSL: false });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })])) },
    });
    expect(warningsOf(stack)).toEqual([
      ['cdk-safe-patterns:secure-default-overridden', expect.stringContaining('enforceSSL is false')],
    ]);
  });

  test('GIVEN an access log bucket WHEN synthesizing THEN logging is on and cdk-nag S1 needs no acknowledgement', () => {
    const stack = newStack();
    const logs = new cdk.SuffixedBucket(stack, 'Logs', { baseName: 'access-logs' });
    new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data', serverAccessLogsBucket: logs.bucket, serverAccessLogsPrefix: 'data/' });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: `data-${SUFFIX}`,
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^LogsBucket') }, LogFilePrefix: 'data/' },
    });
    expect(nagErrors(stack.node.root)).toEqual([]);
  });

  test.each([
    ['UPPER', /^Stack\/Data: The S3 bucket name "UPPER-pr123" is not valid: it must be lowercase letters.*Received: baseName="UPPER"\. Fix: .*e\.g\. "upper"$/],
    ['a'.repeat(60), /^Stack\/Data: The S3 bucket name "a{60}-pr123" is 66 characters long; S3 bucket names must be 3-63\. Received: baseName="a{60}" with the suffix "pr123"\. Fix: shorten baseName to at most 57 characters \(the suffix takes 6\)$/],
    ['my..data', /^Stack\/Data: .*it must not contain two adjacent dots\. Received: baseName="my\.\.data"\. Fix: .*e\.g\. "my-data"/],
    ['xn--data', /^Stack\/Data: .*must not start with the reserved prefixes xn--.*Received: baseName="xn--data"/],
    ['', /^Stack\/Data: A base name is required to build a suffixed name\. Received: ""\. Fix: pass a non-empty base name/],
  ])('GIVEN baseName %j WHEN constructing THEN the error names the path, the value and the fix', (baseName, message) => {
    const stack = newStack();
    expect(() => new cdk.SuffixedBucket(stack, 'Data', { baseName })).toThrow(message);
  });

  test('GIVEN autoDeleteObjects with RETAIN WHEN constructing THEN the error explains they contradict', () => {
    const stack = newStack();
    expect(() => new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data', autoDeleteObjects: true, removalPolicy: RemovalPolicy.RETAIN })).toThrow(
      /^Stack\/Data: autoDeleteObjects empties the bucket .* Received: autoDeleteObjects=true with removalPolicy="retain"\. Fix: drop autoDeleteObjects/,
    );
  });

  test('GIVEN no suffix anywhere WHEN constructing THEN the suffix helper error names the construct', () => {
    withEnvironmentVariable('ENVIRONMENT_SUFFIX', undefined, () => {
      const stack = newStack({ environmentSuffix: undefined });
      expect(() => new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data' })).toThrow(/^Stack\/Data\/EnvironmentSuffix: No environment suffix is set/);
    });
  });
});
