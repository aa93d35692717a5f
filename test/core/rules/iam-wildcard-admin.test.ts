import * as fc from 'fast-check';
import { cfnFindings, evaluateBoth, ruleContext, tfFindings } from './helpers';
import { AWS_MANAGED_POLICIES } from '../../../src/core/rules/data/aws-managed-policies';
import { AWS_MANAGED_POLICY_WILDCARD_GRANTS } from '../../../src/core/rules/data/aws-managed-policy-grants';
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
    ['NotAction (every action but those)', { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }, 'allows NotAction ["iam:*","organizations:*"] on Resource "*": every action except iam:*, organizations:* on every resource.'],
    ['a Resource ARN of wildcards', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:*:*:*:*' }, 'every action of s3'],
    ['a wildcard ARN with the partition as a reference', { Effect: 'Allow', Action: '*', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':*:*:*:*']] } }, 'every action'],
    ['a wildcard ARN with empty region and account', { Effect: 'Allow', Action: 'ec2:*', Resource: 'arn:aws:*:::*' }, 'every action of ec2'],
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

  test('GIVEN a Resource ARN of wildcards WHEN evaluated THEN it reads as * and is reported; a scoped ARN wildcard is not', () => {
    const findings = tfFindings(iamWildcardAdmin, tfPolicy('{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"arn:${data.aws_partition.current.partition}:*:*:*:*"}]}'));
    expect(findings.map((f) => f.location)).toEqual(['policy']);
    expect(findings[0].message).toContain('every action of ec2 on every resource');
    expect(tfFindings(iamWildcardAdmin, tfPolicy('{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"arn:aws:ec2:*:*:instance/*"}]}'))).toEqual([]);
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
    ['a data source document the stack does not declare', '${data.aws_iam_policy_document.app.json}'],
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

describe('the bundled wildcard grants of AWS managed policies', () => {
  test('GIVEN the generated data WHEN read THEN it names real policies, keeps only wildcard actions, and holds the known ones', () => {
    expect(AWS_MANAGED_POLICY_WILDCARD_GRANTS.size).toBeGreaterThan(100);
    for (const [name, grants] of AWS_MANAGED_POLICY_WILDCARD_GRANTS) {
      expect(AWS_MANAGED_POLICIES.has(name)).toBe(true);
      for (const grant of grants) {
        expect((grant.actions === undefined) !== (grant.allExcept === undefined)).toBe(true);
        for (const action of grant.actions ?? []) expect(action).toMatch(/^(\*|[A-Za-z0-9-]+:\*)$/);
      }
    }
    expect(AWS_MANAGED_POLICY_WILDCARD_GRANTS.get('AdministratorAccess')).toEqual([{ actions: ['*'] }]);
    // Held in the data, left out by the rule (service-role/ policies): the rule's test of it can fail.
    expect(AWS_MANAGED_POLICY_WILDCARD_GRANTS.get('service-role/AWSGlueServiceRole')).toEqual([{ actions: ['glue:*'] }]);
    expect(AWS_MANAGED_POLICY_WILDCARD_GRANTS.get('PowerUserAccess')).toEqual([{ allExcept: ['iam:*', 'organizations:*', 'account:*'] }]);
    for (const scoped of ['ReadOnlyAccess', 'service-role/AWSLambdaBasicExecutionRole', 'service-role/AWS_ConfigRole', 'AmazonS3ReadOnlyAccess']) {
      expect(AWS_MANAGED_POLICY_WILDCARD_GRANTS.has(scoped)).toBe(false);
    }
  });
});

describe('iam-wildcard-admin: what grants nothing', () => {
  const ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

  test('GIVEN a VPC endpoint with the default Allow * on * policy WHEN evaluated THEN nothing is reported (an endpoint policy grants nothing)', () => {
    const example = { resources: { Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: 'com.amazonaws.vpce.s3', PolicyDocument: ALL } } } };
    expect(cfnFindings(iamWildcardAdmin, example)).toEqual([]);
    // The same statement in a bucket policy grants everything to anyone: reported.
    const bucketPolicy = { resources: { P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: ALL } } } };
    expect(cfnFindings(iamWildcardAdmin, bucketPolicy).map((f) => f.location)).toEqual(['Properties/PolicyDocument/Statement/0']);
  });

  test.each(['aws_vpc_endpoint', 'aws_vpc_endpoint_policy'])('GIVEN %s with Allow * on * WHEN evaluated THEN nothing is reported', (type) => {
    const example = { resource: { [type]: { s3: { vpc_id: '${aws_vpc.main.id}', policy: JSON.stringify(ALL) } } } };
    expect(tfFindings(iamWildcardAdmin, example)).toEqual([]);
  });

  test('GIVEN an SCP allowing * on * (FullAWSAccess) WHEN evaluated THEN nothing is reported (an SCP grants nothing)', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    expect(cfnFindings(iamWildcardAdmin, { resources: { Scp: { Type: 'AWS::Organizations::Policy', Properties: { Name: 'all', Type: 'SERVICE_CONTROL_POLICY', Content: document } } } })).toEqual([]);
    expect(tfFindings(iamWildcardAdmin, { resource: { aws_organizations_policy: { all: { name: 'all', content: JSON.stringify(document) } } } })).toEqual([]);
  });
});

describe('iam-wildcard-admin: attached AWS managed policies', () => {
  const roleWith = (properties: Record<string, unknown>) => ({
    resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] }, ...properties },
      },
    },
  });
  const cdkArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });

  test.each([
    ['AdministratorAccess', 'allows Action "*" on Resource "*": every action on every resource.'],
    ['PowerUserAccess', 'allows NotAction ["iam:*","organizations:*","account:*"] on Resource "*": every action except iam:*, organizations:*, account:* on every resource.'],
    ['AmazonS3FullAccess', 'allows Action ["s3:*","s3-object-lambda:*"] on Resource "*": every action of s3, s3-object-lambda on every resource.'],
    ['job-function/DatabaseAdministrator', 'every action of dynamodb, elasticache, rds, redshift'],
  ])('GIVEN a role attaching %s WHEN evaluated THEN it is reported from the policy\'s own document', (name, text) => {
    // GIVEN
    const example = roleWith({ ManagedPolicyArns: [cdkArn('service-role/AWSLambdaBasicExecutionRole'), cdkArn(name)] });
    // WHEN
    const findings = cfnFindings(iamWildcardAdmin, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['Properties/ManagedPolicyArns/1']);
    expect(findings[0].message).toContain(`attaches the AWS managed policy ${name}, whose document `);
    expect(findings[0].message).toContain(text);
  });

  test.each([
    ['read-only and scoped policies', { ManagedPolicyArns: [cdkArn('ReadOnlyAccess'), cdkArn('service-role/AWSLambdaBasicExecutionRole'), cdkArn('AmazonS3ReadOnlyAccess')] }],
    ['AdministratorAccess as a permissions boundary (a boundary grants nothing)', { PermissionsBoundary: cdkArn('AdministratorAccess') }],
    ['AdministratorAccess in one branch of an Fn::If', { ManagedPolicyArns: [{ 'Fn::If': ['IsDev', cdkArn('AdministratorAccess'), { Ref: 'AWS::NoValue' }] }] }],
    ['an aws-cn ARN (another partition\'s set of policies)', { ManagedPolicyArns: ['arn:aws-cn:iam::aws:policy/AdministratorAccess'] }],
    ['a customer policy of the same name', { ManagedPolicyArns: ['arn:aws:iam::123456789012:policy/AdministratorAccess'] }],
    ['a conditioned wildcard (AWSMcpServiceActionsFullAccess: only MCP service actions)', { ManagedPolicyArns: [cdkArn('AWSMcpServiceActionsFullAccess')] }],
    ['a service-role/ policy documented for a service\'s own role (AWSGlueServiceRole allows glue:*)', { ManagedPolicyArns: [cdkArn('service-role/AWSGlueServiceRole')] }],
  ])('GIVEN %s WHEN evaluated THEN nothing is reported', (_what, properties) => {
    expect(cfnFindings(iamWildcardAdmin, roleWith(properties))).toEqual([]);
  });

  test('GIVEN SAM functions naming AWS managed policies in Policies WHEN evaluated THEN the wildcard-admin ones are reported, templates and boundaries not', () => {
    // GIVEN: bare names (SAM turns them into ARNs), a policy template, an inline document, a boundary
    const fn = (properties: Record<string, unknown>) => ({ Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', CodeUri: 'src/', ...properties } });
    const example = {
      resources: {
        Listed: fn({ Policies: ['AWSLambdaBasicExecutionRole', 'AmazonS3FullAccess', { S3CrudPolicy: { BucketName: 'data-pr123' } }, { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] }] }),
        Single: fn({ Policies: 'AdministratorAccess' }),
        Bounded: fn({ Policies: ['AWSLambdaBasicExecutionRole'], PermissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
        Templated: fn({ Policies: [{ DynamoDBCrudPolicy: { TableName: 'orders-pr123' } }, 'ReadOnlyAccess'] }),
      },
    };
    // WHEN
    const findings = cfnFindings(iamWildcardAdmin, example);
    // THEN
    expect(findings.map((f) => [f.logicalId, f.location])).toEqual([
      ['Listed', 'Properties/Policies/1'],
      ['Single', 'Properties/Policies'],
    ]);
    expect(findings[0].message).toContain('attaches the AWS managed policy AmazonS3FullAccess');
  });

  test('GIVEN users and groups attaching AdministratorAccess WHEN evaluated THEN each is reported', () => {
    const example = {
      resources: {
        User: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
        Group: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: [cdkArn('AdministratorAccess')] } },
      },
    };
    expect(cfnFindings(iamWildcardAdmin, example).map((f) => f.path)).toEqual(['Stack/User', 'Stack/Group']);
  });

  test.each([
    ['aws_iam_role_policy_attachment', { role: '${aws_iam_role.app.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, 'policy_arn'],
    ['aws_iam_user_policy_attachment', { user: 'ci', policy_arn: 'arn:${data.aws_partition.current.partition}:iam::aws:policy/PowerUserAccess' }, 'policy_arn'],
    ['aws_iam_group_policy_attachment', { group: 'ops', policy_arn: 'arn:aws:iam::aws:policy/AmazonEC2FullAccess' }, 'policy_arn'],
    ['aws_iam_policy_attachment', { name: 'all', roles: ['app'], policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, 'policy_arn'],
    ['aws_iam_role', { name: 'app', assume_role_policy: '{}', managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'] }, 'managed_policy_arns/1'],
  ])('GIVEN %s attaching a wildcard-admin AWS managed policy WHEN evaluated THEN it is reported', (type, attributes, location) => {
    const findings = tfFindings(iamWildcardAdmin, { resource: { [type]: { app: attributes } } });
    expect(findings.map((f) => f.location)).toEqual([location]);
    expect(findings[0].message).toContain('attaches the AWS managed policy');
  });

  test.each([
    ['a scoped policy', { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
    ['a referenced ARN', { role: 'app', policy_arn: '${aws_iam_policy.app.arn}' }],
    ['a data source looked up by name (may be a customer policy)', { role: 'app', policy_arn: '${data.aws_iam_policy.admin.arn}' }],
  ])('GIVEN an attachment of %s WHEN evaluated THEN nothing is reported', (_what, attributes) => {
    const example = { resource: { aws_iam_role_policy_attachment: { app: attributes } }, blocks: { data: { aws_iam_policy: { admin: { name: 'AdministratorAccess' } } } } };
    expect(tfFindings(iamWildcardAdmin, example)).toEqual([]);
  });

  test('GIVEN an attachment of a data aws_iam_policy with a literal AdministratorAccess ARN WHEN evaluated THEN it is reported', () => {
    const example = {
      resource: { aws_iam_role_policy_attachment: { app: { role: 'app', policy_arn: '${data.aws_iam_policy.admin.arn}' } } },
      blocks: { data: { aws_iam_policy: { admin: { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } } },
    };
    expect(tfFindings(iamWildcardAdmin, example).map((f) => f.location)).toEqual(['policy_arn']);
  });
});

describe('iam-wildcard-admin: Terraform aws_iam_policy_document data sources', () => {
  const withDocument = (statement: unknown, extra: Record<string, unknown> = {}) => ({
    resource: { aws_iam_policy: { app: { name: 'app-pr123', policy: '${data.aws_iam_policy_document.app.json}' } } },
    blocks: { data: { aws_iam_policy_document: { app: { statement, ...extra } } } },
  });

  test('GIVEN a data source statement with s3:* on * and no effect (Allow by default) WHEN evaluated THEN the policy using it is reported', () => {
    // GIVEN
    const example = withDocument([{ actions: ['sqs:SendMessage'], resources: ['${aws_sqs_queue.q.arn}'] }, { sid: 'All', actions: ['s3:*'], resources: ['*'] }]);
    // WHEN
    const findings = tfFindings(iamWildcardAdmin, example);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([['stack/app', 'policy']]);
    expect(findings[0].message).toContain('Statement/1 (Sid "All") allows Action ["s3:*"] on Resource ["*"]');
  });

  test.each([
    ['scoped actions on a referenced bucket', [{ actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.data.arn}/*'] }], {}],
    ['a Deny', [{ effect: 'Deny', actions: ['*'], resources: ['*'] }], {}],
    ['an override replacing the admin statement by sid', [{ sid: 'S', actions: ['*'], resources: ['*'] }], { override_policy_documents: ['{"Statement":[{"Sid":"S","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'] }],
    ['an override that is a reference (it may replace any statement)', [{ sid: 'S', actions: ['*'], resources: ['*'] }], { override_policy_documents: ['${var.extra}'] }],
  ])('GIVEN a data source document with %s WHEN evaluated THEN nothing is reported', (_what, statement, extra) => {
    expect(tfFindings(iamWildcardAdmin, withDocument(statement, extra))).toEqual([]);
  });

  test('GIVEN a document whose source_policy_documents is another data source granting * WHEN evaluated THEN it is reported', () => {
    const example = {
      resource: { aws_iam_role_policy: { app: { role: 'app', policy: '${data.aws_iam_policy_document.combined.minified_json}' } } },
      blocks: {
        data: {
          aws_iam_policy_document: {
            base: { statement: [{ actions: ['*'], resources: ['*'] }] },
            combined: { source_policy_documents: ['${data.aws_iam_policy_document.base.json}'], statement: [{ actions: ['sqs:SendMessage'], resources: ['*'] }] },
            loop: { source_policy_documents: ['${data.aws_iam_policy_document.loop.json}'] },
          },
        },
      },
    };
    expect(tfFindings(iamWildcardAdmin, example).map((f) => f.message)).toEqual([
      'Statement/0 allows Action ["*"] on Resource ["*"]: every action on every resource.',
    ]);
  });

  test('GIVEN a bucket policy document granting s3:* to principals * WHEN evaluated THEN it is reported, unless a condition limits it', () => {
    const statement = { actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }] };
    const example = (s: unknown) => ({
      resource: { aws_s3_bucket_policy: { data: { bucket: '${aws_s3_bucket.data.id}', policy: '${data.aws_iam_policy_document.bucket.json}' } } },
      blocks: { data: { aws_iam_policy_document: { bucket: { statement: [s] } } } },
    });
    expect(tfFindings(iamWildcardAdmin, example(statement)).map((f) => f.location)).toEqual(['policy']);
    const scoped = { ...statement, condition: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-abc'] }] };
    expect(tfFindings(iamWildcardAdmin, example(scoped))).toEqual([]);
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
