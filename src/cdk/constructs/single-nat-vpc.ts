import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { constructError, describeValue } from '../../core/errors';
import { EnvironmentSuffix } from '../environment-suffix';
import { SECURE_DEFAULTS, warnOverride } from '../secure-defaults';

/** Properties for `SingleNatVpc`. */
export interface SingleNatVpcProps {
  /**
   * The number of NAT gateways: 1, or 0 for a VPC whose private subnets reach AWS only through
   * the gateway endpoints. Each NAT gateway costs about 32 USD a month.
   *
   * @default 1
   */
  readonly natGateways?: number;

  /**
   * The most Availability Zones the VPC spans.
   *
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * The VPC's IP address range.
   *
   * @default - 10.0.0.0/16
   */
  readonly ipAddresses?: ec2.IIpAddresses;

  /**
   * The Name tag without the suffix: the VPC is tagged `<baseName>-<suffix>`.
   *
   * @default 'vpc'
   */
  readonly baseName?: string;

  /**
   * The environment suffix.
   *
   * @default - resolved by `cdk.EnvironmentSuffix`: the `environmentSuffix` context key, then `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;

  /**
   * How long the flow log group keeps records. Must be bounded; more than two weeks is reported
   * as an override of a secure default.
   *
   * @default RetentionDays.ONE_WEEK
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * What happens to the flow log group when the stack deletes it.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly flowLogRemovalPolicy?: RemovalPolicy;
}

/**
 * A VPC with one NAT gateway (or none), gateway endpoints for S3 and DynamoDB (free, and they
 * keep that traffic off the NAT gateway), and flow logs to a log group with bounded retention.
 *
 * @example
 * import { cdk } from 'cdk-safe-patterns';
 *
 * const network = new cdk.SingleNatVpc(this, 'Network');
 * // network.vpc is an ec2.Vpc with one NAT gateway
 */
export class SingleNatVpc extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** The flow log. */
  public readonly flowLog: ec2.FlowLog;
  /** The flow log's log group. */
  public readonly flowLogGroup: logs.LogGroup;
  /** The S3 gateway endpoint. */
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** The DynamoDB gateway endpoint. */
  public readonly dynamoDbEndpoint: ec2.GatewayVpcEndpoint;
  /** The VPC's Name tag, `<baseName>-<suffix>`. */
  public readonly vpcName: string;
  /** The environment suffix in the name. */
  public readonly environmentSuffix: string;

  public constructor(scope: Construct, id: string, props: SingleNatVpcProps = {}) {
    super(scope, id);
    const natGateways = props.natGateways ?? SECURE_DEFAULTS.natGateways;
    if (!Token.isUnresolved(natGateways) && natGateways !== 0 && natGateways !== 1) {
      throw constructError(
        this.node.path,
        'SingleNatVpc has one NAT gateway or none; each NAT gateway costs about 32 USD a month.',
        `natGateways=${describeValue(natGateways)}`,
        'pass 0 or 1, or use ec2.Vpc when you need a NAT gateway per Availability Zone',
      );
    }
    const retention = props.flowLogRetention ?? SECURE_DEFAULTS.logRetention;
    if (retention === logs.RetentionDays.INFINITE) {
      throw constructError(
        this.node.path,
        'Flow logs need a bounded retention, or they are kept (and billed) forever.',
        'flowLogRetention=RetentionDays.INFINITE',
        'pass a bounded retention such as RetentionDays.ONE_WEEK or RetentionDays.TWO_WEEKS',
      );
    }
    if (retention > SECURE_DEFAULTS.maxLogRetentionDays) {
      warnOverride(this, 'flowLogRetention', `${retention} days`, `flow logs are kept longer than ${SECURE_DEFAULTS.maxLogRetentionDays} days.`);
    }
    const removalPolicy = props.flowLogRemovalPolicy ?? SECURE_DEFAULTS.removalPolicy;
    if (removalPolicy !== RemovalPolicy.DESTROY) {
      warnOverride(this, 'flowLogRemovalPolicy', removalPolicy, 'the flow log group outlives the stack.');
    }

    const suffix = new EnvironmentSuffix(this, 'EnvironmentSuffix', { environmentSuffix: props.environmentSuffix });
    this.environmentSuffix = suffix.value;
    this.vpcName = suffix.withSuffix(props.baseName ?? 'vpc');

    const privateType = natGateways === 0 ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: this.vpcName,
      ipAddresses: props.ipAddresses ?? ec2.IpAddresses.cidr(SECURE_DEFAULTS.vpcCidr),
      maxAzs: props.maxAzs ?? SECURE_DEFAULTS.maxAzs,
      natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'private', subnetType: privateType, cidrMask: 24 },
      ],
      // Explicit, so the default security group allows nothing whatever the app's feature flags say.
      restrictDefaultSecurityGroup: true,
    });
    this.s3Endpoint = this.vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    this.dynamoDbEndpoint = this.vpc.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', { retention, removalPolicy });
    this.flowLog = this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
