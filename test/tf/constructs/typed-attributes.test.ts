import { TerraformDataSource, TerraformOutput, TerraformResource } from 'cdktf';
import { newStack, refTo, SUFFIX, synthJson } from './helpers';
import { tf } from '../../../src';

// Users reference the constructs' resources through typed strings and change them through cdktf's
// TerraformResource: no provider class appears in the API.

describe('typed attributes of the tf constructs', () => {
  // GIVEN every construct, each typed attribute written to an output; WHEN synthesizing
  const { stack } = newStack({ environmentSuffix: SUFFIX });
  const bucket = new tf.SuffixedBucket(stack, 'Data', { baseName: 'orders-data', versioned: true, lifecycleRules: [{ expirationDays: 30 }] });
  const config = new tf.ConfigRecorderWithCorrectRole(stack, 'Config', { managedRules: [{ baseName: 'bucket-versioning', sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' }] });
  const alarm = new tf.P99Alarm(stack, 'Latency', { baseName: 'orders-latency', namespace: 'AWS/Lambda', metricName: 'Duration', threshold: 1000 });
  const network = new tf.SingleNatVpc(stack, 'Network');
  const outputs: Record<string, unknown> = {
    bucketArn: bucket.bucketArn,
    bucketId: bucket.bucketId,
    bucketRegionalDomainName: bucket.bucketRegionalDomainName,
    roleArn: config.roleArn,
    ruleArn: config.ruleArns[0],
    alarmArn: alarm.alarmArn,
    vpcId: network.vpcId,
    publicSubnetIds: network.publicSubnetIds,
    privateSubnetIds: network.privateSubnetIds,
    natGatewayId: network.natGatewayId,
    publicRouteTableId: network.publicRouteTableId,
    privateRouteTableId: network.privateRouteTableId,
  };
  for (const [name, value] of Object.entries(outputs)) new TerraformOutput(stack, name, { value });
  const json = synthJson(stack);
  const out = (name: string) => json.output[name].value;
  const bucketRef = (attribute: string) => `\${aws_s3_bucket.${Object.keys(json.resource.aws_s3_bucket).find((k) => json.resource.aws_s3_bucket[k].bucket === 'orders-data-pr123')}.${attribute}}`;

  test('THEN each attribute references its own resource', () => {
    expect(out('bucketArn')).toBe(bucketRef('arn'));
    expect(out('bucketId')).toBe(bucketRef('id'));
    expect(out('bucketRegionalDomainName')).toBe(bucketRef('bucket_regional_domain_name'));
    expect(out('roleArn')).toBe(`\${aws_iam_role.${Object.keys(json.resource.aws_iam_role).find((k) => k.startsWith('Config'))}.arn}`);
    expect(out('ruleArn')).toBe(refTo(json, 'aws_config_config_rule', 'arn'));
    expect(out('alarmArn')).toBe(refTo(json, 'aws_cloudwatch_metric_alarm', 'arn'));
    expect(out('vpcId')).toBe(refTo(json, 'aws_vpc', 'id'));
    expect(out('natGatewayId')).toBe(refTo(json, 'aws_nat_gateway', 'id'));
    const subnets = Object.keys(json.resource.aws_subnet);
    expect(out('publicSubnetIds')).toEqual(subnets.filter((k) => k.includes('Public')).map((k) => `\${aws_subnet.${k}.id}`));
    expect(out('privateSubnetIds')).toEqual(subnets.filter((k) => k.includes('Private')).map((k) => `\${aws_subnet.${k}.id}`));
    const tables = Object.keys(json.resource.aws_route_table);
    expect(out('publicRouteTableId')).toBe(`\${aws_route_table.${tables.find((k) => k.includes('Public'))}.id}`);
    expect(out('privateRouteTableId')).toBe(`\${aws_route_table.${tables.find((k) => k.includes('Private'))}.id}`);
  });

  test('THEN names are literals and resources are cdktf TerraformResources (the escape hatch)', () => {
    expect(bucket.bucketName).toBe('orders-data-pr123');
    expect(config.recorderName).toBe('config-recorder-pr123');
    expect(config.roleName).toBe('config-recorder-pr123');
    expect(alarm.alarmName).toBe('orders-latency-pr123');
    expect(network.flowLogGroupName).toBe('/aws/vpc-flow-logs/vpc-pr123');
    const resources = [
      bucket.bucket, bucket.encryptionConfiguration, bucket.publicAccessBlock, bucket.ownershipControls,
      bucket.versioning, bucket.lifecycleConfiguration, bucket.bucketPolicy,
      config.recorder, config.deliveryChannel, config.recorderStatus, config.role, ...config.rules, alarm.alarm,
      network.vpc, network.natGateway, network.internetGateway, network.publicRouteTable, network.privateRouteTable,
      network.flowLogGroup, ...network.publicSubnets, ...network.privateSubnets,
    ];
    for (const r of resources) {
      expect(r).toBeInstanceOf(TerraformResource);
    }
    expect(bucket.bucketPolicyDocument).toBeInstanceOf(TerraformDataSource);
    expect([bucket.bucket, alarm.alarm, network.natGateway, config.recorder].map((r) => r!.terraformResourceType))
      .toEqual(['aws_s3_bucket', 'aws_cloudwatch_metric_alarm', 'aws_nat_gateway', 'aws_config_configuration_recorder']);
  });

  test('GIVEN an override on a construct\'s resource WHEN synthesizing THEN it is written', () => {
    const { stack: s } = newStack({ environmentSuffix: SUFFIX });
    const b = new tf.SuffixedBucket(s, 'Data', { baseName: 'orders-data' });
    b.bucket.addOverride('tags', { team: 'orders' });
    b.encryptionConfiguration.addOverride('expected_bucket_owner', '123456789012');
    const j = synthJson(s);
    expect(Object.values<any>(j.resource.aws_s3_bucket)[0].tags).toEqual({ team: 'orders' });
    expect(Object.values<any>(j.resource.aws_s3_bucket_server_side_encryption_configuration)[0].expected_bucket_owner).toBe('123456789012');
  });
});
