/**
 * The rules core's model. Rules see resources through these views only, so the
 * same rule file serves CloudFormation (aws-cdk-lib) and Terraform (cdktf):
 * one rule, one evaluator per engine.
 */

/** Which synthesized format a resource view comes from. */
export type EngineName = 'cloudformation' | 'terraform';

/** Severity a rule reports with; `off` switches it off. */
export type SeverityName = 'error' | 'warning' | 'off';

/** One resource as a rule sees it: resolved values, references kept as references. */
export interface ResourceView {
  readonly engine: EngineName;
  /** `AWS::S3::Bucket` or `aws_s3_bucket`. */
  readonly type: string;
  /** CloudFormation logical ID, or the Terraform resource name. */
  readonly logicalId: string;
  /** Construct path, e.g. `MyStack/Data/Resource`. */
  readonly path: string;
  /**
   * CloudFormation `Properties` (intrinsics such as `{ Ref }` kept as they are), or the
   * Terraform attributes (with `${...}` references kept as strings), after overrides. An attribute that is exactly
   * `${data.aws_iam_policy_document.x.json}` (or `${data.aws_iam_policy.x.arn}` with a literal `arn`) holds what the
   * data source renders, so policy rules read cdktf's idiomatic policies.
   */
  readonly properties: Record<string, any>;
  /**
   * Resource-level options. CloudFormation: `DeletionPolicy`, `UpdateReplacePolicy`,
   * `Condition`, `Metadata`. Terraform: `lifecycle`, `provider`, `count`, `for_each`.
   */
  readonly options: Record<string, any>;
  /**
   * Absolute path of the function's code asset (a directory or a zip file), when the
   * adapter could find it.
   */
  readonly assetPath?: string;
}

/** The stack-level blocks of a Terraform stack, as cdk.tf.json will hold them. */
export interface TerraformBlocks {
  /** `terraform.backend`: `{ s3: {...} }`, `{ local: {...} }`, or undefined when none is written. */
  readonly backend?: Record<string, any>;
  /** `terraform.required_providers`. */
  readonly requiredProviders?: Record<string, any>;
  /** `provider`: `{ aws: [{ region, alias }, ...] }` (a single block may be an object). */
  readonly providers?: Record<string, any>;
}

/** A stack: the unit NAT gateways are counted in and regions are judged against. */
export interface StackView {
  /** Construct path of the stack (or the Terraform stack name). */
  readonly id: string;
  /** Display name (CloudFormation stack name). */
  readonly name: string;
  /** The stack's literal region; undefined when the stack is region-agnostic. */
  readonly region?: string;
  readonly resources: ResourceView[];
  /** Terraform stacks only: backend, required providers, providers. */
  readonly terraform?: TerraformBlocks;
}

/** Limits the rules apply; every one has a default in DEFAULT_LIMITS. */
export interface RuleLimits {
  readonly reservedConcurrencyMaximum: number;
  readonly logRetentionMaximumDays: number;
  readonly natGatewayMaximum: number;
}

export const DEFAULT_LIMITS: RuleLimits = {
  reservedConcurrencyMaximum: 5,
  logRetentionMaximumDays: 14,
  natGatewayMaximum: 1,
};

/** What an evaluator may look at besides its resource. */
export interface RuleContext {
  /**
   * The environment suffix names must carry; undefined when it is a token or not
   * configured (rules that need it are then not applicable).
   */
  readonly environmentSuffix?: string;
  readonly limits: RuleLimits;
  /** The stack the resource is in. */
  readonly stack: StackView;
  /** All stacks of the app (including nested stacks and stages). */
  readonly stacks: readonly StackView[];
  /**
   * Set when no environment suffix is configured at all (neither given nor a token): why, and the latch
   * that lets physical-name-suffix report it once per run, at the first explicit name it cannot judge.
   */
  readonly missingSuffix?: MissingSuffix;
  /** All resources of a type, across the app. */
  resourcesOfType(type: string): readonly ResourceView[];
  /** The resource with this logical ID in the same stack, if any. */
  resourceInStack(logicalId: string): ResourceView | undefined;
}

/** No environment suffix to judge names by: reported once per run, where a physical name is there to judge. */
export interface MissingSuffix {
  /** Why there is none and how to set one, e.g. `No environment suffix is set: ... Pass --suffix <suffix>`. */
  readonly message: string;
  /** True the first time it is called in a run (the caller reports it then), false after. */
  claim(): boolean;
}

/** One thing wrong with a resource. */
export interface Violation {
  /** What was found, naming the value received, e.g. `BucketName "data" lacks the suffix "pr1".` */
  readonly message: string;
  /** Where in the resource, e.g. `Properties/BucketName` or `bucket`. */
  readonly location?: string;
  /**
   * `warning` for a finding the rule cannot prove (e.g. a partial backend configured at init): it is
   * reported as a warning even when the rule's severity is error. Unset: the rule's severity.
   */
  readonly severity?: 'warning';
}

/** Returned by an evaluator when the rule says nothing about this resource. */
export const NOT_APPLICABLE = 'not-applicable' as const;

/** `[]` is compliant, a non-empty list is non-compliant. */
export type RuleOutcome = readonly Violation[] | typeof NOT_APPLICABLE;

export type Evaluator = (resource: ResourceView, context: RuleContext) => RuleOutcome;

/** A synthesized fragment used as an example in RULES.md and as a test case. */
export interface CfnExample {
  /** Template `Resources`, keyed by logical ID, with `Type`, `Properties` and options. */
  readonly resources: Record<string, { Type: string; Properties?: Record<string, any>; [option: string]: any }>;
  /** The stack's region; omitted means region-agnostic. */
  readonly region?: string;
}

/** The same for Terraform: resources keyed by type, then name (cdk.tf.json `resource` block). */
export interface TfExample {
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  /** Other top-level blocks: `terraform`, `provider`, `data`. */
  readonly blocks?: Record<string, any>;
}

export interface RuleExamples<T> {
  readonly compliant: T;
  readonly nonCompliant: T;
}

/** The environment suffix examples and rule tests assume. */
export const EXAMPLE_SUFFIX = 'pr123';

export interface RuleMetadata {
  /** Stable kebab-case id: public API, never changes once released. */
  readonly id: string;
  readonly title: string;
  /** The lesson in shared/seeds the rule comes from, e.g. `000 "AWS GuardDuty"`. */
  readonly lesson: string;
  /** Why it matters: what fails, and when. */
  readonly why: string;
  /** How to fix it, naming this library's construct that avoids it where there is one. */
  readonly fix: string;
  readonly defaultSeverity: 'error' | 'warning';
  /**
   * What the rule deliberately does not report, each with the AWS fact that makes it no finding
   * (e.g. S3 encrypts every new object by default): printed in RULES.md so users know the gaps are chosen.
   */
  readonly notReported?: string[];
  readonly examples: {
    readonly cloudformation?: RuleExamples<CfnExample>;
    readonly terraform?: RuleExamples<TfExample>;
  };
}

/** Judges a whole stack once (backend, providers): for lessons that are not about one resource. */
export type StackEvaluator = (stack: StackView, context: RuleContext) => readonly Violation[];

/** A rule: its metadata and one evaluator per engine it covers. */
export interface RuleDefinition {
  readonly metadata: RuleMetadata;
  readonly cloudformation?: Evaluator;
  readonly terraform?: Evaluator;
  /** Terraform stack-level evaluator; findings point at the stack. */
  readonly terraformStack?: StackEvaluator;
}
