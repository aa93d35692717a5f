import { CheckEngine } from './check-engine';
import { RuleSeverity } from './rule-severity';

/** A resource as a custom rule sees it: resolved values, references kept as references. */
export interface RuleResource {
  /** Which synthesized format the resource comes from. */
  readonly engine: CheckEngine;
  /** `AWS::S3::Bucket` or `aws_s3_bucket`. */
  readonly type: string;
  /** CloudFormation logical ID, or the Terraform resource name. */
  readonly logicalId: string;
  /** Construct path. */
  readonly path: string;
  /** Name of the stack the resource is in. */
  readonly stackName: string;
  /**
   * CloudFormation `Properties` (intrinsics such as `{"Ref": ...}` as they are), or the
   * Terraform attributes (`${...}` references as strings), after overrides.
   */
  readonly properties: { [key: string]: any };
  /** CloudFormation `DeletionPolicy`, `UpdateReplacePolicy`...; Terraform `lifecycle`, `provider`, `count`. */
  readonly options: { [key: string]: any };
  /**
   * The environment suffix the checks were configured with.
   * @default - none configured, or given as a token
   */
  readonly environmentSuffix?: string;
}

/** One thing a rule found wrong. */
export interface RuleViolation {
  /** What was found, naming the value received. */
  readonly message: string;
  /**
   * Where in the resource, e.g. `Properties/BucketName`.
   * @default - the resource as a whole
   */
  readonly location?: string;
}

/** What a rule concluded about one resource. */
export enum RuleStatus {
  COMPLIANT = 'compliant',
  NON_COMPLIANT = 'non-compliant',
  NOT_APPLICABLE = 'not-applicable',
}

/** The result of evaluating a rule on one resource. */
export class RuleResult {
  /** The resource satisfies the rule. */
  public static compliant(): RuleResult {
    return new RuleResult(RuleStatus.COMPLIANT, []);
  }

  /** The rule says nothing about this resource (another type, or a value it cannot judge). */
  public static notApplicable(): RuleResult {
    return new RuleResult(RuleStatus.NOT_APPLICABLE, []);
  }

  /**
   * The resource breaks the rule.
   *
   * @param message what was found, naming the value received
   * @param location where in the resource, e.g. `Properties/BucketName`
   */
  public static nonCompliant(message: string, location?: string): RuleResult {
    return new RuleResult(RuleStatus.NON_COMPLIANT, [{ message, location }]);
  }

  /** The resource breaks the rule in several places. */
  public static fromViolations(violations: RuleViolation[]): RuleResult {
    return violations.length === 0 ? RuleResult.compliant() : new RuleResult(RuleStatus.NON_COMPLIANT, violations);
  }

  private constructor(
    /** The conclusion. */
    public readonly status: RuleStatus,
    /** What was wrong; empty unless non-compliant. */
    public readonly violations: RuleViolation[],
  ) {}
}

/**
 * A rule of your own, run by the checks beside the catalogue, from TypeScript or any jsii
 * language (in Python: a class decorated with `@jsii.implements(IRule)`).
 */
export interface IRule {
  /** Stable id, used in reports, severities and acknowledgements; must not clash with a catalogue id. */
  readonly id: string;
  /** One line saying what the rule wants. */
  readonly title: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** ERROR or WARNING. */
  readonly defaultSeverity: RuleSeverity;
  /** The formats the rule understands; it is only called for those. */
  readonly engines: CheckEngine[];

  /** Evaluates one resource. Must not throw; a throw is reported as a warning on that resource. */
  evaluate(resource: RuleResource): RuleResult;
}
