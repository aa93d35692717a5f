import { cfnFindings, expectOutcomes, JUNK, tfFindings } from './helpers';
import { encryptionAtRest } from '../../../src/core/rules/encryption-at-rest';
import { ResourceView } from '../../../src/core/rules/model';

const examples = encryptionAtRest.metadata.examples;

function cfnOne(type: string, properties: Record<string, any>) {
  return cfnFindings(encryptionAtRest, { resources: { Res: { Type: type, Properties: properties, DeletionPolicy: 'Delete' } } });
}

function tfOne(type: string, attributes: Record<string, any>) {
  return tfFindings(encryptionAtRest, { resource: { [type]: { res: attributes } } });
}

describe('encryption-at-rest metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue error citing both lessons and what it leaves out', () => {
    expect(encryptionAtRest.metadata).toMatchObject({ id: 'encryption-at-rest', defaultSeverity: 'error' });
    expect(encryptionAtRest.metadata.lesson).toContain('000 "Encryption"');
    expect(encryptionAtRest.metadata.lesson).toContain('001 "Issue 2');
    const notReported = encryptionAtRest.metadata.notReported!.join('\n');
    expect(notReported).toContain('SSE-S3');
    expect(notReported).toContain('2026-02-18');
    expect(notReported).toContain('Serverless v1');
  });
});

describe('encryption-at-rest (CloudFormation)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the database, DocumentDB cluster, file system and cache are reported', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(encryptionAtRest, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([
      ['encryption-at-rest', 'error', 'Stack/Database', 'Properties/StorageEncrypted'],
      ['encryption-at-rest', 'error', 'Stack/Documents', 'Properties/StorageEncrypted'],
      ['encryption-at-rest', 'error', 'Stack/SharedFiles', 'Properties/Encrypted'],
      ['encryption-at-rest', 'error', 'Stack/Sessions', 'Properties/AtRestEncryptionEnabled'],
    ]);
    expect(findings[0].message).toContain('StorageEncrypted is not set and defaults to false');
    expect(findings[1].message).toContain('the DocumentDB cluster stores its data unencrypted');
    expect(findings[2].message).toContain('Encrypted is false');
    expect(findings[3].message).toContain('KmsKeyId is set');
    expect(findings[3].message).toContain('AtRestEncryptionEnabled is not set and defaults to false for the "redis" engine');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(encryptionAtRest, examples.cloudformation!.compliant)).toEqual([]);
  });

  describe('S3', () => {
    test('GIVEN a bucket with no BucketEncryption, or an empty one WHEN evaluated THEN nothing is reported (SSE-S3 is the default)', () => {
      expect(cfnOne('AWS::S3::Bucket', {})).toEqual([]);
      expect(cfnOne('AWS::S3::Bucket', { BucketEncryption: {} })).toEqual([]);
    });
  });

  describe('RDS', () => {
    test('GIVEN StorageEncrypted as the string "false" WHEN evaluated THEN it is reported; "true" and a reference are not', () => {
      const findings = cfnOne('AWS::RDS::DBInstance', { Engine: 'postgres', StorageEncrypted: 'false' });
      expect(findings.map((f) => f.message)).toEqual(['StorageEncrypted is "false": the DB instance stores its data unencrypted.']);
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'postgres', StorageEncrypted: 'true' })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'postgres', StorageEncrypted: { Ref: 'Encrypt' } })).toEqual([]);
    });

    test('GIVEN a KmsKeyId without StorageEncrypted WHEN evaluated THEN the message says the key alone does not encrypt', () => {
      const findings = cfnOne('AWS::RDS::DBInstance', { Engine: 'mysql', KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } });
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toContain('although KmsKeyId is set');
    });

    test('GIVEN an RDS Custom instance without StorageEncrypted WHEN evaluated THEN nothing is reported (always encrypted)', () => {
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'custom-sqlserver-ee' })).toEqual([]);
      expect(tfOne('aws_db_instance', { engine: 'custom-oracle-ee' })).toEqual([]);
    });

    test('GIVEN an Aurora instance, a read replica or a snapshot restore WHEN evaluated THEN encryption is inherited, not reported', () => {
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'aurora-mysql' })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: { Ref: 'Primary' } })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'postgres', DBSnapshotIdentifier: 'snap-1', StorageEncrypted: false })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', SnapshotIdentifier: 'snap-1' })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { SourceDBClusterIdentifier: 'orders-pr123', RestoreType: 'copy-on-write' })).toEqual([]);
    });

    test('GIVEN a Multi-AZ DB cluster (postgres) without StorageEncrypted WHEN evaluated THEN it is reported as a DB cluster', () => {
      const findings = cfnOne('AWS::RDS::DBCluster', { Engine: 'postgres' });
      expect(findings.map((f) => [f.location, f.message])).toEqual([
        ['Properties/StorageEncrypted', 'StorageEncrypted is not set and defaults to false: the DB cluster stores its data unencrypted.'],
      ]);
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'mysql', StorageEncrypted: true })).toEqual([]);
    });

    test('GIVEN an Aurora cluster with StorageEncrypted unset or false WHEN evaluated THEN nothing is reported (encrypted by default since 2026-02-18)', () => {
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', StorageEncrypted: false })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', GlobalClusterIdentifier: { Ref: 'Global' }, StorageEncrypted: false })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: { Ref: 'Engine' }, StorageEncrypted: false })).toEqual([]);
    });

    test('GIVEN an Aurora Serverless v1 cluster with StorageEncrypted false WHEN evaluated THEN it is not reported (always encrypted)', () => {
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', EngineMode: 'serverless' })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', EngineMode: 'serverless', StorageEncrypted: false })).toEqual([]);
    });

    test('GIVEN an Aurora GlobalCluster without StorageEncrypted WHEN evaluated THEN nothing is reported (its clusters are Aurora clusters)', () => {
      expect(cfnOne('AWS::RDS::GlobalCluster', { Engine: 'aurora-postgresql' })).toEqual([]);
    });
  });

  describe('EFS and ElastiCache', () => {
    test('GIVEN a file system without Encrypted WHEN evaluated THEN it is reported; Encrypted "true" is not', () => {
      expect(cfnOne('AWS::EFS::FileSystem', {}).map((f) => [f.location, f.message])).toEqual([
        ['Properties/Encrypted', 'Encrypted is not set and defaults to false: the file system stores its data unencrypted.'],
      ]);
      expect(cfnOne('AWS::EFS::FileSystem', { Encrypted: 'true' })).toEqual([]);
    });

    test('GIVEN a replication group without a KMS key WHEN at-rest encryption is off or unset on redis THEN it is reported', () => {
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { Engine: 'redis', AtRestEncryptionEnabled: false }).map((f) => f.message)).toEqual([
        'AtRestEncryptionEnabled is false: the replication group stores its disk data (sync, backup and swap) and its backups in S3 unencrypted.',
      ]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', {}).map((f) => f.message)).toEqual([
        expect.stringContaining('AtRestEncryptionEnabled is not set and defaults to false for the "redis" engine'),
      ]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { Engine: 'valkey', AtRestEncryptionEnabled: false })).toHaveLength(1);
    });

    test('GIVEN valkey with AtRestEncryptionEnabled unset, a global datastore secondary or an engine by reference WHEN evaluated THEN nothing is reported', () => {
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { Engine: 'valkey' })).toEqual([]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { Engine: 'Valkey', KmsKeyId: 'alias/cache' })).toEqual([]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { GlobalReplicationGroupId: 'ldgnf-sessions' })).toEqual([]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { Engine: { Ref: 'Engine' } })).toEqual([]);
    });
  });

  describe('DocumentDB, Neptune, and ElastiCache given a KMS key', () => {
    test.each(['AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster'])('GIVEN an %s without StorageEncrypted, or false WHEN evaluated THEN it is reported', (type) => {
      expect(cfnOne(type, {}).map((f) => f.location)).toEqual(['Properties/StorageEncrypted']);
      expect(cfnOne(type, { StorageEncrypted: false, KmsKeyId: 'alias/db' }).map((f) => f.message)).toEqual([
        expect.stringContaining('although KmsKeyId is set'),
      ]);
    });

    test.each(['AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster'])('GIVEN an %s encrypted, or restored from a snapshot WHEN evaluated THEN nothing is reported', (type) => {
      expect(cfnOne(type, { StorageEncrypted: true })).toEqual([]);
      expect(cfnOne(type, { SnapshotIdentifier: 'snap-1' })).toEqual([]);
      expect(cfnOne(type, { StorageEncrypted: { Ref: 'Encrypt' } })).toEqual([]);
    });

    test('GIVEN a KMS key with AtRestEncryptionEnabled false WHEN evaluated THEN it is reported; "true" or a reference is not', () => {
      const findings = cfnOne('AWS::ElastiCache::ReplicationGroup', { KmsKeyId: 'alias/cache', AtRestEncryptionEnabled: false });
      expect(findings.map((f) => [f.location, f.message])).toEqual([
        [
          'Properties/AtRestEncryptionEnabled',
          'KmsKeyId is set ("alias/cache") but AtRestEncryptionEnabled is false: the key is never used and the replication group stores its disk data (sync, backup and swap) and its backups in S3 unencrypted.',
        ],
      ]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { KmsKeyId: 'alias/cache', AtRestEncryptionEnabled: 'true' })).toEqual([]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { KmsKeyId: 'alias/cache', AtRestEncryptionEnabled: { Ref: 'AtRest' } })).toEqual([]);
    });
  });
});

describe('encryption-at-rest (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the database, DocumentDB cluster, file system and cache are reported', () => {
    const findings = tfFindings(encryptionAtRest, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.path, f.location])).toEqual([
      ['encryption-at-rest', 'stack/orders', 'storage_encrypted'],
      ['encryption-at-rest', 'stack/documents', 'storage_encrypted'],
      ['encryption-at-rest', 'stack/shared', 'encrypted'],
      ['encryption-at-rest', 'stack/sessions', 'at_rest_encryption_enabled'],
    ]);
    expect(findings[3].message).toContain('kms_key_id is set ("${aws_kms_key.cache.arn}")');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(encryptionAtRest, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN an aws_s3_bucket with no encryption configuration anywhere WHEN evaluated THEN nothing is reported (SSE-S3 is the default)', () => {
    expect(tfOne('aws_s3_bucket', { bucket: 'orders-data-pr123' })).toEqual([]);
  });

  test.each(['aws_docdb_cluster', 'aws_neptune_cluster'])('GIVEN an %s WHEN storage_encrypted is unset or "false" THEN it is reported; true or a snapshot restore is not', (type) => {
    expect(tfOne(type, { cluster_identifier: 'c-pr123' }).map((f) => f.location)).toEqual(['storage_encrypted']);
    expect(tfOne(type, { storage_encrypted: 'false' })).toHaveLength(1);
    expect(tfOne(type, { storage_encrypted: true })).toEqual([]);
    expect(tfOne(type, { snapshot_identifier: 'snap-1' })).toEqual([]);
  });

  describe('RDS, EFS and ElastiCache', () => {
    test('GIVEN storage_encrypted "false" WHEN evaluated THEN it is reported; a read replica or snapshot restore is not', () => {
      expect(tfOne('aws_db_instance', { engine: 'postgres', storage_encrypted: 'false' }).map((f) => f.message)).toEqual([
        'storage_encrypted is "false": the DB instance stores its data unencrypted.',
      ]);
      expect(tfOne('aws_db_instance', { replicate_source_db: '${aws_db_instance.primary.identifier}' })).toEqual([]);
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-mysql', snapshot_identifier: 'snap-1' })).toEqual([]);
    });

    test('GIVEN an Aurora aws_rds_cluster (or one naming no engine: the provider default is aurora) WHEN storage_encrypted is unset or false THEN nothing is reported', () => {
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-postgresql' })).toEqual([]);
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-mysql', engine_mode: 'serverless', storage_encrypted: false })).toEqual([]);
      expect(tfOne('aws_rds_cluster', { cluster_identifier: 'c-pr123' })).toEqual([]);
      expect(tfOne('aws_rds_global_cluster', { engine: 'aurora-postgresql' })).toEqual([]);
    });

    test('GIVEN a Multi-AZ DB cluster (engine mysql) without storage_encrypted WHEN evaluated THEN it is reported', () => {
      expect(tfOne('aws_rds_cluster', { engine: 'mysql' }).map((f) => f.location)).toEqual(['storage_encrypted']);
    });

    test('GIVEN an aws_efs_file_system with a KMS key but no encrypted WHEN evaluated THEN it is reported naming the key', () => {
      const findings = tfOne('aws_efs_file_system', { kms_key_id: '${aws_kms_key.efs.arn}' });
      expect(findings.map((f) => f.location)).toEqual(['encrypted']);
      expect(findings[0].message).toContain('although kms_key_id is set');
    });

    test('GIVEN kms_key_id with at_rest_encryption_enabled true or "true" WHEN evaluated THEN nothing is reported (seed 001)', () => {
      expect(tfOne('aws_elasticache_replication_group', { kms_key_id: '${aws_kms_key.k.arn}', at_rest_encryption_enabled: 'true' })).toEqual([]);
      expect(tfOne('aws_elasticache_replication_group', { kms_key_id: '${aws_kms_key.k.arn}', at_rest_encryption_enabled: true })).toEqual([]);
      expect(tfOne('aws_elasticache_replication_group', { kms_key_id: '${aws_kms_key.k.arn}', at_rest_encryption_enabled: '${var.x}' })).toEqual([]);
    });

    test('GIVEN kms_key_id with at_rest_encryption_enabled "false" WHEN evaluated THEN it is reported with the value', () => {
      const findings = tfOne('aws_elasticache_replication_group', { kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k', at_rest_encryption_enabled: 'false' });
      expect(findings.map((f) => f.location)).toEqual(['at_rest_encryption_enabled']);
      expect(findings[0].message).toContain('at_rest_encryption_enabled is "false"');
    });

    test('GIVEN no kms_key_id WHEN at_rest_encryption_enabled is "false" or unset on redis THEN it is reported; unset on valkey is not', () => {
      expect(tfOne('aws_elasticache_replication_group', { at_rest_encryption_enabled: 'false' })).toHaveLength(1);
      expect(tfOne('aws_elasticache_replication_group', { engine: 'redis' })).toHaveLength(1);
      expect(tfOne('aws_elasticache_replication_group', { engine: 'valkey' })).toEqual([]);
      expect(tfOne('aws_elasticache_replication_group', { global_replication_group_id: '${aws_elasticache_global_replication_group.g.id}' })).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------- robustness

/** The shared odd values, and a reference to the bucket the examples create. */
const JUNK_VALUES: readonly unknown[] = [...JUNK, '${aws_s3_bucket.data.id}'];
const CFN_TYPES: Record<string, string[]> = {
  'AWS::S3::Bucket': ['BucketEncryption'],
  'AWS::DocDB::DBCluster': ['StorageEncrypted', 'KmsKeyId', 'SnapshotIdentifier'],
  'AWS::Neptune::DBCluster': ['StorageEncrypted', 'KmsKeyId', 'SnapshotIdentifier'],
  'AWS::RDS::DBInstance': ['Engine', 'StorageEncrypted', 'KmsKeyId', 'DBClusterIdentifier', 'SourceDBInstanceIdentifier'],
  'AWS::RDS::DBCluster': ['Engine', 'EngineMode', 'StorageEncrypted', 'KmsKeyId', 'GlobalClusterIdentifier', 'SnapshotIdentifier'],
  'AWS::RDS::GlobalCluster': ['StorageEncrypted', 'SourceDBClusterIdentifier'],
  'AWS::EFS::FileSystem': ['Encrypted', 'KmsKeyId'],
  'AWS::ElastiCache::ReplicationGroup': ['Engine', 'KmsKeyId', 'AtRestEncryptionEnabled', 'GlobalReplicationGroupId'],
};
const TF_TYPES: Record<string, string[]> = {
  aws_s3_bucket: ['bucket', 'server_side_encryption_configuration'],
  aws_db_instance: ['engine', 'storage_encrypted', 'kms_key_id', 'replicate_source_db'],
  aws_rds_cluster: ['engine', 'engine_mode', 'storage_encrypted', 'global_cluster_identifier', 'snapshot_identifier'],
  aws_rds_global_cluster: ['storage_encrypted', 'source_db_cluster_identifier'],
  aws_efs_file_system: ['encrypted', 'kms_key_id'],
  aws_elasticache_replication_group: ['engine', 'kms_key_id', 'at_rest_encryption_enabled'],
  aws_docdb_cluster: ['storage_encrypted', 'kms_key_id', 'global_cluster_identifier'],
  aws_neptune_cluster: ['storage_encrypted', 'kms_key_id', 'snapshot_identifier'],
};

function junkViews(junk: unknown): ResourceView[] {
  const views: ResourceView[] = [];
  for (const [engine, types] of [['cloudformation', CFN_TYPES], ['terraform', TF_TYPES]] as const) {
    for (const [type, props] of Object.entries(types)) {
      views.push({ engine, type, logicalId: 'whole', path: 'S/whole', properties: junk as any, options: junk as any });
      views.push({ engine, type, logicalId: 'data', path: 'S/data', properties: Object.fromEntries(props.map((p) => [p, junk])), options: {} });
    }
  }
  return views;
}

describe('encryption-at-rest robustness', () => {
  test.each(JUNK_VALUES.map((junk) => [junk]))('GIVEN junk %p in every property WHEN evaluated THEN it never throws', (junk) => {
    expectOutcomes(encryptionAtRest, junkViews(junk));
  });
});
