import { IConstruct } from 'constructs';
import { ACK_METADATA_KEY, acknowledgementsFromMetadata, NATIVE_ACK_METADATA_KEY } from './acknowledgements';
import { ChecksConfiguration } from './configure';
import { Acknowledgement } from './evaluate';
import {
  ENVIRONMENT_SUFFIX_CONTEXT_KEY,
  ENVIRONMENT_SUFFIX_METADATA_KEY,
  ENVIRONMENT_SUFFIX_VARIABLE,
  resolveEnvironmentSuffix,
} from '../environment-suffix';
import { MissingSuffix } from '../rules/model';
import { missingSuffixOnce } from '../rules/physical-name-suffix';

/** One per checks instance: every scope it evaluates shares one missing-suffix latch, so the finding is made once. */
export class MissingSuffixLatch {
  private shared?: MissingSuffix;

  /** The run's latch, created with the first message. */
  public latch(message: string): MissingSuffix {
    this.shared ??= missingSuffixOnce(message);
    return this.shared;
  }
}

/** What both adapters read from the construct tree before evaluating it. */
export interface ChecksSetup {
  /** The literal suffix names must carry; undefined when it is a token (then names are not judged). */
  readonly environmentSuffix?: string;
  /** Problems that fail synthesis on their own, e.g. a malformed suffix. */
  readonly setupErrors: string[];
  /**
   * Set when no suffix is configured anywhere (prop, helpers, context, environment variable): why, and how
   * to set one. physical-name-suffix reports it once, at the first explicit name (see missingSuffixOnce).
   */
  readonly missingSuffix?: string;
  /** Acknowledgements on the scope, below it, and on its ancestors. */
  readonly acknowledgements: Acknowledgement[];
}

const NAME_RULE = 'physical-name-suffix';

/**
 * Resolves the suffix the checks use (prop, then what the app's EnvironmentSuffix helpers
 * recorded, then context, then the environment variable) and collects acknowledgements.
 */
export function checksSetup(
  scope: IConstruct,
  config: ChecksConfiguration,
  propSuffix: string | undefined,
  isUnresolved: (value: unknown) => boolean,
  constructs: readonly IConstruct[] = scope.node.findAll(),
): ChecksSetup {
  // One walk of the tree (the caller's, when it has one) gathers both what the suffix helpers
  // recorded and the acknowledgements.
  const helperSuffixes = new Set<string>();
  const acknowledgements: Acknowledgement[] = [];
  for (const construct of constructs) {
    const metadata = construct.node.metadata;
    if (metadata.length === 0) continue;
    let acknowledges = false;
    for (const entry of metadata) {
      if (entry.type === ENVIRONMENT_SUFFIX_METADATA_KEY && typeof entry.data === 'string') helperSuffixes.add(entry.data);
      else if (entry.type === ACK_METADATA_KEY || entry.type === NATIVE_ACK_METADATA_KEY) acknowledges = true;
    }
    // Every resource carries metadata (its logical ID); its path is only built when it acknowledges.
    if (acknowledges) acknowledgements.push(...acknowledgementsFromMetadata(construct.node.path, metadata));
  }

  const setupErrors: string[] = [];
  let environmentSuffix: string | undefined;
  let missingSuffix: string | undefined;
  const sources = {
    path: scope.node.path,
    prop: propSuffix ?? (helperSuffixes.size === 1 ? [...helperSuffixes][0] : undefined),
    context: scope.node.tryGetContext(ENVIRONMENT_SUFFIX_CONTEXT_KEY),
    environmentVariable: process.env[ENVIRONMENT_SUFFIX_VARIABLE],
    isUnresolved,
  };
  try {
    const resolved = resolveEnvironmentSuffix(sources);
    // A token suffix (a CfnParameter, a TerraformVariable) cannot be compared with names.
    environmentSuffix = resolved.unresolved ? undefined : resolved.value;
  } catch (error) {
    const nameRuleOn = config.rules.some((r) => r.metadata.id === NAME_RULE) && config.severities[NAME_RULE] !== 'off';
    const nothingSet = [sources.prop, sources.context, sources.environmentVariable].every(isUnset);
    if (nameRuleOn && nothingSet) {
      // Not an error of its own: the rule reports it once, where an explicit name needs the suffix.
      missingSuffix =
        'No environment suffix is set: pass the environmentSuffix prop, or set the context key ' +
        `"${ENVIRONMENT_SUFFIX_CONTEXT_KEY}" (e.g. -c ${ENVIRONMENT_SUFFIX_CONTEXT_KEY}=dev), or export ${ENVIRONMENT_SUFFIX_VARIABLE}=dev; ` +
        `or switch the rule off: ruleSeverities: { '${NAME_RULE}': RuleSeverity.OFF }.`;
    } else if (nameRuleOn) {
      setupErrors.push(
        `[${NAME_RULE}] ${(error as Error).message.replace(/^[^:]*: /, '')} ` +
          `Or switch the rule off: ruleSeverities: { '${NAME_RULE}': RuleSeverity.OFF }.`,
      );
    }
  }
  const ancestors = scope.node.scopes.slice(0, -1).flatMap((s) => acknowledgementsFromMetadata(s.node.path, s.node.metadata));
  return { environmentSuffix, setupErrors, missingSuffix, acknowledgements: [...acknowledgements, ...ancestors] };
}

/** Unset as resolveEnvironmentSuffix counts it: absent, or blank (generated code often writes `process.env.X ?? ''`). */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
