import { CfnExample, ResourceView, RuleDefinition, RuleOutcome, Violation } from './model';
import { exampleTfTable } from './shared/examples';
import { asBoolean, asList, asObject, isSet, literalString, show } from './values';

/** DeletionPolicy / UpdateReplacePolicy values that leave the resource, or a snapshot of it, behind. */
const RETAINING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/**
 * CloudFormation properties that block deletion, on whichever type has them (RDS, Neptune, DocDB, DynamoDB, Logs, EKS, ...;
 * Network Firewall spells it DeleteProtection).
 */
const CFN_PROTECTION_PROPERTIES = ['DeletionProtection', 'DeletionProtectionEnabled', 'DeleteProtection'];

/**
 * Terraform attributes that block destroy (RDS, Aurora, DocDB, Neptune, DynamoDB, Cognito, QLDB; `enable_` on aws_lb / aws_alb;
 * `delete_protection` on aws_networkfirewall_firewall).
 */
const TF_PROTECTION_ATTRIBUTES = ['deletion_protection', 'deletion_protection_enabled', 'enable_deletion_protection', 'delete_protection'];

/** Terraform types whose `skip_final_snapshot` defaults to false: destroy then needs a final_snapshot_identifier, and leaves a snapshot. */
const TF_FINAL_SNAPSHOT_TYPES = new Set(['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster', 'aws_redshift_cluster']);

/**
 * True when a protection value is provably on: `true` / `"true"`, Cognito's `ACTIVE`,
 * Auto Scaling's `prevent-all-deletion`, Verified Permissions' `{ Mode: ENABLED }`.
 */
function protectionOn(value: unknown): boolean {
  if (asBoolean(value) === true) {
    return true;
  }
  const text = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  if (text === 'ACTIVE' || text === 'ENABLED' || text === 'PREVENT-ALL-DELETION') {
    return true;
  }
  const mode = asObject(value)?.Mode;
  return typeof mode === 'string' && mode.trim().toUpperCase() === 'ENABLED';
}

/** CloudFormation's own default is Snapshot for DB clusters and for DB instances outside a cluster. */
function defaultsToSnapshot(type: string, properties: Record<string, any>): boolean {
  return type === 'AWS::RDS::DBCluster' || (type === 'AWS::RDS::DBInstance' && properties.DBClusterIdentifier === undefined);
}

/**
 * An RDS read replica: RDS takes no final snapshot of one (DeleteDBInstance refuses FinalDBSnapshotIdentifier for a
 * read replica), so CloudFormation deletes it without one and a Snapshot policy, default or written, leaves nothing.
 */
function isCfnReadReplica(type: string, properties: Record<string, any>): boolean {
  return type === 'AWS::RDS::DBInstance' && isSet(properties.SourceDBInstanceIdentifier);
}

function cloudformation(resource: ResourceView): RuleOutcome {
  const type = typeof resource.type === 'string' ? resource.type : '';
  const properties = asObject(resource.properties) ?? {};
  const options = asObject(resource.options) ?? {};
  const violations: Violation[] = [];

  // DeletionPolicy and UpdateReplacePolicy are set together (RemovalPolicy), so they are one finding.
  const policies: string[] = [];
  const deletion = literalString(options.DeletionPolicy);
  const replace = literalString(options.UpdateReplacePolicy);
  const readReplica = isCfnReadReplica(type, properties);
  const retains = (policy: string | undefined) => policy !== undefined && RETAINING_POLICIES.has(policy) && !(readReplica && policy === 'Snapshot');
  if (retains(deletion)) {
    policies.push(`DeletionPolicy ${show(deletion)}`);
  } else if (options.DeletionPolicy === undefined && defaultsToSnapshot(type, properties) && !readReplica) {
    policies.push(`no DeletionPolicy (CloudFormation defaults to "Snapshot" for ${type})`);
  }
  if (retains(replace)) {
    policies.push(`UpdateReplacePolicy ${show(replace)}`);
  }
  if (policies.length > 0) {
    violations.push({
      message: `${capitalize(policies.join(' and '))}: deleting or replacing the resource leaves it, or a snapshot of it, behind.`,
      location: policies[0].startsWith('UpdateReplacePolicy') ? 'UpdateReplacePolicy' : 'DeletionPolicy',
    });
  }

  for (const property of CFN_PROTECTION_PROPERTIES) {
    if (protectionOn(properties[property])) {
      violations.push({
        message: `${property} is ${show(properties[property])}: CloudFormation cannot delete the ${type} until it is turned off.`,
        location: `Properties/${property}`,
      });
    }
  }
  if (type === 'AWS::QLDB::Ledger' && properties.DeletionProtection === undefined) {
    violations.push({ message: 'DeletionProtection is not set, and QLDB turns it on by default: the ledger cannot be deleted.', location: 'Properties/DeletionProtection' });
  }
  if (type === 'AWS::DynamoDB::GlobalTable') {
    // Global tables protect each replica separately.
    asList(properties.Replicas).forEach((replica, i) => {
      const value = asObject(replica)?.DeletionProtectionEnabled;
      if (protectionOn(value)) {
        violations.push({
          message: `Replica ${show(asObject(replica)?.Region ?? i)} has DeletionProtectionEnabled ${show(value)}: the global table cannot be deleted.`,
          location: `Properties/Replicas/${i}/DeletionProtectionEnabled`,
        });
      }
    });
  }
  if (type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
    asList(properties.LoadBalancerAttributes).forEach((attribute, i) => {
      const entry = asObject(attribute);
      if (entry?.Key === 'deletion_protection.enabled' && asBoolean(entry.Value) === true) {
        violations.push({
          message: `LoadBalancerAttributes sets deletion_protection.enabled to ${show(entry.Value)}: the load balancer cannot be deleted.`,
          location: `Properties/LoadBalancerAttributes/${i}`,
        });
      }
    });
  }
  if (type === 'AWS::EC2::Instance' && asBoolean(properties.DisableApiTermination) === true) {
    violations.push({
      message: `DisableApiTermination is ${show(properties.DisableApiTermination)}: the instance cannot be terminated, so the stack cannot be deleted.`,
      location: 'Properties/DisableApiTermination',
    });
  }
  return violations;
}

function terraform(resource: ResourceView): RuleOutcome {
  const type = typeof resource.type === 'string' ? resource.type : '';
  const properties = asObject(resource.properties) ?? {};
  const options = asObject(resource.options) ?? {};
  const violations: Violation[] = [];

  // cdk.tf.json writes lifecycle as an object; HCL-style JSON may write a list of them.
  if (asList(options.lifecycle).some((block) => asBoolean(asObject(block)?.prevent_destroy) === true)) {
    violations.push({ message: 'lifecycle.prevent_destroy is true: terraform destroy refuses to run for this resource.', location: 'lifecycle.prevent_destroy' });
  }
  for (const attribute of TF_PROTECTION_ATTRIBUTES) {
    if (protectionOn(properties[attribute])) {
      violations.push({
        message: `${attribute} is ${show(properties[attribute])}: terraform destroy fails until it is turned off.`,
        location: attribute,
      });
    }
  }
  if (type === 'aws_qldb_ledger' && properties.deletion_protection === undefined) {
    violations.push({ message: 'deletion_protection is not set, and it defaults to true: terraform destroy fails.', location: 'deletion_protection' });
  }
  if (TF_FINAL_SNAPSHOT_TYPES.has(type)) {
    const raw = properties.skip_final_snapshot;
    // Absent means the provider default, false. A reference is not judged.
    const skip = raw === undefined || raw === null ? false : asBoolean(raw);
    if (skip === false) {
      const shown = raw === undefined || raw === null ? 'not set (the provider default is false)' : show(raw);
      violations.push({
        message: isSet(properties.replicate_source_db)
          ? `skip_final_snapshot is ${shown} on a read replica (replicate_source_db): RDS takes no snapshot of a replica, but the ` +
            'provider\'s destroy still stops with "final_snapshot_identifier is required" until skip_final_snapshot is true.'
          : `skip_final_snapshot is ${shown}: destroy takes a final ` +
            'snapshot, which fails without final_snapshot_identifier and otherwise leaves the snapshot behind.',
        location: 'skip_final_snapshot',
      });
    }
  }
  if ((type === 'aws_instance' || type === 'aws_spot_instance_request') && asBoolean(properties.disable_api_termination) === true) {
    violations.push({
      message: `disable_api_termination is ${show(properties.disable_api_termination)}: the instance cannot be terminated, so destroy fails.`,
      location: 'disable_api_termination',
    });
  }
  if (type === 'aws_cloudwatch_log_group' && asBoolean(properties.skip_destroy) === true) {
    violations.push({
      message: `skip_destroy is ${show(properties.skip_destroy)}: destroy removes the log group from state but leaves it (and its name) in the account.`,
      location: 'skip_destroy',
    });
  }
  return violations;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stack whose resources survive deletion cannot be torn down cleanly, and the leftovers collide with the next deployment. */
export const retainOnDelete: RuleDefinition = {
  metadata: {
    id: 'retain-on-delete',
    title: 'Resources are destroyed with their stack',
    lesson: '000 "Quick Reference Commands" ("Verify destroyability"), 000 "7. RDS Multi-AZ Deployment Time" (skip_final_snapshot)',
    why:
      'A Retain / RetainExceptOnCreate / Snapshot policy leaves the resource or a snapshot behind when the stack is deleted; ' +
      'deletion protection and EC2 termination protection make the delete fail outright; Terraform\'s prevent_destroy and a ' +
      'missing skip_final_snapshot make terraform destroy fail. Either way the environment cannot be torn down, it keeps ' +
      'costing money, and its leftovers (same physical names) make the next deployment fail with "already exists". ' +
      'aws-cdk-lib\'s default RemovalPolicy for buckets, tables, log groups and databases is RETAIN or SNAPSHOT, so default ' +
      'L2 constructs are reported.',
    fix:
      'For environments that are created and destroyed (pull requests, tests): `removalPolicy: RemovalPolicy.DESTROY` ' +
      '(buckets also `autoDeleteObjects: true`, or the library\'s SuffixedBucket, which sets both), `deletionProtection: false`; ' +
      'in Terraform `skip_final_snapshot = true`, no `deletion_protection`, no `lifecycle { prevent_destroy = true }`. Keep ' +
      'retention for long-lived data stores only, and acknowledge the finding there. Network Firewall: ' +
      '`DeleteProtection: false` / `delete_protection = false`.',
    notReported: [
      'CloudFormation RDS read replicas (AWS::RDS::DBInstance with SourceDBInstanceIdentifier) under the default or a written ' +
        'Snapshot policy: RDS takes no final snapshot of a read replica (DeleteDBInstance accepts no FinalDBSnapshotIdentifier ' +
        'for one), so deleting the stack leaves nothing behind. Retain and deletion protection on a replica are still reported. ' +
        'Terraform replicas are reported: the AWS provider\'s destroy stops with "final_snapshot_identifier is required" ' +
        'unless skip_final_snapshot is true.',
      'Aurora DB instances (AWS::RDS::DBInstance with DBClusterIdentifier) without a DeletionPolicy: CloudFormation\'s ' +
        'default for them is Delete; the cluster takes the snapshot and is reported itself.',
      'A DeletionPolicy or protection given by reference or condition: it is not proven on.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample('Retain'),
        compliant: cfnExample('Delete'),
      },
      terraform: {
        nonCompliant: { resource: { aws_dynamodb_table: { orders: exampleTfTable('pk', { deletion_protection_enabled: true }) } } },
        compliant: { resource: { aws_dynamodb_table: { orders: exampleTfTable('pk') } } },
      },
    },
  },
  cloudformation: (resource) => cloudformation(resource),
  terraform: (resource) => terraform(resource),
};

/** The orders table with this removal policy (DeletionPolicy and UpdateReplacePolicy, as RemovalPolicy sets them). */
function cfnExample(policy: string): CfnExample {
  return {
    resources: {
      OrdersTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'orders-pr123',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
        UpdateReplacePolicy: policy,
        DeletionPolicy: policy,
      },
    },
  };
}
