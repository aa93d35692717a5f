import { propertyAccess, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { constructSuffix, requireBaseName, validateInteger, validateName, warn } from './construct-helpers';
import { appendSuffix } from '../../core/environment-suffix';
import { constructError, describeValue } from '../../core/errors';
import { TF_NAME_SPECS } from '../../core/rules/physical-names';
import { AwsDataSource, AwsResource } from '../resources';
import { TF_SECURE_DEFAULTS } from '../secure-defaults';

/** Properties of `SingleNatVpc`. */
export interface SingleNatVpcProps {
  /**
   * The base of the VPC's names: `<baseName>-<suffix>` for tags, the flow-log group and role.
   * Give each VPC of a stack its own.
   *
   * @default "vpc"
   */
  readonly baseName?: string;

  /**
   * The VPC's IPv4 range, a literal CIDR with a prefix from /16 to /24. It is split into 16
   * equal subnets: public subnets take the first ones, private subnets start at the ninth.
   *
   * @default "10.0.0.0/16"
   */
  readonly cidrBlock?: string;

  /**
   * The number of Availability Zones, 1 to 6; each gets one public and one private subnet. The
   * zones are the first of the provider Region's available zones (data.aws_availability_zones).
   *
   * @default 2
   */
  readonly availabilityZones?: number;

  /**
   * Days the flow logs are kept: a CloudWatch Logs retention value. Above 14 days a
   * `[cdk-safe-patterns:long-log-retention]` warning is added (the checks' log-retention maximum).
   *
   * @default 7
   */
  readonly flowLogRetentionDays?: number;

  /**
   * The environment suffix.
   *
   * @default - `tf.EnvironmentSuffix.resolve`: the context key `environmentSuffix`, then the environment variable `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;
}

/** The retention values CloudWatch Logs accepts (0, never expire, is left out on purpose). */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The log-retention rule's default maximum. */
const RETENTION_WARNING_DAYS = 14;

/**
 * A VPC over N Availability Zones with one public and one private subnet per zone, a single
 * NAT gateway (in the first public subnet) for every private subnet, S3 and DynamoDB gateway
 * endpoints (free, and they keep that traffic off the NAT gateway), the default security group
 * stripped of its rules, and flow logs to a CloudWatch log group with bounded retention.
 *
 * Nothing names a Region: zones come from data.aws_availability_zones and endpoint service
 * names from data.aws_vpc_endpoint_service, both read from the provider's Region.
 * One NAT gateway is a single point of failure for outbound traffic: right for development
 * and test environments, the reason the checks' nat-gateway-count rule warns above one.
 */
export class SingleNatVpc extends Construct {
  /** The aws_vpc (cdktf's TerraformResource: `addOverride` changes any argument). */
  public readonly vpc: TerraformResource;
  /** The VPC's id (a reference). */
  public readonly vpcId: string;
  /** The VPC's IPv4 range. */
  public readonly vpcCidrBlock: string;
  /** The public aws_subnets, one per zone. */
  public readonly publicSubnets: TerraformResource[];
  /** The private aws_subnets, one per zone. */
  public readonly privateSubnets: TerraformResource[];
  /** The public subnets' ids (references). */
  public readonly publicSubnetIds: string[];
  /** The private subnets' ids (references). */
  public readonly privateSubnetIds: string[];
  /** The one aws_nat_gateway. */
  public readonly natGateway: TerraformResource;
  /** The NAT gateway's id (a reference). */
  public readonly natGatewayId: string;
  /** The aws_internet_gateway. */
  public readonly internetGateway: TerraformResource;
  /** The public aws_route_table (default route to the internet gateway). */
  public readonly publicRouteTable: TerraformResource;
  /** The public route table's id (a reference). */
  public readonly publicRouteTableId: string;
  /** The private aws_route_table (default route to the NAT gateway), shared by every private subnet. */
  public readonly privateRouteTable: TerraformResource;
  /** The private route table's id (a reference). */
  public readonly privateRouteTableId: string;
  /** The flow logs' aws_cloudwatch_log_group. */
  public readonly flowLogGroup: TerraformResource;
  /** The flow logs' log group name, `/aws/vpc-flow-logs/<baseName>-<suffix>`. */
  public readonly flowLogGroupName: string;
  /** The subnet CIDR blocks, public then private, in zone order. */
  public readonly subnetCidrBlocks: string[];

  public constructor(scope: Construct, id: string, props: SingleNatVpcProps = {}) {
    super(scope, id);
    const baseName = requireBaseName(this, 'baseName', props.baseName ?? 'vpc', 'vpc');
    const suffix = constructSuffix(this, props.environmentSuffix).value;
    const name = appendSuffix(this.node.path, baseName, suffix);
    const zones = props.availabilityZones ?? TF_SECURE_DEFAULTS.vpc.availabilityZones;
    if (Token.isUnresolved(zones)) {
      throw constructError(this.node.path, 'availabilityZones must be a literal number: one subnet pair is created per zone.', describeValue(zones), 'pass availabilityZones: 2');
    }
    validateInteger(this, 'availabilityZones', zones, 1, 6);
    const cidr = props.cidrBlock ?? TF_SECURE_DEFAULTS.vpc.cidrBlock;
    const subnets = this.splitCidr(cidr);
    const retention = props.flowLogRetentionDays ?? TF_SECURE_DEFAULTS.logRetentionDays;
    if (Token.isUnresolved(retention) || !RETENTION_DAYS.includes(retention)) {
      throw constructError(this.node.path, 'flowLogRetentionDays must be a CloudWatch Logs retention value.', describeValue(retention), `pass one of ${RETENTION_DAYS.slice(0, 6).join(', ')}, ... (7 or 14 for short-lived environments)`);
    }
    if (retention > RETENTION_WARNING_DAYS) {
      warn(this, 'long-log-retention', `flowLogRetentionDays is ${retention}: flow logs are kept longer than ${RETENTION_WARNING_DAYS} days and keep costing after the environment is gone.`);
    }
    const roleName = appendSuffix(this.node.path, `${baseName}-flow-logs`, suffix);
    validateName(this, 'IAM role', roleName, TF_NAME_SPECS.aws_iam_role, 'shorten baseName');
    const tags = (what: string) => ({ Name: `${name}-${what}` });

    this.vpc = new AwsResource(this, 'Vpc', 'aws_vpc', { cidr_block: cidr, enable_dns_hostnames: true, enable_dns_support: true, tags: { Name: name } });
    this.vpcId = this.vpc.getStringAttribute('id');
    this.vpcCidrBlock = cidr;
    // Adopting the default security group removes its allow-all rules: nothing should use it.
    new AwsResource(this, 'DefaultSecurityGroup', 'aws_default_security_group', { vpc_id: this.vpcId, tags: tags('default') });

    const available = new AwsDataSource(this, 'Zones', 'aws_availability_zones', { state: 'available' });
    // An index (not element(), which wraps around) fails the plan when the Region has fewer zones.
    const zone = (i: number) => Token.asString(propertyAccess(available.getListAttribute('names'), [i]));
    const makeSubnets = (kind: 'public' | 'private', offset: number) =>
      Array.from({ length: zones }, (_, i) => new AwsResource(this, `${kind === 'public' ? 'Public' : 'Private'}Subnet${i + 1}`, 'aws_subnet', {
        vpc_id: this.vpcId,
        cidr_block: subnets[offset + i],
        availability_zone: zone(i),
        map_public_ip_on_launch: kind === 'public' ? TF_SECURE_DEFAULTS.vpc.mapPublicIpOnLaunch : false,
        tags: tags(`${kind}-${i + 1}`),
      }));
    this.publicSubnets = makeSubnets('public', 0);
    this.privateSubnets = makeSubnets('private', 8);
    this.publicSubnetIds = this.publicSubnets.map((s) => s.getStringAttribute('id'));
    this.privateSubnetIds = this.privateSubnets.map((s) => s.getStringAttribute('id'));
    this.subnetCidrBlocks = [...subnets.slice(0, zones), ...subnets.slice(8, 8 + zones)];

    this.internetGateway = new AwsResource(this, 'InternetGateway', 'aws_internet_gateway', { vpc_id: this.vpcId, tags: tags('igw') });
    this.publicRouteTable = new AwsResource(this, 'PublicRouteTable', 'aws_route_table', { vpc_id: this.vpcId, tags: tags('public') });
    this.publicRouteTableId = this.publicRouteTable.getStringAttribute('id');
    new AwsResource(this, 'PublicDefaultRoute', 'aws_route', {
      route_table_id: this.publicRouteTableId,
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: this.internetGateway.getStringAttribute('id'),
    });

    const natAddress = new AwsResource(this, 'NatAddress', 'aws_eip', { domain: 'vpc', tags: tags('nat') }, { dependsOn: [this.internetGateway] });
    this.natGateway = new AwsResource(this, 'NatGateway', 'aws_nat_gateway', {
      allocation_id: natAddress.getStringAttribute('allocation_id'),
      subnet_id: this.publicSubnetIds[0],
      tags: tags('nat'),
    }, { dependsOn: [this.internetGateway] });
    this.natGatewayId = this.natGateway.getStringAttribute('id');
    this.privateRouteTable = new AwsResource(this, 'PrivateRouteTable', 'aws_route_table', { vpc_id: this.vpcId, tags: tags('private') });
    this.privateRouteTableId = this.privateRouteTable.getStringAttribute('id');
    new AwsResource(this, 'PrivateDefaultRoute', 'aws_route', {
      route_table_id: this.privateRouteTableId,
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: this.natGatewayId,
    });

    this.publicSubnetIds.forEach((subnetId, i) => new AwsResource(this, `PublicSubnet${i + 1}Routes`, 'aws_route_table_association', {
      subnet_id: subnetId,
      route_table_id: this.publicRouteTableId,
    }));
    this.privateSubnetIds.forEach((subnetId, i) => new AwsResource(this, `PrivateSubnet${i + 1}Routes`, 'aws_route_table_association', {
      subnet_id: subnetId,
      route_table_id: this.privateRouteTableId,
    }));

    for (const [service, label] of [['s3', 'S3'], ['dynamodb', 'DynamoDb']] as const) {
      const endpointService = new AwsDataSource(this, `${label}EndpointService`, 'aws_vpc_endpoint_service', { service, service_type: 'Gateway' });
      new AwsResource(this, `${label}Endpoint`, 'aws_vpc_endpoint', {
        vpc_id: this.vpcId,
        service_name: endpointService.getStringAttribute('service_name'),
        vpc_endpoint_type: 'Gateway',
        route_table_ids: [this.publicRouteTableId, this.privateRouteTableId],
        tags: tags(service),
      });
    }

    this.flowLogGroupName = `/aws/vpc-flow-logs/${name}`;
    this.flowLogGroup = new AwsResource(this, 'FlowLogGroup', 'aws_cloudwatch_log_group', { name: this.flowLogGroupName, retention_in_days: retention });
    const flowLogGroupArn = this.flowLogGroup.getStringAttribute('arn');
    const accountId = new AwsDataSource(this, 'Account', 'aws_caller_identity').getStringAttribute('account_id');
    const trust = new AwsDataSource(this, 'FlowLogTrustPolicy', 'aws_iam_policy_document', {
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] }],
      }],
    });
    const role = new AwsResource(this, 'FlowLogRole', 'aws_iam_role', { name: roleName, assume_role_policy: trust.getStringAttribute('json') });
    const writeLogs = new AwsDataSource(this, 'FlowLogPolicyDocument', 'aws_iam_policy_document', {
      statement: [{
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
        resources: [flowLogGroupArn, `${flowLogGroupArn}:*`],
      }],
    });
    new AwsResource(this, 'FlowLogPolicy', 'aws_iam_role_policy', { name: 'flow-logs', role: role.getStringAttribute('id'), policy: writeLogs.getStringAttribute('json') });
    new AwsResource(this, 'FlowLog', 'aws_flow_log', {
      vpc_id: this.vpcId,
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: flowLogGroupArn,
      iam_role_arn: role.getStringAttribute('arn'),
      max_aggregation_interval: 600,
      tags: tags('flow-logs'),
    });
  }

  /** The VPC's range split into 16 equal blocks (what Terraform's cidrsubnet(cidr, 4, n) gives). */
  private splitCidr(cidr: string): string[] {
    const fail = (problem: string) =>
      constructError(this.node.path, `cidrBlock ${problem}`, describeValue(cidr), 'pass a literal private range such as "10.0.0.0/16", with a prefix from /16 to /24');
    if (typeof cidr !== 'string' || Token.isUnresolved(cidr)) throw fail('must be a literal: the subnets are computed from it at synthesis.');
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!match) throw fail('is not an IPv4 CIDR block.');
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255)) throw fail('is not an IPv4 CIDR block.');
    if (prefix < 16 || prefix > 24) throw fail(`has prefix /${prefix}: AWS allows /16 to /28 per VPC, and 16 subnets of at least /28 need /24 or larger.`);
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    if (base % size !== 0) throw fail('has host bits set: the address is not the start of its range.');
    const step = size / 16;
    return Array.from({ length: 16 }, (_, n) => {
      const start = base + n * step;
      return `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join('.')}/${prefix + 4}`;
    });
  }
}
