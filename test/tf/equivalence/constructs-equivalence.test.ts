import * as path from 'path';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AssetType, Fn, S3Backend, TerraformAsset, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as oracle from './oracle';
import { tf } from '../../../src';

// The tf constructs write their AWS resources on cdktf's core classes. The oracle is the same
// configuration written with @cdktf/provider-aws's generated classes (oracle/, the constructs as they
// were built on the provider): for every construct, with its defaults and with each option, the two
// stacks must synthesize the same cdk.tf.json, attribute by attribute and byte for byte, and the same HCL.

const SUFFIX = 'pr123';
const NODE_DIR = path.join(__dirname, '..', 'constructs', 'fixtures', 'node-handler');

type Build = (stack: TerraformStack) => void;

function stackWith(build: Build): TerraformStack {
  const app = Testing.app({ context: { environmentSuffix: SUFFIX } });
  const stack = new TerraformStack(app, 'stack');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  return stack;
}

/** A stack's cdk.tf.json and its HCL rendering. */
function outputs(build: Build): { json: string; hcl: string } {
  const json = Testing.synth(stackWith(build));
  const hcl = Testing.synthHcl(stackWith(build));
  return { json, hcl: typeof hcl === 'string' ? hcl : JSON.stringify(hcl) };
}

function expectEquivalent(ours: Build, provider: Build): void {
  // GIVEN the same configuration built both ways; WHEN synthesizing
  const a = outputs(ours);
  const b = outputs(provider);
  // THEN every resource and data source matches attribute by attribute (a readable diff first) ...
  const parsedA = JSON.parse(a.json);
  const parsedB = JSON.parse(b.json);
  expect(parsedA.resource).toEqual(parsedB.resource);
  expect(parsedA.data).toEqual(parsedB.data);
  expect(parsedA).toEqual(parsedB);
  // ... and the documents are identical, key order included, in JSON and in HCL.
  expect(a.json).toBe(b.json);
  // (HCL renders blocks; an empty stack, e.g. an existing recorder without rules, renders as nothing.)
  expect(/(resource|data|backend) "/.test(a.hcl)).toBe(Object.keys({ ...parsedA.resource, ...parsedA.data, ...parsedA.terraform?.backend }).length > 0);
  expect(a.hcl).toBe(b.hcl);
}

/** Each construct's cases: a name, then the construct built from props by ours and by the oracle. */
function cases<P>(
  ours: (scope: Construct, id: string, props: P) => unknown,
  provider: (scope: Construct, id: string, props: P) => unknown,
  table: Array<[string, P]>,
): Array<[string, Build, Build]> {
  return table.map(([name, props]) => [name, (s) => void ours(s, 'Subject', props), (s) => void provider(s, 'Subject', props)]);
}

describe('tf.SuffixedBucket equals the provider classes', () => {
  test.each(cases<tf.SuffixedBucketProps>(
    (s, id, p) => new tf.SuffixedBucket(s, id, p),
    (s, id, p) => new oracle.SuffixedBucket(s, id, p as any),
    [
      ['defaults', { baseName: 'orders-data' }],
      ['an explicit suffix', { baseName: 'orders-data', environmentSuffix: 'pr9' }],
      ['forceDestroy false', { baseName: 'orders-data', forceDestroy: false }],
      ['SSE-KMS with a key', { baseName: 'orders-data', encryption: tf.BucketEncryption.KMS, encryptionKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' }],
      ['SSE-KMS with the aws/s3 key', { baseName: 'orders-data', encryption: tf.BucketEncryption.KMS }],
      ['SSE-S3 stated', { baseName: 'orders-data', encryption: tf.BucketEncryption.S3_MANAGED }],
      ['versioned', { baseName: 'orders-data', versioned: true }],
      ['lifecycle rules on a versioned bucket', {
        baseName: 'orders-archive',
        versioned: true,
        lifecycleRules: [
          {
            prefix: 'logs/',
            transitions: [{ days: 30, storageClass: tf.BucketStorageClass.STANDARD_IA }, { days: 90, storageClass: tf.BucketStorageClass.GLACIER }],
            expirationDays: 365,
          },
          { id: 'old-versions', noncurrentVersionExpirationDays: 7, abortIncompleteMultipartUploadDays: 1 },
          { transitions: [{ days: 1, storageClass: tf.BucketStorageClass.INTELLIGENT_TIERING }] },
        ],
      }],
      ['a lifecycle rule on an unversioned bucket', { baseName: 'orders-data', lifecycleRules: [{ expirationDays: 30 }] }],
      ['enforceSsl false', { baseName: 'orders-data', enforceSsl: false }],
    ],
  ))('GIVEN %s THEN the output is identical', (_, ours, provider) => expectEquivalent(ours, provider));
});

describe('tf.ConfigRecorderWithCorrectRole equals the provider classes', () => {
  test.each(cases<tf.ConfigRecorderWithCorrectRoleProps>(
    (s, id, p) => new tf.ConfigRecorderWithCorrectRole(s, id, p),
    (s, id, p) => new oracle.ConfigRecorderWithCorrectRole(s, id, p),
    [
      ['defaults', {}],
      ['every option of a new recorder', {
        includeGlobalResourceTypes: false,
        deliveryBucketBaseName: 'audit-config',
        environmentSuffix: 'pr9',
        managedRules: [
          { baseName: 'bucket-versioning', sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
          { baseName: 'required-tags', sourceIdentifier: 'REQUIRED_TAGS', inputParameters: { tag1Key: 'owner', tag2Key: 'team' } },
        ],
      }],
      ['an existing recorder with rules', {
        existingRecorderName: 'default',
        managedRules: [{ baseName: 'required-tags', sourceIdentifier: 'REQUIRED_TAGS', inputParameters: { tag1Key: 'owner' } }],
      }],
      ['an existing recorder without rules', { existingRecorderName: 'default' }],
    ],
  ))('GIVEN %s THEN the output is identical', (_, ours, provider) => expectEquivalent(ours, provider));
});

describe('tf.P99Alarm equals the provider classes', () => {
  const base = { baseName: 'orders-latency', namespace: 'AWS/Lambda', metricName: 'Duration', threshold: 1000 };
  test.each(cases<tf.P99AlarmProps>(
    (s, id, p) => new tf.P99Alarm(s, id, p),
    (s, id, p) => new oracle.P99Alarm(s, id, p as any),
    [
      ['defaults', base],
      ['dimensions', { ...base, dimensions: { FunctionName: 'orders-pr123', Resource: 'orders-pr123:live' } }],
      ['percentile 99.9', { ...base, percentile: 99.9 }],
      ['period, evaluation periods and datapoints', { ...base, periodSeconds: 300, evaluationPeriods: 5, datapointsToAlarm: 3 }],
      ['a 10-second period', { ...base, periodSeconds: 10 }],
      ['comparison and missing data', { ...base, comparison: tf.AlarmComparison.LESS_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: tf.AlarmMissingData.BREACHING }],
      ['alarm actions', { ...base, alarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall', 'arn:aws:sns:us-east-1:123456789012:audit'] }],
      ['a description and a suffix', { ...base, description: 'orders p99 latency', environmentSuffix: 'pr9' }],
      ['a fractional threshold', { ...base, threshold: 0.25 }],
    ],
  ))('GIVEN %s THEN the output is identical', (_, ours, provider) => expectEquivalent(ours, provider));
});

describe('tf.SingleNatVpc equals the provider classes', () => {
  test.each(cases<tf.SingleNatVpcProps>(
    (s, id, p) => new tf.SingleNatVpc(s, id, p),
    (s, id, p) => new oracle.SingleNatVpc(s, id, p),
    [
      ['defaults', {}],
      ['one zone', { availabilityZones: 1 }],
      ['six zones and a /24', { availabilityZones: 6, cidrBlock: '10.1.2.0/24' }],
      ['a base name, a range and a suffix', { baseName: 'orders', cidrBlock: '10.20.0.0/16', environmentSuffix: 'pr9' }],
      ['flow-log retention above the warning', { flowLogRetentionDays: 30 }],
      ['flow-log retention of one day', { flowLogRetentionDays: 1 }],
    ],
  ))('GIVEN %s THEN the output is identical', (_, ours, provider) => expectEquivalent(ours, provider));
});

describe('tf.LambdaZipAsset equals a TerraformAsset written by hand, feeding the provider\'s aws_lambda_function', () => {
  const lambda = (stack: TerraformStack, filename: string, sourceCodeHash: string) => new LambdaFunction(stack, 'Function', {
    functionName: 'orders-pr123',
    role: 'arn:aws:iam::123456789012:role/orders',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename,
    sourceCodeHash,
  });
  test.each<[string, tf.LambdaZipAssetProps]>([
    ['an absolute directory', { path: NODE_DIR }],
    ['a directory relative to baseDirectory, with a handler', { path: 'fixtures/node-handler', baseDirectory: path.join(__dirname, '..', 'constructs'), handler: 'index.handler' }],
  ])('GIVEN %s THEN the output is identical', (_, props) => expectEquivalent(
    (stack) => {
      const code = new tf.LambdaZipAsset(stack, 'Code', props);
      lambda(stack, code.path, code.sourceCodeHash);
    },
    (stack) => {
      // Construct ids as LambdaZipAsset has them, so the asset's path (which carries them) matches.
      const asset = new TerraformAsset(new Construct(stack, 'Code'), 'Asset', { path: NODE_DIR, type: AssetType.ARCHIVE });
      lambda(stack, asset.path, Fn.filebase64sha256(asset.path));
    },
  ));
});

describe('tf.S3BackendWithLockfile equals cdktf\'s S3Backend with use_lockfile', () => {
  test.each<[string, tf.S3BackendWithLockfileProps, Record<string, unknown>]>([
    ['a bucket', { bucket: 'tf-state-pr123' }, { bucket: 'tf-state-pr123', key: `${SUFFIX}/stack.tfstate`, encrypt: true }],
    ['a bucket and a Region', { bucket: 'tf-state-pr123', region: 'eu-west-1' }, { bucket: 'tf-state-pr123', key: `${SUFFIX}/stack.tfstate`, region: 'eu-west-1', encrypt: true }],
  ])('GIVEN %s THEN the output is identical', (_, props, config) => expectEquivalent(
    (stack) => void new tf.S3BackendWithLockfile(stack, 'State', props),
    (stack) => {
      const backend = new S3Backend(new Construct(stack, 'State'), config as any);
      backend.addOverride('use_lockfile', true);
    },
  ));
});
