import { NOT_APPLICABLE, ResourceView, RuleDefinition, RuleOutcome, Violation } from './model';
import { exampleCfnAuroraCluster, exampleCfnDatabase, exampleTfAuroraCluster, exampleTfDatabase } from './shared/examples';
import { isAuroraEngine, isClusterMember } from './shared/rds';
import { asBoolean, asNumber, asObject, isSet, show } from './values';

/** Property names per engine; the checks are the same. */
interface Names {
  readonly instanceType: string;
  readonly clusterType: string;
  readonly engine: string;
  readonly multiAz: string;
  readonly backupRetention: string;
  readonly clusterInstanceClass: string;
  /** Set on an instance that belongs to an (Aurora) cluster. */
  readonly memberOfCluster?: string;
  /** Prefix of `location` values. */
  readonly prefix: string;
}

const CFN: Names = {
  instanceType: 'AWS::RDS::DBInstance',
  clusterType: 'AWS::RDS::DBCluster',
  engine: 'Engine',
  multiAz: 'MultiAZ',
  backupRetention: 'BackupRetentionPeriod',
  clusterInstanceClass: 'DBClusterInstanceClass',
  memberOfCluster: 'DBClusterIdentifier',
  prefix: 'Properties/',
};

const TF: Names = {
  instanceType: 'aws_db_instance',
  clusterType: 'aws_rds_cluster',
  engine: 'engine',
  multiAz: 'multi_az',
  backupRetention: 'backup_retention_period',
  clusterInstanceClass: 'db_cluster_instance_class',
  prefix: '',
};

/**
 * An absent retention is the service default, 1 day (CloudFormation, the RDS API and the
 * AWS provider alike; aws-cdk-lib only writes BackupRetentionPeriod when `backup.retention` /
 * `backupRetention` is given), so only a literal above 1 is reported.
 */
function backupRetention(properties: Record<string, any>, names: Names): Violation[] {
  const value = properties[names.backupRetention];
  const days = asNumber(value);
  return days !== undefined && days > 1
    ? [{
      message: `${names.backupRetention} is ${show(value)}: backups are kept for more than the 1 day that keeps creation fast and storage cheap.`,
      location: names.prefix + names.backupRetention,
    }]
    : [];
}

function evaluate(names: Names, resource: ResourceView): RuleOutcome {
  const properties = asObject(resource.properties) ?? {};
  const engine = properties[names.engine];
  if (resource.type === names.instanceType) {
    // Aurora instances take Multi-AZ and backups from their cluster; the cluster is checked.
    if (isClusterMember(engine, names.memberOfCluster && properties[names.memberOfCluster])) {
      return NOT_APPLICABLE;
    }
    const violations: Violation[] = [];
    const multiAz = properties[names.multiAz];
    if (asBoolean(multiAz) === true) {
      violations.push({
        message:
          `${names.multiAz} is ${show(multiAz)} on a provisioned instance (engine ${show(engine ?? null)}): ` +
          'a Multi-AZ instance and its standby take 20-30+ minutes to create.',
        location: names.prefix + names.multiAz,
      });
    }
    return [...violations, ...backupRetention(properties, names)];
  }
  if (resource.type === names.clusterType) {
    const violations: Violation[] = [];
    const instanceClass = properties[names.clusterInstanceClass];
    // The cluster instance class only exists on Multi-AZ DB clusters (three provisioned instances).
    if (isSet(instanceClass) && !isAuroraEngine(engine)) {
      violations.push({
        message:
          `${names.clusterInstanceClass} is ${show(instanceClass)} with engine ${show(engine ?? null)}: ` +
          'this is a provisioned Multi-AZ DB cluster (a writer and two readers), slow to create.',
        location: names.prefix + names.clusterInstanceClass,
      });
    }
    return [...violations, ...backupRetention(properties, names)];
  }
  return NOT_APPLICABLE;
}

/** Multi-AZ and long backup retention make RDS creation slow enough to time deployments out. */
export const rdsSlowProvisioning: RuleDefinition = {
  metadata: {
    id: 'rds-slow-provisioning',
    title: 'No provisioned Multi-AZ database and no backup retention above 1 day',
    lesson: '000 "RDS Multi-AZ Deployment Time"',
    why:
      'A provisioned Multi-AZ RDS instance or Multi-AZ DB cluster takes 20-30+ minutes to create and as long to ' +
      'delete, so deployments and teardowns time out, and it costs $350+ a month. The lesson sets the backup retention ' +
      'to 1 day (the minimum) for faster creation: longer retention also keeps automated backups, billed as storage, ' +
      'for an environment that lives for hours.',
    fix:
      'Use Aurora Serverless v2: an aws-cdk-lib rds.DatabaseCluster with `writer: rds.ClusterInstance.serverlessV2(...)` ' +
      '(instance class db.serverless), or in cdktf an aws_rds_cluster with serverlessv2_scaling_configuration and an ' +
      'aws_rds_cluster_instance with instance_class "db.serverless". Otherwise drop MultiAZ / multi_az and ' +
      'DBClusterInstanceClass / db_cluster_instance_class, and set the backup retention to 1 day ' +
      '(`backupRetention: Duration.days(1)`, `backup_retention_period = 1`). Where Multi-AZ is a real requirement, ' +
      'keep it, raise the deployment timeouts and acknowledge this warning.',
    notReported: [
      'Aurora DB instances: Multi-AZ and backups belong to their cluster, which is judged.',
      'Backup retention unset or 1 day (the service default, 1 day, is what keeps creation fast); values given by reference.',
      'Aurora clusters (serverless or provisioned) and single-AZ instances: no Multi-AZ standby to create (their backup retention is still judged).',
    ],
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            Database: exampleCfnDatabase({ StorageEncrypted: true, MultiAZ: true, BackupRetentionPeriod: 7 }),
          },
        },
        compliant: {
          resources: {
            Cluster: exampleCfnAuroraCluster({ MasterUsername: 'dbadmin', ManageMasterUserPassword: true }),
            ClusterWriter: {
              Type: 'AWS::RDS::DBInstance',
              Properties: {
                DBClusterIdentifier: { Ref: 'Cluster' },
                DBInstanceClass: 'db.serverless',
                Engine: 'aurora-postgresql',
                PromotionTier: 0,
                PubliclyAccessible: false,
              },
              DeletionPolicy: 'Delete',
              UpdateReplacePolicy: 'Delete',
            },
          },
        },
      },
      terraform: {
        nonCompliant: {
          resource: {
            aws_db_instance: {
              orders: exampleTfDatabase({ storage_encrypted: true, multi_az: true, backup_retention_period: 7, skip_final_snapshot: true }),
            },
          },
        },
        compliant: {
          resource: {
            aws_rds_cluster: { orders: exampleTfAuroraCluster(true) },
            aws_rds_cluster_instance: {
              writer: {
                identifier: 'orders-writer-pr123',
                cluster_identifier: '${aws_rds_cluster.orders.id}',
                instance_class: 'db.serverless',
                engine: '${aws_rds_cluster.orders.engine}',
                engine_version: '${aws_rds_cluster.orders.engine_version}',
              },
            },
          },
        },
      },
    },
  },
  cloudformation: (resource) => evaluate(CFN, resource),
  terraform: (resource) => evaluate(TF, resource),
};
