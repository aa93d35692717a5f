import { blocksOf, newStack, onlyBlock, refTo, SUFFIX, synthJson } from './helpers';
import { SafePatterns, tf } from '../../../src';

/** `aws_x.name` from `${aws_x.name.id}`: how depends_on names a resource. */
const address = (reference: string) => reference.replace(/^\$\{(.*)\.[a-z_]+\}$/, '$1');

describe('tf.ConfigRecorderWithCorrectRole defaults', () => {
  // GIVEN the construct with nothing but a suffix; WHEN synthesizing
  const { stack } = newStack({ environmentSuffix: SUFFIX });
  const config = new tf.ConfigRecorderWithCorrectRole(stack, 'Config');
  const json = synthJson(stack);
  const roleArn = refTo(json, 'aws_iam_role', 'arn');

  test('THEN the role is trusted by config.amazonaws.com for this account only', () => {
    const role = onlyBlock(json, 'aws_iam_role');
    expect(role.name).toBe('config-recorder-pr123');
    const trust = Object.entries<any>(json.data.aws_iam_policy_document).find(([name]) => role.assume_role_policy === `\${data.aws_iam_policy_document.${name}.json}`)?.[1];
    expect(trust.statement).toEqual([{
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [refTo(json, 'aws_caller_identity', 'account_id', 'data')] }],
    }]);
  });

  test('THEN the role has service-role/AWS_ConfigRole in the partition read from data.aws_partition', () => {
    expect(onlyBlock(json, 'aws_iam_role_policy_attachment')).toEqual({
      role: refTo(json, 'aws_iam_role', 'name'),
      policy_arn: `arn:${refTo(json, 'aws_partition', 'partition', 'data')}:iam::aws:policy/service-role/AWS_ConfigRole`,
    });
  });

  test('THEN the role may write only to its AWSLogs prefix of the delivery bucket', () => {
    const bucketArn = refTo(json, 'aws_s3_bucket', 'arn');
    const policy = onlyBlock(json, 'aws_iam_role_policy');
    expect(policy.role).toBe(refTo(json, 'aws_iam_role', 'id'));
    const document = Object.entries<any>(json.data.aws_iam_policy_document).find(([name]) => policy.policy === `\${data.aws_iam_policy_document.${name}.json}`)?.[1];
    expect(document.statement).toEqual([
      { effect: 'Allow', actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [bucketArn] },
      {
        effect: 'Allow',
        actions: ['s3:PutObject', 's3:PutObjectAcl'],
        resources: [`${bucketArn}/AWSLogs/${refTo(json, 'aws_caller_identity', 'account_id', 'data')}/*`],
        condition: [{ test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] }],
      },
    ]);
  });

  test('THEN the recorder records everything with the role, the channel delivers to a SuffixedBucket, and the status enables it last', () => {
    const recorder = onlyBlock(json, 'aws_config_configuration_recorder');
    expect(recorder).toEqual({
      name: 'config-recorder-pr123',
      role_arn: roleArn,
      recording_group: { all_supported: true, include_global_resource_types: true },
    });
    expect(onlyBlock(json, 'aws_s3_bucket')).toEqual({ bucket: 'config-delivery-pr123', force_destroy: true });
    expect(blocksOf(json, 'aws_s3_bucket_server_side_encryption_configuration')).toHaveLength(1);
    const channel = onlyBlock(json, 'aws_config_delivery_channel');
    expect(channel.name).toBe('config-delivery-pr123');
    expect(channel.s3_bucket_name).toBe(refTo(json, 'aws_s3_bucket', 'id'));
    expect(channel.depends_on).toEqual([
      address(refTo(json, 'aws_config_configuration_recorder', 'id')),
      address(refTo(json, 'aws_iam_role_policy', 'id')),
      address(refTo(json, 'aws_s3_bucket_policy', 'id')),
    ]);
    expect(onlyBlock(json, 'aws_config_configuration_recorder_status')).toEqual({
      name: refTo(json, 'aws_config_configuration_recorder', 'name'),
      is_enabled: true,
      depends_on: [address(refTo(json, 'aws_config_delivery_channel', 'id'))],
    });
    expect(config.recorderName).toBe('config-recorder-pr123');
    expect(config.rules).toEqual([]);
  });

  test('THEN the account-singleton finding on the recorder and channel is acknowledged with a reason', () => {
    const acks = (path: string) =>
      stack.node.findAll()
        .filter((c) => c.node.path === path)
        .flatMap((c) => c.node.metadata.filter((m) => m.type === SafePatterns.ACKNOWLEDGEMENT_METADATA_KEY).map((m) => m.data));
    for (const path of ['stack/Config/Recorder', 'stack/Config/DeliveryChannel']) {
      expect(acks(path)).toEqual([expect.objectContaining({ ruleId: 'account-singleton', reason: expect.stringContaining('pass existingRecorderName') })]);
    }
  });
});

describe('tf.ConfigRecorderWithCorrectRole options', () => {
  test('GIVEN existingRecorderName and a managed rule WHEN synthesizing THEN only the rule is created, with its parameters as JSON', () => {
    const { stack } = newStack();
    const config = new tf.ConfigRecorderWithCorrectRole(stack, 'Config', {
      environmentSuffix: SUFFIX,
      existingRecorderName: 'default',
      managedRules: [{ baseName: 'required-tags', sourceIdentifier: 'REQUIRED_TAGS', inputParameters: { tag1Key: 'owner' } }],
    });
    const json = synthJson(stack);
    expect(Object.keys(json.resource)).toEqual(['aws_config_config_rule']);
    expect(json.data).toBeUndefined();
    expect(onlyBlock(json, 'aws_config_config_rule')).toEqual({
      name: 'required-tags-pr123',
      source: { owner: 'AWS', source_identifier: 'REQUIRED_TAGS' },
      input_parameters: '{"tag1Key":"owner"}',
    });
    expect(config.recorderName).toBe('default');
    expect(config.recorder).toBeUndefined();
    expect(config.role).toBeUndefined();
    expect(config.deliveryBucket).toBeUndefined();
  });

  test('GIVEN a new recorder and a managed rule WHEN synthesizing THEN the rule waits for the recorder status', () => {
    const { stack } = newStack();
    new tf.ConfigRecorderWithCorrectRole(stack, 'Config', {
      environmentSuffix: SUFFIX,
      managedRules: [{ baseName: 'bucket-versioning', sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' }],
    });
    const json = synthJson(stack);
    expect(onlyBlock(json, 'aws_config_config_rule').depends_on).toEqual([address(refTo(json, 'aws_config_configuration_recorder_status', 'id'))]);
  });

  test('GIVEN includeGlobalResourceTypes false and a bucket base name WHEN synthesizing THEN both are used', () => {
    const { stack } = newStack();
    new tf.ConfigRecorderWithCorrectRole(stack, 'Config', { environmentSuffix: SUFFIX, includeGlobalResourceTypes: false, deliveryBucketBaseName: 'acme-config' });
    const json = synthJson(stack);
    expect(onlyBlock(json, 'aws_config_configuration_recorder').recording_group.include_global_resource_types).toBe(false);
    expect(onlyBlock(json, 'aws_s3_bucket').bucket).toBe('acme-config-pr123');
  });
});

describe('tf.ConfigRecorderWithCorrectRole bad input', () => {
  test.each<[string, tf.ConfigRecorderWithCorrectRoleProps, string]>([
    [
      'an empty existingRecorderName',
      { existingRecorderName: '' },
      'stack/Config: existingRecorderName is empty. Received: "". Fix: pass the recorder\'s name (`aws configservice describe-configuration-recorders`, usually "default")',
    ],
    [
      'new-recorder options with existingRecorderName',
      { existingRecorderName: 'default', includeGlobalResourceTypes: false },
      'stack/Config: includeGlobalResourceTypes and deliveryBucketBaseName configure a new recorder; with existingRecorderName nothing is created for them. Received: false. Fix: remove them',
    ],
    [
      'a lowercase managed rule identifier',
      { managedRules: [{ baseName: 'versioning', sourceIdentifier: 's3-bucket-versioning-enabled' }] },
      'stack/Config: managedRules[0].sourceIdentifier must be an AWS managed rule identifier (uppercase letters, digits, underscores). Received: "s3-bucket-versioning-enabled". Fix: pass sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED"',
    ],
    [
      'a managed rule without a base name',
      { managedRules: [{ baseName: '', sourceIdentifier: 'REQUIRED_TAGS' }] },
      'stack/Config: managedRules[0].baseName is required: it is the name the environment suffix is appended to. Received: "". Fix: pass managedRules[0].baseName: "s3-bucket-versioning"',
    ],
    [
      'an invalid delivery bucket base name',
      { deliveryBucketBaseName: 'Config_Delivery' },
      'stack/Config/DeliveryBucket: The S3 bucket name must be 3-63 characters',
    ],
  ])('GIVEN %s WHEN constructing THEN it throws naming the path, the value and the fix', (_, props, message) => {
    const { stack } = newStack();
    expect(() => new tf.ConfigRecorderWithCorrectRole(stack, 'Config', { environmentSuffix: SUFFIX, ...props })).toThrow(message);
  });
});
