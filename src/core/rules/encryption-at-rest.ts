import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, Violation } from './model';
import { exampleCfnDatabase, exampleTfDatabase } from './shared/examples';
import { isClusterMember } from './shared/rds';
import { tfReference } from './shared/terraform';
import { resourcesOfType, stackResources } from './shared/views';
import { asBoolean, asObject, isCfnIntrinsic, isSet, isTfInterpolation, literalString, show } from './values';

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

/** Only a replication group given a KMS key is in scope: the key alone does not switch encryption on (seed 001). */
function elastiCache(properties: Record<string, any>, keyName: string, flagName: string, prefix: string): RuleOutcome {
  if (!isSet(properties[keyName])) {
    return NOT_APPLICABLE;
  }
  const value = properties[flagName];
  if (flag(value) !== 'off') {
    return [];
  }
  const found = value === undefined || value === null ? 'is not set' : `is ${show(value)}`;
  return [{
    message: `${keyName} is set (${show(properties[keyName])}) but ${flagName} ${found}: the key is never used and the data is stored unencrypted.`,
    location: prefix + flagName,
  }];
}

/** Types and property names of the databases, file systems and caches, per engine; the checks are the same. */
interface StorageNames {
  readonly instanceType: string;
  readonly clusterType: string;
  readonly globalType: string;
  readonly fileSystemType: string;
  readonly cacheType: string;
  readonly engine: string;
  readonly engineMode: string;
  readonly storageEncrypted: string;
  readonly kmsKey: string;
  /** Set on an instance that belongs to a cluster (CloudFormation only). */
  readonly memberOfCluster?: string;
  readonly globalClusterIdentifier: string;
  /** The cluster a global cluster is created from. */
  readonly globalSource: string;
  readonly fileSystemEncrypted: string;
  readonly cacheEncrypted: string;
  /** Instance properties that make it inherit encryption (read replica, snapshot or backup restore). */
  readonly instanceSources: readonly string[];
  /** Cluster properties that make it inherit encryption (snapshot or point-in-time restore, cross-region replica). */
  readonly clusterSources: readonly string[];
  /** Prefix of `location` values. */
  readonly prefix: string;
}

const CFN: StorageNames = {
  instanceType: 'AWS::RDS::DBInstance',
  clusterType: 'AWS::RDS::DBCluster',
  globalType: 'AWS::RDS::GlobalCluster',
  fileSystemType: 'AWS::EFS::FileSystem',
  cacheType: 'AWS::ElastiCache::ReplicationGroup',
  engine: 'Engine',
  engineMode: 'EngineMode',
  storageEncrypted: 'StorageEncrypted',
  kmsKey: 'KmsKeyId',
  memberOfCluster: 'DBClusterIdentifier',
  globalClusterIdentifier: 'GlobalClusterIdentifier',
  globalSource: 'SourceDBClusterIdentifier',
  fileSystemEncrypted: 'Encrypted',
  cacheEncrypted: 'AtRestEncryptionEnabled',
  instanceSources: [
    'SourceDBInstanceIdentifier',
    'SourceDbiResourceId',
    'SourceDBInstanceAutomatedBackupsArn',
    'DBSnapshotIdentifier',
    'DBClusterSnapshotIdentifier',
    'SourceDBClusterIdentifier',
  ],
  clusterSources: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'SourceDbClusterResourceId', 'ReplicationSourceIdentifier'],
  prefix: 'Properties/',
};

const TF: StorageNames = {
  instanceType: 'aws_db_instance',
  clusterType: 'aws_rds_cluster',
  globalType: 'aws_rds_global_cluster',
  fileSystemType: 'aws_efs_file_system',
  cacheType: 'aws_elasticache_replication_group',
  engine: 'engine',
  engineMode: 'engine_mode',
  storageEncrypted: 'storage_encrypted',
  kmsKey: 'kms_key_id',
  globalClusterIdentifier: 'global_cluster_identifier',
  globalSource: 'source_db_cluster_identifier',
  fileSystemEncrypted: 'encrypted',
  cacheEncrypted: 'at_rest_encryption_enabled',
  instanceSources: ['replicate_source_db', 'snapshot_identifier', 'restore_to_point_in_time'],
  clusterSources: ['snapshot_identifier', 'replication_source_identifier', 'restore_to_point_in_time'],
  prefix: '',
};

/** RDS/Aurora, EFS and ElastiCache: the same judgement for both engines. */
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
      return storageFlag(properties, encrypted, names.prefix + encrypted, 'DB instance', names.kmsKey);
    }
    case names.clusterType:
      if (inheritedFrom(properties, names.clusterSources)) {
        return NOT_APPLICABLE;
      }
      // Unset, a global-cluster member takes the global cluster's setting (checked on the global cluster),
      // and Aurora Serverless v1 is always encrypted (the provider's default is true for engine_mode "serverless").
      // An explicit false is still reported.
      if (properties[encrypted] === undefined || properties[encrypted] === null) {
        const engineMode = literalString(properties[names.engineMode])?.toLowerCase();
        if (isSet(properties[names.globalClusterIdentifier]) || engineMode === 'serverless') {
          return [];
        }
      }
      return storageFlag(properties, encrypted, names.prefix + encrypted, 'DB cluster', names.kmsKey);
    case names.globalType:
      // Created from an existing cluster, the global cluster takes that cluster's setting.
      if (isSet(properties[names.globalSource])) {
        return NOT_APPLICABLE;
      }
      return storageFlag(properties, encrypted, names.prefix + encrypted, 'global database');
    case names.fileSystemType:
      return storageFlag(properties, names.fileSystemEncrypted, names.prefix + names.fileSystemEncrypted, 'file system', names.kmsKey);
    case names.cacheType:
      return elastiCache(properties, names.kmsKey, names.cacheEncrypted, names.prefix);
    default:
      return NOT_APPLICABLE;
  }
}

// ---------------------------------------------------------------- CloudFormation

function cfnBucket(properties: Record<string, any>): Violation[] {
  const encryption = properties.BucketEncryption;
  const location = 'Properties/BucketEncryption';
  if (encryption === undefined || encryption === null) {
    return [{ message: 'The bucket has no BucketEncryption: the template does not declare server-side encryption.', location }];
  }
  if (isCfnIntrinsic(encryption)) {
    return [];
  }
  const rules = asObject(encryption)?.ServerSideEncryptionConfiguration;
  if (isCfnIntrinsic(rules)) {
    return [];
  }
  const declared = Array.isArray(rules) && rules.some((rule) => isCfnIntrinsic(rule) || isSet(asObject(rule)?.ServerSideEncryptionByDefault));
  return declared
    ? []
    : [{
      message: `BucketEncryption is ${show(encryption)}: it has no ServerSideEncryptionConfiguration rule with ServerSideEncryptionByDefault.`,
      location,
    }];
}

function cfnEvaluate(resource: ResourceView): RuleOutcome {
  return resource.type === 'AWS::S3::Bucket' ? cfnBucket(asObject(resource.properties) ?? {}) : evaluateStorage(CFN, resource);
}

// ---------------------------------------------------------------- Terraform

const TF_BUCKET_ENCRYPTION = 'aws_s3_bucket_server_side_encryption_configuration';

function isEmptyBlock(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  const object = asObject(value);
  return object !== undefined && Object.keys(object).length === 0;
}

/**
 * Whether an encryption-configuration resource provably targets the bucket: `yes`, `no`, or
 * `unknown` when its `bucket` is a reference that could name any bucket (`${var.x}`, remote state...).
 */
/**
 * Which buckets the app's encryption configurations point at, indexed once per evaluation:
 * a bucket is judged by lookups, not by a scan of every configuration (which made large
 * stacks quadratic).
 */
interface EncryptionTargets {
  /** Configurations whose `bucket` is `${aws_s3_bucket.<name>.id|bucket}`, by resource name. */
  readonly byReference: Map<string, ResourceView[]>;
  /** Every other non-empty `bucket` value (literal names, other references), compared as text. */
  readonly byName: Set<string>;
  /** Some configuration targets a bucket we cannot name (a variable, a data source...). */
  readonly unknown: boolean;
}

const targetIndexes = new WeakMap<readonly ResourceView[], EncryptionTargets>();
const stackMembers = new WeakMap<readonly ResourceView[], Set<ResourceView>>();

function encryptionTargets(configs: readonly ResourceView[]): EncryptionTargets {
  let index = targetIndexes.get(configs);
  if (index) return index;
  const byReference = new Map<string, ResourceView[]>();
  const byName = new Set<string>();
  let unknown = false;
  for (const config of configs) {
    const target = asObject(config.properties)?.bucket;
    if (typeof target !== 'string' || target === '') continue;
    const reference = tfReference(target);
    if (reference && !reference.data && reference.type === 'aws_s3_bucket') {
      // A resource reference resolves inside its own stack only; any other attribute (arn) names no bucket.
      if (reference.attribute === 'id' || reference.attribute === 'bucket') {
        byReference.set(reference.name, [...(byReference.get(reference.name) ?? []), config]);
      }
      continue;
    }
    byName.add(target);
    unknown = unknown || isTfInterpolation(target);
  }
  index = { byReference, byName, unknown };
  targetIndexes.set(configs, index);
  return index;
}

function membersOf(resources: readonly ResourceView[]): Set<ResourceView> {
  let members = stackMembers.get(resources);
  if (!members) stackMembers.set(resources, (members = new Set(resources)));
  return members;
}

function tfBucket(resource: ResourceView, context: RuleContext): RuleOutcome {
  const properties = asObject(resource.properties) ?? {};
  // The legacy inline block (deprecated since AWS provider v4, still honoured).
  if (!isEmptyBlock(properties.server_side_encryption_configuration)) {
    return [];
  }
  const targets = encryptionTargets(resourcesOfType(context, TF_BUCKET_ENCRYPTION));
  const inStack = membersOf(stackResources(context));
  if ((targets.byReference.get(resource.logicalId) ?? []).some((config) => inStack.has(config))) {
    return [];
  }
  const bucketName = properties.bucket;
  if ((typeof bucketName === 'string' && bucketName !== '' && targets.byName.has(bucketName)) || targets.unknown) {
    // Targeted by name; or some configuration targets a bucket we cannot name: it may be this one.
    return [];
  }
  const name = properties.bucket === undefined ? '' : ` (bucket ${show(properties.bucket)})`;
  return [{
    message:
      `No ${TF_BUCKET_ENCRYPTION} in the app targets aws_s3_bucket.${resource.logicalId}${name} ` +
      'and it has no inline server_side_encryption_configuration: the bucket declares no server-side encryption.',
    location: 'server_side_encryption_configuration',
  }];
}

function tfEvaluate(resource: ResourceView, context: RuleContext): RuleOutcome {
  return resource.type === 'aws_s3_bucket' ? tfBucket(resource, context) : evaluateStorage(TF, resource);
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
    DataBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'orders-data-pr123',
        ...(encrypted ? { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } : {}),
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    },
    Database: exampleCfnDatabase({ BackupRetentionPeriod: 1, ...(encrypted ? { StorageEncrypted: true } : {}) }),
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
        Engine: 'valkey',
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
    aws_s3_bucket: { data: { bucket: 'orders-data-pr123' } },
    ...(encrypted
      ? {
        [TF_BUCKET_ENCRYPTION]: {
          data: { bucket: '${aws_s3_bucket.data.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
        },
      }
      : {}),
    aws_db_instance: {
      orders: exampleTfDatabase({ backup_retention_period: 1, skip_final_snapshot: true, ...(encrypted ? { storage_encrypted: true } : {}) }),
    },
    aws_efs_file_system: { shared: { creation_token: 'shared-files-pr123', encrypted } },
    aws_elasticache_replication_group: {
      sessions: {
        replication_group_id: 'sessions-pr123',
        description: 'Session cache',
        engine: 'valkey',
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

/** Data stored unencrypted at rest: S3, RDS/Aurora, EFS, and ElastiCache given a key it never uses. */
export const encryptionAtRest: RuleDefinition = {
  metadata: {
    id: 'encryption-at-rest',
    title: 'Encrypt data at rest',
    lesson: '000 "Encryption", 001 "Issue 2: ElastiCache Encryption Configuration"',
    why:
      'Encryption at rest can only be chosen when a database, file system or cache is created: RDS/Aurora storage ' +
      '(StorageEncrypted defaults to false) and EFS (Encrypted defaults to false) have to be replaced, with their data, ' +
      'to turn it on later, and security reviews and compliance checks (PCI-DSS in seed 001) fail the stack until then. ' +
      'An ElastiCache replication group given a KMS key without at-rest encryption is rejected at deploy time ' +
      '(InvalidParameterCombination in seed 001), or stores data unencrypted. S3 applies SSE-S3 to new buckets by ' +
      "default, but a template that declares no encryption fails the lesson's own assertions (BucketEncryption in the " +
      'unit tests) and leaves the choice of key undocumented.',
    fix:
      "For S3 use this library's SuffixedBucket, which declares encryption, or set `encryption: s3.BucketEncryption.S3_MANAGED` " +
      '(or KMS) on an aws-cdk-lib Bucket; in cdktf add an aws_s3_bucket_server_side_encryption_configuration whose ' +
      '`bucket` is the bucket\'s `id`. Set `storageEncrypted: true` (or a `storageEncryptionKey`) on rds.DatabaseInstance ' +
      '/ DatabaseCluster and `storage_encrypted = true` on aws_db_instance / aws_rds_cluster / aws_rds_global_cluster; ' +
      'keep EFS `encrypted` true. With an ElastiCache KMS key set AtRestEncryptionEnabled / at_rest_encryption_enabled ' +
      'to true (the AWS provider v6 types it as the string "true").',
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
  cloudformation: (resource) => cfnEvaluate(resource),
  terraform: (resource, context) => tfEvaluate(resource, context),
};
