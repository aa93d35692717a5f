import { CheckEngine } from '../api/check-engine';
import { SafePatternsChecksProps } from '../api/checks-props';
import { IRule, RuleResource, RuleStatus } from '../api/custom-rule';
import { RuleSeverity } from '../api/rule-severity';
import { constructError, describeValue } from '../errors';
import { CATALOGUE } from '../rules';
import { EngineName, NOT_APPLICABLE, RuleDefinition, RuleLimits, SeverityName, Violation } from '../rules/model';

/** What the checks run with, after the props were validated. */
export interface ChecksConfiguration {
  readonly rules: readonly RuleDefinition[];
  readonly severities: Readonly<Record<string, SeverityName>>;
  readonly limits: Partial<RuleLimits>;
  readonly writeReports: boolean;
}

const SEVERITIES: readonly string[] = [RuleSeverity.ERROR, RuleSeverity.WARNING, RuleSeverity.OFF];

/**
 * Validates SafePatternsChecksProps and turns them into the engine's configuration.
 * Every problem is an error naming the prop, the value and the fix.
 */
export function configure(owner: string, props: SafePatternsChecksProps): ChecksConfiguration {
  const custom = (props.additionalRules ?? []).map((rule, i) => adaptCustomRule(owner, rule, i));
  const rules = [...CATALOGUE, ...custom];
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.metadata.id)) {
      throw constructError(owner, `Two rules share the id "${rule.metadata.id}".`, describeValue(rule.metadata.id), 'give each additional rule an id of its own that is not in RULES.md');
    }
    ids.add(rule.metadata.id);
  }

  const severities: Record<string, SeverityName> = {};
  for (const [id, severity] of Object.entries(props.ruleSeverities ?? {})) {
    if (!ids.has(id)) {
      throw constructError(owner, `ruleSeverities names an unknown rule "${id}".`, describeValue(id), `use one of: ${[...ids].join(', ')}`);
    }
    if (!SEVERITIES.includes(severity as string)) {
      throw constructError(owner, `ruleSeverities["${id}"] is not a severity.`, describeValue(severity), 'use RuleSeverity.ERROR, RuleSeverity.WARNING or RuleSeverity.OFF');
    }
    severities[id] = severity as SeverityName;
  }

  return {
    rules,
    severities,
    limits: {
      reservedConcurrencyMaximum: limit(owner, 'reservedConcurrencyMaximum', props.reservedConcurrencyMaximum),
      logRetentionMaximumDays: limit(owner, 'logRetentionMaximumDays', props.logRetentionMaximumDays),
      natGatewayMaximum: limit(owner, 'natGatewayMaximum', props.natGatewayMaximum),
    },
    writeReports: props.writeReports ?? true,
  };
}

function limit(owner: string, name: string, value: number | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw constructError(owner, `${name} must be a whole number of 0 or more.`, describeValue(value), `pass e.g. ${name}: 5, or leave it out for the default`);
  }
  return value;
}

const ENGINE_NAMES: Record<string, EngineName> = { [CheckEngine.CLOUDFORMATION]: 'cloudformation', [CheckEngine.TERRAFORM]: 'terraform' };

/** Wraps a user's IRule (TypeScript or any jsii language) as a catalogue-shaped rule. */
function adaptCustomRule(owner: string, rule: IRule, index: number): RuleDefinition {
  const id = rule.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
    throw constructError(owner, `additionalRules[${index}] has no usable id.`, describeValue(id), 'give the rule an id of letters, digits, dots, hyphens and underscores');
  }
  const severity = rule.defaultSeverity;
  if (severity !== RuleSeverity.ERROR && severity !== RuleSeverity.WARNING) {
    throw constructError(owner, `additionalRules "${id}" has defaultSeverity that is neither ERROR nor WARNING.`, describeValue(severity), 'set defaultSeverity to RuleSeverity.ERROR or RuleSeverity.WARNING');
  }
  const engines = (rule.engines ?? []).map((e) => ENGINE_NAMES[e]).filter((e): e is EngineName => e !== undefined);
  if (engines.length === 0) {
    throw constructError(owner, `additionalRules "${id}" names no engine.`, describeValue(rule.engines), 'set engines to [CheckEngine.CLOUDFORMATION], [CheckEngine.TERRAFORM] or both');
  }
  const definition: { -readonly [K in keyof RuleDefinition]: RuleDefinition[K] } = {
    metadata: {
      id,
      title: rule.title,
      lesson: 'custom rule',
      why: rule.title,
      fix: rule.fix,
      defaultSeverity: severity === RuleSeverity.ERROR ? 'error' : 'warning',
      examples: {},
    },
  };
  for (const engine of engines) {
    definition[engine] = (resource, context) => {
      const view: RuleResource = {
        engine: engine === 'cloudformation' ? CheckEngine.CLOUDFORMATION : CheckEngine.TERRAFORM,
        type: resource.type,
        logicalId: resource.logicalId,
        path: resource.path,
        stackName: context.stack.name,
        properties: resource.properties,
        options: resource.options,
        environmentSuffix: context.environmentSuffix,
      };
      const result = rule.evaluate(view);
      if (!result || result.status !== RuleStatus.NON_COMPLIANT) {
        return result?.status === RuleStatus.COMPLIANT ? [] : NOT_APPLICABLE;
      }
      const violations: Violation[] = (result.violations ?? []).map((v) => ({ message: String(v.message), location: v.location }));
      return violations.length > 0 ? violations : [{ message: `${id}: non-compliant` }];
    };
  }
  return definition;
}
