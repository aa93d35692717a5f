import { IConstruct } from 'constructs';
import { ACK_METADATA_KEY, PLUGIN_NAME, recordAcknowledgement } from '../engine/acknowledgements';
import { CATALOGUE } from '../rules';

/**
 * Entry points shared by the aws-cdk-lib and cdktf checks.
 */
export class SafePatterns {
  /** Metadata type `acknowledge` records on the scope. */
  public static readonly ACKNOWLEDGEMENT_METADATA_KEY: string = ACK_METADATA_KEY;

  /**
   * Name of the aws-cdk-lib policy validation plugin; native acknowledgement ids are
   * `SafePatterns::<rule-id>`.
   */
  public static readonly PLUGIN_NAME: string = PLUGIN_NAME;

  /**
   * Silences a rule on a scope and everything below it, for a stated reason. The finding
   * still appears in the reports, marked acknowledged with the reason; it no longer fails
   * synthesis. Works on aws-cdk-lib and cdktf scopes alike.
   *
   * @param scope the construct (resource, construct, stack) the acknowledgement covers
   * @param ruleId the rule id, e.g. `retain-on-delete`
   * @param reason why the finding is acceptable here; must not be empty
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    recordAcknowledgement(scope, ruleId, reason);
  }

  /** The ids of every rule in the catalogue. */
  public static ruleIds(): string[] {
    return CATALOGUE.map((rule) => rule.metadata.id);
  }

  private constructor() {}
}
