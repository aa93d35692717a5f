import { CfnExample, EngineName, NOT_APPLICABLE, ResourceView, RuleDefinition, RuleOutcome, TfExample } from './model';
import { NameSpec } from './physical-names';
import { exampleCfnRole, exampleTfRole } from './shared/examples';
import { ownNameSpec } from './shared/names';
import { propertyLocation } from './shared/views';
import { asObject, literalString, show, templateParts } from './values';

/** Length in characters (code points), as the services count them, not UTF-16 units. */
function lengthOf(text: string): number {
  // Array.from(text).length without the array (every name of every resource passes here): a surrogate pair is one.
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

function rulesOf(spec: NameSpec): string {
  return `${spec.service} names: ${spec.min}-${spec.max} characters, ${spec.describe}`;
}

function evaluate(engine: EngineName, resource: ResourceView): RuleOutcome {
  const spec = ownNameSpec(engine, resource.type);
  if (!spec) {
    return NOT_APPLICABLE;
  }
  const raw = asObject(resource.properties)?.[spec.property];
  if (raw === undefined || raw === null) {
    // No name: the engine generates a valid one.
    return NOT_APPLICABLE;
  }
  const location = propertyLocation(engine, spec.property);
  const name = literalString(raw);
  if (name !== undefined) {
    const length = lengthOf(name);
    const problems: string[] = [];
    if (length > spec.max) problems.push(`over the maximum of ${spec.max}`);
    if (length < spec.min) problems.push(`under the minimum of ${spec.min}`);
    if (!spec.pattern.test(name)) problems.push('with characters or a shape the service does not allow');
    if (problems.length === 0) {
      return [];
    }
    return [
      {
        message: `${spec.service} name ${show(name)} is ${length} characters long, ${problems.join(', ')} (${rulesOf(spec)}).`,
        location,
      },
    ];
  }
  // Partly referenced (`orders-${var.suffix}`, Fn::Join with a Ref): the literal parts alone may already be too long,
  // whatever the references resolve to. Nothing else about such a name is provable.
  const parts = templateParts(raw);
  if (!parts) {
    return NOT_APPLICABLE;
  }
  const literalLength = parts.reduce((sum, part) => sum + ('literal' in part ? lengthOf(part.literal) : 0), 0);
  if (literalLength <= spec.max) {
    // Compliance is unknown until the references resolve.
    return NOT_APPLICABLE;
  }
  const shown = parts.map((part) => ('literal' in part ? part.literal : part.reference)).join('');
  return [
    {
      message:
        `${spec.service} name ${show(shown)} is at least ${literalLength} characters long before its references are resolved, ` +
        `over the maximum of ${spec.max} (${rulesOf(spec)}).`,
      location,
    },
  ];
}

/** A name the service rejects fails the deployment; the environment suffix is what pushes names over the limit. */
export const nameLength: RuleDefinition = {
  metadata: {
    id: 'name-length',
    title: 'Physical names fit the service\'s length and character rules',
    lesson: '000 "Hardcoded Environment Suffixes" and "Resource Naming Patterns" (the suffix makes every name longer)',
    why:
      'Each service limits its names (S3 buckets 3-63 lowercase characters, IAM roles and Lambda functions 64, load balancers 32, ' +
      'SQS queues 80, ...). CloudFormation and Terraform only find out when the API call fails, minutes into the deployment, and ' +
      'names that fit in one environment break in another whose suffix is longer.',
    fix:
      'Shorten the base name so that base, separator and the longest suffix you use fit the limit, and use only the characters ' +
      'the service allows (S3: lowercase). Build names with the library\'s EnvironmentSuffix (SuffixedBucket for S3 buckets), or ' +
      'leave the name out and let CloudFormation / Terraform generate a valid unique one.',
    notReported: [
      'Names left out (the engine generates valid ones) and names partly given by reference whose literal parts fit: they are unknown until resolved.',
      'Per-engine limits stricter than the type\'s general rule (Multi-AZ DB cluster identifiers of 53-63 characters, SQL Server\'s 15-character instance identifiers), and S3\'s reserved prefixes and suffixes (xn--, -s3alias): not in the tables yet, so not reported.',
      'Types that are not in the name tables: only the types listed there are judged.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample('order-fulfilment-workflow-state-machine-execution-service-role-pr123'),
        compliant: cfnExample('order-workflow-role-pr123'),
      },
      terraform: {
        nonCompliant: tfExample('order-fulfilment-workflow-state-machine-execution-service-role-pr123'),
        compliant: tfExample('order-workflow-role-pr123'),
      },
    },
  },
  cloudformation: (resource) => evaluate('cloudformation', resource),
  terraform: (resource) => evaluate('terraform', resource),
};

/** A Step Functions workflow role named `roleName`. */
function cfnExample(roleName: string): CfnExample {
  return { resources: { WorkflowRole: exampleCfnRole(roleName, 'states.amazonaws.com', {}, 'documented') } };
}

/** The same in cdktf. */
function tfExample(roleName: string): TfExample {
  return { resource: { aws_iam_role: { workflow: exampleTfRole(roleName, 'states.amazonaws.com', 'documented') } } };
}
