import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, TfExample } from './model';
import { exampleCfnAuroraCluster } from './shared/examples';
import { resourcesOfType, stackResources } from './shared/views';
import { asObject, isSet, isTfInterpolation, literalString, show } from './values';

interface Names {
  readonly clusterType: string;
  readonly globalType: string;
  readonly property: string;
  readonly location: string;
  /** How to refer to a global cluster by reference, for the message. */
  readonly referenceTo: (global: ResourceView) => string;
}

const CFN: Names = {
  clusterType: 'AWS::RDS::DBCluster',
  globalType: 'AWS::RDS::GlobalCluster',
  property: 'GlobalClusterIdentifier',
  location: 'Properties/GlobalClusterIdentifier',
  referenceTo: (global) => `{ Ref: ${show(global.logicalId)} }`,
};

const TF: Names = {
  clusterType: 'aws_rds_cluster',
  globalType: 'aws_rds_global_cluster',
  property: 'global_cluster_identifier',
  location: 'global_cluster_identifier',
  referenceTo: (global) => '${aws_rds_global_cluster.' + global.logicalId + '.id}',
};

/** Where the global cluster with this literal identifier is created, when the app creates it, for a concrete fix. */
function creator(identifier: string, names: Names, context: RuleContext): string {
  // Global cluster identifiers are stored in lowercase.
  const wanted = identifier.toLowerCase();
  const global = resourcesOfType(context, names.globalType).find(
    (g) => literalString(asObject(g.properties)?.[names.property])?.toLowerCase() === wanted,
  );
  if (!global) {
    return ' No global cluster in the app has that identifier, so nothing orders or checks it.';
  }
  const sameStack = stackResources(context).includes(global);
  return sameStack
    ? ` It is ${names.globalType} ${global.logicalId} in this stack: use ${names.referenceTo(global)}.`
    : ` It is ${names.globalType} ${global.logicalId} in another stack (${global.path}): pass its identifier across stacks.`;
}

function evaluate(names: Names, resource: ResourceView, context: RuleContext): RuleOutcome {
  if (resource.type !== names.clusterType) {
    return NOT_APPLICABLE;
  }
  const value = asObject(resource.properties)?.[names.property];
  if (!isSet(value)) {
    return NOT_APPLICABLE;
  }
  // A CloudFormation intrinsic or a `${...}` reference is what we want; an Fn::Join of literals is still hard-coded.
  const identifier = isTfInterpolation(value) ? undefined : literalString(value);
  if (identifier === undefined) {
    return [];
  }
  return [{
    message:
      `${names.property} is the literal ${show(value)}: the cluster joins its global cluster by a hard-coded name, ` +
      'with no dependency on the resource that creates it.' + creator(identifier, names, context),
    location: names.location,
  }];
}

/** A global cluster and a primary cluster joining it, with credentials from a generated secret, as aws-cdk-lib synthesizes them. */
function cfnResources(globalClusterIdentifier: unknown): CfnExample['resources'] {
  return {
    GlobalCluster: {
      Type: 'AWS::RDS::GlobalCluster',
      Properties: { GlobalClusterIdentifier: 'orders-global-pr123', Engine: 'aurora-postgresql', EngineVersion: '16.4', StorageEncrypted: true },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    },
    ClusterSecret: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: {
        Description: 'Orders database administrator',
        GenerateSecretString: {
          SecretStringTemplate: '{"username":"dbadmin"}',
          GenerateStringKey: 'password',
          PasswordLength: 30,
          ExcludeCharacters: ' %+~`#$&*()|[]{}:;<>?!\'/@"\\',
        },
      },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    },
    Cluster: exampleCfnAuroraCluster({
      GlobalClusterIdentifier: globalClusterIdentifier,
      MasterUsername: 'dbadmin',
      MasterUserPassword: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'ClusterSecret' }, ':SecretString:password::}}']] },
    }),
  };
}

/** Two regions through provider aliases, and the primary's password as a sensitive variable. */
const tfBlocks = {
  provider: { aws: [{ region: 'us-east-1' }, { alias: 'secondary', region: 'us-west-2' }] },
  variable: { db_password: { type: 'string', sensitive: true } },
};

/** The Terraform pattern: a primary cluster, a global cluster made from it, and a secondary cluster in the other region. */
function tfResources(globalClusterIdentifier: string): TfExample['resource'] {
  return {
    aws_rds_cluster: {
      primary: {
        cluster_identifier: 'orders-primary-pr123',
        engine: 'aurora-postgresql',
        engine_version: '16.4',
        master_username: 'dbadmin',
        master_password: '${var.db_password}',
        storage_encrypted: true,
        backup_retention_period: 1,
        skip_final_snapshot: true,
        // The primary joins through source_db_cluster_identifier; the provider docs ask to ignore the echo.
        lifecycle: { ignore_changes: ['global_cluster_identifier'] },
      },
      secondary: {
        provider: 'aws.secondary',
        cluster_identifier: 'orders-secondary-pr123',
        engine: 'aurora-postgresql',
        engine_version: '16.4',
        global_cluster_identifier: globalClusterIdentifier,
        storage_encrypted: true,
        kms_key_id: '${aws_kms_key.secondary.arn}',
        backup_retention_period: 1,
        skip_final_snapshot: true,
      },
    },
    aws_rds_global_cluster: {
      orders: {
        global_cluster_identifier: 'orders-global-pr123',
        source_db_cluster_identifier: '${aws_rds_cluster.primary.arn}',
        force_destroy: true,
      },
    },
    aws_kms_key: {
      secondary: { provider: 'aws.secondary', description: 'Orders secondary cluster', deletion_window_in_days: 7, enable_key_rotation: true },
    },
  };
}

/** A hard-coded global cluster identifier breaks the ordering and the per-environment naming of Aurora Global Database. */
export const hardcodedGlobalClusterId: RuleDefinition = {
  metadata: {
    id: 'hardcoded-global-cluster-id',
    title: 'Refer to the Aurora global cluster, do not hard-code its identifier',
    lesson: '004 "Failure #2: Aurora Global DB Cross-Stack References"',
    why:
      'A cluster that joins a global database by a literal identifier has no dependency on the stack or resource ' +
      'that creates the global cluster: CloudFormation or Terraform may create it first and fail with ' +
      'GlobalClusterNotFoundFault, a second environment (another suffix) joins, or fails to find, the wrong global ' +
      'cluster, and renaming the global cluster silently breaks the link (seed 004: "Stack dependencies broken, ' +
      'deployment would fail or create duplicate global clusters").',
    fix:
      'Pass the global cluster by reference: in aws-cdk-lib `globalCluster.ref` of the rds.CfnGlobalCluster ' +
      '(`{ Ref }`), handed to the secondary region\'s stack as a prop (with `crossRegionReferences: true`); in cdktf ' +
      '`globalCluster.id` (`${aws_rds_global_cluster.x.id}`), passed to the secondary stack\'s constructor so cdktf ' +
      'wires the cross-stack reference.',
    notReported: [
      'A GlobalClusterIdentifier given by reference (Ref, Fn::GetAtt, `${aws_rds_global_cluster.x.id}`): that is the fix.',
      'The global cluster\'s own identifier: naming it is what creates it; only members that repeat it as a literal are reported.',
    ],
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: { resources: cfnResources('orders-global-pr123') },
        compliant: { resources: cfnResources({ Ref: 'GlobalCluster' }) },
      },
      terraform: {
        nonCompliant: { blocks: tfBlocks, resource: tfResources('orders-global-pr123') },
        compliant: { blocks: tfBlocks, resource: tfResources('${aws_rds_global_cluster.orders.id}') },
      },
    },
  },
  cloudformation: (resource, context) => evaluate(CFN, resource, context),
  terraform: (resource, context) => evaluate(TF, resource, context),
};
