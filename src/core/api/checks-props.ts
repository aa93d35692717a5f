import { IRule } from './custom-rule';
import { RuleSeverity } from './rule-severity';

/** Configuration of `cdk.SafePatternsChecks` and `tf.SafePatternsChecks`. */
export interface SafePatternsChecksProps {
  /**
   * The environment suffix physical names must carry.
   *
   * @default - the `environmentSuffix` context key, then the `ENVIRONMENT_SUFFIX` environment variable
   */
  readonly environmentSuffix?: string;

  /**
   * Severity per rule id, overriding the catalogue default: raise a warning to ERROR,
   * lower an error to WARNING, or switch a rule OFF.
   *
   * @default - every rule at its default severity (see RULES.md)
   */
  readonly ruleSeverities?: { [ruleId: string]: RuleSeverity };

  /**
   * Highest `ReservedConcurrentExecutions` allowed (lambda-reserved-concurrency).
   * @default 5
   */
  readonly reservedConcurrencyMaximum?: number;

  /**
   * Longest log retention allowed, in days (log-retention).
   * @default 14
   */
  readonly logRetentionMaximumDays?: number;

  /**
   * Most NAT gateways allowed in one stack (nat-gateway-count).
   * @default 1
   */
  readonly natGatewayMaximum?: number;

  /**
   * Rules of your own, run beside the catalogue.
   * @default - none
   */
  readonly additionalRules?: IRule[];

  /**
   * Write the JSON and SARIF reports.
   * @default true
   */
  readonly writeReports?: boolean;
}
