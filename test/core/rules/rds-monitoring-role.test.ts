import { cfnFindings, cfnStackView, expectOutcomes, JUNK, tfFindings, tfStackView } from './helpers';
import { evaluate } from '../../../src/core/engine/evaluate';
import { CfnExample, ResourceView, TfExample } from '../../../src/core/rules/model';
import { rdsMonitoringRole } from '../../../src/core/rules/rds-monitoring-role';

const examples = rdsMonitoringRole.metadata.examples;

const ROLE = {
  Type: 'AWS::IAM::Role',
  Properties: {
    RoleName: 'rds-monitoring-pr123',
    AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' } }] },
  },
};

/** A DB instance with Enhanced Monitoring every 60 s and the given role ARN, plus other resources. */
function cfnDb(roleArn: unknown, others: CfnExample['resources'] = {}, type = 'AWS::RDS::DBInstance'): CfnExample {
  const properties: Record<string, any> = { Engine: 'postgres', MonitoringInterval: 60 };
  if (roleArn !== undefined) properties.MonitoringRoleArn = roleArn;
  return { resources: { ...others, Db: { Type: type, Properties: properties, DeletionPolicy: 'Delete' } } };
}

function cfnMessages(example: CfnExample): string[] {
  return cfnFindings(rdsMonitoringRole, example).map((f) => f.message);
}

/** An aws_rds_cluster_instance with monitoring every 60 s and the given role ARN, plus other resources. */
function tfDb(roleArn: unknown, others: TfExample['resource'] = {}, type = 'aws_rds_cluster_instance'): TfExample {
  const attributes: Record<string, any> = { instance_class: 'db.r6g.large', monitoring_interval: 60 };
  if (roleArn !== undefined) attributes.monitoring_role_arn = roleArn;
  return { resource: { ...others, [type]: { db: attributes } } };
}

function tfMessages(example: TfExample): string[] {
  return tfFindings(rdsMonitoringRole, example).map((f) => f.message);
}

describe('rds-monitoring-role metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue error from seed 004 Failure #3', () => {
    expect(rdsMonitoringRole.metadata).toMatchObject({ id: 'rds-monitoring-role', defaultSeverity: 'error' });
    expect(rdsMonitoringRole.metadata.lesson).toContain('004 "Failure #3');
    expect(rdsMonitoringRole.metadata.fix).toContain('AmazonRDSEnhancedMonitoringRole');
  });
});

describe('rds-monitoring-role (CloudFormation)', () => {
  test('GIVEN the non-compliant example (an ARN of a role nobody creates) WHEN evaluated THEN it is reported', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(rdsMonitoringRole, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'rds-monitoring-role',
      severity: 'error',
      path: 'Stack/Database',
      location: 'Properties/MonitoringRoleArn',
    });
    expect(findings[0].message).toContain('MonitoringInterval is 60');
    expect(findings[0].message).toContain('names the role "rds-monitoring-role", which no AWS::IAM::Role in the app creates');
  });

  test('GIVEN the compliant example (Fn::GetAtt of the monitoring role) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(rdsMonitoringRole, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN MonitoringInterval without any role WHEN evaluated THEN it is reported', () => {
    expect(cfnMessages(cfnDb(undefined))).toEqual([expect.stringContaining('there is no MonitoringRoleArn')]);
    expect(cfnMessages(cfnDb(''))).toEqual([expect.stringContaining('there is no MonitoringRoleArn')]);
  });

  test('GIVEN MonitoringInterval 0, absent or a reference WHEN there is no role THEN nothing is reported', () => {
    for (const interval of [0, '0', undefined, { Ref: 'Interval' }]) {
      const example = { resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MonitoringInterval: interval } } } };
      expect(cfnFindings(rdsMonitoringRole, example)).toEqual([]);
    }
  });

  test('GIVEN MonitoringInterval as the string "30" on a DB cluster WHEN there is no role THEN it is reported with the value', () => {
    const example = { resources: { C: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'mysql', MonitoringInterval: '30' } } } };
    expect(cfnFindings(rdsMonitoringRole, example).map((f) => f.message)).toEqual([expect.stringContaining('MonitoringInterval is "30"')]);
  });

  test('GIVEN Fn::GetAtt of a role in the string form WHEN evaluated THEN nothing is reported', () => {
    expect(cfnMessages(cfnDb({ 'Fn::GetAtt': 'MonitoringRole.Arn' }, { MonitoringRole: ROLE }))).toEqual([]);
  });

  test('GIVEN Fn::GetAtt of something that is not a role, or is missing, or not its Arn WHEN evaluated THEN each is reported', () => {
    const fn = { Type: 'AWS::Lambda::Function', Properties: {} };
    expect(cfnMessages(cfnDb({ 'Fn::GetAtt': ['Fn', 'Arn'] }, { Fn: fn }))).toEqual([
      expect.stringContaining('Fn::GetAtt refers to "Fn", a AWS::Lambda::Function, not an AWS::IAM::Role'),
    ]);
    expect(cfnMessages(cfnDb({ 'Fn::GetAtt': ['MonitoringRole', 'Arn'] }))).toEqual([
      expect.stringContaining('"MonitoringRole", which is not a resource in this stack'),
    ]);
    expect(cfnMessages(cfnDb({ 'Fn::GetAtt': ['MonitoringRole', 'RoleId'] }, { MonitoringRole: ROLE }))).toEqual([
      expect.stringContaining('takes "RoleId" of the role "MonitoringRole", not its Arn'),
    ]);
  });

  test('GIVEN Ref of the role (its name) WHEN evaluated THEN it is reported; Ref of a parameter is not', () => {
    expect(cfnMessages(cfnDb({ Ref: 'MonitoringRole' }, { MonitoringRole: ROLE }))).toEqual([
      expect.stringContaining('gives the role\'s name, not its ARN'),
    ]);
    expect(cfnMessages(cfnDb({ Ref: 'MonitoringRoleArnParameter' }))).toEqual([]);
  });

  test('GIVEN Fn::ImportValue (a role from another stack) WHEN evaluated THEN it is treated as a reference', () => {
    expect(cfnMessages(cfnDb({ 'Fn::ImportValue': 'Shared:MonitoringRoleArn' }))).toEqual([]);
  });

  test('GIVEN a literal ARN whose name matches a RoleName in the app WHEN evaluated THEN nothing is reported', () => {
    expect(cfnMessages(cfnDb('arn:aws:iam::111122223333:role/rds-monitoring-pr123', { MonitoringRole: ROLE }))).toEqual([]);
    // IAM role names are unique regardless of case, and a path comes before the name
    expect(cfnMessages(cfnDb('arn:aws:iam::111122223333:role/service/RDS-Monitoring-PR123', { MonitoringRole: ROLE }))).toEqual([]);
  });

  test('GIVEN a role with that name in another stack of the app WHEN evaluated THEN the literal ARN is compliant', () => {
    const db = cfnStackView(cfnDb('arn:aws:iam::111122223333:role/rds-monitoring-pr123'));
    const roles = { ...cfnStackView({ resources: { MonitoringRole: ROLE } }), id: 'Shared', name: 'Shared' };
    expect(evaluate([db, roles], { rules: [rdsMonitoringRole] }).findings).toEqual([]);
  });

  test('GIVEN a literal that is not a role ARN, or a non-string WHEN evaluated THEN it is reported', () => {
    expect(cfnMessages(cfnDb('rds-monitoring-role'))).toEqual([expect.stringContaining('"rds-monitoring-role" is not an IAM role ARN')]);
    expect(cfnMessages(cfnDb(42))).toEqual([expect.stringContaining('MonitoringRoleArn is 42, not a role ARN')]);
  });

  test('GIVEN Fn::Sub ARNs WHEN the literal name matches, does not, or is itself a reference THEN only the unknown name is reported', () => {
    const sub = (name: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${name}` });
    expect(cfnMessages(cfnDb(sub('rds-monitoring-pr123'), { MonitoringRole: ROLE }))).toEqual([]);
    expect(cfnMessages(cfnDb(sub('rds-monitoring-role'), { MonitoringRole: ROLE }))).toEqual([
      expect.stringContaining('names the role "rds-monitoring-role"'),
    ]);
    expect(cfnMessages(cfnDb(sub('${MonitoringRole}')))).toEqual([]);
  });

  test('GIVEN an Fn::Join of literal parts only WHEN the name is unknown THEN it is reported like a literal', () => {
    const join = { 'Fn::Join': ['', ['arn:aws:iam::111122223333:role/', 'rds-monitoring-role']] };
    expect(cfnMessages(cfnDb(join))).toEqual([
      expect.stringContaining('"arn:aws:iam::111122223333:role/rds-monitoring-role" names the role "rds-monitoring-role"'),
    ]);
  });
});

describe('rds-monitoring-role (Terraform)', () => {
  test('GIVEN the non-compliant example (seed 004: a role the app does not create) WHEN evaluated THEN it is reported', () => {
    const findings = tfFindings(rdsMonitoringRole, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([
      ['rds-monitoring-role', 'error', 'stack/writer', 'monitoring_role_arn'],
    ]);
    expect(findings[0].message).toContain('monitoring_interval is 60');
    expect(findings[0].message).toContain('which no aws_iam_role in the app creates');
  });

  test('GIVEN the compliant example (${aws_iam_role.monitoring.arn}) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(rdsMonitoringRole, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN a reference to an aws_iam_role the stack does not define WHEN evaluated THEN it is reported', () => {
    expect(tfMessages(tfDb('${aws_iam_role.monitoring_role.arn}'))).toEqual([
      expect.stringContaining('refers to aws_iam_role.monitoring_role, which this stack does not define'),
    ]);
  });

  test('GIVEN .name or .id of the role WHEN evaluated THEN it is reported (not the ARN)', () => {
    const role = { aws_iam_role: { monitoring: { name: 'rds-monitoring-pr123' } } };
    expect(tfMessages(tfDb('${aws_iam_role.monitoring.name}', role))).toEqual([expect.stringContaining('takes .name of aws_iam_role.monitoring')]);
    expect(tfMessages(tfDb('${aws_iam_role.monitoring.id}', role))).toHaveLength(1);
    expect(tfMessages(tfDb('${aws_iam_role.monitoring[0].arn}', role))).toEqual([]);
  });

  test('GIVEN a reference to another resource type WHEN evaluated THEN it is reported', () => {
    expect(tfMessages(tfDb('${aws_iam_policy.monitoring.arn}', { aws_iam_policy: { monitoring: {} } }))).toEqual([
      expect.stringContaining('refers to aws_iam_policy.monitoring, not an aws_iam_role'),
    ]);
  });

  test('GIVEN a data source, a variable or remote state WHEN evaluated THEN it cannot be proven wrong', () => {
    expect(tfMessages(tfDb('${data.aws_iam_role.monitoring.arn}'))).toEqual([]);
    expect(tfMessages(tfDb('${var.monitoring_role_arn}'))).toEqual([]);
    expect(tfMessages(tfDb('${data.terraform_remote_state.cross-stack-reference-input-shared.outputs.role_arn}'))).toEqual([]);
  });

  test('GIVEN a literal ARN matching an aws_iam_role name WHEN evaluated THEN nothing is reported; an unknown name is', () => {
    const role = { aws_iam_role: { monitoring: { name: 'rds-monitoring-pr123' } } };
    expect(tfMessages(tfDb('arn:aws:iam::111122223333:role/rds-monitoring-pr123', role))).toEqual([]);
    expect(tfMessages(tfDb('arn:aws:iam::111122223333:role/rds-monitoring-role', role))).toHaveLength(1);
  });

  test('GIVEN aws_db_instance and aws_rds_cluster without a role WHEN evaluated THEN both are reported', () => {
    expect(tfMessages(tfDb(undefined, {}, 'aws_db_instance'))).toEqual([expect.stringContaining('there is no monitoring_role_arn')]);
    expect(tfMessages(tfDb('', {}, 'aws_rds_cluster'))).toEqual([expect.stringContaining('there is no monitoring_role_arn')]);
  });

  test('GIVEN monitoring_interval "0" or a variable WHEN there is no role THEN nothing is reported', () => {
    expect(tfFindings(rdsMonitoringRole, { resource: { aws_db_instance: { db: { monitoring_interval: '0' } } } })).toEqual([]);
    expect(tfFindings(rdsMonitoringRole, { resource: { aws_db_instance: { db: { monitoring_interval: '${var.interval}' } } } })).toEqual([]);
  });

  test('GIVEN the role in another stack WHEN this stack references aws_iam_role.monitoring THEN it is reported', () => {
    // GIVEN: a Terraform reference resolves within its own stack only
    const db = tfStackView(tfDb('${aws_iam_role.monitoring.arn}'));
    const roles = { ...tfStackView({ resource: { aws_iam_role: { monitoring: { name: 'rds-monitoring-pr123' } } } }), id: 'shared', name: 'shared' };
    // WHEN
    const { findings } = evaluate([db, roles], { rules: [rdsMonitoringRole] });
    // THEN
    expect(findings.map((f) => [f.stack, f.path])).toEqual([['stack', 'stack/db']]);
  });
});

// ---------------------------------------------------------------- robustness

/** The shared odd values, and role ARNs and references this rule parses. */
const JUNK_VALUES: readonly unknown[] = [
  ...JUNK, 60, '60', '${}', '${aws_iam_role..arn}', '${aws_iam_role.x.arn}', 'arn:aws:iam::1:role/', 'arn:aws:iam::1:role/a/', { Ref: 'Db' },
  { 'Fn::GetAtt': [] }, { 'Fn::GetAtt': ['Db', 'Arn'] }, { 'Fn::Sub': 7 }, { 'Fn::Sub': 'arn:${X}:iam::${Y}:role/${}' }, { 'Fn::ImportValue': {} },
];

describe('rds-monitoring-role robustness', () => {
  test.each(JUNK_VALUES.map((junk) => [junk]))('GIVEN junk %p as interval, role ARN and role names WHEN evaluated THEN it never throws', (junk) => {
    // GIVEN
    const views: ResourceView[] = [];
    for (const type of ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']) {
      views.push({ engine: 'cloudformation', type, logicalId: 'Db', path: 'S/Db', properties: junk as any, options: {} });
      views.push({ engine: 'cloudformation', type, logicalId: 'Db2', path: 'S/Db2', properties: { MonitoringInterval: 60, MonitoringRoleArn: junk }, options: {} });
      views.push({ engine: 'cloudformation', type, logicalId: 'Db3', path: 'S/Db3', properties: { MonitoringInterval: junk, MonitoringRoleArn: junk }, options: {} });
    }
    views.push({ engine: 'cloudformation', type: 'AWS::IAM::Role', logicalId: 'R', path: 'S/R', properties: { RoleName: junk }, options: {} });
    for (const type of ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_rds_cluster']) {
      views.push({ engine: 'terraform', type, logicalId: 'a', path: 's/a', properties: junk as any, options: junk as any });
      views.push({ engine: 'terraform', type, logicalId: 'b', path: 's/b', properties: { monitoring_interval: 60, monitoring_role_arn: junk }, options: {} });
    }
    views.push({ engine: 'terraform', type: 'aws_iam_role', logicalId: 'x', path: 's/x', properties: { name: junk }, options: {} });
    views.push({ engine: 'terraform', type: 'aws_iam_role', logicalId: 'y', path: 's/y', properties: junk as any, options: {} });
    // WHEN / THEN
    expectOutcomes(rdsMonitoringRole, views);
  });
});
