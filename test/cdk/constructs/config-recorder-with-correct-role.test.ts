import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { nagErrors, newStack, openFindings, synthChecked, SUFFIX } from './helpers';
import { cdk } from '../../../src';

const CONFIG_POLICY = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWS_ConfigRole']] };

describe('cdk.ConfigRecorderWithCorrectRole', () => {
  test('GIVEN no props WHEN synthesizing THEN recorder, channel and bucket are suffixed, and the role carries service-role/AWS_ConfigRole', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const config = new cdk.ConfigRecorderWithCorrectRole(stack, 'Config');
    // THEN
    const template = Template.fromStack(stack);
    expect(config.recorderName).toBe(`config-${SUFFIX}`);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' } }] },
      ManagedPolicyArns: [CONFIG_POLICY],
    });
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      Name: `config-${SUFFIX}`,
      RoleARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConfigRole'), 'Arn'] },
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
    });
    template.hasResource('AWS::Config::DeliveryChannel', {
      Properties: { Name: `config-${SUFFIX}`, S3BucketName: { Ref: Match.stringLikeRegexp('^ConfigBucket') } },
      DependsOn: [Match.stringLikeRegexp('^ConfigBucketPolicy'), Match.stringLikeRegexp('^ConfigRecorder')],
    });
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Delete',
      Properties: { BucketName: Match.absent(), BucketEncryption: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AWSConfigBucketPermissionsCheck',
            Principal: { Service: 'config.amazonaws.com' },
            Action: ['s3:GetBucketAcl', 's3:ListBucket'],
            Condition: { StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
          Match.objectLike({
            Sid: 'AWSConfigBucketDelivery',
            Action: 's3:PutObject',
            Condition: { StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' }, 's3:x-amz-acl': 'bucket-owner-full-control' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject' }), Match.objectLike({ Action: 's3:GetBucketAcl' })]) },
    });
    expect(config.role).toBeDefined();
    expect(config.recorder?.name).toBe(`config-${SUFFIX}`);
  });

  test('GIVEN the default WHEN our checks run THEN the two account singletons are acknowledged with the reason', () => {
    const stack = newStack();
    new cdk.ConfigRecorderWithCorrectRole(stack, 'Config');
    const checked = synthChecked(stack);
    expect(openFindings(checked)).toEqual([]);
    expect(checked.findings.map((f) => [f.ruleId, f.path, (f.acknowledgement as any)?.reason])).toEqual([
      ['account-singleton', 'Stack/Config/Recorder', expect.stringContaining('passes existingRecorderName instead')],
      ['account-singleton', 'Stack/Config/DeliveryChannel', expect.stringContaining('passes existingRecorderName instead')],
    ]);
  });

  test('GIVEN useServiceLinkedRole WHEN synthesizing THEN no role is created and the recorder uses AWSServiceRoleForConfig', () => {
    const stack = newStack();
    const config = new cdk.ConfigRecorderWithCorrectRole(stack, 'Config', { useServiceLinkedRole: true });
    const template = Template.fromStack(stack);
    expect(config.role).toBeUndefined();
    expect(Object.values(template.findResources('AWS::IAM::Role')).filter((r: any) => JSON.stringify(r).includes('config.amazonaws.com'))).toEqual([]);
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RoleARN: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig']],
      },
    });
    expect(nagErrors(stack.node.root)).toEqual([]);
  });

  test('GIVEN a base name, global resources and a retained bucket WHEN synthesizing THEN each is applied', () => {
    const stack = newStack();
    new cdk.ConfigRecorderWithCorrectRole(stack, 'Config', {
      baseName: 'audit',
      environmentSuffix: 'pr5',
      includeGlobalResourceTypes: true,
      bucketRemovalPolicy: RemovalPolicy.RETAIN,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { Name: 'audit-pr5', RecordingGroup: { IncludeGlobalResourceTypes: true } });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });

  test('GIVEN existingRecorderName WHEN synthesizing THEN nothing is created and the name is exposed', () => {
    const stack = newStack();
    const config = new cdk.ConfigRecorderWithCorrectRole(stack, 'Config', { existingRecorderName: 'default' });
    expect(config.recorderName).toBe('default');
    const created = [config.recorder, config.deliveryChannel, config.bucket, config.role, config.roleArn];
    expect(created).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test('GIVEN existingRecorderName with options that create resources WHEN constructing THEN the error lists them', () => {
    const stack = newStack();
    expect(() => new cdk.ConfigRecorderWithCorrectRole(stack, 'Config', { existingRecorderName: 'default', useServiceLinkedRole: true, baseName: 'x' })).toThrow(
      /^Stack\/Config: existingRecorderName reuses an existing recorder, .* Received: existingRecorderName="default", baseName="x", useServiceLinkedRole=true\. Fix: pass only the non-empty name/,
    );
  });

  test('GIVEN an empty existingRecorderName WHEN constructing THEN the error shows it', () => {
    const stack = newStack();
    expect(() => new cdk.ConfigRecorderWithCorrectRole(stack, 'Config', { existingRecorderName: ' ' })).toThrow(/Received: existingRecorderName=" "\. Fix:/);
  });
});
