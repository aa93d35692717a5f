import { NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, Violation } from './model';
import { asObject, isCfnIntrinsic, show, templateString } from './values';

/**
 * An AWS region name: commercial, GovCloud, China and the isolated partitions
 * (us-east-1, eu-west-3, ap-southeast-2, us-gov-west-1, cn-north-1, us-isob-east-1, il-central-1...).
 */
const REGION = '(?:us-gov|us-iso[bef]?|eu-iso[e]?|us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\\d{1,2}';
// A partition or service may itself be a reference (`${AWS::Partition}` holds colons).
const ARN_PART = '(?:\\$\\{[^}]*\\}|[A-Za-z0-9-]+)';
const PATTERNS: ReadonlyArray<{ kind: string; regex: RegExp }> = [
  // arn:<partition>:<service>:<region>:
  { kind: 'ARN', regex: new RegExp(`arn:${ARN_PART}:${ARN_PART}:(${REGION}):`, 'g') },
  // <service>.<region>.amazonaws.com(.cn), also with a prefix (bucket.s3., 123.dkr.ecr.) and vpce. hosts
  { kind: 'endpoint', regex: new RegExp(`[A-Za-z0-9-]\\.(${REGION})\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?\\b`, 'g') },
  // legacy dash-style S3 endpoints: s3-us-west-2.amazonaws.com, s3-website-eu-west-1.amazonaws.com
  { kind: 'endpoint', regex: new RegExp(`\\bs3(?:-website)?-(${REGION})\\.amazonaws\\.com\\b`, 'g') },
  // VPC endpoint service names: com.amazonaws.<region>.<service>
  { kind: 'endpoint service name', regex: new RegExp(`\\bcom\\.amazonaws\\.(${REGION})\\.`, 'g') },
];
// To show the whole ARN or host found, a match is widened over these characters (no regex
// backtracking over long strings): host characters to the left, anything but a separator to the right.
const HOST_CHAR = /[A-Za-z0-9.-]/;
const VALUE_CHAR = /[^\s"',[\]]/;

/** The literal regions a string names in an ARN or endpoint: the region, the ARN/host it is in, and which kind. */
export function literalRegions(text: string): Array<{ region: string; value: string; kind: string }> {
  const found: Array<{ region: string; value: string; kind: string }> = [];
  for (const { kind, regex } of PATTERNS) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      let start = match.index;
      let end = match.index + match[0].length;
      if (kind !== 'ARN') while (start > 0 && HOST_CHAR.test(text[start - 1])) start--;
      while (end < text.length && VALUE_CHAR.test(text[end])) end++;
      found.push({ region: match[1], value: text.slice(start, end), kind });
    }
  }
  return found;
}

/**
 * Places where a literal us-east-1 is required, not hardcoded by mistake: CloudFront only takes
 * ACM certificates and Lambda@Edge functions from us-east-1, whatever the stack's region.
 */
function requiredUsEast1(resource: ResourceView, location: string, text: string): boolean {
  if (!/:us-east-1:/.test(text)) {
    return false;
  }
  if (resource.type === 'AWS::CloudFront::Distribution') {
    return /ViewerCertificate\/AcmCertificateArn$|LambdaFunctionAssociations\/\d+\/LambdaFunctionARN$/.test(location);
  }
  if (resource.type === 'aws_cloudfront_distribution') {
    return /viewer_certificate(\/\d+)?\/acm_certificate_arn$|lambda_function_association\/\d+\/lambda_arn$/.test(location);
  }
  return false;
}

/**
 * Visits every string of a value once, with its path: plain strings as they are, and an Fn::Join or
 * Fn::Sub as one rendered string (`arn:${AWS::Partition}:logs:us-east-1:...`) so an ARN split over the
 * join's parts is still seen whole. Other intrinsics (Fn::If, Fn::Select...) are walked into.
 */
function walkRendered(value: unknown, visit: (text: string, path: string) => void, path: string): void {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walkRendered(item, visit, path ? `${path}/${i}` : String(i)));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (isCfnIntrinsic(value) && (entries[0][0] === 'Fn::Join' || entries[0][0] === 'Fn::Sub')) {
      const rendered = templateString(value);
      if (rendered !== undefined) visit(rendered, path);
      // Fn::Sub's variable map may hold literal strings of its own.
      const arg = entries[0][1];
      if (entries[0][0] === 'Fn::Sub' && Array.isArray(arg) && arg[1] !== null && typeof arg[1] === 'object') {
        walkRendered(arg[1], visit, path ? `${path}/Fn::Sub/1` : 'Fn::Sub/1');
      }
      return;
    }
    for (const [key, item] of entries) {
      walkRendered(item, visit, path ? `${path}/${key}` : key);
    }
  }
}

function violations(resource: ResourceView, prefix: string): Violation[] {
  const result: Violation[] = [];
  walkRendered(asObject(resource.properties) ?? {}, (text, path) => {
    const location = prefix + path;
    const found = literalRegions(text);
    if (found.length === 0 || requiredUsEast1(resource, location, text)) return;
    const regions = [...new Set(found.map((f) => f.region))];
    const values = [...new Set(found.map((f) => `${f.kind} ${show(f.value)}`))];
    result.push({
      message: `Literal region${regions.length > 1 ? 's' : ''} ${regions.join(', ')} in ${values.join(', ')}.`,
      location,
    });
  }, '');
  return result;
}

function cloudformation(resource: ResourceView, context: RuleContext): RuleOutcome {
  // With a literal stack region aws-cdk-lib renders that region into ARNs itself: nothing to judge.
  if (context.stack.region !== undefined) {
    return NOT_APPLICABLE;
  }
  return violations(resource, 'Properties/');
}

function terraform(resource: ResourceView): RuleOutcome {
  // The provider's region lives in the provider block; a resource's ARNs and endpoints should use
  // data.aws_region (or a variable), so any literal one is reported.
  return violations(resource, '');
}

/** A literal region in an ARN or endpoint ties a region-agnostic stack to one region. */
export const hardcodedRegion: RuleDefinition = {
  metadata: {
    id: 'hardcoded-region',
    title: 'No literal region in ARNs or endpoints',
    lesson: '003 "Issue 6: Hardcoded AWS Region in Lambda IAM Policies"; 000 "Region-Specific Configurations"',
    why:
      'A literal region in an ARN or endpoint (`arn:aws:logs:us-east-1:...`, `sqs.us-east-1.amazonaws.com`) only works while ' +
      'the stack is deployed to that region. Deployed anywhere else, IAM policies grant access to resources that do not ' +
      'exist (AccessDenied at run time), and clients call the wrong region\'s endpoint.',
    fix:
      'Build ARNs from the stack\'s region: `Stack.of(this).formatArn({...})`, `Aws.REGION` or `${AWS::Region}` in Fn::Sub ' +
      '(aws-cdk-lib); `${data.aws_region.current.region}` (`.name` before AWS provider 6) or a region variable (cdktf). A literal us-east-1 that CloudFront ' +
      'requires (ACM certificate, Lambda@Edge) is not reported.',
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            ProcessorRole: {
              Type: 'AWS::IAM::Role',
              Properties: {
                RoleName: 'processor-pr123',
                AssumeRolePolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
                },
                Policies: [
                  {
                    PolicyName: 'logs',
                    PolicyDocument: {
                      Version: '2012-10-17',
                      Statement: [
                        {
                          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                          Effect: 'Allow',
                          Resource: {
                            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' }, ':log-group:/aws/lambda/processor-pr123:*']],
                          },
                        },
                      ],
                    },
                  },
                ],
              },
            },
          },
        },
        compliant: {
          resources: {
            ProcessorRole: {
              Type: 'AWS::IAM::Role',
              Properties: {
                RoleName: 'processor-pr123',
                AssumeRolePolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
                },
                Policies: [
                  {
                    PolicyName: 'logs',
                    PolicyDocument: {
                      Version: '2012-10-17',
                      Statement: [
                        {
                          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                          Effect: 'Allow',
                          Resource: {
                            'Fn::Join': [
                              '',
                              ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:/aws/lambda/processor-pr123:*'],
                            ],
                          },
                        },
                      ],
                    },
                  },
                ],
              },
            },
          },
        },
      },
      terraform: {
        nonCompliant: {
          resource: {
            aws_iam_role: {
              processor: {
                name: 'processor-pr123',
                assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
              },
            },
            aws_iam_role_policy: {
              logs: {
                name: 'processor-logs-pr123',
                role: '${aws_iam_role.processor.id}',
                policy:
                  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],' +
                  '"Resource":"arn:aws:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/processor-pr123:*"}]}',
              },
            },
          },
          blocks: { data: { aws_caller_identity: { current: {} } } },
        },
        compliant: {
          resource: {
            aws_iam_role: {
              processor: {
                name: 'processor-pr123',
                assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
              },
            },
            aws_iam_role_policy: {
              logs: {
                name: 'processor-logs-pr123',
                role: '${aws_iam_role.processor.id}',
                policy:
                  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],' +
                  '"Resource":"arn:aws:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/processor-pr123:*"}]}',
              },
            },
          },
          blocks: { data: { aws_caller_identity: { current: {} }, aws_region: { current: {} } } },
        },
      },
    },
  },
  cloudformation,
  terraform,
};
