import * as fc from 'fast-check';
import { cfnFindings, ruleContext, tfFindings } from './helpers';
import { configRolePolicy } from '../../../src/core/rules/config-role-policy';
import { AWS_MANAGED_POLICIES } from '../../../src/core/rules/data/aws-managed-policies';
import { ResourceView } from '../../../src/core/rules/model';

const CONFIG_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' } }],
};
const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
};
/** What aws-cdk-lib renders for ManagedPolicy.fromAwsManagedPolicyName(name). */
const cdkArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });
const role = (arns: unknown, trust: unknown = CONFIG_TRUST) => ({
  resources: { ConfigRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'config-recorder-pr123', AssumeRolePolicyDocument: trust, ManagedPolicyArns: arns } } },
});
const tfAttachment = (type: string, policyArn: unknown) => ({ resource: { [type]: { config: { policy_arn: policyArn } } } });

describe('config-role-policy: Terraform data sources', () => {
  test('GIVEN a role trusted through an aws_iam_policy_document and a data aws_iam_policy with a wrong Config ARN WHEN evaluated THEN it is reported as a Config role', () => {
    // GIVEN
    const example = (arn: string) => ({
      resource: {
        aws_iam_role: {
          config: {
            name: 'config-recorder-pr123',
            assume_role_policy: '${data.aws_iam_policy_document.config_trust.json}',
            managed_policy_arns: ['${data.aws_iam_policy.config.arn}'],
          },
        },
      },
      blocks: {
        data: {
          aws_iam_policy_document: { config_trust: { statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }] }] } },
          aws_iam_policy: { config: { arn } },
        },
      },
    });
    // WHEN
    const findings = tfFindings(configRolePolicy, example('arn:aws:iam::aws:policy/AWS_ConfigRole'));
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['managed_policy_arns/0']);
    expect(findings[0].message).toContain('The role is assumed by config.amazonaws.com');
    expect(tfFindings(configRolePolicy, example('arn:aws:iam::aws:policy/service-role/AWS_ConfigRole'))).toEqual([]);
  });
});

describe('config-role-policy (CloudFormation)', () => {
  test('GIVEN the lesson\'s service-role/ConfigRole on a Config role WHEN evaluated THEN it is reported with the right name', () => {
    // GIVEN
    const example = configRolePolicy.metadata.examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(configRolePolicy, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'config-role-policy',
      severity: 'error',
      path: 'Stack/ConfigRole',
      location: 'Properties/ManagedPolicyArns/0',
    });
    expect(findings[0].message).toContain('"arn:${AWS::Partition}:iam::aws:policy/service-role/ConfigRole"');
    expect(findings[0].message).toContain('service-role/AWS_ConfigRole');
    expect(findings[0].message).toContain('config.amazonaws.com');
    expect(findings[0].fix).toContain('ConfigRecorderWithCorrectRole');
  });

  test('GIVEN service-role/AWS_ConfigRole through a partition reference WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(configRolePolicy, configRolePolicy.metadata.examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    ['ConfigRole', 'is not an AWS managed policy'],
    ['service-role/ConfigRole', 'is not an AWS managed policy'],
    ['AWS_ConfigRole', 'without its path'],
    ['aws-service-role/AWS_ConfigRole', 'under the wrong path "aws-service-role/"'],
    ['AWSConfigRole', 'is not an AWS managed policy'],
    ['service-role/AWSConfigRole', 'deprecated'],
    ['service-role/aws_configrole', 'is not an AWS managed policy'],
    ['service-role/AWSConfigRolePolicy', 'is not an AWS managed policy'],
    ['AWSConfigServiceRolePolicy', 'is not an AWS managed policy'],
    ['aws-service-role/AWSConfigServiceRolePolicy', 'service-linked role'],
  ])('GIVEN the wrong Config policy %s WHEN evaluated THEN it is reported (%s)', (name, reason) => {
    // GIVEN
    const example = role([cdkArn(name)]);
    // WHEN
    const findings = cfnFindings(configRolePolicy, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['Properties/ManagedPolicyArns/0']);
    expect(findings[0].message).toContain(`names "${name}"`);
    expect(findings[0].message).toContain(reason);
  });

  test.each(['service-role/AWSConfigRulesExecutionRole', 'service-role/AWSConfigRoleForOrganizations', 'AWSConfigUserAccess', 'ReadOnlyAccess'])(
    'GIVEN the real, different policy %s WHEN evaluated THEN nothing is reported',
    (name) => {
      expect(cfnFindings(configRolePolicy, role([cdkArn(name)]))).toEqual([]);
    },
  );

  test('GIVEN every bundled AWS managed policy WHEN attached THEN only the service-linked Config policy is reported', () => {
    // GIVEN: one role per real policy; a look-alike check that hit a real policy would show here
    const flagged: string[] = [];
    for (const policy of AWS_MANAGED_POLICIES) {
      // WHEN
      if (cfnFindings(configRolePolicy, role([`arn:aws:iam::aws:policy/${policy}`])).length > 0) flagged.push(policy);
    }
    // THEN
    expect(flagged).toEqual(['aws-service-role/AWSConfigServiceRolePolicy']);
  });

  test('GIVEN a wrong Config policy on a user and a group WHEN evaluated THEN each is reported, without the trust note', () => {
    // GIVEN: any attachment counts, not only Config roles
    const example = {
      resources: {
        Auditor: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWS_ConfigRole'] } },
        Auditors: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', cdkArn('ConfigRole')] } },
      },
    };
    // WHEN
    const findings = cfnFindings(configRolePolicy, example);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([
      ['Stack/Auditor', 'Properties/ManagedPolicyArns/0'],
      ['Stack/Auditors', 'Properties/ManagedPolicyArns/1'],
    ]);
    expect(findings[0].message).toContain('"arn:aws:iam::aws:policy/AWS_ConfigRole"');
    expect(findings.every((f) => !f.message.includes('config.amazonaws.com'))).toBe(true);
  });

  test('GIVEN a role trusted by another service WHEN it attaches ConfigRole THEN it is reported without the Config note', () => {
    const findings = cfnFindings(configRolePolicy, role([cdkArn('service-role/ConfigRole')], LAMBDA_TRUST));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).not.toContain('config.amazonaws.com');
  });

  test('GIVEN Fn::Sub, an aws-cn literal and a permissions boundary WHEN evaluated THEN all are judged on the literal path', () => {
    // GIVEN
    const example = {
      resources: {
        ConfigRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: CONFIG_TRUST,
            ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/ConfigRole' }, 'arn:aws-cn:iam::aws:policy/service-role/ConfigRole'],
            PermissionsBoundary: cdkArn('AWSConfigRole'),
          },
        },
      },
    };
    // WHEN
    const findings = cfnFindings(configRolePolicy, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['Properties/ManagedPolicyArns/0', 'Properties/ManagedPolicyArns/1', 'Properties/PermissionsBoundary']);
  });

  test('GIVEN references in place of the policy name WHEN evaluated THEN nothing is reported', () => {
    // GIVEN: a parameter, an import, a Ref inside the path, a customer managed policy
    const example = role([
      { Ref: 'ConfigPolicyArn' },
      { 'Fn::ImportValue': 'config-policy-arn' },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/', { Ref: 'PolicyName' }]] },
      { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':policy/ConfigRole']] },
    ]);
    // WHEN / THEN
    expect(cfnFindings(configRolePolicy, example)).toEqual([]);
  });

  test('GIVEN ManagedPolicyArns as an Fn::If WHEN evaluated THEN every branch is judged (either may be deployed)', () => {
    // GIVEN a wrong policy in the first branch, the right one in an item-level Fn::If, and AWS::NoValue
    const example = role({ 'Fn::If': ['IsProd', [cdkArn('ConfigRole')], [{ 'Fn::If': ['B', cdkArn('service-role/AWS_ConfigRole'), { Ref: 'AWS::NoValue' }] }]] });
    // WHEN
    const findings = cfnFindings(configRolePolicy, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['Properties/ManagedPolicyArns/Fn::If/1/0']);
    expect(findings[0].message).toContain('"ConfigRole"');
  });

  test('GIVEN ManagedPolicyArns as a parameter WHEN evaluated THEN it is not guessed at', () => {
    expect(cfnFindings(configRolePolicy, role({ Ref: 'PolicyArns' }))).toEqual([]);
  });

  test('GIVEN malformed properties WHEN evaluated THEN nothing is reported and nothing throws', () => {
    // GIVEN
    const example = {
      resources: {
        A: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: 'arn:aws:iam::aws:policy/ConfigRole', AssumeRolePolicyDocument: 'x' } },
        B: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [null, 42, { a: 1 }, ['x'], true], AssumeRolePolicyDocument: { Statement: [null, 5] } } },
        C: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: null, PermissionsBoundary: 7 } },
      },
    };
    // WHEN
    const findings = cfnFindings(configRolePolicy, example);
    // THEN: a single string is still one attachment; the rest is not an ARN
    expect(findings.map((f) => [f.path, f.location])).toEqual([['Stack/A', 'Properties/ManagedPolicyArns']]);
  });
});

describe('config-role-policy (Terraform)', () => {
  test('GIVEN AWS_ConfigRole without service-role/ through a partition data source WHEN evaluated THEN it is reported', () => {
    // GIVEN
    const example = configRolePolicy.metadata.examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(configRolePolicy, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'config-role-policy', severity: 'error', path: 'stack/config_policy', location: 'policy_arn' });
    expect(findings[0].message).toContain('"arn:${data.aws_partition.current.partition}:iam::aws:policy/AWS_ConfigRole"');
    expect(findings[0].message).toContain('has the right name without its path: the policy is service-role/AWS_ConfigRole');
  });

  test('GIVEN service-role/AWS_ConfigRole WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(configRolePolicy, configRolePolicy.metadata.examples.terraform!.compliant)).toEqual([]);
  });

  test.each(['aws_iam_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_role_policy_attachment'])(
    'GIVEN %s naming service-role/ConfigRole WHEN evaluated THEN it is reported at policy_arn',
    (type) => {
      const findings = tfFindings(configRolePolicy, tfAttachment(type, 'arn:aws:iam::aws:policy/service-role/ConfigRole'));
      expect(findings.map((f) => [f.resourceType, f.location])).toEqual([[type, 'policy_arn']]);
    },
  );

  test('GIVEN aws_iam_role managed_policy_arns and a config trust policy WHEN evaluated THEN the wrong entry is reported with the trust note', () => {
    // GIVEN
    const example = {
      resource: {
        aws_iam_role: {
          config: {
            name: 'config-recorder-pr123',
            assume_role_policy: JSON.stringify(CONFIG_TRUST),
            managed_policy_arns: ['arn:aws:iam::aws:policy/service-role/AWS_ConfigRole', 'arn:aws:iam::aws:policy/AWSConfigRole'],
          },
        },
      },
    };
    // WHEN
    const findings = tfFindings(configRolePolicy, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['managed_policy_arns/1']);
    expect(findings[0].message).toContain('config.amazonaws.com');
  });

  test('GIVEN references WHEN evaluated THEN nothing is reported', () => {
    const example = {
      resource: {
        aws_iam_role_policy_attachment: {
          a: { policy_arn: '${aws_iam_policy.config.arn}' },
          b: { policy_arn: 'arn:aws:iam::aws:policy/${var.config_policy}' },
          c: { policy_arn: '${data.aws_iam_policy.config.arn}' },
        },
      },
    };
    expect(tfFindings(configRolePolicy, example)).toEqual([]);
  });

  test('GIVEN an invalid JSON trust policy WHEN evaluated THEN the attachment is still judged and nothing throws', () => {
    const example = {
      resource: { aws_iam_role: { config: { assume_role_policy: '{not json', managed_policy_arns: ['arn:aws:iam::aws:policy/ConfigRole', 5, null] } } },
    };
    const findings = tfFindings(configRolePolicy, example);
    expect(findings.map((f) => f.location)).toEqual(['managed_policy_arns/0']);
    expect(findings[0].message).not.toContain('config.amazonaws.com');
  });
});

describe('config-role-policy (robustness)', () => {
  test('GIVEN random properties WHEN either evaluator runs THEN it never throws', () => {
    const context = ruleContext();
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(cdkArn('ConfigRole')), fc.constant('arn:aws:iam::aws:policy/ConfigRole'));
    fc.assert(
      fc.property(
        fc.constantFrom('AWS::IAM::Role', 'AWS::IAM::User', 'aws_iam_role', 'aws_iam_role_policy_attachment'),
        fc.dictionary(fc.constantFrom('ManagedPolicyArns', 'AssumeRolePolicyDocument', 'PermissionsBoundary', 'managed_policy_arns', 'assume_role_policy', 'policy_arn'), value),
        (type, properties) => {
          const resource: ResourceView = { engine: type.startsWith('AWS') ? 'cloudformation' : 'terraform', type, logicalId: 'R', path: 'S/R', properties, options: {} };
          configRolePolicy.cloudformation!(resource, context);
          configRolePolicy.terraform!(resource, context);
        },
      ),
      { numRuns: 300 },
    );
  });
});
