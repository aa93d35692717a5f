import { EngineName, MissingSuffix, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome } from './model';
import { hasNameSegment, ownNameSpec } from './shared/names';
import { propertyLocation } from './shared/views';
import { asObject, literalString, show } from './values';

/**
 * True for a name aws-cdk-lib generated (`PhysicalName.GENERATE_IF_NEEDED`): the first 25
 * characters of the stack name, the end of the construct's unique id, and 12 hex digits of
 * a hash over stack, id, region and account, all lowercased and unseparated.
 */
function isCdkGeneratedName(name: string, stackName: unknown): boolean {
  if (typeof stackName !== 'string' || stackName === '') {
    return false;
  }
  const prefix = stackName.slice(0, 25).toLowerCase();
  return name.startsWith(prefix) && name.length > prefix.length + 12 && /[0-9a-f]{12}$/.test(name);
}

/**
 * The latch a run shares across its evaluations when no suffix is configured: the first explicit
 * name claims it, so the missing suffix is one finding per run, on a name it matters for.
 */
export function missingSuffixOnce(message: string): MissingSuffix {
  let claimed = false;
  return {
    message,
    claim: () => {
      if (claimed) return false;
      claimed = true;
      return true;
    },
  };
}

function evaluate(engine: EngineName, resource: ResourceView, context: RuleContext): RuleOutcome {
  const suffix = context.environmentSuffix;
  const spec = ownNameSpec(engine, resource.type);
  // Without a name property the name is generated.
  if (!spec) {
    return NOT_APPLICABLE;
  }
  const raw = asObject(resource.properties)?.[spec.property];
  // Absent: the engine generates a unique name. A reference (Ref, Fn::Sub, ${var.x}) may well carry the suffix.
  const name = raw === undefined || raw === null ? undefined : literalString(raw);
  if (name === undefined) {
    return NOT_APPLICABLE;
  }
  if (engine === 'cloudformation' && isCdkGeneratedName(name, context.stack?.name)) {
    // PhysicalName.GENERATE_IF_NEEDED: already unique per stack, account and region.
    return NOT_APPLICABLE;
  }
  const location = propertyLocation(engine, spec.property);
  if (typeof suffix !== 'string' || suffix === '') {
    // No suffix to compare against (a token suffix is not missing: then nothing is judged). Say so once per
    // run, here, at the first name that needs it: templates that name nothing are not told about it.
    const missing = context.missingSuffix;
    if (!missing || typeof missing.claim !== 'function' || !missing.claim()) {
      return NOT_APPLICABLE;
    }
    return [{ message: `${spec.property} ${show(name)} cannot be checked for an environment suffix. ${missing.message} (Reported once per run.)`, location }];
  }
  if (hasNameSegment(name, suffix)) {
    return [];
  }
  // A plain substring does not count: "pr1234-data" contains "pr123" but belongs to environment pr1234.
  const inWord = name.toLowerCase().includes(suffix.toLowerCase());
  const message = inWord
    ? `${spec.property} ${show(name)} contains the environment suffix ${show(suffix)} only inside a word, not as its own ` +
      'segment separated by - _ . or /.'
    : `${spec.property} ${show(name)} does not contain the environment suffix ${show(suffix)}.`;
  return [{ message, location }];
}

/** Explicit physical names must carry the environment suffix, or parallel deployments collide on them. */
export const physicalNameSuffix: RuleDefinition = {
  metadata: {
    id: 'physical-name-suffix',
    title: 'Physical names carry the environment suffix',
    lesson: '000 "Hardcoded Environment Suffixes", 001 "Issue 4: API Gateway Stage Naming Pattern"',
    why:
      'Names such as BucketName, FunctionName, RoleName or QueueName are unique per account (S3: globally). A stack whose ' +
      'names lack the environment suffix deploys once; the next environment or pull-request deployment of the same code ' +
      'fails with "already exists", and one environment can end up writing to, or deleting, another one\'s resources.',
    fix:
      'Build every explicit name from the suffix as a separate segment, e.g. `orders-queue-${suffix}`: use the ' +
      'library\'s EnvironmentSuffix (`suffix.withSuffix(\'orders-queue\')`), or SuffixedBucket for S3 buckets; or leave ' +
      'the name out and let CloudFormation / Terraform generate a unique one.',
    notReported: [
      'Names left out (CloudFormation and Terraform generate unique ones), names aws-cdk-lib generates ' +
        '(PhysicalName.GENERATE_IF_NEEDED), and names given by reference (a parameter, `${var.x}`, Fn::Sub): they may carry the suffix.',
      'A missing suffix on every template: with no suffix configured, it is reported once per run, at the first explicit ' +
        'name, and not at all when nothing is named. A suffix that is a token (a CfnParameter, a TerraformVariable) cannot be ' +
        'compared, so names are not judged.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            OrdersQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders-queue' }, UpdateReplacePolicy: 'Delete', DeletionPolicy: 'Delete' },
          },
        },
        compliant: {
          resources: {
            OrdersQueue: {
              Type: 'AWS::SQS::Queue',
              Properties: { QueueName: 'orders-queue-pr123' },
              UpdateReplacePolicy: 'Delete',
              DeletionPolicy: 'Delete',
            },
          },
        },
      },
      terraform: {
        nonCompliant: { resource: { aws_sqs_queue: { orders: { name: 'orders-queue' } } } },
        compliant: { resource: { aws_sqs_queue: { orders: { name: 'orders-queue-pr123' } } } },
      },
    },
  },
  cloudformation: (resource, context) => evaluate('cloudformation', resource, context),
  terraform: (resource, context) => evaluate('terraform', resource, context),
};
