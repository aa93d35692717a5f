import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { EnvironmentSuffixSource, tf } from '../../src';
import { withEnvironmentVariable } from '../helpers/environment';

function synthResources(stack: TerraformStack): Record<string, Record<string, any>> {
  return JSON.parse(Testing.synth(stack)).resource;
}

describe('tf.EnvironmentSuffix', () => {
  test('GIVEN context environmentSuffix WHEN naming a bucket THEN the synthesized bucket carries the suffix', () => {
    // GIVEN
    const app = Testing.app({ context: { environmentSuffix: 'pr42' } });
    const stack = new TerraformStack(app, 'stack');
    // WHEN
    const suffix = new tf.EnvironmentSuffix(stack, 'suffix');
    new S3Bucket(stack, 'data', { bucket: suffix.withSuffix('data') });
    // THEN
    expect(suffix.source).toBe(EnvironmentSuffixSource.CONTEXT);
    expect(synthResources(stack).aws_s3_bucket.data.bucket).toBe('data-pr42');
  });

  test('GIVEN only ENVIRONMENT_SUFFIX WHEN resolving THEN the variable is used', () => {
    withEnvironmentVariable('ENVIRONMENT_SUFFIX', 'ci-9', () => {
      const stack = new TerraformStack(Testing.app(), 'stack');
      const suffix = new tf.EnvironmentSuffix(stack, 'suffix');
      expect(suffix.value).toBe('ci-9');
      expect(suffix.source).toBe(EnvironmentSuffixSource.ENVIRONMENT_VARIABLE);
      expect(tf.EnvironmentSuffix.resolve(stack)).toBe('ci-9');
    });
  });

  test('GIVEN a TerraformVariable as suffix WHEN naming THEN the name is a Terraform reference', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const variable = new TerraformVariable(stack, 'environment_suffix', { type: 'string' });
    const suffix = new tf.EnvironmentSuffix(stack, 'suffix', { environmentSuffix: variable.stringValue });
    new S3Bucket(stack, 'data', { bucket: suffix.withSuffix('data') });
    expect(synthResources(stack).aws_s3_bucket.data.bucket).toBe('data-${var.environment_suffix}');
  });

  test('GIVEN no suffix anywhere WHEN constructing THEN the error names the construct path and all three sources', () => {
    withEnvironmentVariable('ENVIRONMENT_SUFFIX', undefined, () => {
      const stack = new TerraformStack(new App({ outdir: '/tmp/unused-cdktf-out' }), 'stack');
      expect(() => new tf.EnvironmentSuffix(stack, 'suffix')).toThrow(
        /^stack\/suffix: No environment suffix is set.*environmentSuffix prop.*context key "environmentSuffix".*ENVIRONMENT_SUFFIX/,
      );
    });
  });

  test('GIVEN a suffix with an underscore WHEN constructing THEN the error shows the value and the fix', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new tf.EnvironmentSuffix(stack, 'suffix', { environmentSuffix: 'dev_1' })).toThrow(
      /^stack\/suffix: The environment suffix from the environmentSuffix prop is not valid.*Received: "dev_1"\. Fix: use a value such as "dev"/,
    );
  });
});
