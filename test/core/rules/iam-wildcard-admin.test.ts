import * as fc from 'fast-check';
import { cfnFindings, evaluateBoth, ruleContext, tfFindings } from './helpers';
import { iamWildcardAdmin } from '../../../src/core/rules/iam-wildcard-admin';
import { parsePolicyString } from '../../../src/core/rules/shared/policy-documents';

const policy = (statement: unknown) => ({
  resources: { P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statement }, Roles: [{ Ref: 'R' }] } } },
});
const tfPolicy = (document: string) => ({ resource: { aws_iam_policy: { app: { name: 'app-pr123', policy: document } } } });
/** The key policy aws-cdk-lib writes for every kms.Key: kms:* on * for the account root. */
const KMS_DEFAULT_STATEMENT = {
  Action: 'kms:*',
  Effect: 'Allow',
  Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
  Resource: '*',
};

describe('parsePolicyString', () => {
  test('GIVEN cdktf Fn.jsonencode output with references and function calls WHEN parsed THEN literals stay and references become ${...}', () => {
    // GIVEN: exactly what cdktf 0.21 synthesizes
    const text =
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["s3:GetObject"], ' +
      '"Resource" = [aws_s3_bucket.data.arn, join("", [aws_s3_bucket.data.arn, "/*"]), "${aws_s3_bucket.data.arn}/*"], "N" = 5, "T" = true}, ' +
      '{"Effect" = "Allow", "Action" = "*", "Resource" = "*"}]})}';
    // WHEN
    const parsed = parsePolicyString(text);
    // THEN
    expect(parsed).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['${aws_s3_bucket.data.arn}', '${join("", [aws_s3_bucket.data.arn, "/*"])}', '${aws_s3_bucket.data.arn}/*'],
          N: 5,
          T: true,
        },
        { Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    });
  });

  test.each([
    ['a whole-value reference', '${data.aws_iam_policy_document.app.json}'],
    ['invalid JSON', '{"Statement": [ {"Effect": "Allow",'],
    ['unterminated jsonencode', '${jsonencode({"Statement" = [{"Effect" = "Allow"})}'],
    ['a string in jsonencode left open', '${jsonencode({"Statement" = "abc)}'],
    ['no Statement at all', '{"Version":"2012-10-17"}'],
  ])('GIVEN %s WHEN parsed THEN it is undefined', (_what, text) => {
    expect(parsePolicyString(text)).toBeUndefined();
  });

  test('GIVEN escapes inside jsonencode strings WHEN parsed THEN they are decoded', () => {
    expect(parsePolicyString('${jsonencode({"Statement" = [], "Sid" = "a\\"b\\\\c\\u0041\\n"})}')).toEqual({ Statement: [], Sid: 'a"b\\cA\n' });
  });
});

describe('iam-wildcard-admin (CloudFormation)', () => {
  test('GIVEN s3:* on * in a role\'s default policy WHEN evaluated THEN the statement is reported', () => {
    // GIVEN
    const example = iamWildcardAdmin.metadata.examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(iamWildcardAdmin, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'iam-wildcard-admin',
      severity: 'error',
      path: 'Stack/ProcessorRoleDefaultPolicy',
      location: 'Properties/PolicyDocument/Statement/0',
    });
    expect(findings[0].message).toContain('Action "s3:*" on Resource "*"');
    expect(findings[0].message).toContain('every action of s3');
  });

  test('GIVEN scoped actions on the bucket\'s objects WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(iamWildcardAdmin, iamWildcardAdmin.metadata.examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    ['Action "*" on "*"', { Effect: 'Allow', Action: '*', Resource: '*' }, ': every action on every resource.'],
    ['a list with ec2:* and a list with *', { Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:*'], Resource: ['arn:aws:ec2:::x', '*'] }, 'every action of ec2'],
    ['an upper-case service', { Effect: 'Allow', Action: 'S3:*', Resource: '*' }, 'every action of S3'],
    ['an action joined from literals', { Effect: 'Allow', Action: { 'Fn::Join': ['', ['dynamodb', ':*']] }, Resource: '*' }, 'every action of dynamodb'],
  ])('GIVEN %s WHEN evaluated THEN it is reported', (_what, statement, text) => {
    const findings = cfnFindings(iamWildcardAdmin, policy([statement]));
    expect(findings.map((f) => f.location)).toEqual(['Properties/PolicyDocument/Statement/0']);
    expect(findings[0].message).toContain(text);
  });

  test.each([
    ['Deny', { Effect: 'Deny', Action: '*', Resource: '*' }],
    ['no Effect (required by IAM, so nothing is provable)', { Action: '*', Resource: '*' }],
    ['an Effect that is a reference', { Effect: { Ref: 'Effect' }, Action: '*', Resource: '*' }],
    ['a partial wildcard', { Effect: 'Allow', Action: 's3:Get*', Resource: '*' }],
    ['a scoped resource', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data-pr123/*' }],
    ['a resource wildcard inside an ARN', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::*' }],
    ['an action that is a reference', { Effect: 'Allow', Action: { Ref: 'Actions' }, Resource: '*' }],
    ['a resource that is a reference', { Effect: 'Allow', Action: '*', Resource: { Ref: 'Resources' } }],
    ['NotAction (out of scope)', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
    ['NotResource', { Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::x' }],
  ])('GIVEN %s WHEN evaluated THEN nothing is reported', (_what, statement) => {
    expect(cfnFindings(iamWildcardAdmin, policy([statement]))).toEqual([]);
  });

  test('GIVEN inline role policies, a managed policy and a single-object Statement WHEN evaluated THEN each place is reported', () => {
    // GIVEN
    const example = {
      resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] },
            Policies: [
              { PolicyName: 'fine', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] } },
              { PolicyName: 'admin', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }, { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] } },
            ],
          },
        },
        Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: { Effect: 'Allow', Action: 'lambda:*', Resource: '*' } } } },
      },
    };
    // WHEN
    const findings = cfnFindings(iamWildcardAdmin, example);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([
      ['Stack/Role', 'Properties/Policies/1/PolicyDocument/Statement/1'],
      ['Stack/Managed', 'Properties/PolicyDocument/Statement'],
    ]);
    expect(findings[0].message).toContain('(Sid "All")');
  });

  test('GIVEN the default KMS key policy WHEN evaluated THEN it is not reported (Resource "*" is the key itself)', () => {
    const example = { resources: { Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [KMS_DEFAULT_STATEMENT] } } } } };
    expect(cfnFindings(iamWildcardAdmin, example)).toEqual([]);
  });

  test('GIVEN a resource policy granting everything to any principal WHEN evaluated THEN it is reported unless a Condition limits it', () => {
    // GIVEN
    const statement = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*' };
    const example = {
      resources: {
        Open: { Type: 'AWS::SQS::QueuePolicy', Properties: { PolicyDocument: { Statement: [statement] }, Queues: [{ Ref: 'Q' }] } },
        Scoped: {
          Type: 'AWS::SQS::QueuePolicy',
          Properties: { PolicyDocument: { Statement: [{ ...statement, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }] }, Queues: [{ Ref: 'Q' }] },
        },
        Star: { Type: 'AWS::SNS::TopicPolicy', Properties: { PolicyDocument: { Statement: [{ ...statement, Principal: '*', Action: '*' }] }, Topics: [{ Ref: 'T' }] } },
      },
    };
    // WHEN
    const findings = cfnFindings(iamWildcardAdmin, example);
    // THEN
    expect(findings.map((f) => f.path)).toEqual(['Stack/Open', 'Stack/Star']);
    expect(findings[0].message).toContain('to any principal');
  });

  test('GIVEN a policy document as a JSON string WHEN evaluated THEN it is parsed and reported at the property', () => {
    const example = {
      resources: { Logs: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'p', PolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"logs:*","Resource":"*"}]}' } } },
    };
    const findings = cfnFindings(iamWildcardAdmin, example);
    expect(findings.map((f) => f.location)).toEqual(['Properties/PolicyDocument']);
    expect(findings[0].message).toMatch(/^Statement\/0 allows/);
  });

  test('GIVEN a wildcard inside one branch of an Fn::If WHEN evaluated THEN it is not guessed at', () => {
    const example = {
      resources: {
        P: {
          Type: 'AWS::IAM::Policy',
          Properties: { PolicyDocument: { 'Fn::If': ['IsDev', { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { Ref: 'AWS::NoValue' }] } },
        },
      },
    };
    expect(cfnFindings(iamWildcardAdmin, example)).toEqual([]);
  });

  test('GIVEN malformed documents WHEN evaluated THEN nothing is reported and nothing throws', () => {
    const example = {
      resources: {
        A: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: 'x' } } },
        B: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [null, 1, [], { Effect: 'Allow', Action: 5, Resource: null }] } } },
        C: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: '{"Statement": oops' } },
        D: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: { 'Fn::If': ['C', [], []] } } } },
      },
    };
    expect(cfnFindings(iamWildcardAdmin, example)).toEqual([]);
  });
});

describe('iam-wildcard-admin (Terraform)', () => {
  test('GIVEN a JSON-string policy with * on * WHEN evaluated THEN it is reported at policy', () => {
    // GIVEN
    const example = iamWildcardAdmin.metadata.examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(iamWildcardAdmin, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'iam-wildcard-admin', path: 'stack/processor', location: 'policy', severity: 'error' });
    expect(findings[0].message).toContain('Statement/0 allows Action "*" on Resource "*"');
  });

  test('GIVEN jsonencode with scoped actions on a referenced bucket WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(iamWildcardAdmin, iamWildcardAdmin.metadata.examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN jsonencode mixing references with a literal admin statement WHEN evaluated THEN the literal one is reported', () => {
    const example = tfPolicy(
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["s3:*"], "Resource" = [aws_s3_bucket.data.arn]}, ' +
        '{"Effect" = "Allow", "Action" = "*", "Resource" = "*"}]})}',
    );
    const findings = tfFindings(iamWildcardAdmin, example);
    expect(findings.map((f) => f.location)).toEqual(['policy']);
    expect(findings[0].message).toMatch(/^Statement\/1 allows/);
  });

  test.each(['aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_policy'])('GIVEN %s with dynamodb:* on * WHEN evaluated THEN it is reported', (type) => {
    const example = { resource: { [type]: { app: { name: 'app-pr123', policy: '{"Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":["*"]}}' } } } };
    const findings = tfFindings(iamWildcardAdmin, example);
    expect(findings.map((f) => [f.resourceType, f.location])).toEqual([[type, 'policy']]);
    expect(findings[0].message).toMatch(/^Statement allows/);
  });

  test('GIVEN aws_iam_role inline_policy blocks WHEN one grants * on * THEN it is reported at that block', () => {
    const example = {
      resource: {
        aws_iam_role: {
          app: {
            name: 'app-pr123',
            assume_role_policy: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
            inline_policy: [
              { name: 'ok', policy: '{"Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}' },
              { name: 'admin', policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' },
            ],
          },
        },
      },
    };
    expect(tfFindings(iamWildcardAdmin, example).map((f) => f.location)).toEqual(['inline_policy/1/policy']);
  });

  test.each([
    ['a data source document', '${data.aws_iam_policy_document.app.json}'],
    ['a referenced resource', '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"${aws_s3_bucket.data.arn}"}]}'],
    ['a referenced action', '{"Statement":[{"Effect":"Allow","Action":"${var.action}","Resource":"*"}]}'],
    ['a referenced effect', '{"Statement":[{"Effect":"${var.effect}","Action":"*","Resource":"*"}]}'],
    ['invalid JSON', '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}'],
    ['a number', '42'],
  ])('GIVEN %s WHEN evaluated THEN nothing is reported', (_what, document) => {
    expect(tfFindings(iamWildcardAdmin, tfPolicy(document))).toEqual([]);
  });

  test('GIVEN the default key policy on aws_kms_key WHEN evaluated THEN it is not reported', () => {
    const example = {
      resource: {
        aws_kms_key: {
          data: {
            policy:
              '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"},"Action":"kms:*","Resource":"*"}]}',
          },
        },
      },
    };
    expect(tfFindings(iamWildcardAdmin, example)).toEqual([]);
  });

  test('GIVEN non-string policy attributes WHEN evaluated THEN nothing throws', () => {
    const example = { resource: { aws_iam_policy: { a: { policy: 5 }, b: { policy: null }, c: { policy: ['{"Statement":[]}'] } }, aws_iam_role: { d: { inline_policy: 'x' } } } };
    expect(tfFindings(iamWildcardAdmin, example)).toEqual([]);
  });
});

describe('iam-wildcard-admin (robustness)', () => {
  test('GIVEN random documents WHEN either evaluator runs THEN it never throws', () => {
    const context = ruleContext();
    const statement = fc.dictionary(fc.constantFrom('Effect', 'Action', 'Resource', 'Principal', 'Condition', 'Sid'), fc.jsonValue({ maxDepth: 2 }));
    const document = fc.oneof(
      fc.record({ Statement: fc.oneof(statement, fc.array(statement), fc.jsonValue({ maxDepth: 1 })) }),
      fc.record({ Statement: fc.array(statement) }).map((d) => JSON.stringify(d)),
      fc.string().map((s) => `\${jsonencode({"Statement" = ${s}})}`),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('PolicyDocument', 'policy', 'Policies', 'inline_policy'), fc.oneof(document, fc.array(fc.record({ policy: document })))), (properties) => {
        evaluateBoth(iamWildcardAdmin, 'AWS::IAM::Policy', 'aws_iam_policy', properties, context);
      }),
      { numRuns: 300 },
    );
  });
});
