import { LocalBackend, S3Backend, TerraformVariable, Testing } from 'cdktf';
import { newStack, SUFFIX, synthJson, warningsOf } from './helpers';
import { tf } from '../../../src';

const BUCKET_VARIABLE = 'TERRAFORM_STATE_BUCKET';

describe('tf.S3BackendWithLockfile', () => {
  let savedBucket: string | undefined;
  beforeEach(() => {
    savedBucket = process.env[BUCKET_VARIABLE];
    delete process.env[BUCKET_VARIABLE];
  });
  afterEach(() => {
    if (savedBucket === undefined) delete process.env[BUCKET_VARIABLE];
    else process.env[BUCKET_VARIABLE] = savedBucket;
  });

  test('GIVEN a bucket prop WHEN synthesizing THEN the S3 backend locks with use_lockfile, encrypts, has no dynamodb_table and the key <suffix>/<stack>.tfstate', () => {
    // GIVEN
    const { stack } = newStack({}, 'orders');
    // WHEN
    const state = new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state-pr123', environmentSuffix: SUFFIX });
    const json = synthJson(stack);
    // THEN
    expect(json.terraform.backend).toEqual({ s3: { bucket: 'tf-state-pr123', key: 'pr123/orders.tfstate', encrypt: true, use_lockfile: true } });
    expect(state.isRemote).toBe(true);
    expect(state.bucket).toBe('tf-state-pr123');
    expect(state.key).toBe('pr123/orders.tfstate');
    expect(state.backend).toBeInstanceOf(S3Backend);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('GIVEN a region prop WHEN synthesizing THEN the backend names it', () => {
    const { stack } = newStack();
    new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state-pr123', region: 'eu-west-1', environmentSuffix: SUFFIX });
    expect(synthJson(stack).terraform.backend.s3.region).toBe('eu-west-1');
  });

  test('GIVEN no bucket prop WHEN the context key terraformStateBucket is set THEN it is the bucket, before the environment variable', () => {
    process.env[BUCKET_VARIABLE] = 'from-variable';
    const { stack } = newStack({ terraformStateBucket: 'from-context', environmentSuffix: SUFFIX });
    new tf.S3BackendWithLockfile(stack, 'State');
    expect(synthJson(stack).terraform.backend.s3).toMatchObject({ bucket: 'from-context', key: 'pr123/stack.tfstate' });
  });

  test('GIVEN only the environment variable TERRAFORM_STATE_BUCKET WHEN synthesizing THEN it is the bucket', () => {
    process.env[BUCKET_VARIABLE] = 'from-variable';
    const { stack } = newStack({ environmentSuffix: SUFFIX });
    new tf.S3BackendWithLockfile(stack, 'State');
    expect(synthJson(stack).terraform.backend.s3.bucket).toBe('from-variable');
  });

  test('GIVEN no bucket anywhere WHEN synthesizing THEN the stack keeps local state and a warning names the three sources', () => {
    // GIVEN a blank variable, which counts as unset
    process.env[BUCKET_VARIABLE] = ' ';
    const { stack } = newStack({ environmentSuffix: SUFFIX });
    // WHEN
    const state = new tf.S3BackendWithLockfile(stack, 'State');
    const json = synthJson(stack);
    // THEN
    expect(Object.keys(json.terraform.backend)).toEqual(['local']);
    expect(state.isRemote).toBe(false);
    expect(state.bucket).toBeUndefined();
    expect(state.backend).toBeInstanceOf(LocalBackend);
    expect(warningsOf(stack)).toEqual([
      '[cdk-safe-patterns:state-bucket-missing] No state bucket is configured (prop bucket, context key "terraformStateBucket", environment variable ' +
        'TERRAFORM_STATE_BUCKET): the stack falls back to the local backend and keeps its state on this machine, which CI loses after each run. ' +
        'Fix: export TERRAFORM_STATE_BUCKET=<existing bucket>.',
    ]);
  });

  test('GIVEN the suffix only in context WHEN synthesizing THEN the key uses it', () => {
    const { stack } = newStack({ environmentSuffix: 'dev' });
    new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state' });
    expect(synthJson(stack).terraform.backend.s3.key).toBe('dev/stack.tfstate');
  });

  test('GIVEN a later second backend WHEN synthesizing with validations THEN it fails naming both', () => {
    const { stack } = newStack();
    new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state-pr123', environmentSuffix: SUFFIX });
    new LocalBackend(stack, {});
    expect(() => Testing.synth(stack, true)).toThrow(/stack\/State: the stack has 2 backends \(stack\/State\/backend, stack\/backend\); keep only S3BackendWithLockfile's\./);
  });

  describe('bad input', () => {
    test('GIVEN a stack that already has a backend WHEN adding it THEN it throws naming the other backend', () => {
      const { stack } = newStack();
      new S3Backend(stack, { bucket: 'other', key: 'k' });
      expect(() => new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state-pr123', environmentSuffix: SUFFIX })).toThrow(
        'stack/State: The stack already has a backend; Terraform accepts one backend per configuration. Received: backend at stack/backend. Fix: remove the other backend',
      );
    });

    test('GIVEN an invalid bucket name in the environment variable WHEN constructing THEN it throws naming the source', () => {
      process.env[BUCKET_VARIABLE] = 'Bad_Bucket';
      const { stack } = newStack({ environmentSuffix: SUFFIX });
      expect(() => new tf.S3BackendWithLockfile(stack, 'State')).toThrow(
        'stack/State: The state bucket name must be 3-63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (10 characters). ' +
          'Received: "Bad_Bucket". Fix: set the environment variable TERRAFORM_STATE_BUCKET to the name of an existing S3 bucket',
      );
    });

    test('GIVEN a bucket from a token WHEN constructing THEN it throws: backends cannot read variables', () => {
      const { stack } = newStack();
      const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' }).stringValue;
      expect(() => new tf.S3BackendWithLockfile(stack, 'State', { bucket, environmentSuffix: SUFFIX })).toThrow(
        /^stack\/State: The state bucket from the bucket prop must be a literal bucket name: Terraform reads the backend before any variable or resource exists\. Received: ".*"\. Fix: pass the name of an existing S3 bucket$/,
      );
    });

    test('GIVEN a malformed region WHEN constructing THEN it throws with the fix', () => {
      const { stack } = newStack();
      expect(() => new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state', region: 'Europe', environmentSuffix: SUFFIX })).toThrow(
        'stack/State: region must be a literal AWS Region name: Terraform reads the backend before any variable or data source exists. Received: "Europe". Fix: pass a Region such as "eu-west-1", or leave region out and set AWS_REGION',
      );
    });

    test('GIVEN a token suffix WHEN constructing THEN it throws: the key is read at init', () => {
      const { stack } = newStack();
      const suffix = new TerraformVariable(stack, 'suffix', { type: 'string' }).stringValue;
      expect(() => new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state', environmentSuffix: suffix })).toThrow(
        /^stack\/State: The environment suffix is a token, but the state key is read at `terraform init`, before any variable exists\. Received: ".*"\. Fix: pass a literal environmentSuffix/,
      );
    });
  });
});
