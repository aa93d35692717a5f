import { cfnFindings, tfFindings } from './helpers';
import { retainOnDelete } from '../../../src/core/rules/retain-on-delete';

const examples = retainOnDelete.metadata.examples;

function cfn(type: string, properties: Record<string, any>, options: Record<string, any> = {}) {
  return { resources: { Res: { Type: type, Properties: properties, ...options } } };
}

function tf(type: string, attributes: Record<string, any>) {
  return { resource: { [type]: { res: attributes } } };
}

describe('retain-on-delete metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue\'s error rule naming the fixes', () => {
    expect(retainOnDelete.metadata).toMatchObject({ id: 'retain-on-delete', defaultSeverity: 'error' });
    expect(retainOnDelete.metadata.lesson).toContain('Verify destroyability');
    expect(retainOnDelete.metadata.fix).toContain('RemovalPolicy.DESTROY');
    expect(retainOnDelete.metadata.fix).toContain('autoDeleteObjects');
    expect(retainOnDelete.metadata.fix).toContain('SuffixedBucket');
  });
});

describe('retain-on-delete (CloudFormation)', () => {
  test('GIVEN the non-compliant example (a default L2 table) WHEN evaluated THEN both policies are one finding at DeletionPolicy', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(retainOnDelete, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'retain-on-delete',
      severity: 'error',
      path: 'Stack/OrdersTable',
      location: 'DeletionPolicy',
      message: 'DeletionPolicy "Retain" and UpdateReplacePolicy "Retain": deleting or replacing the resource leaves it, or a snapshot of it, behind.',
    });
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(retainOnDelete, examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each(['Retain', 'RetainExceptOnCreate', 'Snapshot'])('GIVEN DeletionPolicy %s WHEN evaluated THEN it is reported', (policy) => {
    const findings = cfnFindings(retainOnDelete, cfn('AWS::S3::Bucket', {}, { DeletionPolicy: policy }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([['DeletionPolicy', expect.stringContaining(`DeletionPolicy "${policy}"`)]]);
  });

  test('GIVEN only UpdateReplacePolicy Retain WHEN evaluated THEN it is reported at UpdateReplacePolicy', () => {
    const findings = cfnFindings(retainOnDelete, cfn('AWS::SQS::Queue', {}, { UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Delete' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([['UpdateReplacePolicy', expect.stringMatching(/^UpdateReplacePolicy "Retain": /)]]);
  });

  test('GIVEN a DeletionPolicy that is an intrinsic WHEN evaluated THEN nothing is reported', () => {
    const options = { DeletionPolicy: { 'Fn::If': ['IsProd', 'Retain', 'Delete'] } };
    expect(cfnFindings(retainOnDelete, cfn('AWS::S3::Bucket', {}, options))).toEqual([]);
  });

  test('GIVEN an RDS cluster without DeletionPolicy WHEN evaluated THEN CloudFormation\'s Snapshot default is reported', () => {
    const findings = cfnFindings(retainOnDelete, cfn('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['DeletionPolicy', expect.stringContaining('No DeletionPolicy (CloudFormation defaults to "Snapshot" for AWS::RDS::DBCluster)')],
    ]);
  });

  test('GIVEN DB instances without DeletionPolicy WHEN one is in a cluster THEN only the standalone one is reported', () => {
    expect(cfnFindings(retainOnDelete, cfn('AWS::RDS::DBInstance', { Engine: 'postgres' }))).toHaveLength(1);
    expect(cfnFindings(retainOnDelete, cfn('AWS::RDS::DBInstance', { DBClusterIdentifier: { Ref: 'Cluster' } }))).toEqual([]);
    expect(cfnFindings(retainOnDelete, cfn('AWS::RDS::DBInstance', { Engine: 'postgres' }, { DeletionPolicy: 'Delete' }))).toEqual([]);
  });

  test.each([
    ['AWS::RDS::DBInstance', 'DeletionProtection', true],
    ['AWS::RDS::DBCluster', 'DeletionProtection', 'true'],
    ['AWS::DynamoDB::Table', 'DeletionProtectionEnabled', true],
    ['AWS::Logs::LogGroup', 'DeletionProtectionEnabled', 'True'],
    ['AWS::Cognito::UserPool', 'DeletionProtection', 'ACTIVE'],
    ['AWS::Neptune::DBCluster', 'DeletionProtection', true],
    ['AWS::NetworkFirewall::Firewall', 'DeleteProtection', true],
  ])('GIVEN %s %s %p WHEN evaluated THEN it is reported at that property', (type, property, value) => {
    const findings = cfnFindings(retainOnDelete, cfn(type, { [property]: value }, { DeletionPolicy: 'Delete' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      [`Properties/${property}`, `${property} is ${JSON.stringify(value)}: CloudFormation cannot delete the ${type} until it is turned off.`],
    ]);
  });

  test.each([
    ['AWS::RDS::DBInstance', 'DeletionProtection', false],
    ['AWS::DynamoDB::Table', 'DeletionProtectionEnabled', 'false'],
    ['AWS::Cognito::UserPool', 'DeletionProtection', 'INACTIVE'],
    ['AWS::DynamoDB::Table', 'DeletionProtectionEnabled', { Ref: 'Protect' }],
    ['AWS::NetworkFirewall::Firewall', 'DeleteProtection', false],
  ])('GIVEN %s %s %p WHEN evaluated THEN nothing is reported', (type, property, value) => {
    expect(cfnFindings(retainOnDelete, cfn(type, { [property]: value }, { DeletionPolicy: 'Delete' }))).toEqual([]);
  });

  test('GIVEN an RDS read replica WHEN its policy is the default or a written Snapshot THEN nothing is reported (RDS takes no snapshot of a replica)', () => {
    const replica = { SourceDBInstanceIdentifier: { Ref: 'Primary' }, DBInstanceClass: 'db.t3.micro' };
    expect(cfnFindings(retainOnDelete, cfn('AWS::RDS::DBInstance', replica))).toEqual([]);
    expect(cfnFindings(retainOnDelete, cfn('AWS::RDS::DBInstance', replica, { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' }))).toEqual([]);
  });

  test('GIVEN an RDS read replica WHEN it is retained or deletion-protected THEN it is still reported', () => {
    const replica = { SourceDBInstanceIdentifier: { Ref: 'Primary' } };
    expect(cfnFindings(retainOnDelete, cfn('AWS::RDS::DBInstance', replica, { DeletionPolicy: 'Retain' })).map((f) => f.location)).toEqual(['DeletionPolicy']);
    expect(cfnFindings(retainOnDelete, cfn('AWS::RDS::DBInstance', { ...replica, DeletionProtection: true })).map((f) => f.location)).toEqual([
      'Properties/DeletionProtection',
    ]);
  });

  test('GIVEN a global table with one protected replica WHEN evaluated THEN that replica is reported', () => {
    const replicas = [{ Region: 'us-east-1' }, { Region: 'eu-west-1', DeletionProtectionEnabled: true }];
    const findings = cfnFindings(retainOnDelete, cfn('AWS::DynamoDB::GlobalTable', { Replicas: replicas }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['Properties/Replicas/1/DeletionProtectionEnabled', expect.stringContaining('Replica "eu-west-1" has DeletionProtectionEnabled true')],
    ]);
  });

  test('GIVEN a load balancer with deletion_protection.enabled "true" WHEN evaluated THEN the attribute is reported', () => {
    const attributes = [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }, { Key: 'deletion_protection.enabled', Value: 'true' }];
    const findings = cfnFindings(retainOnDelete, cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: attributes }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['Properties/LoadBalancerAttributes/1', expect.stringContaining('deletion_protection.enabled to "true"')],
    ]);
    attributes[1].Value = 'false';
    expect(cfnFindings(retainOnDelete, cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: attributes }))).toEqual([]);
  });

  test('GIVEN an EC2 instance with DisableApiTermination "true" WHEN evaluated THEN it is reported', () => {
    const findings = cfnFindings(retainOnDelete, cfn('AWS::EC2::Instance', { DisableApiTermination: 'true', ImageId: 'ami-123' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([['Properties/DisableApiTermination', expect.stringContaining('cannot be terminated')]]);
  });

  test('GIVEN a QLDB ledger without DeletionProtection WHEN evaluated THEN the service default (on) is reported', () => {
    expect(cfnFindings(retainOnDelete, cfn('AWS::QLDB::Ledger', { PermissionsMode: 'STANDARD' })).map((f) => f.location)).toEqual([
      'Properties/DeletionProtection',
    ]);
    expect(cfnFindings(retainOnDelete, cfn('AWS::QLDB::Ledger', { DeletionProtection: false }))).toEqual([]);
  });

  test('GIVEN a retained, protected DB cluster WHEN evaluated THEN each cause is its own finding', () => {
    const findings = cfnFindings(retainOnDelete, cfn('AWS::RDS::DBCluster', { DeletionProtection: true }, { DeletionPolicy: 'Snapshot' }));
    expect(findings.map((f) => f.location)).toEqual(['DeletionPolicy', 'Properties/DeletionProtection']);
  });
});

describe('retain-on-delete (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN deletion_protection_enabled is reported', () => {
    // GIVEN
    const example = examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(retainOnDelete, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location, f.message])).toEqual([
      ['retain-on-delete', 'error', 'stack/orders', 'deletion_protection_enabled', 'deletion_protection_enabled is true: terraform destroy fails until it is turned off.'],
    ]);
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(retainOnDelete, examples.terraform!.compliant)).toEqual([]);
  });

  test.each([
    ['aws_db_instance', 'deletion_protection', true],
    ['aws_rds_cluster', 'deletion_protection', 'true'],
    ['aws_lb', 'enable_deletion_protection', true],
    ['aws_dynamodb_table', 'deletion_protection_enabled', 'TRUE'],
    ['aws_cognito_user_pool', 'deletion_protection', 'ACTIVE'],
  ])('GIVEN %s %s = %p WHEN evaluated THEN it is reported at that attribute', (type, attribute, value) => {
    const findings = tfFindings(retainOnDelete, tf(type, { [attribute]: value, skip_final_snapshot: true }));
    expect(findings.map((f) => f.location)).toEqual([attribute]);
  });

  test('GIVEN a reference as deletion_protection WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(retainOnDelete, tf('aws_db_instance', { deletion_protection: '${var.protect}', skip_final_snapshot: true }))).toEqual([]);
  });

  test('GIVEN lifecycle.prevent_destroy true WHEN evaluated THEN it is reported at lifecycle.prevent_destroy', () => {
    const example = { resource: { aws_s3_bucket: { data: { bucket: 'data-pr123', lifecycle: { prevent_destroy: true } } } } };
    const findings = tfFindings(retainOnDelete, example);
    expect(findings.map((f) => [f.location, f.message])).toEqual([['lifecycle.prevent_destroy', expect.stringContaining('terraform destroy refuses')]]);
    const off = { resource: { aws_s3_bucket: { data: { bucket: 'data-pr123', lifecycle: { prevent_destroy: false, ignore_changes: ['tags'] } } } } };
    expect(tfFindings(retainOnDelete, off)).toEqual([]);
  });

  test.each(['aws_db_instance', 'aws_rds_cluster'])('GIVEN a %s without skip_final_snapshot WHEN evaluated THEN the provider default (false) is reported', (type) => {
    const findings = tfFindings(retainOnDelete, tf(type, { engine: 'postgres' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['skip_final_snapshot', expect.stringContaining('skip_final_snapshot is not set (the provider default is false)')],
    ]);
  });

  test.each([
    [false, 1],
    ['false', 1],
    [true, 0],
    ['true', 0],
    ['${var.skip_snapshot}', 0],
  ])('GIVEN aws_db_instance skip_final_snapshot = %p WHEN evaluated THEN %d finding(s)', (value, count) => {
    expect(tfFindings(retainOnDelete, tf('aws_db_instance', { skip_final_snapshot: value }))).toHaveLength(count);
  });

  test('GIVEN a replicate_source_db replica without skip_final_snapshot WHEN evaluated THEN the message names the provider\'s destroy error', () => {
    const findings = tfFindings(retainOnDelete, tf('aws_db_instance', { replicate_source_db: '${aws_db_instance.primary.identifier}', instance_class: 'db.t3.micro' }));
    expect(findings.map((f) => f.location)).toEqual(['skip_final_snapshot']);
    expect(findings[0].message).toContain('read replica');
    expect(findings[0].message).toContain('"final_snapshot_identifier is required"');
    expect(tfFindings(retainOnDelete, tf('aws_db_instance', { replicate_source_db: 'primary', skip_final_snapshot: true }))).toEqual([]);
  });

  test('GIVEN an aws_networkfirewall_firewall WHEN delete_protection is true THEN it is reported; false is not', () => {
    const firewall = { name: 'egress-pr123', firewall_policy_arn: '${aws_networkfirewall_firewall_policy.p.arn}', vpc_id: 'vpc-1' };
    expect(tfFindings(retainOnDelete, tf('aws_networkfirewall_firewall', { ...firewall, delete_protection: true })).map((f) => f.location)).toEqual(['delete_protection']);
    expect(tfFindings(retainOnDelete, tf('aws_networkfirewall_firewall', { ...firewall, delete_protection: false }))).toEqual([]);
  });

  test('GIVEN an aws_instance with disable_api_termination true WHEN evaluated THEN it is reported', () => {
    const findings = tfFindings(retainOnDelete, tf('aws_instance', { ami: 'ami-123', disable_api_termination: true }));
    expect(findings.map((f) => f.location)).toEqual(['disable_api_termination']);
  });

  test('GIVEN a log group with skip_destroy true WHEN evaluated THEN it is reported', () => {
    const findings = tfFindings(retainOnDelete, tf('aws_cloudwatch_log_group', { name: '/app/x-pr123', skip_destroy: 'true' }));
    expect(findings.map((f) => f.location)).toEqual(['skip_destroy']);
  });

  test('GIVEN an aws_qldb_ledger without deletion_protection WHEN evaluated THEN its default (true) is reported', () => {
    expect(tfFindings(retainOnDelete, tf('aws_qldb_ledger', { permissions_mode: 'STANDARD' })).map((f) => f.location)).toEqual(['deletion_protection']);
    expect(tfFindings(retainOnDelete, tf('aws_qldb_ledger', { deletion_protection: false }))).toEqual([]);
  });
});

describe('retain-on-delete robustness', () => {
  const junk: unknown[] = [null, 0, 1, '', 'Retain ', true, 'yes', [], ['Retain'], {}, { Mode: 5 }, { Ref: 'X' }, [{ Key: null }], [null, 1, 'x'],
    { 'Fn::If': [] }, { prevent_destroy: 'true' }, [{ prevent_destroy: true }]];

  test('GIVEN random JSON in properties and options WHEN evaluated THEN no evaluator throws', () => {
    const cfnTypes = ['AWS::RDS::DBCluster', 'AWS::DynamoDB::GlobalTable', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::EC2::Instance', '__proto__'];
    for (const value of junk) {
      for (const type of cfnTypes) {
        const properties = { DeletionProtection: value, Replicas: value, LoadBalancerAttributes: value, DisableApiTermination: value };
        const findings = cfnFindings(retainOnDelete, cfn(type, properties, { DeletionPolicy: value, UpdateReplacePolicy: value }));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
      for (const type of ['aws_db_instance', 'aws_instance', 'aws_cloudwatch_log_group', 'constructor']) {
        const attributes = {
          deletion_protection: value,
          skip_final_snapshot: value,
          disable_api_termination: value,
          skip_destroy: value,
          lifecycle: value,
        };
        const findings = tfFindings(retainOnDelete, tf(type, attributes));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
    }
  });

  test('GIVEN lifecycle as a list of blocks WHEN one prevents destroy THEN it is reported', () => {
    const example = { resource: { aws_sqs_queue: { q: { name: 'q-pr123', lifecycle: [{ create_before_destroy: true }, { prevent_destroy: 'true' }] } } } };
    expect(tfFindings(retainOnDelete, example).map((f) => f.location)).toEqual(['lifecycle.prevent_destroy']);
  });
});
