import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, TfExample, Violation } from './model';
import { exampleCfnRole, exampleTfRole } from './shared/examples';
import { literalRegions } from './shared/regions';
import { asObject, isCfnIntrinsic, show, templateString } from './values';

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
        nonCompliant: cfnExample({
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' }, ':log-group:/aws/lambda/processor-pr123:*']],
        }),
        compliant: cfnExample({
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:/aws/lambda/processor-pr123:*'],
          ],
        }),
      },
      terraform: {
        nonCompliant: tfExample('us-east-1', { aws_caller_identity: { current: {} } }),
        compliant: tfExample('${data.aws_region.current.region}', { aws_caller_identity: { current: {} }, aws_region: { current: {} } }),
      },
    },
  },
  cloudformation,
  terraform,
};

/** The processor's role with an inline policy letting it write its logs, to the log group ARN given. */
function cfnExample(logGroupArn: unknown): CfnExample {
  const statement = { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: logGroupArn };
  const policy = { PolicyName: 'logs', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } };
  return { resources: { ProcessorRole: exampleCfnRole('processor-pr123', 'lambda.amazonaws.com', { Policies: [policy] }) } };
}

/** The same in cdktf: the role, and a JSON policy whose log group ARN names `region`; `data` declares the data sources used. */
function tfExample(region: string, data: Record<string, any>): TfExample {
  return {
    resource: {
      aws_iam_role: { processor: exampleTfRole('processor-pr123', 'lambda.amazonaws.com', 'documented') },
      aws_iam_role_policy: {
        logs: {
          name: 'processor-logs-pr123',
          role: '${aws_iam_role.processor.id}',
          policy:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],' +
            `"Resource":"arn:aws:logs:${region}:\${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/processor-pr123:*"}]}`,
        },
      },
    },
    blocks: { data },
  };
}
