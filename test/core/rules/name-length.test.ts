import { cfnFindings, tfFindings } from './helpers';
import { nameLength } from '../../../src/core/rules/name-length';

const examples = nameLength.metadata.examples;

function cfn(type: string, properties: Record<string, any>) {
  return { resources: { Res: { Type: type, Properties: properties } } };
}

function tf(type: string, attributes: Record<string, any>) {
  return { resource: { [type]: { res: attributes } } };
}

describe('name-length metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue\'s error rule', () => {
    expect(nameLength.metadata).toMatchObject({ id: 'name-length', defaultSeverity: 'error' });
    expect(nameLength.metadata.fix).toContain('SuffixedBucket');
  });

  test('GIVEN the non-compliant examples WHEN their names are measured THEN they are over the IAM role limit of 64', () => {
    const cfnName = examples.cloudformation!.nonCompliant.resources.WorkflowRole.Properties!.RoleName;
    const tfName = examples.terraform!.nonCompliant.resource.aws_iam_role.workflow.name;
    expect(cfnName.length).toBeGreaterThan(64);
    expect(tfName).toBe(cfnName);
    expect(cfnName.endsWith('-pr123')).toBe(true);
  });
});

describe('name-length (CloudFormation)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the role name is reported with service, value, length and rule', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    const name = example.resources.WorkflowRole.Properties!.RoleName;
    // WHEN
    const findings = cfnFindings(nameLength, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'name-length',
      severity: 'error',
      path: 'Stack/WorkflowRole',
      location: 'Properties/RoleName',
      message: `IAM role name "${name}" is ${name.length} characters long, over the maximum of 64 (IAM role names: 1-64 characters, letters, digits and +=,.@_-).`,
    });
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(nameLength, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN an S3 bucket name with uppercase letters WHEN evaluated THEN the character rule is reported', () => {
    const findings = cfnFindings(nameLength, cfn('AWS::S3::Bucket', { BucketName: 'Orders-Data-pr123' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(
      'S3 bucket name "Orders-Data-pr123" is 17 characters long, with characters or a shape the service does not allow ' +
        '(S3 bucket names: 3-63 characters, lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit).',
    );
  });

  test('GIVEN a 2-character bucket name WHEN evaluated THEN the minimum is reported', () => {
    const findings = cfnFindings(nameLength, cfn('AWS::S3::Bucket', { BucketName: 'ab' }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('is 2 characters long, under the minimum of 3')]);
  });

  test('GIVEN a name that is both too long and malformed WHEN evaluated THEN one finding names both problems', () => {
    const findings = cfnFindings(nameLength, cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: 'orders_internal_application_lb_pr123' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('load balancer name "orders_internal_application_lb_pr123" is 36 characters long, over the maximum of 32, with characters');
  });

  test.each([
    ['AWS::S3::Bucket', 'BucketName', 63, 'a'],
    ['AWS::Lambda::Function', 'FunctionName', 64, 'f'],
    ['AWS::SQS::Queue', 'QueueName', 80, 'q'],
    ['AWS::ElasticLoadBalancingV2::TargetGroup', 'Name', 32, 't'],
  ])('GIVEN a %s %s of exactly %d characters WHEN evaluated THEN nothing is reported, and one more is', (type, property, max, char) => {
    expect(cfnFindings(nameLength, cfn(type, { [property]: char.repeat(max) }))).toEqual([]);
    const findings = cfnFindings(nameLength, cfn(type, { [property]: char.repeat(max + 1) }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`is ${max + 1} characters long, over the maximum of ${max}`)]);
  });

  test('GIVEN a FIFO queue name WHEN evaluated THEN the .fifo ending is allowed', () => {
    expect(cfnFindings(nameLength, cfn('AWS::SQS::Queue', { QueueName: 'orders-pr123.fifo' }))).toEqual([]);
  });

  test('GIVEN a name joined from literal parts WHEN it is too long THEN it is reported', () => {
    const findings = cfnFindings(nameLength, cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: { 'Fn::Join': ['-', ['orders', 'internal', 'application', 'lb', 'pr123']] } }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"orders-internal-application-lb-pr123" is 36 characters long')]);
  });

  test('GIVEN a name whose literal parts alone exceed the maximum WHEN it also has a reference THEN it is reported as "at least"', () => {
    const name = { 'Fn::Join': ['-', ['orders-internal-application-load-balancer', { Ref: 'Suffix' }]] };
    const findings = cfnFindings(nameLength, cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: name }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(
      'load balancer name "orders-internal-application-load-balancer-${Suffix}" is at least 42 characters long before its references ' +
        'are resolved, over the maximum of 32 (load balancer names: 1-32 characters, letters, digits and hyphens, not at either end).',
    );
    // 31 literal characters plus an unknown suffix may still fit: not reported.
    const fits = { 'Fn::Join': ['-', ['orders-internal-application-lb', { Ref: 'Suffix' }]] };
    expect(cfnFindings(nameLength, cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { Name: fits }))).toEqual([]);
  });

  test.each([
    ['Ref', { Ref: 'BucketName' }],
    ['Fn::Sub with a short literal part', { 'Fn::Sub': 'Orders-${Suffix}' }],
    ['GetAtt', { 'Fn::GetAtt': ['Other', 'Name'] }],
  ])('GIVEN a referenced name (%s) WHEN its literal parts fit THEN nothing is reported', (_, name) => {
    expect(cfnFindings(nameLength, cfn('AWS::S3::Bucket', { BucketName: name }))).toEqual([]);
  });

  test('GIVEN a resource without a name WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(nameLength, cfn('AWS::S3::Bucket', {}))).toEqual([]);
  });
});

describe('name-length (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the role name is reported at name', () => {
    // GIVEN
    const example = examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(nameLength, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([['name-length', 'error', 'stack/workflow', 'name']]);
    expect(findings[0].message).toMatch(/^IAM role name ".+" is 68 characters long, over the maximum of 64 \(IAM role names: 1-64 characters/);
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(nameLength, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN an aws_lb name of 33 characters WHEN evaluated THEN it is reported', () => {
    const findings = tfFindings(nameLength, tf('aws_lb', { name: 'orders-public-application-lb-pr12' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([['name', expect.stringContaining('is 33 characters long, over the maximum of 32')]]);
  });

  test('GIVEN an ElastiCache id with uppercase letters WHEN evaluated THEN the character rule is reported', () => {
    const findings = tfFindings(nameLength, tf('aws_elasticache_replication_group', { replication_group_id: 'Sessions-pr123' }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('with characters or a shape the service does not allow')]);
  });

  test('GIVEN a bucket "${var.prefix}-data" WHEN evaluated THEN nothing is reported (the reference is unknown)', () => {
    expect(tfFindings(nameLength, tf('aws_s3_bucket', { bucket: '${var.prefix}-Data' }))).toEqual([]);
  });

  test('GIVEN a name whose literal part alone exceeds the maximum WHEN it holds a variable THEN it is reported as "at least"', () => {
    const findings = tfFindings(nameLength, tf('aws_lambda_function', { function_name: `${'x'.repeat(65)}-\${var.environment_suffix}` }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('is at least 66 characters long before its references are resolved, over the maximum of 64')]);
  });
});

describe('name-length: CodeCommit and the types the catalogue names', () => {
  test.each([
    ['a 101-character name', 'r'.repeat(101), 'over the maximum of 100'],
    ['a name ending in .git', 'orders-pr123.git', 'not ending in .git'],
    ['a space', 'orders repo', 'with characters'],
  ])('GIVEN a CodeCommit repository with %s WHEN evaluated THEN it is reported on both engines', (_, name, expected) => {
    const cfnFound = cfnFindings(nameLength, cfn('AWS::CodeCommit::Repository', { RepositoryName: name }));
    expect(cfnFound.map((f) => f.location)).toEqual(['Properties/RepositoryName']);
    expect(cfnFound[0].message).toContain('CodeCommit repository');
    const tfFound = tfFindings(nameLength, tf('aws_codecommit_repository', { repository_name: name }));
    expect(tfFound.map((f) => [f.location, f.message])).toEqual([['repository_name', expect.stringContaining(expected)]]);
  });

  test.each(['orders-pr123', 'Orders.Service_pr123', 'r'.repeat(100), 'orders.gitlab-pr123'])('GIVEN the CodeCommit name %p WHEN evaluated THEN nothing is reported', (name) => {
    expect(cfnFindings(nameLength, cfn('AWS::CodeCommit::Repository', { RepositoryName: name }))).toEqual([]);
    expect(tfFindings(nameLength, tf('aws_codecommit_repository', { repository_name: name }))).toEqual([]);
  });

  test.each([
    ['AWS::Serverless::Function', 'FunctionName', 'f'.repeat(65)],
    ['AWS::DocDB::DBCluster', 'DBClusterIdentifier', 'docs--pr123'],
    ['AWS::Neptune::DBCluster', 'DBClusterIdentifier', '1graph-pr123'],
    ['AWS::RDS::GlobalCluster', 'GlobalClusterIdentifier', 'g'.repeat(64)],
    ['AWS::NetworkFirewall::Firewall', 'FirewallName', 'egress_pr123'],
  ])('GIVEN a %s whose %s breaks the service rules WHEN evaluated THEN it is reported', (type, property, name) => {
    expect(cfnFindings(nameLength, cfn(type, { [property]: name })).map((f) => f.location)).toEqual([`Properties/${property}`]);
  });

  test.each([
    ['aws_docdb_cluster', 'cluster_identifier', 'docs-'],
    ['aws_neptune_cluster', 'cluster_identifier', 'n'.repeat(64)],
    ['aws_rds_global_cluster', 'global_cluster_identifier', 'global_pr123'],
    ['aws_networkfirewall_firewall', 'name', 'f'.repeat(129)],
  ])('GIVEN an %s whose %s breaks the service rules WHEN evaluated THEN it is reported', (type, attribute, name) => {
    expect(tfFindings(nameLength, tf(type, { [attribute]: name })).map((f) => f.location)).toEqual([attribute]);
  });

  test('GIVEN a state machine name with a dot WHEN evaluated THEN it is valid (Step Functions allows it); a space is not', () => {
    expect(cfnFindings(nameLength, cfn('AWS::StepFunctions::StateMachine', { StateMachineName: 'orders.v2-pr123' }))).toEqual([]);
    expect(cfnFindings(nameLength, cfn('AWS::StepFunctions::StateMachine', { StateMachineName: 'orders v2' }))).toHaveLength(1);
  });

  test('GIVEN an ElastiCache id with uppercase letters in CloudFormation WHEN evaluated THEN it is valid (stored lowercase); a trailing hyphen is not', () => {
    expect(cfnFindings(nameLength, cfn('AWS::ElastiCache::ReplicationGroup', { ReplicationGroupId: 'Sessions-pr123' }))).toEqual([]);
    expect(cfnFindings(nameLength, cfn('AWS::ElastiCache::ReplicationGroup', { ReplicationGroupId: 'sessions-' }))).toHaveLength(1);
  });
});

describe('name-length robustness', () => {
  const junk: unknown[] = [null, 0, 1e21, -5, '', ' ', true, [], ['a'], {}, { x: [] }, { Ref: {} }, { 'Fn::Join': ['', [[]]] },
    { 'Fn::Sub': 5 }, '${', 'x'.repeat(5000), '\u{1F600}'.repeat(40)];

  test('GIVEN random JSON as names WHEN evaluated THEN no evaluator throws', () => {
    for (const value of junk) {
      for (const type of ['AWS::S3::Bucket', 'AWS::RDS::DBInstance', 'valueOf', '__proto__']) {
        const findings = cfnFindings(nameLength, cfn(type, { BucketName: value, DBInstanceIdentifier: value }));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
      for (const type of ['aws_s3_bucket', 'aws_db_instance', 'constructor']) {
        const findings = tfFindings(nameLength, tf(type, { bucket: value, identifier: value }));
        expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
      }
    }
  });

  test('GIVEN a name of 40 emoji WHEN measured THEN the length counts characters, not UTF-16 units', () => {
    const findings = cfnFindings(nameLength, cfn('AWS::Lambda::Function', { FunctionName: '\u{1F600}'.repeat(40) }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('is 40 characters long, with characters')]);
  });
});
