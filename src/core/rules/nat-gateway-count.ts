import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome } from './model';
import { stackResources } from './shared/views';
import { asNumber, asObject, show } from './values';

const CFN_TYPE = 'AWS::EC2::NatGateway';
const TF_TYPE = 'aws_nat_gateway';

/** How many NAT gateways one resource provably creates, and the meta-argument that says so. */
interface GatewayCount {
  readonly count: number;
  /** `count` / `for_each` when a Terraform meta-argument decides the number. */
  readonly metaArgument?: 'count' | 'for_each';
  /** The meta-argument's value as received, for the message. */
  readonly received?: unknown;
  /** True when the number is a reference: the resource is counted as none, since nothing is proven. */
  readonly unknown: boolean;
}

function gatewaysOf(resource: ResourceView): GatewayCount {
  if (resource.engine !== 'terraform') {
    return { count: 1, unknown: false };
  }
  const options = asObject(resource.options) ?? {};
  if (options.count !== undefined && options.count !== null) {
    const n = asNumber(options.count);
    // `count = var.azs` or `${length(...)}` is not a literal: count nothing rather than guess.
    return n === undefined
      ? { count: 0, metaArgument: 'count', received: options.count, unknown: true }
      : { count: Math.max(0, Math.floor(n)), metaArgument: 'count', received: options.count, unknown: false };
  }
  if (options.for_each !== undefined && options.for_each !== null) {
    // A literal map creates one instance per key; a set expression (`${toset(...)}`) is unknown.
    const map = asObject(options.for_each);
    return map
      ? { count: Object.keys(map).length, metaArgument: 'for_each', received: options.for_each, unknown: false }
      : { count: 0, metaArgument: 'for_each', received: options.for_each, unknown: true };
  }
  return { count: 1, unknown: false };
}

function maximumOf(context: RuleContext): number {
  const n = asNumber(context.limits?.natGatewayMaximum);
  return n === undefined ? 1 : Math.max(0, Math.floor(n));
}

/**
 * Counts the stack's NAT gateways in resource order and reports each one that takes the
 * total past the maximum, so the first `maximum` stay clean and the finding lands on the extras.
 */
function evaluate(type: string, resource: ResourceView, context: RuleContext): RuleOutcome {
  if (resource.type !== type) {
    return NOT_APPLICABLE;
  }
  const own = gatewaysOf(resource);
  let total = 0;
  let before: number | undefined;
  let unknown = false;
  for (const other of stackResources(context)) {
    if (other?.type !== type) continue;
    if (other === resource || (other.logicalId === resource.logicalId && other.path === resource.path)) {
      before = total;
    }
    const gateways = gatewaysOf(other);
    total += gateways.count;
    unknown = unknown || gateways.unknown;
  }
  if (before === undefined) {
    // Not found in its own stack view (should not happen): count it after the others.
    before = total;
    total += own.count;
  }
  const maximum = maximumOf(context);
  if (before + own.count <= maximum) {
    return [];
  }
  const has = `${unknown ? 'at least ' : ''}${total} NAT gateway${total === 1 ? '' : 's'}`;
  const which = own.metaArgument
    ? `this ${type} creates ${own.count} of them (${own.metaArgument} = ${show(own.received)})`
    : `this ${type} is NAT gateway ${before + 1}`;
  return [{
    message: `The stack has ${has}, more than the maximum of ${maximum}: ${which}.`,
    location: own.metaArgument ?? (resource.engine === 'terraform' ? 'subnet_id' : 'Properties/SubnetId'),
  }];
}

/** A public subnet with its Elastic IP and NAT gateway, as aws-cdk-lib's ec2.Vpc synthesizes them. */
function cfnPublicSubnetWithNat(n: number): CfnExample['resources'] {
  return {
    [`VpcPublicSubnet${n}Subnet`]: {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: { Ref: 'Vpc' },
        AvailabilityZone: { 'Fn::Select': [n - 1, { 'Fn::GetAZs': '' }] },
        CidrBlock: `10.0.${(n - 1) * 64}.0/18`,
        MapPublicIpOnLaunch: true,
      },
    },
    [`VpcPublicSubnet${n}EIP`]: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
    [`VpcPublicSubnet${n}NATGateway`]: {
      Type: CFN_TYPE,
      Properties: {
        AllocationId: { 'Fn::GetAtt': [`VpcPublicSubnet${n}EIP`, 'AllocationId'] },
        SubnetId: { Ref: `VpcPublicSubnet${n}Subnet` },
      },
    },
  };
}

const cfnVpc: CfnExample['resources'] = {
  Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true } },
};

/** NAT gateways cost about $32 a month each before data; one per AZ multiplies that for nothing in a test stack. */
export const natGatewayCount: RuleDefinition = {
  metadata: {
    id: 'nat-gateway-count',
    title: 'At most one NAT gateway per stack',
    lesson: '000 "NAT Gateway Costs"',
    why:
      'Each NAT gateway costs about $0.045 an hour (~$32 a month) plus data processing, whether or not anything uses it. ' +
      "aws-cdk-lib's ec2.Vpc creates one per availability zone by default, and per-AZ Terraform modules do the same, " +
      'so every short-lived environment pays for two or three gateways that give it nothing but AZ-level egress redundancy.',
    fix:
      "Use this library's SingleNatVpc (one NAT gateway shared by every private subnet), or set `natGateways: 1` on " +
      "aws-cdk-lib's ec2.Vpc; in cdktf create a single aws_nat_gateway and route every private route table to it. " +
      'Where private subnets only reach S3 or DynamoDB, add VPC gateway endpoints (free: `vpc.addGatewayEndpoint`, ' +
      'or aws_vpc_endpoint with vpc_endpoint_type "Gateway") and drop the NAT gateway. Raise the natGatewayMaximum limit ' +
      'only where per-AZ egress is a real requirement.',
    notReported: [
      'NAT gateways whose number is a reference (`count = var.azs`, a for_each over an expression): nothing is proven, so they count as none.',
      'NAT gateways in other stacks of the app: the count is per stack.',
    ],
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: { resources: { ...cfnVpc, ...cfnPublicSubnetWithNat(1), ...cfnPublicSubnetWithNat(2) } },
        compliant: {
          resources: {
            ...cfnVpc,
            ...cfnPublicSubnetWithNat(1),
            VpcPrivateSubnet1RouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
            VpcS3Endpoint: {
              Type: 'AWS::EC2::VPCEndpoint',
              Properties: {
                VpcId: { Ref: 'Vpc' },
                VpcEndpointType: 'Gateway',
                ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
                RouteTableIds: [{ Ref: 'VpcPrivateSubnet1RouteTable' }],
              },
            },
          },
        },
      },
      terraform: {
        nonCompliant: {
          resource: {
            aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_hostnames: true } },
            aws_subnet: {
              public: {
                count: 2,
                vpc_id: '${aws_vpc.main.id}',
                cidr_block: '${cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)}',
                map_public_ip_on_launch: true,
              },
            },
            aws_eip: { nat: { count: 2, domain: 'vpc' } },
            aws_nat_gateway: {
              per_az: {
                count: 2,
                allocation_id: '${aws_eip.nat[count.index].id}',
                subnet_id: '${aws_subnet.public[count.index].id}',
              },
            },
          },
        },
        compliant: {
          resource: {
            aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_hostnames: true } },
            aws_subnet: {
              public: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: true },
            },
            aws_eip: { nat: { domain: 'vpc' } },
            aws_nat_gateway: {
              shared: { allocation_id: '${aws_eip.nat.id}', subnet_id: '${aws_subnet.public.id}' },
            },
          },
        },
      },
    },
  },
  cloudformation: (resource, context) => evaluate(CFN_TYPE, resource, context),
  terraform: (resource, context) => evaluate(TF_TYPE, resource, context),
};
