import { evaluate, Finding } from '../../../src/core/engine/evaluate';
import { dataSourceResolver } from '../../../src/core/engine/terraform-data-sources';
import {
  CfnExample,
  DEFAULT_LIMITS,
  EXAMPLE_SUFFIX,
  NOT_APPLICABLE,
  ResourceView,
  RuleContext,
  RuleDefinition,
  RuleLimits,
  StackView,
  TfExample,
} from '../../../src/core/rules/model';

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
  return findings(rule, cfnStackView(example, options.assetPaths), options);
}

/** Terraform meta-arguments: the adapter puts these in `options`, not `properties`. */
const TF_META = new Set(['lifecycle', 'provider', 'count', 'for_each', 'depends_on']);

/** Turns a cdk.tf.json fragment into the stack view the cdktf adapter would build. */
export function tfStackView(example: TfExample, assetPaths: Record<string, string> = {}): StackView {
  const resources: ResourceView[] = [];
  // As terraformStackView does: a `${data.aws_iam_policy_document.x.json}` attribute reads as the document.
  const resolveData = dataSourceResolver(example.blocks?.data) ?? (<T>(value: T) => value);
  for (const [type, byName] of Object.entries(example.resource)) {
    for (const [name, attributes] of Object.entries(byName)) {
      const properties: Record<string, any> = {};
      const options: Record<string, any> = {};
      for (const [key, value] of Object.entries(attributes)) {
        (TF_META.has(key) ? options : properties)[key] = value;
      }
      resources.push({ engine: 'terraform', type, logicalId: name, path: `stack/${name}`, properties: resolveData(properties), options, assetPath: assetPaths[name] });
    }
  }
  const blocks = example.blocks ?? {};
  const terraform = { backend: blocks.terraform?.backend, requiredProviders: blocks.terraform?.required_providers, providers: blocks.provider };
  return { id: 'stack', name: 'stack', resources, terraform };
}

/** The Terraform twin of {@link cfnFindings}. */
export function tfFindings(rule: RuleDefinition, example: TfExample, options: CfnFindingsOptions = {}): Finding[] {
  return findings(rule, tfStackView(example, options.assetPaths), options);
}

/** One rule over one stack through the core engine, with the options both engines' helpers take. */
function findings(rule: RuleDefinition, stack: StackView, options: CfnFindingsOptions): Finding[] {
  const suffix = options.environmentSuffix === null ? undefined : options.environmentSuffix ?? EXAMPLE_SUFFIX;
  return evaluate([stack], { rules: [rule], environmentSuffix: suffix, limits: options.limits }).findings;
}

/**
 * The context the engine would give rules for one stack `S` holding these views, for tests that call
 * evaluators directly (robustness tests: the engine would turn a throw into a finding).
 */
export function ruleContext(views: ResourceView[] = [], options: { readonly region?: string; readonly limits?: RuleLimits } = {}): RuleContext {
  const stack: StackView = { id: 'S', name: 'S', region: options.region, resources: views };
  return {
    limits: options.limits ?? DEFAULT_LIMITS,
    stack,
    stacks: [stack],
    resourcesOfType: (type) => views.filter((v) => v.type === type),
    resourceInStack: (id) => views.find((v) => v.logicalId === id),
  };
}

/** Runs both of the rule's evaluators on the same properties, as a resource of each engine (robustness tests). */
export function evaluateBoth(rule: RuleDefinition, cfnType: string, tfType: string, properties: Record<string, any>, context: RuleContext): void {
  const resource: ResourceView = { engine: 'cloudformation', type: cfnType, logicalId: 'R', path: 'S/R', properties, options: {} };
  rule.cloudformation!(resource, context);
  rule.terraform!({ ...resource, engine: 'terraform', type: tfType }, context);
}

/** Calls the rule's evaluator of each view's engine and expects an outcome, never a throw or a malformed value. */
export function expectOutcomes(rule: RuleDefinition, views: ResourceView[], context: RuleContext = ruleContext(views)): void {
  for (const view of views) {
    const outcome = rule[view.engine]!(view, context);
    expect(outcome === NOT_APPLICABLE || Array.isArray(outcome)).toBe(true);
  }
}

/**
 * Odd values for robustness tests (`test.each(JUNK...)`): absent, wrong types, half-formed intrinsics and
 * references, an object without a prototype. Tests add the values their rule is most likely to trip on.
 */
export const JUNK: readonly unknown[] = [
  undefined, null, true, false, 0, -1, 2.5, Infinity, NaN, '', 'true', 'false', 'x', '${', '${var.x}', [], [null], [1, 'a'], [[[]]],
  {}, { Ref: 5 }, { Ref: null }, { 'Fn::GetAtt': 'a.b.c' }, { 'Fn::GetAtt': [null, 5] }, { 'Fn::Join': 5 }, { 'Fn::Join': ['', 5] },
  { 'Fn::Join': [null, [1, { Ref: 'x' }]] }, { 'Fn::Sub': [[]] }, { a: { b: [{ c: null }] } }, Object.create(null),
];
