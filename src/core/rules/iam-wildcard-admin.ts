import { CfnExample, NOT_APPLICABLE, ResourceView, RuleDefinition, RuleOutcome, Violation } from './model';
import { exampleCfnRole } from './shared/examples';
import { parsePolicyString } from './shared/policy-documents';
import { propertyLocation } from './shared/views';
import { asList, asObject, isTfInterpolation, literalString, show, walkObjects, walkStrings } from './values';

/** One statement found in a policy document, and where. */
interface FoundStatement {
  readonly statement: Record<string, any>;
  /** Where the statement is (`Properties/PolicyDocument/Statement/0`), or the attribute holding the JSON string. */
  readonly location: string;
  /** The statement's place in its document (`Statement/0`), for the message: a JSON string has no deeper location. */
  readonly label: string;
}

/** Every statement of every policy document in the properties: objects with `Statement`, and JSON strings. */
function statements(properties: Record<string, any>, prefix: string): FoundStatement[] {
  const found: FoundStatement[] = [];
  const collect = (root: unknown, base: string, inString: boolean) => {
    walkObjects(root, (object, path) => {
      if (!('Statement' in object)) return;
      const where = [base, path].filter((p) => p !== '').join('/');
      // Only one branch of an Fn::If is deployed: neither is provable.
      if (where.split('/').includes('Fn::If')) return;
      const list = Array.isArray(object.Statement) ? object.Statement : [object.Statement];
      list.forEach((item: unknown, i: number) => {
        const statement = asObject(item);
        if (!statement) return;
        const suffix = Array.isArray(object.Statement) ? `Statement/${i}` : 'Statement';
        found.push(inString ? { statement, location: where, label: suffix } : { statement, location: `${where}/${suffix}`, label: suffix });
      });
    });
  };
  collect(properties, prefix.replace(/\/$/, ''), false);
  walkStrings(properties, (text, path) => {
    const document = parsePolicyString(text);
    if (document !== undefined) collect(document, prefix + path, true);
  });
  return found;
}

// `*` or `<service>:*`: every action, or every action of one service.
const WILDCARD_ACTION = /^(\*|[a-z0-9-]+:\*)$/i;

/** Literal action strings of the statement that are wildcards; references and non-strings are skipped. */
function wildcardActions(statement: Record<string, any>): string[] {
  return asList(statement.Action)
    .map((a) => (isTfInterpolation(a) ? undefined : literalString(a)))
    .filter((a): a is string => a !== undefined && WILDCARD_ACTION.test(a));
}

function hasWildcardResource(statement: Record<string, any>): boolean {
  return asList(statement.Resource).some((r) => typeof r === 'string' && r === '*');
}

/**
 * A statement with a Principal belongs to a resource policy, where `Resource: "*"` means the resource the
 * policy is attached to (aws-cdk-lib's default KMS key policy grants `kms:*` on `*` to the account root).
 * The admin-over-everything case there is a public principal with no Condition.
 */
function publicUnconditioned(statement: Record<string, any>): boolean | undefined {
  if (!('Principal' in statement) && !('NotPrincipal' in statement)) {
    return undefined;
  }
  if ('NotPrincipal' in statement || statement.Condition !== undefined) {
    return false;
  }
  const principal = statement.Principal;
  if (principal === '*') {
    return true;
  }
  const object = asObject(principal);
  return object !== undefined && asList(object.AWS).some((p) => p === '*');
}

function evaluate(resource: ResourceView): RuleOutcome {
  const properties = asObject(resource.properties);
  if (!properties) {
    return NOT_APPLICABLE;
  }
  const found = statements(properties, propertyLocation(resource.engine, ''));
  if (found.length === 0) {
    return NOT_APPLICABLE;
  }
  const violations: Violation[] = [];
  for (const { statement, location, label } of found) {
    // Effect is required by the IAM grammar: without a literal "Allow" nothing is provable.
    if (statement.Effect !== 'Allow') continue;
    const actions = wildcardActions(statement);
    if (actions.length === 0 || !hasWildcardResource(statement)) continue;
    const resourcePolicy = publicUnconditioned(statement);
    if (resourcePolicy === false) continue;
    const scope = actions.includes('*') ? 'every action' : `every action of ${actions.map((a) => a.split(':')[0]).join(', ')}`;
    const who = resourcePolicy ? 'to any principal (Principal "*", no Condition)' : 'on every resource';
    const sid = typeof statement.Sid === 'string' ? ` (Sid ${show(statement.Sid)})` : '';
    violations.push({
      message: `${label}${sid} allows Action ${show(statement.Action)} on Resource ${show(statement.Resource)}: ${scope} ${who}.`,
      location,
    });
  }
  return violations;
}

/** `Action: "*"` or `"s3:*"` on `Resource: "*"` grants administrator-level access. */
export const iamWildcardAdmin: RuleDefinition = {
  metadata: {
    id: 'iam-wildcard-admin',
    title: 'No Allow of `*` or `service:*` on Resource `*`',
    lesson: '000 "IAM Least Privilege"',
    why:
      'An Allow statement with Action `*` (or every action of a service, `s3:*`) on Resource `*` gives whoever holds the policy ' +
      'administrator rights over the account, or over every resource of that service: one leaked credential or compromised ' +
      'function can read, change or delete everything. It also fails security reviews and the least-privilege checks ' +
      'that generated IaC is graded on. Resource policies are judged when they grant this to any principal without a Condition.',
    fix:
      'List the actions the code calls and scope them to the resources it uses: prefer grants (`bucket.grantRead(fn)`, ' +
      '`table.grantReadWriteData(fn)`), or statements such as `{ actions: [\'s3:GetObject\', \'s3:PutObject\'], resources: [bucket.arnForObjects(\'*\')] }`; ' +
      'in cdktf, reference the resource ARNs (`${aws_s3_bucket.data.arn}/*`).',
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: { resources: cfnProcessorPolicy({ Action: 's3:*', Effect: 'Allow', Resource: '*' }) },
        compliant: {
          resources: {
            DataBucket: {
              Type: 'AWS::S3::Bucket',
              Properties: {
                BucketName: 'data-pr123',
                BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
              },
            },
            ...cfnProcessorPolicy({
              Action: ['s3:GetObject', 's3:PutObject'],
              Effect: 'Allow',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['DataBucket', 'Arn'] }, '/*']] },
            }),
          },
        },
      },
      terraform: {
        nonCompliant: {
          resource: {
            aws_iam_policy: {
              processor: {
                name: 'processor-pr123',
                policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
              },
            },
          },
        },
        compliant: {
          resource: {
            aws_s3_bucket: { data: { bucket: 'data-pr123' } },
            aws_s3_bucket_server_side_encryption_configuration: {
              data_encryption: { bucket: '${aws_s3_bucket.data.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
            },
            aws_iam_policy: {
              processor: {
                name: 'processor-pr123',
                policy: '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["s3:GetObject", "s3:PutObject"], "Resource" = "${aws_s3_bucket.data.arn}/*"}]})}',
              },
            },
          },
        },
      },
    },
  },
  cloudformation: evaluate,
  terraform: evaluate,
};

/** The processor's role and the default policy aws-cdk-lib gives it, holding one statement. */
function cfnProcessorPolicy(statement: Record<string, any>): CfnExample['resources'] {
  return {
    ProcessorRole: exampleCfnRole('processor-pr123', 'lambda.amazonaws.com'),
    ProcessorRoleDefaultPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'ProcessorRoleDefaultPolicy',
        PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
        Roles: [{ Ref: 'ProcessorRole' }],
      },
    },
  };
}
