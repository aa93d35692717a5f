import { evaluate, Finding } from '../../../src/core/engine/evaluate';
import { CfnExample, EXAMPLE_SUFFIX, ResourceView, RuleDefinition, RuleLimits, StackView, TfExample } from '../../../src/core/rules/model';

/** Options for {@link cfnFindings}. */
export interface CfnFindingsOptions {
  /** The environment suffix; defaults to EXAMPLE_SUFFIX ('pr123'). Pass null for none. */
  readonly environmentSuffix?: string | null;
  readonly limits?: Partial<RuleLimits>;
  /** Asset path per logical ID, as the adapter would find it. */
  readonly assetPaths?: Record<string, string>;
}

/** Turns a template fragment into the stack view the aws-cdk-lib adapter would build. */
export function cfnStackView(example: CfnExample, assetPaths: Record<string, string> = {}): StackView {
  const resources: ResourceView[] = Object.entries(example.resources).map(([logicalId, { Type, Properties, ...options }]) => ({
    engine: 'cloudformation',
    type: Type,
    logicalId,
    path: `Stack/${logicalId}`,
    properties: Properties ?? {},
    options,
    assetPath: assetPaths[logicalId],
  }));
  return { id: 'Stack', name: 'Stack', region: example.region, resources };
}

/**
 * Runs one rule over a CloudFormation fragment through the core engine and returns its
 * findings. The shared helper of every core rule test.
 */
export function cfnFindings(rule: RuleDefinition, example: CfnExample, options: CfnFindingsOptions = {}): Finding[] {
  const suffix = options.environmentSuffix === null ? undefined : options.environmentSuffix ?? EXAMPLE_SUFFIX;
  return evaluate([cfnStackView(example, options.assetPaths)], {
    rules: [rule],
    environmentSuffix: suffix,
    limits: options.limits,
  }).findings;
}

/** Terraform meta-arguments: the adapter puts these in `options`, not `properties`. */
const TF_META = new Set(['lifecycle', 'provider', 'count', 'for_each', 'depends_on']);

/** Turns a cdk.tf.json fragment into the stack view the cdktf adapter would build. */
export function tfStackView(example: TfExample, assetPaths: Record<string, string> = {}): StackView {
  const resources: ResourceView[] = [];
  for (const [type, byName] of Object.entries(example.resource)) {
    for (const [name, attributes] of Object.entries(byName)) {
      const properties: Record<string, any> = {};
      const options: Record<string, any> = {};
      for (const [key, value] of Object.entries(attributes)) {
        (TF_META.has(key) ? options : properties)[key] = value;
      }
      resources.push({ engine: 'terraform', type, logicalId: name, path: `stack/${name}`, properties, options, assetPath: assetPaths[name] });
    }
  }
  return { id: 'stack', name: 'stack', resources };
}

/** The Terraform twin of {@link cfnFindings}. */
export function tfFindings(rule: RuleDefinition, example: TfExample, options: CfnFindingsOptions = {}): Finding[] {
  const suffix = options.environmentSuffix === null ? undefined : options.environmentSuffix ?? EXAMPLE_SUFFIX;
  return evaluate([tfStackView(example, options.assetPaths)], {
    rules: [rule],
    environmentSuffix: suffix,
    limits: options.limits,
  }).findings;
}
