import { cfnFindings, expectOutcomes, JUNK, tfFindings } from './helpers';
import { ResourceView } from '../../../src/core/rules/model';
import { rdsSlowProvisioning } from '../../../src/core/rules/rds-slow-provisioning';

const examples = rdsSlowProvisioning.metadata.examples;

function cfnOne(type: string, properties: Record<string, any>) {
  return cfnFindings(rdsSlowProvisioning, { resources: { Db: { Type: type, Properties: properties, DeletionPolicy: 'Delete' } } });
}

function tfOne(type: string, attributes: Record<string, any>) {
  return tfFindings(rdsSlowProvisioning, { resource: { [type]: { db: { skip_final_snapshot: true, ...attributes } } } });
}

describe('rds-slow-provisioning metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue warning recommending Aurora Serverless v2', () => {
    expect(rdsSlowProvisioning.metadata).toMatchObject({ id: 'rds-slow-provisioning', defaultSeverity: 'warning' });
    expect(rdsSlowProvisioning.metadata.lesson).toContain('000 "RDS Multi-AZ Deployment Time"');
    expect(rdsSlowProvisioning.metadata.fix).toContain('Aurora Serverless v2');
    expect(rdsSlowProvisioning.metadata.fix).toContain('db.serverless');
  });
});

describe('rds-slow-provisioning (CloudFormation)', () => {
  test('GIVEN the non-compliant example (Multi-AZ postgres, 7-day backups) WHEN evaluated THEN both are reported', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(rdsSlowProvisioning, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([
      ['rds-slow-provisioning', 'warning', 'Stack/Database', 'Properties/MultiAZ'],
      ['rds-slow-provisioning', 'warning', 'Stack/Database', 'Properties/BackupRetentionPeriod'],
    ]);
    expect(findings[0].message).toContain('MultiAZ is true');
    expect(findings[0].message).toContain('"postgres"');
    expect(findings[1].message).toContain('BackupRetentionPeriod is 7');
  });

  test('GIVEN the compliant example (Aurora Serverless v2) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(rdsSlowProvisioning, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN MultiAZ as the string "true" WHEN evaluated THEN it is reported with the value received', () => {
    const findings = cfnOne('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: 'true' });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('MultiAZ is "true"');
  });

  test('GIVEN MultiAZ false, absent or a reference WHEN evaluated THEN nothing is reported', () => {
    expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: false })).toEqual([]);
    expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: 'False' })).toEqual([]);
    expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'mysql' })).toEqual([]);
    expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: { Ref: 'MultiAzParameter' } })).toEqual([]);
  });

  test('GIVEN an Aurora instance with MultiAZ and backups WHEN evaluated THEN it is left to its cluster', () => {
    expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'aurora-mysql', MultiAZ: true, BackupRetentionPeriod: 7 })).toEqual([]);
    expect(cfnOne('AWS::RDS::DBInstance', { DBClusterIdentifier: { Ref: 'Cluster' }, MultiAZ: true })).toEqual([]);
  });

  test('GIVEN backup retention of 1, absent, "1" or a reference WHEN evaluated THEN nothing is reported; "2" is', () => {
    for (const retention of [1, '1', 0, undefined, { Ref: 'Retention' }]) {
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', BackupRetentionPeriod: retention })).toEqual([]);
    }
    const findings = cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', BackupRetentionPeriod: '2' });
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['Properties/BackupRetentionPeriod', expect.stringContaining('BackupRetentionPeriod is "2"')],
    ]);
  });

  test('GIVEN a Multi-AZ DB cluster (DBClusterInstanceClass, postgres) WHEN evaluated THEN it is reported', () => {
    const findings = cfnOne('AWS::RDS::DBCluster', { Engine: 'postgres', DBClusterInstanceClass: 'db.m6gd.large', AllocatedStorage: 100 });
    expect(findings).toHaveLength(1);
    expect(findings[0].location).toBe('Properties/DBClusterInstanceClass');
    expect(findings[0].message).toContain('"db.m6gd.large"');
    expect(findings[0].message).toContain('Multi-AZ DB cluster');
  });

  test('GIVEN an Aurora cluster with a DBClusterInstanceClass WHEN evaluated THEN it is not a Multi-AZ DB cluster', () => {
    expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', DBClusterInstanceClass: 'db.r6g.large' })).toEqual([]);
  });

  test('GIVEN an unrelated resource WHEN evaluated THEN the rule does not apply', () => {
    expect(cfnOne('AWS::S3::Bucket', { MultiAZ: true, BackupRetentionPeriod: 30 })).toEqual([]);
  });
});

describe('rds-slow-provisioning (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN multi_az and backup_retention_period are reported', () => {
    const findings = tfFindings(rdsSlowProvisioning, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.path, f.location])).toEqual([
      ['rds-slow-provisioning', 'stack/orders', 'multi_az'],
      ['rds-slow-provisioning', 'stack/orders', 'backup_retention_period'],
    ]);
    expect(findings[1].message).toContain('backup_retention_period is 7');
  });

  test('GIVEN the compliant example (aws_rds_cluster with a db.serverless instance) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(rdsSlowProvisioning, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN multi_az as "true" WHEN evaluated THEN it is reported; a reference is not', () => {
    expect(tfOne('aws_db_instance', { engine: 'mysql', multi_az: 'true' }).map((f) => f.location)).toEqual(['multi_az']);
    expect(tfOne('aws_db_instance', { engine: 'mysql', multi_az: '${var.multi_az}' })).toEqual([]);
  });

  test('GIVEN an aws_rds_cluster with db_cluster_instance_class WHEN evaluated THEN the Multi-AZ DB cluster is reported', () => {
    const findings = tfOne('aws_rds_cluster', { engine: 'mysql', db_cluster_instance_class: 'db.r6gd.xlarge' });
    expect(findings.map((f) => f.location)).toEqual(['db_cluster_instance_class']);
    expect(tfOne('aws_rds_cluster', { engine: 'aurora-mysql', db_cluster_instance_class: 'db.r6gd.xlarge' })).toEqual([]);
  });

  test('GIVEN backup_retention_period 35 on a cluster and a reference on an instance WHEN evaluated THEN only 35 is reported', () => {
    expect(tfOne('aws_rds_cluster', { engine: 'aurora-postgresql', backup_retention_period: 35 }).map((f) => f.location)).toEqual([
      'backup_retention_period',
    ]);
    expect(tfOne('aws_db_instance', { engine: 'postgres', backup_retention_period: '${var.retention}' })).toEqual([]);
  });

  test('GIVEN an aws_rds_cluster_instance WHEN evaluated THEN the rule does not apply (its cluster is checked)', () => {
    expect(tfOne('aws_rds_cluster_instance', { instance_class: 'db.r6g.large' })).toEqual([]);
  });
});

// ---------------------------------------------------------------- robustness

const CFN_PROPS = ['Engine', 'MultiAZ', 'BackupRetentionPeriod', 'DBClusterInstanceClass', 'DBClusterIdentifier'];
const TF_PROPS = ['engine', 'multi_az', 'backup_retention_period', 'db_cluster_instance_class'];

describe('rds-slow-provisioning robustness', () => {
  test.each(JUNK.map((junk) => [junk]))('GIVEN junk %p in every property WHEN evaluated THEN it never throws', (junk) => {
    const views: ResourceView[] = [];
    for (const type of ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']) {
      views.push({ engine: 'cloudformation', type, logicalId: 'A', path: 'S/A', properties: junk as any, options: {} });
      views.push({ engine: 'cloudformation', type, logicalId: 'B', path: 'S/B', properties: Object.fromEntries(CFN_PROPS.map((p) => [p, junk])), options: {} });
    }
    for (const type of ['aws_db_instance', 'aws_rds_cluster']) {
      views.push({ engine: 'terraform', type, logicalId: 'a', path: 's/a', properties: junk as any, options: junk as any });
      views.push({ engine: 'terraform', type, logicalId: 'b', path: 's/b', properties: Object.fromEntries(TF_PROPS.map((p) => [p, junk])), options: {} });
    }
    expectOutcomes(rdsSlowProvisioning, views);
  });
});
