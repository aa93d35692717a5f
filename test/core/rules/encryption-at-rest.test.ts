import { cfnFindings, expectOutcomes, JUNK, tfFindings, tfStackView } from './helpers';
import { evaluate } from '../../../src/core/engine/evaluate';
import { encryptionAtRest } from '../../../src/core/rules/encryption-at-rest';
import { ResourceView, TfExample } from '../../../src/core/rules/model';

const examples = encryptionAtRest.metadata.examples;

function cfnOne(type: string, properties: Record<string, any>) {
  return cfnFindings(encryptionAtRest, { resources: { Res: { Type: type, Properties: properties, DeletionPolicy: 'Delete' } } });
}

function tfOne(type: string, attributes: Record<string, any>) {
  return tfFindings(encryptionAtRest, { resource: { [type]: { res: attributes } } });
}

/** An aws_s3_bucket "data" named orders-data-pr123 plus whatever else the test needs. */
function tfBucketWith(extra: TfExample['resource'] = {}): TfExample {
  return { resource: { aws_s3_bucket: { data: { bucket: 'orders-data-pr123' } }, ...extra } };
}

function sse(bucket: string) {
  return {
    aws_s3_bucket_server_side_encryption_configuration: {
      enc: { bucket, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] },
    },
  };
}

describe('encryption-at-rest metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue error citing both lessons and SuffixedBucket', () => {
    expect(encryptionAtRest.metadata).toMatchObject({ id: 'encryption-at-rest', defaultSeverity: 'error' });
    expect(encryptionAtRest.metadata.lesson).toContain('000 "Encryption"');
    expect(encryptionAtRest.metadata.lesson).toContain('001 "Issue 2');
    expect(encryptionAtRest.metadata.fix).toContain('SuffixedBucket');
  });
});

describe('encryption-at-rest (CloudFormation)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the bucket, database, file system and cache are reported', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(encryptionAtRest, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([
      ['encryption-at-rest', 'error', 'Stack/DataBucket', 'Properties/BucketEncryption'],
      ['encryption-at-rest', 'error', 'Stack/Database', 'Properties/StorageEncrypted'],
      ['encryption-at-rest', 'error', 'Stack/SharedFiles', 'Properties/Encrypted'],
      ['encryption-at-rest', 'error', 'Stack/Sessions', 'Properties/AtRestEncryptionEnabled'],
    ]);
    expect(findings[0].message).toContain('no BucketEncryption');
    expect(findings[1].message).toContain('StorageEncrypted is not set and defaults to false');
    expect(findings[2].message).toContain('Encrypted is false');
    expect(findings[3].message).toContain('KmsKeyId is set');
    expect(findings[3].message).toContain('AtRestEncryptionEnabled is not set');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(encryptionAtRest, examples.cloudformation!.compliant)).toEqual([]);
  });

  describe('S3', () => {
    test('GIVEN SSE-KMS, or BucketEncryption / a rule as an intrinsic WHEN evaluated THEN nothing is reported', () => {
      const kms = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { Ref: 'Key' } } }] };
      expect(cfnOne('AWS::S3::Bucket', { BucketEncryption: kms })).toEqual([]);
      expect(cfnOne('AWS::S3::Bucket', { BucketEncryption: { 'Fn::If': ['Encrypt', {}, {}] } })).toEqual([]);
      expect(cfnOne('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ 'Fn::If': ['C', {}, {}] }] } })).toEqual([]);
      expect(cfnOne('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: { 'Fn::If': ['C', [], []] } } })).toEqual([]);
    });

    test('GIVEN a BucketEncryption without a default-encryption rule WHEN evaluated THEN it is reported with the value', () => {
      const findings = cfnOne('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true }] } });
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toContain('"BucketKeyEnabled":true');
      expect(findings[0].message).toContain('no ServerSideEncryptionConfiguration rule with ServerSideEncryptionByDefault');
      expect(cfnOne('AWS::S3::Bucket', { BucketEncryption: {} })).toHaveLength(1);
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

    test('GIVEN an Aurora instance, a read replica or a snapshot restore WHEN evaluated THEN encryption is inherited, not reported', () => {
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'Cluster' } })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'aurora-mysql' })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: { Ref: 'Primary' } })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBInstance', { Engine: 'postgres', DBSnapshotIdentifier: 'snap-1', StorageEncrypted: false })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', SnapshotIdentifier: 'snap-1' })).toEqual([]);
      expect(cfnOne('AWS::RDS::DBCluster', { SourceDBClusterIdentifier: 'orders-pr123', RestoreType: 'copy-on-write' })).toEqual([]);
    });

    test('GIVEN a DB cluster without StorageEncrypted WHEN evaluated THEN it is reported as a DB cluster', () => {
      const findings = cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' });
      expect(findings.map((f) => [f.location, f.message])).toEqual([
        ['Properties/StorageEncrypted', 'StorageEncrypted is not set and defaults to false: the DB cluster stores its data unencrypted.'],
      ]);
    });

    test('GIVEN a global-cluster member WHEN StorageEncrypted is unset THEN it is not reported; WHEN false THEN it is', () => {
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', GlobalClusterIdentifier: { Ref: 'Global' } })).toEqual([]);
      const findings = cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', GlobalClusterIdentifier: { Ref: 'Global' }, StorageEncrypted: false });
      expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('StorageEncrypted is false')]);
    });

    test('GIVEN an Aurora Serverless v1 cluster without StorageEncrypted WHEN evaluated THEN it is not reported (always encrypted)', () => {
      expect(cfnOne('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', EngineMode: 'serverless' })).toEqual([]);
    });

    test('GIVEN a GlobalCluster without StorageEncrypted WHEN evaluated THEN it is reported unless made from a source cluster', () => {
      expect(cfnOne('AWS::RDS::GlobalCluster', { Engine: 'aurora-postgresql' }).map((f) => f.message)).toEqual([
        'StorageEncrypted is not set and defaults to false: the global database stores its data unencrypted.',
      ]);
      expect(cfnOne('AWS::RDS::GlobalCluster', { SourceDBClusterIdentifier: { Ref: 'Cluster' } })).toEqual([]);
    });
  });

  describe('EFS and ElastiCache', () => {
    test('GIVEN a file system without Encrypted WHEN evaluated THEN it is reported; Encrypted "true" is not', () => {
      expect(cfnOne('AWS::EFS::FileSystem', {}).map((f) => [f.location, f.message])).toEqual([
        ['Properties/Encrypted', 'Encrypted is not set and defaults to false: the file system stores its data unencrypted.'],
      ]);
      expect(cfnOne('AWS::EFS::FileSystem', { Encrypted: 'true' })).toEqual([]);
    });

    test('GIVEN a replication group without a KMS key WHEN at-rest encryption is off THEN it is outside this rule', () => {
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { Engine: 'redis', AtRestEncryptionEnabled: false })).toEqual([]);
    });

    test('GIVEN a KMS key with AtRestEncryptionEnabled false WHEN evaluated THEN it is reported; "true" or a reference is not', () => {
      const findings = cfnOne('AWS::ElastiCache::ReplicationGroup', { KmsKeyId: 'alias/cache', AtRestEncryptionEnabled: false });
      expect(findings.map((f) => [f.location, f.message])).toEqual([
        [
          'Properties/AtRestEncryptionEnabled',
          'KmsKeyId is set ("alias/cache") but AtRestEncryptionEnabled is false: the key is never used and the data is stored unencrypted.',
        ],
      ]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { KmsKeyId: 'alias/cache', AtRestEncryptionEnabled: 'true' })).toEqual([]);
      expect(cfnOne('AWS::ElastiCache::ReplicationGroup', { KmsKeyId: 'alias/cache', AtRestEncryptionEnabled: { Ref: 'AtRest' } })).toEqual([]);
    });
  });
});

describe('encryption-at-rest (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the bucket, database, file system and cache are reported', () => {
    const findings = tfFindings(encryptionAtRest, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.path, f.location])).toEqual([
      ['encryption-at-rest', 'stack/data', 'server_side_encryption_configuration'],
      ['encryption-at-rest', 'stack/orders', 'storage_encrypted'],
      ['encryption-at-rest', 'stack/shared', 'encrypted'],
      ['encryption-at-rest', 'stack/sessions', 'at_rest_encryption_enabled'],
    ]);
    expect(findings[0].message).toContain('aws_s3_bucket.data (bucket "orders-data-pr123")');
    expect(findings[3].message).toContain('kms_key_id is set ("${aws_kms_key.cache.arn}")');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(encryptionAtRest, examples.terraform!.compliant)).toEqual([]);
  });

  describe('S3 through aws_s3_bucket_server_side_encryption_configuration', () => {
    test('GIVEN a configuration whose bucket is ${aws_s3_bucket.data.bucket} or an indexed .id WHEN evaluated THEN the bucket is encrypted', () => {
      expect(tfFindings(encryptionAtRest, tfBucketWith(sse('${aws_s3_bucket.data.bucket}')))).toEqual([]);
      expect(tfFindings(encryptionAtRest, tfBucketWith(sse('${aws_s3_bucket.data[0].id}')))).toEqual([]);
    });

    test('GIVEN a configuration naming the literal bucket WHEN evaluated THEN the bucket is encrypted', () => {
      expect(tfFindings(encryptionAtRest, tfBucketWith(sse('orders-data-pr123')))).toEqual([]);
    });

    test('GIVEN a configuration for another bucket WHEN evaluated THEN this bucket is still reported', () => {
      const example = tfBucketWith({ ...sse('${aws_s3_bucket.logs.id}'), aws_s3_bucket: { data: { bucket: 'orders-data-pr123' }, logs: { bucket: 'logs-pr123' } } });
      expect(tfFindings(encryptionAtRest, example).map((f) => f.path)).toEqual(['stack/data']);
      expect(tfFindings(encryptionAtRest, tfBucketWith(sse('other-pr123'))).map((f) => f.path)).toEqual(['stack/data']);
      // .arn is not a bucket name: it encrypts nothing
      expect(tfFindings(encryptionAtRest, tfBucketWith(sse('${aws_s3_bucket.data.arn}'))).map((f) => f.path)).toEqual(['stack/data']);
    });

    test('GIVEN a configuration whose bucket is an unknown reference WHEN evaluated THEN nothing is proven, nothing reported', () => {
      expect(tfFindings(encryptionAtRest, tfBucketWith(sse('${var.bucket_name}')))).toEqual([]);
    });

    test('GIVEN the legacy inline server_side_encryption_configuration block WHEN evaluated THEN the bucket is encrypted', () => {
      const inline = { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } };
      expect(tfOne('aws_s3_bucket', { bucket: 'orders-data-pr123', server_side_encryption_configuration: inline })).toEqual([]);
      expect(tfOne('aws_s3_bucket', { bucket: 'orders-data-pr123', server_side_encryption_configuration: [] })).toHaveLength(1);
    });

    test('GIVEN a reference from another stack WHEN evaluated THEN it does not count; a literal name from another stack does', () => {
      // GIVEN: stack "other" has its own aws_s3_bucket.data reference, which resolves in that stack only
      const buckets = tfStackView(tfBucketWith());
      const byReference = { ...tfStackView({ resource: sse('${aws_s3_bucket.data.id}') }), id: 'other', name: 'other' };
      const byName = { ...tfStackView({ resource: sse('orders-data-pr123') }), id: 'other', name: 'other' };
      // WHEN
      const referenced = evaluate([buckets, byReference], { rules: [encryptionAtRest] }).findings;
      const named = evaluate([buckets, byName], { rules: [encryptionAtRest] }).findings;
      // THEN
      expect(referenced.map((f) => [f.stack, f.path])).toEqual([['stack', 'stack/data']]);
      expect(named).toEqual([]);
    });
  });

  describe('RDS, EFS and ElastiCache', () => {
    test('GIVEN storage_encrypted "false" WHEN evaluated THEN it is reported; a read replica or snapshot restore is not', () => {
      expect(tfOne('aws_db_instance', { engine: 'postgres', storage_encrypted: 'false' }).map((f) => f.message)).toEqual([
        'storage_encrypted is "false": the DB instance stores its data unencrypted.',
      ]);
      expect(tfOne('aws_db_instance', { replicate_source_db: '${aws_db_instance.primary.identifier}' })).toEqual([]);
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-mysql', snapshot_identifier: 'snap-1' })).toEqual([]);
    });

    test('GIVEN an aws_rds_cluster without storage_encrypted WHEN evaluated THEN it is reported unless serverless v1 or a global member', () => {
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-postgresql' }).map((f) => f.location)).toEqual(['storage_encrypted']);
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-mysql', engine_mode: 'serverless' })).toEqual([]);
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-mysql', global_cluster_identifier: '${aws_rds_global_cluster.g.id}' })).toEqual([]);
      expect(tfOne('aws_rds_cluster', { engine: 'aurora-mysql', global_cluster_identifier: 'g', storage_encrypted: false })).toHaveLength(1);
    });

    test('GIVEN an aws_rds_global_cluster WHEN unencrypted THEN it is reported unless it comes from a source cluster', () => {
      expect(tfOne('aws_rds_global_cluster', { engine: 'aurora-postgresql' })).toHaveLength(1);
      expect(tfOne('aws_rds_global_cluster', { source_db_cluster_identifier: '${aws_rds_cluster.primary.arn}' })).toEqual([]);
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
      expect(tfOne('aws_elasticache_replication_group', { at_rest_encryption_enabled: 'false' })).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------- robustness

/** The shared odd values, and a reference to the bucket the examples create. */
const JUNK_VALUES: readonly unknown[] = [...JUNK, '${aws_s3_bucket.data.id}'];
const CFN_TYPES: Record<string, string[]> = {
  'AWS::S3::Bucket': ['BucketEncryption'],
  'AWS::RDS::DBInstance': ['Engine', 'StorageEncrypted', 'KmsKeyId', 'DBClusterIdentifier', 'SourceDBInstanceIdentifier'],
  'AWS::RDS::DBCluster': ['Engine', 'EngineMode', 'StorageEncrypted', 'KmsKeyId', 'GlobalClusterIdentifier', 'SnapshotIdentifier'],
  'AWS::RDS::GlobalCluster': ['StorageEncrypted', 'SourceDBClusterIdentifier'],
  'AWS::EFS::FileSystem': ['Encrypted', 'KmsKeyId'],
  'AWS::ElastiCache::ReplicationGroup': ['KmsKeyId', 'AtRestEncryptionEnabled'],
};
const TF_TYPES: Record<string, string[]> = {
  aws_s3_bucket: ['bucket', 'server_side_encryption_configuration'],
  aws_s3_bucket_server_side_encryption_configuration: ['bucket', 'rule'],
  aws_db_instance: ['engine', 'storage_encrypted', 'kms_key_id', 'replicate_source_db'],
  aws_rds_cluster: ['engine', 'engine_mode', 'storage_encrypted', 'global_cluster_identifier', 'snapshot_identifier'],
  aws_rds_global_cluster: ['storage_encrypted', 'source_db_cluster_identifier'],
  aws_efs_file_system: ['encrypted', 'kms_key_id'],
  aws_elasticache_replication_group: ['kms_key_id', 'at_rest_encryption_enabled'],
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
