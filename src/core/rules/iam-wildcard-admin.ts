import type { ManagedPolicyWildcardGrant } from './data/aws-managed-policy-grants';
import { CfnExample, NOT_APPLICABLE, ResourceView, RuleDefinition, RuleOutcome, Violation } from './model';
import { exampleCfnRole } from './shared/examples';
import { managedPolicyAttachments, managedPolicyWildcardGrants, parseAwsManagedPolicyArn, samManagedPolicyName } from './shared/managed-policies';
import { parsePolicyString } from './shared/policy-documents';
import { propertyLocation } from './shared/views';
import { asList, asObject, isTfInterpolation, keyPath, literalString, show, templateString, walkKeys, walkObjectKeys } from './values';

/**
 * Policies that grant nothing: a VPC endpoint policy only limits what may pass through the endpoint (its
 * default is Allow `*` on `*`), and an Organizations policy (SCP, RCP) only sets the most that identities
 * or resources of the accounts may be granted (FullAWSAccess is Allow `*` on `*`).
 */
const GRANTS_NOTHING = new Set(['AWS::EC2::VPCEndpoint', 'aws_vpc_endpoint', 'aws_vpc_endpoint_policy', 'AWS::Organizations::Policy', 'aws_organizations_policy']);

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
  const collect = (root: unknown, base: string, inString: boolean, into: FoundStatement[]) => {
    walkObjectKeys(root, (object, keys) => {
      if (!('Statement' in object)) return;
      addStatements(object, [base, keyPath(keys)].filter((p) => p !== '').join('/'), inString, into);
    });
  };
  // One walk for both kinds (objects first, then strings, each in walk order): every value of every resource passes here.
  const inStrings: FoundStatement[] = [];
  const base = prefix.replace(/\/$/, '');
  walkKeys(properties, [], (object, keys) => {
    if ('Statement' in object) addStatements(object, [base, keyPath(keys)].filter((p) => p !== '').join('/'), false, found);
  }, (text, keys) => {
    const document = parsePolicyString(text);
    if (document !== undefined) collect(document, prefix + keyPath(keys), true, inStrings);
  });
  return inStrings.length === 0 ? found : found.concat(inStrings);
}

/** The statements of one object holding `Statement`, found at `where`. */
function addStatements(object: Record<string, any>, where: string, inString: boolean, into: FoundStatement[]): void {
  // Only one branch of an Fn::If is deployed: neither is provable.
  if (where.split('/').includes('Fn::If')) return;
  const list = Array.isArray(object.Statement) ? object.Statement : [object.Statement];
  list.forEach((item: unknown, i: number) => {
    const statement = asObject(item);
    if (!statement) return;
    const suffix = Array.isArray(object.Statement) ? `Statement/${i}` : 'Statement';
    into.push(inString ? { statement, location: where, label: suffix } : { statement, location: `${where}/${suffix}`, label: suffix });
  });
}

// `*` or `<service>:*`: every action, or every action of one service.
const WILDCARD_ACTION = /^(\*|[a-z0-9-]+:\*)$/i;

/** Literal action strings of the statement that are wildcards; references and non-strings are skipped. */
function wildcardActions(statement: Record<string, any>): string[] {
  return asList(statement.Action)
    .map((a) => (isTfInterpolation(a) ? undefined : literalString(a)))
    .filter((a): a is string => a !== undefined && WILDCARD_ACTION.test(a));
}

// An ARN that is wildcards throughout matches every resource as `*` does: arn:aws:*:*:*:*, arn:${AWS::Partition}:*:::*.
const WILDCARD_ARN = /^arn:(?:\*|[a-z][a-z0-9-]*|\$\{[^}]*\}):\*:\*?:\*?:\*[*:/]*$/;

/** `*`, or an ARN of nothing but wildcards (its partition may be a reference). */
export function isWildcardResource(value: unknown): boolean {
  const text = typeof value === 'string' ? value : templateString(value);
  return text === '*' || (text !== undefined && WILDCARD_ARN.test(text));
}

function hasWildcardResource(statement: Record<string, any>): boolean {
  return asList(statement.Resource).some(isWildcardResource);
}

/** A NotAction allows every action but the ones listed: every action of every other service. */
function notActions(statement: Record<string, any>): string[] | undefined {
  if (!('NotAction' in statement) || 'Action' in statement) return undefined;
  return asList(statement.NotAction).map((a) => templateString(a) ?? show(a));
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
  if (!properties || GRANTS_NOTHING.has(resource.type)) {
    return NOT_APPLICABLE;
  }
  const found = statements(properties, propertyLocation(resource.engine, ''));
  const attached = managedPolicyAttachments(resource).filter((a) => !a.boundary);
  if (found.length === 0 && attached.length === 0) {
    return NOT_APPLICABLE;
  }
  const violations: Violation[] = [];
  for (const { statement, location, label } of found) {
    // Effect is required by the IAM grammar: without a literal "Allow" nothing is provable.
    if (statement.Effect !== 'Allow') continue;
    // Pure tests, the cheap and decisive one first: most statements name their resources.
    if (!hasWildcardResource(statement)) continue;
    const actions = wildcardActions(statement);
    const except = notActions(statement);
    if (actions.length === 0 && except === undefined) continue;
    const resourcePolicy = publicUnconditioned(statement);
    if (resourcePolicy === false) continue;
    const who = resourcePolicy ? 'to any principal (Principal "*", no Condition)' : 'on every resource';
    const sid = typeof statement.Sid === 'string' ? ` (Sid ${show(statement.Sid)})` : '';
    const granted = except !== undefined ? `NotAction ${show(statement.NotAction)}` : `Action ${show(statement.Action)}`;
    violations.push({
      message: `${label}${sid} allows ${granted} on Resource ${show(statement.Resource)}: ${scopeOf({ actions, allExcept: except })} ${who}.`,
      location,
    });
  }
  for (const { value, location, inCondition } of attached) {
    // Only one branch of an Fn::If is deployed: as for inline statements, neither is provable.
    if (inCondition) continue;
    const samName = samManagedPolicyName(resource, value);
    const arn = samName !== undefined ? { text: samName, policy: samName, partition: undefined } : parseAwsManagedPolicyArn(value);
    // The bundled documents are the aws partition's; a partition reference is judged as aws.
    if (!arn || arn.policy === undefined || (arn.partition !== undefined && arn.partition !== 'aws')) continue;
    // A service-role/ policy is AWS's documented policy for the role a service assumes (AWSGlueServiceRole): not an admin grant to people.
    if (arn.policy.startsWith(SERVICE_ROLE_PATH)) continue;
    const grants = managedPolicyWildcardGrants().get(arn.policy);
    if (!grants) continue;
    const what = grants.map((g) => (g.actions ? `Action ${show(g.actions.length === 1 ? g.actions[0] : g.actions)}` : `NotAction ${show(g.allExcept)}`)).join(' and ');
    violations.push({
      message:
        `${show(arn.text)} attaches the AWS managed policy ${arn.policy}, whose document allows ${what} on Resource "*": ` +
        `${grants.map(scopeOf).join('; ')} on every resource.`,
      location,
    });
  }
  return violations;
}

/** The path of the AWS managed policies AWS publishes for service roles (`arn:aws:iam::aws:policy/service-role/...`). */
const SERVICE_ROLE_PATH = 'service-role/';

/** What a wildcard grant covers, in words: `every action`, `every action of s3, sqs`, `every action except iam:*`. */
function scopeOf(grant: ManagedPolicyWildcardGrant): string {
  if (grant.allExcept !== undefined) return `every action except ${grant.allExcept.join(', ')}`;
  const actions = grant.actions ?? [];
  return actions.includes('*') ? 'every action' : `every action of ${[...new Set(actions.map((a) => a.split(':')[0]))].join(', ')}`;
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
      'that generated IaC is graded on. Resource policies are judged when they grant this to any principal without a Condition. ' +
      'IAM matches `*` in a Resource ARN against any characters, so `arn:aws:*:*:*:*` names every resource as `*` does; an Allow with ' +
      'NotAction grants every action except the ones listed (IAM User Guide, "IAM JSON policy elements: NotAction"). An attached AWS ' +
      'managed policy grants what its document says: AdministratorAccess allows `*` on `*`, PowerUserAccess every action except ' +
      '`iam:*`, `organizations:*` and `account:*`, AmazonS3FullAccess `s3:*` on `*` (judged from the bundled documents of every AWS ' +
      'managed policy, regenerated by scripts/generate-managed-policies.js).',
    fix:
      'List the actions the code calls and scope them to the resources it uses: prefer grants (`bucket.grantRead(fn)`, ' +
      '`table.grantReadWriteData(fn)`), or statements such as `{ actions: [\'s3:GetObject\', \'s3:PutObject\'], resources: [bucket.arnForObjects(\'*\')] }`; ' +
      'in cdktf, reference the resource ARNs (`${aws_s3_bucket.data.arn}/*`). Instead of an AWS managed `*FullAccess` or administrator ' +
      'policy, attach a read-only one or write a scoped policy.',
    defaultSeverity: 'error',
    notReported: [
      'VPC endpoint policies (`AWS::EC2::VPCEndpoint` PolicyDocument, `aws_vpc_endpoint` / `aws_vpc_endpoint_policy`): an endpoint ' +
        'policy grants nothing, it only limits what may pass through the endpoint, and its default is Allow `*` on `*` ' +
        '(AWS PrivateLink guide, "Control access to VPC endpoints using endpoint policies").',
      'Organizations policies (`AWS::Organizations::Policy`, `aws_organizations_policy`): an SCP or RCP sets the most that may be ' +
        'granted and grants nothing itself; FullAWSAccess (Allow `*` on `*`) is the default one (AWS Organizations user guide, "Service control policies").',
      'A permissions boundary (`PermissionsBoundary`, `permissions_boundary`), even AdministratorAccess: a boundary limits ' +
        'the principal\'s permissions and grants none (IAM User Guide, "Permissions boundaries for IAM entities").',
      'Statements and managed-policy ARNs inside an `Fn::If` branch: only one branch is deployed, so neither is provable.',
      'Resource policies (a statement with a Principal) that name specific principals, or limit a public one with a Condition: ' +
        'there `Resource: "*"` is the resource the policy is attached to (aws-cdk-lib\'s default KMS key policy allows `kms:*` to the account root).',
      'AWS managed policies whose wildcard statements carry a Condition (AWSMcpServiceActionsFullAccess allows `*` only for MCP ' +
        'service actions): the condition narrows the grant in a way the document alone cannot prove. Managed policies of the ' +
        'aws-cn and aws-us-gov partitions are not in the bundled documents.',
      'AWS managed policies under the `service-role/` path (`service-role/AWSGlueServiceRole` allows `glue:*`, ' +
        '`service-role/AmazonSSMAutomationRole` `ssm:*`): AWS publishes them for the role a service assumes and its guides ' +
        'attach them as the documented setup (AWS Glue developer guide, "Create an IAM role for AWS Glue"); the wildcard is the ' +
        'service acting on the account\'s behalf, not administrator rights handed to people or to application code.',
      'AWS SAM policy templates (`S3CrudPolicy`, `DynamoDBCrudPolicy`...): SAM scopes each to the resource it names. (A bare AWS ' +
        'managed policy name in a SAM `Policies` list, which SAM turns into that policy\'s ARN, is judged like an attached ARN.)',
      'Partial wildcards (`s3:Get*`) and service wildcards on a scoped resource (`s3:*` on `arn:aws:s3:::data-pr123/*`): they grant ' +
        'less than administrator rights.',
    ],
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
