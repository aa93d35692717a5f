import { CfnExample, NOT_APPLICABLE, ResourceView, RuleDefinition, RuleOutcome, Violation } from './model';
import { exampleCfnDatabase, exampleTfDatabase } from './shared/examples';
import { isAuroraEngine, isClusterMember } from './shared/rds';
import { asBoolean, asObject, isSet, literalString, show } from './values';

/** `on`, provably `off` (absent, null or false), or `unknown` (a reference, or a value that is neither). */
type Flag = 'on' | 'off' | 'unknown';

function flag(value: unknown): Flag {
  if (value === undefined || value === null) return 'off';
  const bool = asBoolean(value);
  return bool === true ? 'on' : bool === false ? 'off' : 'unknown';
}

/** The first property that makes the resource inherit its encryption from a source (snapshot, replica source...). */
function inheritedFrom(properties: Record<string, any>, sources: readonly string[]): string | undefined {
  return sources.find((name) => isSet(properties[name]));
}

/**
 * An RDS or EFS encryption flag. Absent means unencrypted: CloudFormation, the RDS and EFS APIs
 * and the AWS provider all default to false (callers rule out the cases that inherit a setting).
 */
function storageFlag(
  properties: Record<string, any>,
  name: string,
  location: string,
  what: string,
  kmsKey?: string,
): Violation[] {
  const value = properties[name];
  if (flag(value) !== 'off') {
    return [];
  }
  const set = value !== undefined && value !== null;
  // A KMS key without the flag is the ElastiCache lesson again: the key alone does not switch encryption on.
  const key = kmsKey && isSet(properties[kmsKey]) ? `, although ${kmsKey} is set` : '';
  return [{
    message: set
      ? `${name} is ${show(value)}: the ${what} stores its data unencrypted${key}.`
      : `${name} is not set and defaults to false: the ${what} stores its data unencrypted${key}.`,
    location,
  }];
}

/**
 * An ElastiCache replication group (Valkey / Redis OSS). `AtRestEncryptionEnabled` defaults to true for the
 * valkey engine and to false for redis (the default engine), per CreateReplicationGroup; it can only be chosen
 * at creation. A KMS key alone does not switch it on (seed 001 Issue 2).
 */
function elastiCache(properties: Record<string, any>, names: StorageNames): RuleOutcome {
  if (isSet(properties[names.cacheGlobalGroup])) {
    // A secondary of a global datastore takes the primary's encryption settings.
    return NOT_APPLICABLE;
  }
  const flagName = names.cacheEncrypted;
  const value = properties[flagName];
  const state = flag(value);
  if (state !== 'off') {
    return [];
  }
  const unset = value === undefined || value === null;
  const rawEngine = properties[names.cacheEngine];
  const engine = isSet(rawEngine) ? literalString(rawEngine)?.trim().toLowerCase() : 'redis';
  if (unset && engine !== 'redis') {
    // valkey encrypts by default; an unknown engine (a reference) cannot be judged.
    return engine === undefined ? NOT_APPLICABLE : [];
  }
  const found = unset ? `is not set and defaults to false for the ${show(engine)} engine` : `is ${show(value)}`;
  const key = isSet(properties[names.kmsKey])
    ? `${names.kmsKey} is set (${show(properties[names.kmsKey])}) but ${flagName} ${found}: the key is never used and `
    : `${flagName} ${found}: `;
  return [{
    message: `${key}the replication group stores its disk data (sync, backup and swap) and its backups in S3 unencrypted.`,
    location: names.prefix + flagName,
  }];
}

/** A DocumentDB or Neptune cluster: StorageEncrypted defaults to false in CloudFormation, the APIs and the provider. */
function documentCluster(properties: Record<string, any>, names: StorageNames, sources: readonly string[], what: string): RuleOutcome {
  if (inheritedFrom(properties, sources)) {
    return NOT_APPLICABLE;
  }
  const encrypted = names.storageEncrypted;
  if ((properties[encrypted] === undefined || properties[encrypted] === null) && isSet(properties[names.globalClusterIdentifier])) {
    // A secondary cluster of a global database takes the global cluster's setting.
    return [];
  }
  return storageFlag(properties, encrypted, names.prefix + encrypted, what, names.kmsKey);
}

/** Types and property names of the databases, file systems and caches, per engine; the checks are the same. */
interface StorageNames {
  readonly instanceType: string;
  readonly clusterType: string;
  readonly docdbType: string;
  readonly neptuneType: string;
  readonly fileSystemType: string;
  readonly cacheType: string;
  readonly engine: string;
  readonly storageEncrypted: string;
  readonly kmsKey: string;
  /** Set on an instance that belongs to a cluster (CloudFormation only). */
  readonly memberOfCluster?: string;
  readonly globalClusterIdentifier: string;
  readonly fileSystemEncrypted: string;
  readonly cacheEncrypted: string;
  readonly cacheEngine: string;
  readonly cacheGlobalGroup: string;
  /** Instance properties that make it inherit encryption (read replica, snapshot or backup restore). */
  readonly instanceSources: readonly string[];
  /** Cluster properties that make it inherit encryption (snapshot or point-in-time restore, cross-region replica). */
  readonly clusterSources: readonly string[];
  readonly docdbSources: readonly string[];
  readonly neptuneSources: readonly string[];
  /** Prefix of `location` values. */
  readonly prefix: string;
  /** The engine the provider assumes for a cluster that names none (Terraform: "aurora"); undefined where Engine is required. */
  readonly defaultClusterEngine?: string;
}

const CFN: StorageNames = {
  instanceType: 'AWS::RDS::DBInstance',
  clusterType: 'AWS::RDS::DBCluster',
  docdbType: 'AWS::DocDB::DBCluster',
  neptuneType: 'AWS::Neptune::DBCluster',
  fileSystemType: 'AWS::EFS::FileSystem',
  cacheType: 'AWS::ElastiCache::ReplicationGroup',
  engine: 'Engine',
  storageEncrypted: 'StorageEncrypted',
  kmsKey: 'KmsKeyId',
  memberOfCluster: 'DBClusterIdentifier',
  globalClusterIdentifier: 'GlobalClusterIdentifier',
  fileSystemEncrypted: 'Encrypted',
  cacheEncrypted: 'AtRestEncryptionEnabled',
  cacheEngine: 'Engine',
  cacheGlobalGroup: 'GlobalReplicationGroupId',
  instanceSources: [
    'SourceDBInstanceIdentifier',
    'SourceDbiResourceId',
    'SourceDBInstanceAutomatedBackupsArn',
    'DBSnapshotIdentifier',
    'DBClusterSnapshotIdentifier',
    'SourceDBClusterIdentifier',
  ],
  clusterSources: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'SourceDbClusterResourceId', 'ReplicationSourceIdentifier'],
  docdbSources: ['SnapshotIdentifier', 'SourceDBClusterIdentifier'],
  neptuneSources: ['SnapshotIdentifier', 'SourceDBClusterIdentifier'],
  prefix: 'Properties/',
};

const TF: StorageNames = {
  instanceType: 'aws_db_instance',
  clusterType: 'aws_rds_cluster',
  docdbType: 'aws_docdb_cluster',
  neptuneType: 'aws_neptune_cluster',
  fileSystemType: 'aws_efs_file_system',
  cacheType: 'aws_elasticache_replication_group',
  engine: 'engine',
  storageEncrypted: 'storage_encrypted',
  kmsKey: 'kms_key_id',
  globalClusterIdentifier: 'global_cluster_identifier',
  fileSystemEncrypted: 'encrypted',
  cacheEncrypted: 'at_rest_encryption_enabled',
  cacheEngine: 'engine',
  cacheGlobalGroup: 'global_replication_group_id',
  instanceSources: ['replicate_source_db', 'snapshot_identifier', 'restore_to_point_in_time'],
  clusterSources: ['snapshot_identifier', 'replication_source_identifier', 'restore_to_point_in_time'],
  docdbSources: ['snapshot_identifier', 'restore_to_point_in_time'],
  neptuneSources: ['snapshot_identifier', 'replication_source_identifier'],
  prefix: '',
  defaultClusterEngine: 'aurora',
};

/** RDS, DocumentDB, Neptune, EFS and ElastiCache: the same judgement for both engines. */
function evaluateStorage(names: StorageNames, resource: ResourceView): RuleOutcome {
  const properties = asObject(resource.properties) ?? {};
  const encrypted = names.storageEncrypted;
  switch (resource.type) {
    case names.instanceType: {
      // Aurora instances are encrypted by their cluster; replicas and restores inherit from their source.
      const clusterIdentifier = names.memberOfCluster && properties[names.memberOfCluster];
      if (isClusterMember(properties[names.engine], clusterIdentifier) || inheritedFrom(properties, names.instanceSources)) {
        return NOT_APPLICABLE;
      }
      // RDS Custom (engine custom-*) accepts StorageEncrypted only true or unset, and is encrypted either way.
      if (literalString(properties[names.engine])?.trim().toLowerCase().startsWith('custom-')) {
        return NOT_APPLICABLE;
      }
      return storageFlag(properties, encrypted, names.prefix + encrypted, 'DB instance', names.kmsKey);
    }
    case names.clusterType: {
      if (inheritedFrom(properties, names.clusterSources)) {
        return NOT_APPLICABLE;
      }
      const engine = isSet(properties[names.engine]) ? properties[names.engine] : names.defaultClusterEngine;
      // Every Aurora cluster created since 2026-02-18 is encrypted at rest whatever StorageEncrypted says
      // (Serverless v1 always was). An engine given by reference may be Aurora: not judged.
      if (isAuroraEngine(engine) || literalString(engine) === undefined) {
        return NOT_APPLICABLE;
      }
      // A Multi-AZ DB cluster (mysql / postgres): RDS storage, unencrypted unless asked.
      return storageFlag(properties, encrypted, names.prefix + encrypted, 'DB cluster', names.kmsKey);
    }
    case names.docdbType:
      return documentCluster(properties, names, names.docdbSources, 'DocumentDB cluster');
    case names.neptuneType:
      return documentCluster(properties, names, names.neptuneSources, 'Neptune cluster');
    case names.fileSystemType:
      return storageFlag(properties, names.fileSystemEncrypted, names.prefix + names.fileSystemEncrypted, 'file system', names.kmsKey);
    case names.cacheType:
      return elastiCache(properties, names);
    default:
      return NOT_APPLICABLE;
  }
}

// ---------------------------------------------------------------- examples

/** A customer managed key as aws-cdk-lib synthesized it before the key-policy feature flag, deletable. */
const cfnKey: CfnExample['resources'][string] = {
  Type: 'AWS::KMS::Key',
  Properties: {
    EnableKeyRotation: true,
    PendingWindowInDays: 7,
    KeyPolicy: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
        Action: [
          'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
          'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
          'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:TagResource', 'kms:UntagResource',
        ],
        Resource: '*',
      }],
    },
  },
  DeletionPolicy: 'Delete',
  UpdateReplacePolicy: 'Delete',
};

function cfnResources(encrypted: boolean): CfnExample['resources'] {
  return {
    CacheKey: cfnKey,
    Database: exampleCfnDatabase({ BackupRetentionPeriod: 1, ...(encrypted ? { StorageEncrypted: true } : {}) }),
    Documents: {
      Type: 'AWS::DocDB::DBCluster',
      Properties: {
        DBClusterIdentifier: 'documents-pr123',
        MasterUsername: 'dbadmin',
        ManageMasterUserPassword: true,
        BackupRetentionPeriod: 1,
        ...(encrypted ? { StorageEncrypted: true } : {}),
      },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    },
    SharedFiles: {
      Type: 'AWS::EFS::FileSystem',
      Properties: { Encrypted: encrypted },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    },
    Sessions: {
      Type: 'AWS::ElastiCache::ReplicationGroup',
      Properties: {
        ReplicationGroupId: 'sessions-pr123',
        ReplicationGroupDescription: 'Session cache',
        Engine: 'redis',
        CacheNodeType: 'cache.t3.micro',
        NumCacheClusters: 1,
        TransitEncryptionEnabled: true,
        KmsKeyId: { 'Fn::GetAtt': ['CacheKey', 'Arn'] },
        ...(encrypted ? { AtRestEncryptionEnabled: true } : {}),
      },
    },
  };
}

function tfResources(encrypted: boolean): Record<string, Record<string, Record<string, any>>> {
  return {
    aws_kms_key: { cache: { description: 'Session cache key', deletion_window_in_days: 7, enable_key_rotation: true } },
    aws_db_instance: {
      orders: exampleTfDatabase({ backup_retention_period: 1, skip_final_snapshot: true, ...(encrypted ? { storage_encrypted: true } : {}) }),
    },
    aws_docdb_cluster: {
      documents: {
        cluster_identifier: 'documents-pr123',
        master_username: 'dbadmin',
        manage_master_user_password: true,
        backup_retention_period: 1,
        skip_final_snapshot: true,
        ...(encrypted ? { storage_encrypted: true } : {}),
      },
    },
    aws_efs_file_system: { shared: { creation_token: 'shared-files-pr123', encrypted } },
    aws_elasticache_replication_group: {
      sessions: {
        replication_group_id: 'sessions-pr123',
        description: 'Session cache',
        engine: 'redis',
        node_type: 'cache.t3.micro',
        num_cache_clusters: 1,
        transit_encryption_enabled: true,
        kms_key_id: '${aws_kms_key.cache.arn}',
        // The provider (v6, @cdktf/provider-aws 21) types this as a string: seed 001's "true".
        ...(encrypted ? { at_rest_encryption_enabled: 'true' } : {}),
      },
    },
  };
}

/** Data stored unencrypted at rest where AWS does not encrypt it anyway: RDS, DocumentDB, Neptune, EFS, ElastiCache. */
export const encryptionAtRest: RuleDefinition = {
  metadata: {
    id: 'encryption-at-rest',
    title: 'Encrypt data at rest',
    lesson: '000 "Encryption", 001 "Issue 2: ElastiCache Encryption Configuration"',
    why:
      'Encryption at rest can only be chosen when a database, file system or cache is created; turning it on later means ' +
      'replacing the resource with its data, and security reviews and compliance checks (PCI-DSS in seed 001) fail the ' +
      'stack until then. Where AWS does not encrypt by default it stays off unless the template asks: RDS DB instances and ' +
      'Multi-AZ DB clusters (StorageEncrypted defaults to false), DocumentDB clusters (CloudFormation creates them ' +
      'unencrypted unless StorageEncrypted is true), Neptune clusters (StorageEncrypted defaults to false), EFS file ' +
      'systems (Encrypted defaults to false) and ElastiCache replication groups running Redis OSS (AtRestEncryptionEnabled ' +
      'defaults to false; true only for Valkey). A KMS key alone switches nothing on: seed 001\'s ElastiCache group with ' +
      'a KmsKeyId and no AtRestEncryptionEnabled stored its data unencrypted.',
    fix:
      'Set `storageEncrypted: true` (or a `storageEncryptionKey`) on rds.DatabaseInstance and docdb / neptune clusters, ' +
      '`storage_encrypted = true` on aws_db_instance, a non-Aurora aws_rds_cluster, aws_docdb_cluster and aws_neptune_cluster; ' +
      'keep EFS `encrypted` true; set AtRestEncryptionEnabled / at_rest_encryption_enabled to true on every Redis OSS ' +
      'replication group, with or without a KMS key (the AWS provider v6 types it as the string "true").',
    notReported: [
      'S3 buckets that declare no encryption: since January 2023 S3 applies server-side encryption with S3 managed keys ' +
        '(SSE-S3) to every new object in every bucket, and it cannot be switched off.',
      'Aurora clusters (and Aurora global databases) with StorageEncrypted unset or false: the Aurora User Guide says every ' +
        'Aurora cluster created on or after 2026-02-18 is encrypted at rest (AES-256, an AWS owned key by default); Aurora ' +
        'Serverless v1 clusters always were.',
      'Aurora DB instances, read replicas and databases restored from a snapshot or backup: they inherit encryption from ' +
        'their cluster or source. RDS Custom instances (engine custom-*): CreateDBInstance takes StorageEncrypted only true ' +
        'or unset for them, and encrypts them either way.',
      'ElastiCache replication groups running Valkey with AtRestEncryptionEnabled unset (Valkey defaults it to true), and ' +
        'secondaries of a global datastore (they take the primary\'s setting); ElastiCache Serverless caches (always encrypted).',
      'A setting given by reference (a parameter, a variable): it is not proven off.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: { resources: cfnResources(false) },
        compliant: { resources: cfnResources(true) },
      },
      terraform: {
        nonCompliant: { resource: tfResources(false) },
        compliant: { resource: tfResources(true) },
      },
    },
  },
  cloudformation: (resource) => evaluateStorage(CFN, resource),
  terraform: (resource) => evaluateStorage(TF, resource),
};
