import {
  DEFAULT_LIMITS,
  EngineName,
  NOT_APPLICABLE,
  ResourceView,
  RuleContext,
  RuleDefinition,
  MissingSuffix,
  RuleLimits,
  SeverityName,
  StackEvaluator,
  StackView,
  Violation,
} from '../rules/model';
import { forgetOpenedDirectories } from '../rules/shared/lambda-code';

/** An acknowledgement found on a construct: it covers that scope and everything below it. */
export interface Acknowledgement {
  /** Construct path of the scope ('' for the app). */
  readonly scope: string;
  readonly ruleId: string;
  readonly reason: string;
  /** `SafePatterns.acknowledge` or the framework's own (`Validations.of(scope).acknowledge`). */
  readonly source: 'safe-patterns' | 'native';
}

export interface EvaluationOptions {
  readonly rules: readonly RuleDefinition[];
  /** Per-rule severity overrides; `off` removes the rule. */
  readonly severities?: Readonly<Record<string, SeverityName>>;
  readonly environmentSuffix?: string;
  /** No suffix configured at all: physical-name-suffix reports it once per run (share one across evaluate calls). */
  readonly missingSuffix?: MissingSuffix;
  readonly limits?: Partial<RuleLimits>;
  readonly acknowledgements?: readonly Acknowledgement[];
  /** Called after each stack, for progress reports on large apps. */
  readonly onProgress?: (stacksDone: number, stacksTotal: number) => void;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: 'error' | 'warning';
  readonly engine: EngineName;
  readonly stack: string;
  readonly path: string;
  readonly logicalId: string;
  readonly resourceType: string;
  /** What was found. */
  readonly message: string;
  readonly location?: string;
  /** How to fix it. */
  readonly fix: string;
  /** Set when an acknowledgement covers the finding: it is reported, never failing. */
  readonly acknowledgement?: Acknowledgement;
}

export interface EvaluationResult {
  readonly findings: Finding[];
  /** Acknowledgements with how many findings each covered (0 = stale or a typo). */
  readonly acknowledgements: ReadonlyArray<Acknowledgement & { readonly matched: number }>;
  /** Rules that ran, with their effective severity. */
  readonly rules: ReadonlyArray<{ readonly rule: RuleDefinition; readonly severity: 'error' | 'warning' }>;
}

/**
 * Runs every enabled rule over every resource of every stack. Pure: all input comes
 * in through the views and options; nothing here knows a framework.
 */
export function evaluate(stacks: readonly StackView[], options: EvaluationOptions): EvaluationResult {
  // Asset directories are read once per evaluation, and afresh by the next one.
  forgetOpenedDirectories();
  const limits: RuleLimits = { ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) };
  const severities = options.severities ?? {};
  const active = options.rules
    .map((rule) => ({ rule, severity: severities[rule.metadata.id] ?? rule.metadata.defaultSeverity }))
    .filter((r): r is { rule: RuleDefinition; severity: 'error' | 'warning' } => r.severity !== 'off');

  // The rules with an evaluator for each engine, in catalogue order: looked up once, not per resource.
  const withEvaluator = (engine: EngineName) =>
    active.filter((r) => r.rule[engine]).map((r) => ({ ...r, evaluator: r.rule[engine]! }));
  const cfnEvaluators = withEvaluator('cloudformation');
  const tfEvaluators = withEvaluator('terraform');

  const byType = new Map<string, ResourceView[]>();
  for (const stack of stacks) {
    for (const resource of stack.resources) {
      let list = byType.get(resource.type);
      if (!list) byType.set(resource.type, (list = []));
      list.push(resource);
    }
  }

  const acknowledgements = (options.acknowledgements ?? []).map((a) => ({ ...a, matched: 0 }));
  const findings: Finding[] = [];
  for (const [index, stack] of stacks.entries()) {
    const byLogicalId = new Map(stack.resources.map((r) => [r.logicalId, r]));
    const context: RuleContext = {
      environmentSuffix: options.environmentSuffix,
      missingSuffix: options.missingSuffix,
      limits,
      stack,
      stacks,
      resourcesOfType: (type) => byType.get(type) ?? [],
      resourceInStack: (logicalId) => byLogicalId.get(logicalId),
    };
    if (stack.terraform) {
      for (const { rule, severity } of active) {
        if (!rule.terraformStack) continue;
        for (const violation of runStack(rule.terraformStack, stack, context)) {
          findings.push(finding(rule, severity, stack, { engine: 'terraform', type: 'terraform', logicalId: 'terraform', path: stack.id }, violation));
        }
      }
    }
    for (const resource of stack.resources) {
      const evaluators = resource.engine === 'cloudformation' ? cfnEvaluators : resource.engine === 'terraform' ? tfEvaluators : [];
      for (let i = 0; i < evaluators.length; i++) {
        const { rule, severity, evaluator } = evaluators[i];
        const outcome = run(evaluator, resource, context);
        for (let j = 0; j < outcome.length; j++) {
          findings.push(finding(rule, severity, stack, resource, outcome[j]));
        }
      }
    }
    options.onProgress?.(index + 1, stacks.length);
  }
  return { findings, acknowledgements, rules: active };

  function finding(
    rule: RuleDefinition,
    severity: 'error' | 'warning',
    stack: StackView,
    target: Pick<ResourceView, 'engine' | 'type' | 'logicalId' | 'path'>,
    violation: Violation,
  ): Finding {
    const ack = findAcknowledgement(acknowledgements, rule.metadata.id, target.path);
    if (ack) ack.matched++;
    return {
      ruleId: rule.metadata.id,
      title: rule.metadata.title,
      // A violation the rule cannot prove asks for a warning at most.
      severity: violation.severity === 'warning' ? 'warning' : severity,
      engine: target.engine,
      stack: stack.name,
      path: target.path,
      logicalId: target.logicalId,
      resourceType: target.type,
      message: violation.message,
      location: violation.location,
      fix: rule.metadata.fix,
      acknowledgement: ack ? stripCount(ack) : undefined,
    };
  }
}

/** Counts of findings nobody acknowledged, by severity, and of acknowledged ones: every report's summary. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; acknowledged: number } {
  let errors = 0;
  let warnings = 0;
  let acknowledged = 0;
  for (const f of findings) {
    if (f.acknowledgement) acknowledged++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, acknowledged };
}

/** Findings that fail synthesis: errors nobody acknowledged. */
export function failing(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !f.acknowledgement);
}

/** One line per finding: path, rule id, what, fix. */
export function formatFinding(finding: Finding): string {
  const where = finding.location ? ` (${finding.location})` : '';
  const ack = finding.acknowledgement ? ` [acknowledged: ${finding.acknowledgement.reason}]` : '';
  return `${finding.path} [${finding.ruleId}] ${finding.message}${where} Fix: ${finding.fix}${ack}`;
}

/** The same line without the leading path, for frameworks that prefix the construct path themselves. */
export function formatFindingWithoutPath(finding: Finding): string {
  return formatFinding(finding).slice(finding.path.length + 1);
}

/** True when an acknowledgement on `scope` covers the construct at `path`. */
export function scopeCovers(scope: string, path: string): boolean {
  return scope === '' || path === scope || path.startsWith(scope + '/');
}

const NONE: readonly Violation[] = [];

function run(evaluator: NonNullable<RuleDefinition['cloudformation']>, resource: ResourceView, context: RuleContext): readonly Violation[] {
  try {
    const outcome = evaluator(resource, context);
    return outcome === NOT_APPLICABLE ? NONE : outcome;
  } catch (error) {
    // A rule bug must never break a user's synth, nor hide silently.
    return [{ message: `The rule could not evaluate this resource (${(error as Error).message}); please report this as a cdk-safe-patterns bug.` }];
  }
}

function runStack(evaluator: StackEvaluator, stack: StackView, context: RuleContext): readonly Violation[] {
  try {
    return evaluator(stack, context);
  } catch (error) {
    return [{ message: `The rule could not evaluate this stack (${(error as Error).message}); please report this as a cdk-safe-patterns bug.` }];
  }
}

function findAcknowledgement<T extends Acknowledgement>(acks: T[], ruleId: string, path: string): T | undefined {
  // The closest scope wins, so the reason shown is the most specific one.
  let best: T | undefined;
  for (const ack of acks) {
    if (ack.ruleId === ruleId && scopeCovers(ack.scope, path) && (!best || ack.scope.length > best.scope.length)) {
      best = ack;
    }
  }
  return best;
}

function stripCount(ack: Acknowledgement & { matched?: number }): Acknowledgement {
  return { scope: ack.scope, ruleId: ack.ruleId, reason: ack.reason, source: ack.source };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
