// The construct as it was built on @cdktf/provider-aws (the test oracle); see index.ts.
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { propertyAccess, Token } from 'cdktf';
import { Construct } from 'constructs';
import { appendSuffix } from '../../../../src/core/environment-suffix';
import { constructError, describeValue } from '../../../../src/core/errors';
import { TF_NAME_SPECS } from '../../../../src/core/rules/physical-names';
import { constructSuffix, requireBaseName, validateInteger, validateName, warn } from '../../../../src/tf/constructs/construct-helpers';
import { SingleNatVpcProps } from '../../../../src/tf/constructs/single-nat-vpc';
import { TF_SECURE_DEFAULTS } from '../../../../src/tf/secure-defaults';

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
  /** The aws_vpc. */
  public readonly vpc: Vpc;
  /** The VPC's id (a reference). */
  public readonly vpcId: string;
  /** The public subnets, one per zone. */
  public readonly publicSubnets: Subnet[];
  /** The private subnets, one per zone. */
  public readonly privateSubnets: Subnet[];
  /** The public subnets' ids (references). */
  public readonly publicSubnetIds: string[];
  /** The private subnets' ids (references). */
  public readonly privateSubnetIds: string[];
  /** The one NAT gateway. */
  public readonly natGateway: NatGateway;
  /** The public route table (default route to the internet gateway). */
  public readonly publicRouteTable: RouteTable;
  /** The private route table (default route to the NAT gateway), shared by every private subnet. */
  public readonly privateRouteTable: RouteTable;
  /** The flow logs' log group. */
  public readonly flowLogGroup: CloudwatchLogGroup;
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

    this.vpc = new Vpc(this, 'Vpc', { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } });
    this.vpcId = this.vpc.id;
    // Adopting the default security group removes its allow-all rules: nothing should use it.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', { vpcId: this.vpc.id, tags: tags('default') });

    const available = new DataAwsAvailabilityZones(this, 'Zones', { state: 'available' });
    // An index (not element(), which wraps around) fails the plan when the Region has fewer zones.
    const zone = (i: number) => Token.asString(propertyAccess(available.names, [i]));
    const makeSubnets = (kind: 'public' | 'private', offset: number) =>
      Array.from({ length: zones }, (_, i) => new Subnet(this, `${kind === 'public' ? 'Public' : 'Private'}Subnet${i + 1}`, {
        vpcId: this.vpc.id,
        cidrBlock: subnets[offset + i],
        availabilityZone: zone(i),
        mapPublicIpOnLaunch: kind === 'public' ? TF_SECURE_DEFAULTS.vpc.mapPublicIpOnLaunch : false,
        tags: tags(`${kind}-${i + 1}`),
      }));
    this.publicSubnets = makeSubnets('public', 0);
    this.privateSubnets = makeSubnets('private', 8);
    this.publicSubnetIds = this.publicSubnets.map((s) => s.id);
    this.privateSubnetIds = this.privateSubnets.map((s) => s.id);
    this.subnetCidrBlocks = [...subnets.slice(0, zones), ...subnets.slice(8, 8 + zones)];

    const internetGateway = new InternetGateway(this, 'InternetGateway', { vpcId: this.vpc.id, tags: tags('igw') });
    this.publicRouteTable = new RouteTable(this, 'PublicRouteTable', { vpcId: this.vpc.id, tags: tags('public') });
    new Route(this, 'PublicDefaultRoute', { routeTableId: this.publicRouteTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id });

    const natAddress = new Eip(this, 'NatAddress', { domain: 'vpc', tags: tags('nat'), dependsOn: [internetGateway] });
    this.natGateway = new NatGateway(this, 'NatGateway', {
      allocationId: natAddress.allocationId,
      subnetId: this.publicSubnets[0].id,
      tags: tags('nat'),
      dependsOn: [internetGateway],
    });
    this.privateRouteTable = new RouteTable(this, 'PrivateRouteTable', { vpcId: this.vpc.id, tags: tags('private') });
    new Route(this, 'PrivateDefaultRoute', { routeTableId: this.privateRouteTable.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: this.natGateway.id });

    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `PublicSubnet${i + 1}Routes`, { subnetId: s.id, routeTableId: this.publicRouteTable.id }));
    this.privateSubnets.forEach((s, i) => new RouteTableAssociation(this, `PrivateSubnet${i + 1}Routes`, { subnetId: s.id, routeTableId: this.privateRouteTable.id }));

    for (const [service, label] of [['s3', 'S3'], ['dynamodb', 'DynamoDb']] as const) {
      const endpointService = new DataAwsVpcEndpointService(this, `${label}EndpointService`, { service, serviceType: 'Gateway' });
      new VpcEndpoint(this, `${label}Endpoint`, {
        vpcId: this.vpc.id,
        serviceName: endpointService.serviceName,
        vpcEndpointType: 'Gateway',
        routeTableIds: [this.publicRouteTable.id, this.privateRouteTable.id],
        tags: tags(service),
      });
    }

    this.flowLogGroup = new CloudwatchLogGroup(this, 'FlowLogGroup', { name: `/aws/vpc-flow-logs/${name}`, retentionInDays: retention });
    const account = new DataAwsCallerIdentity(this, 'Account');
    const trust = new DataAwsIamPolicyDocument(this, 'FlowLogTrustPolicy', {
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
      }],
    });
    const role = new IamRole(this, 'FlowLogRole', { name: roleName, assumeRolePolicy: trust.json });
    const writeLogs = new DataAwsIamPolicyDocument(this, 'FlowLogPolicyDocument', {
      statement: [{
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
        resources: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
      }],
    });
    new IamRolePolicy(this, 'FlowLogPolicy', { name: 'flow-logs', role: role.id, policy: writeLogs.json });
    new FlowLog(this, 'FlowLog', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 600,
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
