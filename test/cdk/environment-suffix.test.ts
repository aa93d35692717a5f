import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cdk, EnvironmentSuffixSource } from '../../src';
import { withEnvironmentVariable } from '../helpers/environment';

describe('cdk.EnvironmentSuffix', () => {
  test('GIVEN context environmentSuffix WHEN naming a bucket THEN the synthesized BucketName carries the suffix', () => {
    // GIVEN
    const app = new App({ context: { environmentSuffix: 'pr42' } });
    const stack = new Stack(app, 'Stack');
    // WHEN
    const suffix = new cdk.EnvironmentSuffix(stack, 'Suffix');
    new s3.Bucket(stack, 'Data', { bucketName: suffix.withSuffix('data') });
    // THEN
    expect(suffix.value).toBe('pr42');
    expect(suffix.source).toBe(EnvironmentSuffixSource.CONTEXT);
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { BucketName: 'data-pr42' });
  });

  test('GIVEN a prop and context WHEN resolving THEN the prop wins', () => {
    const app = new App({ context: { environmentSuffix: 'ctx' } });
    const stack = new Stack(app, 'Stack');
    const suffix = new cdk.EnvironmentSuffix(stack, 'Suffix', { environmentSuffix: 'explicit' });
    expect(suffix.value).toBe('explicit');
    expect(suffix.source).toBe(EnvironmentSuffixSource.PROP);
  });

  test('GIVEN only ENVIRONMENT_SUFFIX WHEN resolving statically THEN the variable is used and no construct is added', () => {
    withEnvironmentVariable('ENVIRONMENT_SUFFIX', 'ci-7', () => {
      const stack = new Stack(new App(), 'Stack');
      expect(cdk.EnvironmentSuffix.resolve(stack)).toBe('ci-7');
      expect(stack.node.children).toHaveLength(0);
    });
  });

  test('GIVEN a CfnParameter as suffix WHEN naming THEN the token flows into BucketName as a reference', () => {
    const stack = new Stack(new App(), 'Stack');
    const param = new CfnParameter(stack, 'EnvironmentSuffix', { type: 'String' });
    const suffix = new cdk.EnvironmentSuffix(stack, 'Suffix', { environmentSuffix: param.valueAsString });
    new s3.Bucket(stack, 'Data', { bucketName: suffix.withSuffix('data') });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['', ['data-', { Ref: 'EnvironmentSuffix' }]] },
    });
  });

  test('GIVEN no suffix anywhere WHEN constructing THEN the error names the construct path and all three sources', () => {
    withEnvironmentVariable('ENVIRONMENT_SUFFIX', undefined, () => {
      const stack = new Stack(new App(), 'Stack');
      expect(() => new cdk.EnvironmentSuffix(stack, 'Suffix')).toThrow(
        /^Stack\/Suffix: No environment suffix is set.*environmentSuffix prop.*context key "environmentSuffix".*ENVIRONMENT_SUFFIX/,
      );
    });
  });

  test('GIVEN an uppercase suffix in context WHEN constructing THEN the error shows the value received', () => {
    const stack = new Stack(new App({ context: { environmentSuffix: 'Prod' } }), 'Stack');
    expect(() => new cdk.EnvironmentSuffix(stack, 'Suffix')).toThrow(/^Stack\/Suffix: .*not valid.*Received: "Prod"/);
  });
});
