import { cfnFindings, cfnStackView, expectOutcomes, JUNK, ruleContext, tfFindings, tfStackView } from './helpers';
import { evaluate } from '../../../src/core/engine/evaluate';
import { CfnExample, DEFAULT_LIMITS, NOT_APPLICABLE, ResourceView, RuleContext, TfExample } from '../../../src/core/rules/model';
import { natGatewayCount } from '../../../src/core/rules/nat-gateway-count';

const examples = natGatewayCount.metadata.examples;

/** `n` NAT gateways, as a template fragment (no subnets: the rule only counts). */
function cfnNats(n: number): CfnExample {
  const resources: CfnExample['resources'] = {};
  for (let i = 1; i <= n; i++) {
    resources[`Nat${i}`] = { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: `Subnet${i}` } } };
  }
  return { resources };
}

function tfNats(gateways: Record<string, Record<string, any>>): TfExample {
  return { resource: { aws_nat_gateway: gateways } };
}

describe('nat-gateway-count metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue warning with a fix naming SingleNatVpc', () => {
    expect(natGatewayCount.metadata).toMatchObject({ id: 'nat-gateway-count', defaultSeverity: 'warning' });
    expect(natGatewayCount.metadata.lesson).toContain('000 "NAT Gateway Costs"');
    expect(natGatewayCount.metadata.fix).toContain('SingleNatVpc');
    expect(natGatewayCount.metadata.fix).toContain('natGateways: 1');
    expect(natGatewayCount.metadata.fix).toContain('gateway endpoints');
  });
});

describe('nat-gateway-count (CloudFormation)', () => {
  test('GIVEN the non-compliant example (one NAT gateway per AZ) WHEN evaluated THEN only the second gateway is reported', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(natGatewayCount, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'nat-gateway-count',
      severity: 'warning',
      path: 'Stack/VpcPublicSubnet2NATGateway',
      location: 'Properties/SubnetId',
    });
    expect(findings[0].message).toContain('The stack has 2 NAT gateways');
    expect(findings[0].message).toContain('maximum of 1');
    expect(findings[0].message).toContain('NAT gateway 2');
  });

  test('GIVEN the compliant example (one NAT gateway and an S3 gateway endpoint) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(natGatewayCount, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN three NAT gateways WHEN evaluated THEN the second and third are reported, in stack order', () => {
    const findings = cfnFindings(natGatewayCount, cfnNats(3));
    expect(findings.map((f) => f.path)).toEqual(['Stack/Nat2', 'Stack/Nat3']);
    expect(findings.every((f) => f.message.includes('The stack has 3 NAT gateways'))).toBe(true);
    expect(findings[1].message).toContain('NAT gateway 3');
  });

  test('GIVEN the maximum raised to 2 through limits WHEN two or three gateways are evaluated THEN only the third is reported', () => {
    expect(cfnFindings(natGatewayCount, examples.cloudformation!.nonCompliant, { limits: { natGatewayMaximum: 2 } })).toEqual([]);
    const findings = cfnFindings(natGatewayCount, cfnNats(3), { limits: { natGatewayMaximum: 2 } });
    expect(findings.map((f) => f.path)).toEqual(['Stack/Nat3']);
    expect(findings[0].message).toContain('maximum of 2');
  });

  test('GIVEN the maximum lowered to 0 WHEN a single gateway is evaluated THEN it is reported', () => {
    const findings = cfnFindings(natGatewayCount, cfnNats(1), { limits: { natGatewayMaximum: 0 } });
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      ['Stack/Nat1', 'The stack has 1 NAT gateway, more than the maximum of 0: this AWS::EC2::NatGateway is NAT gateway 1.'],
    ]);
  });

  test('GIVEN two stacks with one NAT gateway each WHEN evaluated THEN nothing is reported (the count is per stack)', () => {
    // GIVEN
    const first = cfnStackView(cfnNats(1));
    const second = { ...cfnStackView(cfnNats(1)), id: 'Other', name: 'Other' };
    // WHEN
    const { findings } = evaluate([first, second], { rules: [natGatewayCount] });
    // THEN
    expect(findings).toEqual([]);
  });
});

describe('nat-gateway-count (Terraform)', () => {
  test('GIVEN the non-compliant example (count = 2) WHEN evaluated THEN the counted resource is reported at count', () => {
    const findings = tfFindings(natGatewayCount, examples.terraform!.nonCompliant);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'nat-gateway-count', severity: 'warning', path: 'stack/per_az', location: 'count' });
    expect(findings[0].message).toBe(
      'The stack has 2 NAT gateways, more than the maximum of 1: this aws_nat_gateway creates 2 of them (count = 2).',
    );
  });

  test('GIVEN the compliant example (one shared NAT gateway) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(natGatewayCount, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN two plain aws_nat_gateway resources WHEN evaluated THEN the second is reported at subnet_id', () => {
    const findings = tfFindings(natGatewayCount, tfNats({ a: { subnet_id: '${aws_subnet.a.id}' }, b: { subnet_id: '${aws_subnet.b.id}' } }));
    expect(findings.map((f) => [f.path, f.location])).toEqual([['stack/b', 'subnet_id']]);
    expect(findings[0].message).toContain('NAT gateway 2');
  });

  test('GIVEN count as the string "3" WHEN evaluated THEN it counts as three', () => {
    const findings = tfFindings(natGatewayCount, tfNats({ nat: { count: '3' } }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('The stack has 3 NAT gateways');
    expect(findings[0].message).toContain('count = "3"');
  });

  test('GIVEN a count that is a reference WHEN evaluated THEN it is not reported, and later gateways say "at least"', () => {
    // GIVEN: count = length(var.azs) cannot be proven
    const example = tfNats({ per_az: { count: '${length(var.azs)}' }, a: {}, b: {} });
    // WHEN
    const findings = tfFindings(natGatewayCount, example);
    // THEN
    expect(findings.map((f) => f.path)).toEqual(['stack/b']);
    expect(findings[0].message).toContain('The stack has at least 2 NAT gateways');
  });

  test('GIVEN count = 0 next to one gateway WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(natGatewayCount, tfNats({ off: { count: 0 }, on: {} }))).toEqual([]);
  });

  test('GIVEN count = 1 followed by a plain gateway WHEN evaluated THEN the plain one is gateway 2', () => {
    const findings = tfFindings(natGatewayCount, tfNats({ first: { count: 1 }, second: {} }));
    expect(findings.map((f) => [f.path, f.location])).toEqual([['stack/second', 'subnet_id']]);
  });

  test('GIVEN a literal for_each map of two WHEN evaluated THEN it counts as two; a set expression counts as none', () => {
    const literal = tfFindings(natGatewayCount, tfNats({ nat: { for_each: { a: 'subnet-a', b: 'subnet-b' } } }));
    expect(literal.map((f) => [f.path, f.location])).toEqual([['stack/nat', 'for_each']]);
    expect(literal[0].message).toContain('creates 2 of them');
    expect(tfFindings(natGatewayCount, tfNats({ nat: { for_each: '${toset(var.azs)}' } }))).toEqual([]);
  });

  test('GIVEN the maximum raised to 3 WHEN count = 3 and count = 4 are evaluated THEN only 4 is reported', () => {
    expect(tfFindings(natGatewayCount, tfNats({ nat: { count: 3 } }), { limits: { natGatewayMaximum: 3 } })).toEqual([]);
    const findings = tfFindings(natGatewayCount, tfNats({ nat: { count: 4 } }), { limits: { natGatewayMaximum: 3 } });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('more than the maximum of 3');
  });

  test('GIVEN a resource of another type WHEN evaluated THEN the rule does not apply', () => {
    const stack = tfStackView({ resource: { aws_eip: { nat: { domain: 'vpc' } } } });
    expect(natGatewayCount.terraform!(stack.resources[0], contextFor(stack.resources))).toBe(NOT_APPLICABLE);
  });
});

// ---------------------------------------------------------------- robustness

function contextFor(resources: ResourceView[], natGatewayMaximum: unknown = 1): RuleContext {
  return ruleContext(resources, { limits: { ...DEFAULT_LIMITS, natGatewayMaximum: natGatewayMaximum as number } });
}

describe('nat-gateway-count robustness', () => {
  test.each(JUNK.map((junk) => [junk]))('GIVEN junk %p in properties, options, count and limits WHEN evaluated THEN it never throws', (junk) => {
    // GIVEN
    const views: ResourceView[] = [
      { engine: 'cloudformation', type: 'AWS::EC2::NatGateway', logicalId: 'A', path: 'S/A', properties: junk as any, options: junk as any },
      { engine: 'terraform', type: 'aws_nat_gateway', logicalId: 'b', path: 's/b', properties: { subnet_id: junk }, options: { count: junk } },
      { engine: 'terraform', type: 'aws_nat_gateway', logicalId: 'c', path: 's/c', properties: {}, options: { for_each: junk } },
    ];
    // WHEN / THEN
    for (const context of [contextFor(views), contextFor(views, junk), contextFor([], junk)]) {
      expectOutcomes(natGatewayCount, views, context);
    }
  });
});
