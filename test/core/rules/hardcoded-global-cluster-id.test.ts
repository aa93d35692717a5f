import { cfnFindings, cfnStackView, expectOutcomes, JUNK, tfFindings, tfStackView } from './helpers';
import { evaluate } from '../../../src/core/engine/evaluate';
import { hardcodedGlobalClusterId } from '../../../src/core/rules/hardcoded-global-cluster-id';
import { ResourceView } from '../../../src/core/rules/model';

const examples = hardcodedGlobalClusterId.metadata.examples;

function cfnCluster(globalClusterIdentifier: unknown) {
  return cfnFindings(hardcodedGlobalClusterId, {
    resources: { Secondary: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-mysql', GlobalClusterIdentifier: globalClusterIdentifier } } },
  });
}

function tfCluster(globalClusterIdentifier: unknown) {
  return tfFindings(hardcodedGlobalClusterId, {
    resource: { aws_rds_cluster: { secondary: { engine: 'aurora-mysql', global_cluster_identifier: globalClusterIdentifier } } },
  });
}

describe('hardcoded-global-cluster-id metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue warning from seed 004 Failure #2', () => {
    expect(hardcodedGlobalClusterId.metadata).toMatchObject({ id: 'hardcoded-global-cluster-id', defaultSeverity: 'warning' });
    expect(hardcodedGlobalClusterId.metadata.lesson).toContain('004 "Failure #2');
    expect(hardcodedGlobalClusterId.metadata.fix).toContain('globalCluster.ref');
  });
});

describe('hardcoded-global-cluster-id (CloudFormation)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the literal is reported with the Ref to use', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(hardcodedGlobalClusterId, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'hardcoded-global-cluster-id',
      severity: 'warning',
      path: 'Stack/Cluster',
      location: 'Properties/GlobalClusterIdentifier',
    });
    expect(findings[0].message).toContain('GlobalClusterIdentifier is the literal "orders-global-pr123"');
    expect(findings[0].message).toContain('AWS::RDS::GlobalCluster GlobalCluster in this stack: use { Ref: "GlobalCluster" }');
  });

  test('GIVEN the compliant example ({ Ref: GlobalCluster }) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(hardcodedGlobalClusterId, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN references (Fn::ImportValue, Fn::GetAtt, a Join with a Ref) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnCluster({ 'Fn::ImportValue': 'Primary:GlobalClusterId' })).toEqual([]);
    expect(cfnCluster({ 'Fn::GetAtt': ['ExportsReader', '/cdk/exports/Secondary/GlobalClusterRef'] })).toEqual([]);
    expect(cfnCluster({ 'Fn::Join': ['-', ['orders', { Ref: 'Suffix' }]] })).toEqual([]);
  });

  test('GIVEN an Fn::Join of literal parts WHEN evaluated THEN it is still hard-coded', () => {
    const findings = cfnCluster({ 'Fn::Join': ['-', ['orders', 'global', 'pr123']] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('No global cluster in the app has that identifier');
  });

  test('GIVEN the global cluster in another stack WHEN the identifier matches regardless of case THEN the message points there', () => {
    // GIVEN: seed 004, the secondary stack hard-codes the primary stack's global cluster
    const primary = cfnStackView({
      resources: { Global: { Type: 'AWS::RDS::GlobalCluster', Properties: { GlobalClusterIdentifier: 'trading-global-pr123' } } },
    });
    const secondary = {
      ...cfnStackView({ resources: { Secondary: { Type: 'AWS::RDS::DBCluster', Properties: { GlobalClusterIdentifier: 'Trading-Global-PR123' } } } }),
      id: 'SecondaryStack',
      name: 'SecondaryStack',
    };
    // WHEN
    const { findings } = evaluate([primary, secondary], { rules: [hardcodedGlobalClusterId] });
    // THEN
    expect(findings.map((f) => [f.stack, f.path])).toEqual([['SecondaryStack', 'Stack/Secondary']]);
    expect(findings[0].message).toContain('in another stack (Stack/Global): pass its identifier across stacks');
  });

  test('GIVEN no or an empty GlobalClusterIdentifier WHEN evaluated THEN the rule does not apply', () => {
    expect(cfnCluster(undefined)).toEqual([]);
    expect(cfnCluster('')).toEqual([]);
    expect(cfnCluster(null)).toEqual([]);
  });

  test('GIVEN the GlobalCluster resource itself WHEN evaluated THEN its own identifier is not reported', () => {
    expect(cfnFindings(hardcodedGlobalClusterId, {
      resources: { G: { Type: 'AWS::RDS::GlobalCluster', Properties: { GlobalClusterIdentifier: 'orders-global-pr123' } } },
    })).toEqual([]);
  });
});

describe('hardcoded-global-cluster-id (Terraform)', () => {
  test('GIVEN the non-compliant example (a literal on the secondary) WHEN evaluated THEN it is reported with the reference to use', () => {
    const findings = tfFindings(hardcodedGlobalClusterId, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([
      ['hardcoded-global-cluster-id', 'warning', 'stack/secondary', 'global_cluster_identifier'],
    ]);
    expect(findings[0].message).toContain('global_cluster_identifier is the literal "orders-global-pr123"');
    expect(findings[0].message).toContain('use ${aws_rds_global_cluster.orders.id}');
  });

  test('GIVEN the compliant example (${aws_rds_global_cluster.orders.id}) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(hardcodedGlobalClusterId, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN the seed 004 literal with no global cluster in the app WHEN evaluated THEN it is reported', () => {
    const findings = tfCluster('trading-platform-global-dr-prod');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('"trading-platform-global-dr-prod"');
    expect(findings[0].message).toContain('No global cluster in the app has that identifier');
  });

  test('GIVEN a cross-stack reference, a variable or a template with a reference WHEN evaluated THEN nothing is reported', () => {
    expect(tfCluster('${data.terraform_remote_state.cross-stack-reference-input-primary.outputs.global_id}')).toEqual([]);
    expect(tfCluster('${var.global_cluster_id}')).toEqual([]);
    expect(tfCluster('orders-global-${var.suffix}')).toEqual([]);
  });

  test('GIVEN a global cluster in another stack WHEN the secondary hard-codes its identifier THEN the message points there', () => {
    const primary = tfStackView({ resource: { aws_rds_global_cluster: { g: { global_cluster_identifier: 'orders-global-pr123' } } } });
    const secondary = {
      ...tfStackView({ resource: { aws_rds_cluster: { secondary: { global_cluster_identifier: 'orders-global-pr123' } } } }),
      id: 'secondary',
      name: 'secondary',
    };
    const { findings } = evaluate([primary, secondary], { rules: [hardcodedGlobalClusterId] });
    expect(findings.map((f) => f.stack)).toEqual(['secondary']);
    expect(findings[0].message).toContain('aws_rds_global_cluster g in another stack');
  });
});

// ---------------------------------------------------------------- robustness

describe('hardcoded-global-cluster-id robustness', () => {
  test.each(JUNK.map((junk) => [junk]))('GIVEN junk %p as identifier and global clusters WHEN evaluated THEN it never throws', (junk) => {
    // GIVEN
    const views: ResourceView[] = [
      { engine: 'cloudformation', type: 'AWS::RDS::DBCluster', logicalId: 'A', path: 'S/A', properties: junk as any, options: {} },
      { engine: 'cloudformation', type: 'AWS::RDS::DBCluster', logicalId: 'B', path: 'S/B', properties: { GlobalClusterIdentifier: junk }, options: {} },
      { engine: 'cloudformation', type: 'AWS::RDS::DBCluster', logicalId: 'C', path: 'S/C', properties: { GlobalClusterIdentifier: 'g' }, options: {} },
      { engine: 'cloudformation', type: 'AWS::RDS::GlobalCluster', logicalId: 'G', path: 'S/G', properties: { GlobalClusterIdentifier: junk }, options: {} },
      { engine: 'cloudformation', type: 'AWS::RDS::GlobalCluster', logicalId: 'H', path: 'S/H', properties: junk as any, options: {} },
      { engine: 'terraform', type: 'aws_rds_cluster', logicalId: 'a', path: 's/a', properties: junk as any, options: {} },
      { engine: 'terraform', type: 'aws_rds_cluster', logicalId: 'b', path: 's/b', properties: { global_cluster_identifier: junk }, options: {} },
      { engine: 'terraform', type: 'aws_rds_cluster', logicalId: 'c', path: 's/c', properties: { global_cluster_identifier: 'g' }, options: {} },
      { engine: 'terraform', type: 'aws_rds_global_cluster', logicalId: 'g', path: 's/g', properties: { global_cluster_identifier: junk }, options: {} },
    ];
    // WHEN / THEN
    expectOutcomes(hardcodedGlobalClusterId, views);
  });
});
