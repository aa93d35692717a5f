import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, TfExample } from './model';
import { exampleCfnDatabase, exampleCfnManagedPolicyArn, exampleTfAuroraCluster, exampleTfRole, exampleTrustPolicy } from './shared/examples';
import { tfReference } from './shared/terraform';
import { resourcesOfType, stackResources } from './shared/views';
import { asNumber, asObject, isCfnIntrinsic, isSet, literalString, show, templateString } from './values';

const CFN_TYPES = new Set(['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']);
const TF_TYPES = new Set(['aws_db_instance', 'aws_rds_cluster_instance', 'aws_rds_cluster']);
const CFN_ROLE = 'AWS::IAM::Role';
const TF_ROLE = 'aws_iam_role';

/** `arn:<partition>:iam::<account>:role/<path/>name`: the role name is the last segment. */
const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/;
/** The same for a template whose partition and account are `${...}` placeholders (which hold colons). */
const ROLE_ARN_TEMPLATE = /^arn:.*:iam::.*:role\/(?:.*\/)?([^/]+)$/;

/** What is wrong with the role ARN, or undefined when it refers to a role the app provides (or cannot be judged). */
type Problem = string | undefined;

/**
 * A role name taken from a literal ARN (or the literal tail of an ARN template) must be the literal
 * name of a role the app creates. IAM role names are unique regardless of case, so compare without it.
 */
function literalArnProblem(arn: string, context: RuleContext, roleType: string, nameProperty: string): Problem {
  const match = ROLE_ARN.exec(arn);
  if (!match) {
    return `${show(arn)} is not an IAM role ARN`;
  }
  return roleNameProblem(match[1], arn, context, roleType, nameProperty);
}

function roleNameProblem(name: string, arn: string, context: RuleContext, roleType: string, nameProperty: string): Problem {
  const wanted = name.toLowerCase();
  const created = resourcesOfType(context, roleType).some(
    (role) => literalString(asObject(role.properties)?.[nameProperty])?.toLowerCase() === wanted,
  );
  return created ? undefined : `${show(arn)} names the role ${show(name)}, which no ${roleType} in the app creates`;
}

/** For an ARN built from parts (`Fn::Sub`, `Fn::Join`, a Terraform template): judge only a literal role name. */
function templateArnProblem(template: string, context: RuleContext, roleType: string, nameProperty: string): Problem {
  const match = ROLE_ARN_TEMPLATE.exec(template);
  if (!match || match[1].includes('${') || match[1].includes('}')) {
    return undefined;
  }
  return roleNameProblem(match[1], template, context, roleType, nameProperty);
}

// ---------------------------------------------------------------- CloudFormation

function cfnGetAttProblem(argument: unknown, context: RuleContext): Problem {
  const [logicalId, attribute] = Array.isArray(argument)
    ? [argument[0], argument[1]]
    : typeof argument === 'string' ? [argument.split('.')[0], argument.split('.').slice(1).join('.')] : [undefined, undefined];
  if (typeof logicalId !== 'string' || typeof attribute !== 'string') {
    return undefined;
  }
  const target = context.resourceInStack?.(logicalId);
  if (!target) {
    return `Fn::GetAtt refers to ${show(logicalId)}, which is not a resource in this stack`;
  }
  if (target.type !== CFN_ROLE) {
    return `Fn::GetAtt refers to ${show(logicalId)}, a ${target.type}, not an ${CFN_ROLE}`;
  }
  return attribute === 'Arn' ? undefined : `Fn::GetAtt takes ${show(attribute)} of the role ${show(logicalId)}, not its Arn`;
}

function cfnRefProblem(argument: unknown, context: RuleContext): Problem {
  if (typeof argument !== 'string') {
    return undefined;
  }
  const target = context.resourceInStack?.(argument);
  if (!target) {
    // A parameter (nested stacks pass roles this way): cannot be proven wrong.
    return undefined;
  }
  return target.type === CFN_ROLE
    ? `Ref ${show(argument)} gives the role's name, not its ARN (use Fn::GetAtt [${argument}, Arn])`
    : `Ref ${show(argument)} refers to a ${target.type}, not an ${CFN_ROLE}`;
}

function cfnProblem(arn: unknown, context: RuleContext): Problem {
  if (!isSet(arn)) {
    return 'there is no MonitoringRoleArn';
  }
  if (typeof arn === 'string') {
    return literalArnProblem(arn, context, CFN_ROLE, 'RoleName');
  }
  if (!isCfnIntrinsic(arn)) {
    return `MonitoringRoleArn is ${show(arn)}, not a role ARN`;
  }
  const [fn, argument] = Object.entries(arn as Record<string, unknown>)[0];
  switch (fn) {
    case 'Fn::GetAtt':
      return cfnGetAttProblem(argument, context);
    case 'Ref':
      return cfnRefProblem(argument, context);
    case 'Fn::Sub':
    case 'Fn::Join': {
      const literal = literalString(arn);
      if (literal !== undefined) {
        return literalArnProblem(literal, context, CFN_ROLE, 'RoleName');
      }
      const template = templateString(arn);
      return template === undefined ? undefined : templateArnProblem(template, context, CFN_ROLE, 'RoleName');
    }
    default:
      // Fn::ImportValue (another stack's role), Fn::If, Fn::Select...: a reference, not provably wrong.
      return undefined;
  }
}

// ---------------------------------------------------------------- Terraform

function tfProblem(arn: unknown, context: RuleContext): Problem {
  if (!isSet(arn)) {
    return 'there is no monitoring_role_arn';
  }
  if (typeof arn !== 'string') {
    return `monitoring_role_arn is ${show(arn)}, not a role ARN`;
  }
  if (!arn.includes('${')) {
    return literalArnProblem(arn, context, TF_ROLE, 'name');
  }
  const reference = tfReference(arn);
  if (!reference) {
    // `${var.x}`, remote state, a function or a template: judge a literal role name only.
    return templateArnProblem(arn, context, TF_ROLE, 'name');
  }
  const { data, type, name, attribute } = reference;
  if (data) {
    // A data source looks up an existing role: not provable at synth time.
    return undefined;
  }
  const address = `${type}.${name}`;
  if (type !== TF_ROLE) {
    return `${show(arn)} refers to ${address}, not an ${TF_ROLE}`;
  }
  // A resource reference resolves inside its own stack (cdktf turns cross-stack ones into remote state).
  if (!stackResources(context).some((r) => r?.type === TF_ROLE && r.logicalId === name)) {
    return `${show(arn)} refers to ${address}, which this stack does not define`;
  }
  return attribute === 'arn' ? undefined : `${show(arn)} takes .${attribute} of ${address} (the role's name), not its arn`;
}

// ---------------------------------------------------------------- shared

function evaluate(
  types: ReadonlySet<string>,
  intervalName: string,
  arnName: string,
  prefix: string,
  problemOf: (arn: unknown, context: RuleContext) => Problem,
  resource: ResourceView,
  context: RuleContext,
): RuleOutcome {
  if (!types.has(resource.type)) {
    return NOT_APPLICABLE;
  }
  const properties = asObject(resource.properties) ?? {};
  const interval = properties[intervalName];
  const seconds = asNumber(interval);
  // 0 or unset switches Enhanced Monitoring off; a referenced interval cannot be judged.
  if (seconds === undefined || seconds <= 0) {
    return NOT_APPLICABLE;
  }
  const problem = problemOf(properties[arnName], context);
  return problem === undefined
    ? []
    : [{
      message: `${intervalName} is ${show(interval)} (Enhanced Monitoring) but ${problem}: RDS needs a role it can assume to publish the metrics.`,
      location: prefix + arnName,
    }];
}

/** Enhanced Monitoring needs a role RDS can assume; one the app does not create makes the database fail to create. */
export const rdsMonitoringRole: RuleDefinition = {
  metadata: {
    id: 'rds-monitoring-role',
    title: 'Enhanced Monitoring needs a monitoring role from the app',
    lesson: '004 "Failure #3: IAM Role Reference Errors"',
    why:
      'With MonitoringInterval above 0, RDS creates the instance or cluster only with a MonitoringRoleArn that ' +
      'monitoring.rds.amazonaws.com can assume. Without one the call is rejected ("A MonitoringRoleARN value is ' +
      'required if you specify a MonitoringInterval value other than 0"); with an ARN of a role the app does not ' +
      'create (seed 004: `rds-monitoring-role`), the deployment fails with "Role not found" after the network and ' +
      'cluster have been created, or works in one account and fails in every fresh one.',
    fix:
      'In aws-cdk-lib set `monitoringInterval` on rds.DatabaseInstance / DatabaseCluster and let it create the role ' +
      '(or pass `monitoringRole` a Role from the same app); in CloudFormation use Fn::GetAtt [<Role>, Arn], not Ref. ' +
      'In cdktf create an aws_iam_role trusted by monitoring.rds.amazonaws.com, attach ' +
      'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole, and pass `role.arn`. ' +
      'If Enhanced Monitoring is not required, remove the monitoring interval instead (seed 004\'s fix).',
    notReported: [
      'MonitoringInterval 0 or unset (Enhanced Monitoring off), and intervals given by reference.',
      'Role ARNs from a parameter, another stack (Fn::ImportValue), a data source or a variable: an existing role is not provably missing at synth time.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            Database: cfnDatabase({
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/rds-monitoring-role']],
            }),
          },
        },
        compliant: {
          resources: {
            DatabaseMonitoringRole: {
              Type: CFN_ROLE,
              Properties: {
                AssumeRolePolicyDocument: exampleTrustPolicy('monitoring.rds.amazonaws.com'),
                ManagedPolicyArns: [exampleCfnManagedPolicyArn('service-role/AmazonRDSEnhancedMonitoringRole')],
              },
            },
            Database: cfnDatabase({ 'Fn::GetAtt': ['DatabaseMonitoringRole', 'Arn'] }),
          },
        },
      },
      terraform: {
        nonCompliant: {
          blocks: { data: { aws_caller_identity: { current: {} } } },
          resource: tfCluster('arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/rds-monitoring-role'),
        },
        compliant: {
          resource: {
            aws_iam_role: { monitoring: exampleTfRole('rds-monitoring-pr123', 'monitoring.rds.amazonaws.com') },
            aws_iam_role_policy_attachment: {
              monitoring: {
                role: '${aws_iam_role.monitoring.name}',
                policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
              },
            },
            ...tfCluster('${aws_iam_role.monitoring.arn}'),
          },
        },
      },
    },
  },
  cloudformation: (resource, context) =>
    evaluate(CFN_TYPES, 'MonitoringInterval', 'MonitoringRoleArn', 'Properties/', cfnProblem, resource, context),
  terraform: (resource, context) =>
    evaluate(TF_TYPES, 'monitoring_interval', 'monitoring_role_arn', '', tfProblem, resource, context),
};

/** The orders database with Enhanced Monitoring every minute, through this role ARN. */
function cfnDatabase(monitoringRoleArn: unknown): CfnExample['resources'][string] {
  return exampleCfnDatabase({ StorageEncrypted: true, BackupRetentionPeriod: 1, MonitoringInterval: 60, MonitoringRoleArn: monitoringRoleArn });
}

/** An Aurora cluster whose writer has Enhanced Monitoring every minute, through this role ARN. */
function tfCluster(monitoringRoleArn: string): TfExample['resource'] {
  return {
    aws_rds_cluster: { orders: exampleTfAuroraCluster(false) },
    aws_rds_cluster_instance: {
      writer: {
        identifier: 'orders-writer-pr123',
        cluster_identifier: '${aws_rds_cluster.orders.id}',
        instance_class: 'db.r6g.large',
        engine: '${aws_rds_cluster.orders.engine}',
        monitoring_interval: 60,
        monitoring_role_arn: monitoringRoleArn,
      },
    },
  };
}
