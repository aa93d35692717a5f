import { TerraformVariable } from 'cdktf';
import { blocksOf, newStack, onlyBlock, refTo, SUFFIX, synthJson, warningsOf } from './helpers';
import { tf } from '../../../src';

const REGION = /\b[a-z]{2}-(?:gov-)?[a-z]+-\d\b/;

describe('tf.SingleNatVpc defaults', () => {
  // GIVEN the construct with nothing but a suffix; WHEN synthesizing
  const { stack } = newStack({ environmentSuffix: SUFFIX });
  const network = new tf.SingleNatVpc(stack, 'Network');
  const json = synthJson(stack);
  const vpcId = refTo(json, 'aws_vpc', 'id');
  const zones = Object.keys(json.data.aws_availability_zones);

  test('THEN the VPC is 10.0.0.0/16 with DNS on, named <baseName>-<suffix>', () => {
    expect(onlyBlock(json, 'aws_vpc')).toEqual({ cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true, tags: { Name: 'vpc-pr123' } });
  });

  test('THEN two zones each get a public and a private /20, zones indexed from data.aws_availability_zones, no public IPs by default', () => {
    expect(zones).toHaveLength(1);
    expect(onlyBlock(json, 'aws_availability_zones', 'data')).toEqual({ state: 'available' });
    const subnets = blocksOf(json, 'aws_subnet').map((s) => [s.tags.Name, s.cidr_block, s.availability_zone, s.map_public_ip_on_launch, s.vpc_id]);
    const zone = (i: number) => `\${data.aws_availability_zones.${zones[0]}.names.${i}}`;
    expect(subnets.sort()).toEqual([
      ['vpc-pr123-private-1', '10.0.128.0/20', zone(0), false, vpcId],
      ['vpc-pr123-private-2', '10.0.144.0/20', zone(1), false, vpcId],
      ['vpc-pr123-public-1', '10.0.0.0/20', zone(0), false, vpcId],
      ['vpc-pr123-public-2', '10.0.16.0/20', zone(1), false, vpcId],
    ]);
    expect(network.subnetCidrBlocks).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.128.0/20', '10.0.144.0/20']);
    expect(network.publicSubnetIds).toHaveLength(2);
    expect(network.privateSubnetIds).toHaveLength(2);
  });

  test('THEN there is exactly one NAT gateway, in the first public subnet, with its Elastic IP', () => {
    const nat = onlyBlock(json, 'aws_nat_gateway');
    const firstPublic = Object.entries<any>(json.resource.aws_subnet).find(([, s]) => s.tags.Name === 'vpc-pr123-public-1')![0];
    expect(nat.subnet_id).toBe(`\${aws_subnet.${firstPublic}.id}`);
    expect(nat.allocation_id).toBe(refTo(json, 'aws_eip', 'allocation_id'));
    expect(onlyBlock(json, 'aws_eip').domain).toBe('vpc');
  });

  test('THEN public traffic goes to the internet gateway and private traffic to the NAT gateway, every subnet associated', () => {
    const routes = blocksOf(json, 'aws_route').map((r) => [r.destination_cidr_block, r.gateway_id ?? r.nat_gateway_id]);
    expect(routes.sort()).toEqual([
      ['0.0.0.0/0', refTo(json, 'aws_internet_gateway', 'id')],
      ['0.0.0.0/0', refTo(json, 'aws_nat_gateway', 'id')],
    ].sort());
    expect(blocksOf(json, 'aws_route_table')).toHaveLength(2);
    expect(blocksOf(json, 'aws_route_table_association')).toHaveLength(4);
  });

  test('THEN S3 and DynamoDB gateway endpoints take their service names from data.aws_vpc_endpoint_service, on both route tables', () => {
    expect(blocksOf(json, 'aws_vpc_endpoint_service', 'data').map((d) => [d.service, d.service_type]).sort()).toEqual([['dynamodb', 'Gateway'], ['s3', 'Gateway']]);
    const endpoints = blocksOf(json, 'aws_vpc_endpoint');
    expect(endpoints).toHaveLength(2);
    for (const endpoint of endpoints) {
      expect(endpoint.vpc_endpoint_type).toBe('Gateway');
      expect(endpoint.service_name).toMatch(/^\$\{data\.aws_vpc_endpoint_service\.[\w]+\.service_name\}$/);
      expect(endpoint.route_table_ids).toHaveLength(2);
    }
  });

  test('THEN no Region is written anywhere in the resources', () => {
    expect(JSON.stringify(json.resource)).not.toMatch(REGION);
    expect(JSON.stringify(json.data)).not.toMatch(REGION);
  });

  test('THEN flow logs go to a log group kept 7 days, through a role limited to that group', () => {
    expect(onlyBlock(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/vpc-flow-logs/vpc-pr123', retention_in_days: 7 });
    expect(onlyBlock(json, 'aws_flow_log')).toMatchObject({
      vpc_id: vpcId,
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: refTo(json, 'aws_cloudwatch_log_group', 'arn'),
      iam_role_arn: refTo(json, 'aws_iam_role', 'arn'),
    });
    expect(onlyBlock(json, 'aws_iam_role').name).toBe('vpc-flow-logs-pr123');
    const policy = onlyBlock(json, 'aws_iam_role_policy');
    const document = Object.entries<any>(json.data.aws_iam_policy_document).find(([name]) => policy.policy === `\${data.aws_iam_policy_document.${name}.json}`)?.[1];
    const groupArn = refTo(json, 'aws_cloudwatch_log_group', 'arn');
    expect(document.statement).toEqual([{
      effect: 'Allow',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
      resources: [groupArn, `${groupArn}:*`],
    }]);
  });

  test('THEN the default security group is adopted with no rules, and there is no warning', () => {
    expect(onlyBlock(json, 'aws_default_security_group')).toEqual({ vpc_id: vpcId, tags: { Name: 'vpc-pr123-default' } });
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('tf.SingleNatVpc options', () => {
  test('GIVEN three zones, a /20 range and a base name WHEN synthesizing THEN subnets are /24 slices and still one NAT gateway', () => {
    const { stack } = newStack();
    new tf.SingleNatVpc(stack, 'Network', { environmentSuffix: SUFFIX, availabilityZones: 3, cidrBlock: '172.16.32.0/20', baseName: 'orders' });
    const json = synthJson(stack);
    expect(blocksOf(json, 'aws_subnet').map((s) => s.cidr_block).sort()).toEqual(
      ['172.16.32.0/24', '172.16.33.0/24', '172.16.34.0/24', '172.16.40.0/24', '172.16.41.0/24', '172.16.42.0/24'],
    );
    expect(blocksOf(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(onlyBlock(json, 'aws_vpc').tags).toEqual({ Name: 'orders-pr123' });
    expect(onlyBlock(json, 'aws_iam_role').name).toBe('orders-flow-logs-pr123');
  });

  test('GIVEN flowLogRetentionDays 14 WHEN synthesizing THEN it is used without a warning', () => {
    const { stack } = newStack();
    new tf.SingleNatVpc(stack, 'Network', { environmentSuffix: SUFFIX, flowLogRetentionDays: 14 });
    expect(onlyBlock(synthJson(stack), 'aws_cloudwatch_log_group').retention_in_days).toBe(14);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('GIVEN flowLogRetentionDays 30 WHEN synthesizing THEN it is used and a warning says it outlives the environment', () => {
    const { stack } = newStack();
    new tf.SingleNatVpc(stack, 'Network', { environmentSuffix: SUFFIX, flowLogRetentionDays: 30 });
    expect(onlyBlock(synthJson(stack), 'aws_cloudwatch_log_group').retention_in_days).toBe(30);
    expect(warningsOf(stack)).toEqual([
      '[cdk-safe-patterns:long-log-retention] flowLogRetentionDays is 30: flow logs are kept longer than 14 days and keep costing after the environment is gone.',
    ]);
  });
});

describe('tf.SingleNatVpc bad input', () => {
  const cidrFix = 'Fix: pass a literal private range such as "10.0.0.0/16", with a prefix from /16 to /24';
  test.each<[string, tf.SingleNatVpcProps, string]>([
    ['zero zones', { availabilityZones: 0 }, 'stack/Network: availabilityZones must be a whole number from 1 to 6. Received: 0. Fix: pass availabilityZones between 1 and 6'],
    ['seven zones', { availabilityZones: 7 }, 'stack/Network: availabilityZones must be a whole number from 1 to 6. Received: 7.'],
    ['a malformed CIDR', { cidrBlock: '10.0.0/16' }, `stack/Network: cidrBlock is not an IPv4 CIDR block. Received: "10.0.0/16". ${cidrFix}`],
    ['an octet above 255', { cidrBlock: '10.300.0.0/16' }, 'stack/Network: cidrBlock is not an IPv4 CIDR block. Received: "10.300.0.0/16".'],
    ['a /8 range', { cidrBlock: '10.0.0.0/8' }, 'stack/Network: cidrBlock has prefix /8: AWS allows /16 to /28 per VPC, and 16 subnets of at least /28 need /24 or larger. Received: "10.0.0.0/8".'],
    ['host bits set', { cidrBlock: '10.0.1.0/16' }, 'stack/Network: cidrBlock has host bits set: the address is not the start of its range. Received: "10.0.1.0/16".'],
    [
      'a retention CloudWatch does not offer',
      { flowLogRetentionDays: 10 },
      'stack/Network: flowLogRetentionDays must be a CloudWatch Logs retention value. Received: 10. Fix: pass one of 1, 3, 5, 7, 14, 30, ... (7 or 14 for short-lived environments)',
    ],
    ['an empty base name', { baseName: '' }, 'stack/Network: baseName is required: it is the name the environment suffix is appended to. Received: "". Fix: pass baseName: "vpc"'],
    [
      'a base name too long for the role',
      { baseName: 'x'.repeat(50) },
      'stack/Network: The IAM role name must be 1-64 characters of letters, digits and +=,.@_- (suffix included, 66 characters).',
    ],
  ])('GIVEN %s WHEN constructing THEN it throws naming the path, the value and the fix', (_, props, message) => {
    const { stack } = newStack();
    expect(() => new tf.SingleNatVpc(stack, 'Network', { environmentSuffix: SUFFIX, ...props })).toThrow(message);
  });

  test('GIVEN a CIDR from a variable WHEN constructing THEN it throws: subnets are computed at synthesis', () => {
    const { stack } = newStack();
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    expect(() => new tf.SingleNatVpc(stack, 'Network', { environmentSuffix: SUFFIX, cidrBlock: cidr })).toThrow(
      /^stack\/Network: cidrBlock must be a literal: the subnets are computed from it at synthesis\./,
    );
  });
});
