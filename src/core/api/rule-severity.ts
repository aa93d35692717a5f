/** How a rule's findings are treated. */
export enum RuleSeverity {
  /** Fails synthesis unless acknowledged. */
  ERROR = 'error',
  /** Reported, never fails synthesis. */
  WARNING = 'warning',
  /** The rule does not run. */
  OFF = 'off',
}
