import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { newStack, openFindings, synthChecked, SUFFIX, warningsOf } from './helpers';
import { cdk } from '../../../src';

describe('cdk.SingleNatVpc', () => {
  test('GIVEN no props WHEN synthesizing THEN one NAT gateway, S3 and DynamoDB gateway endpoints, and flow logs kept a week', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const network = new cdk.SingleNatVpc(stack, 'Network');
    // THEN
    const template = Template.fromStack(stack);
    expect(network.vpcName).toBe(`vpc-${SUFFIX}`);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.0.0.0/16',
      Tags: Match.arrayWith([{ Key: 'Name', Value: `vpc-${SUFFIX}` }]),
    });
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false }, 4);
    const endpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map((r: any) => [r.Properties.VpcEndpointType, JSON.stringify(r.Properties.ServiceName)]);
    expect(endpoints).toEqual([
      ['Gateway', expect.stringContaining('.s3')],
      ['Gateway', expect.stringContaining('.dynamodb')],
    ]);
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete', Properties: { RetentionInDays: 7 } });
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^NetworkFlowLogGroup') },
    });
    expect(network.s3Endpoint).toBeDefined();
    expect(network.flowLogGroup.node.path).toBe('Stack/Network/FlowLogGroup');
  });

  test('GIVEN natGateways 0 WHEN synthesizing THEN no NAT gateway and isolated private subnets reached through the endpoints', () => {
    const stack = newStack();
    new cdk.SingleNatVpc(stack, 'Network', { natGateways: 0 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::Subnet', { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-type', Value: 'Isolated' }]) });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
  });

  test('GIVEN maxAzs, a CIDR and a base name WHEN synthesizing THEN they shape the VPC', () => {
    const stack = newStack();
    new cdk.SingleNatVpc(stack, 'Network', { maxAzs: 1, ipAddresses: ec2.IpAddresses.cidr('10.20.0.0/16'), baseName: 'orders' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16', Tags: Match.arrayWith([{ Key: 'Name', Value: `orders-${SUFFIX}` }]) });
    template.resourceCountIs('AWS::EC2::Subnet', 2);
  });

  test('GIVEN a one-month retention kept on delete WHEN synthesizing THEN it is applied with two warnings, and our checks report the long retention', () => {
    // GIVEN
    const build = () => {
      const stack = newStack();
      new cdk.SingleNatVpc(stack, 'Network', { flowLogRetention: logs.RetentionDays.ONE_MONTH, flowLogRemovalPolicy: RemovalPolicy.RETAIN });
      return stack;
    };
    // WHEN
    const stack = build();
    const checked = synthChecked(build());
    // THEN
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { RetentionInDays: 30 } });
    expect(warningsOf(stack).map(([id, message]) => [id, message.split(',')[0]])).toEqual(expect.arrayContaining([
      ['cdk-safe-patterns:secure-default-overridden', 'flowLogRetention is 30 days'],
      ['cdk-safe-patterns:secure-default-overridden', 'flowLogRemovalPolicy is retain'],
    ]));
    expect(checked.error?.message).toMatch(/retain-on-delete/);
    expect(openFindings(checked)).toEqual(expect.arrayContaining([
      ['log-retention', 'Stack/Network/FlowLogGroup/Resource'],
      ['retain-on-delete', 'Stack/Network/FlowLogGroup/Resource'],
    ]));
  });

  test.each([2, 3, -1, 0.5])('GIVEN natGateways %p WHEN constructing THEN the error names the path, the value and the fix', (natGateways) => {
    const stack = newStack();
    expect(() => new cdk.SingleNatVpc(stack, 'Network', { natGateways })).toThrow(
      new RegExp(`^Stack/Network: SingleNatVpc has one NAT gateway or none; .* Received: natGateways=${natGateways}\\. Fix: pass 0 or 1, or use ec2\\.Vpc`),
    );
  });

  test('GIVEN an infinite flow log retention WHEN constructing THEN the error asks for a bounded one', () => {
    const stack = newStack();
    expect(() => new cdk.SingleNatVpc(stack, 'Network', { flowLogRetention: logs.RetentionDays.INFINITE })).toThrow(
      /^Stack\/Network: Flow logs need a bounded retention.* Received: flowLogRetention=RetentionDays\.INFINITE\. Fix: pass a bounded retention/,
    );
  });
});
