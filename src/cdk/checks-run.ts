import { Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { stackViewsFromTree, TreeRead } from './cfn-views';
import { acknowledgementsFromMetadata, acknowledgementsInTree } from '../core/engine/acknowledgements';
import { ChecksConfiguration } from '../core/engine/configure';
import { Acknowledgement, evaluate, EvaluationResult } from '../core/engine/evaluate';
import { writeReports } from '../core/engine/reports';
import { toolVersion } from '../core/engine/tool-version';
import {
  ENVIRONMENT_SUFFIX_CONTEXT_KEY,
  ENVIRONMENT_SUFFIX_METADATA_KEY,
  ENVIRONMENT_SUFFIX_VARIABLE,
  resolveEnvironmentSuffix,
} from '../core/environment-suffix';

/** One evaluation of a scope's finished tree (Aspect mode). */
export interface ChecksRun {
  readonly tree: TreeRead;
  readonly result: EvaluationResult;
  /** Configuration problems that fail synthesis on their own (e.g. no suffix to check names against). */
  readonly setupErrors: string[];
}

const NAME_RULE = 'physical-name-suffix';

/** Evaluates everything under `scope`, then writes the reports into the cloud assembly. */
export function checksRun(scope: IConstruct, config: ChecksConfiguration, propSuffix: string | undefined): ChecksRun {
  const setupErrors: string[] = [];
  let environmentSuffix: string | undefined;
  try {
    const resolved = resolveEnvironmentSuffix({
      path: scope.node.path,
      // The suffix the app's EnvironmentSuffix helpers resolved counts as given, when they agree.
      prop: propSuffix ?? helperSuffix(scope),
      context: scope.node.tryGetContext(ENVIRONMENT_SUFFIX_CONTEXT_KEY),
      environmentVariable: process.env[ENVIRONMENT_SUFFIX_VARIABLE],
      isUnresolved: (v) => Token.isUnresolved(v),
    });
    // A token suffix (a CfnParameter) cannot be compared with names: the rule then judges nothing.
    environmentSuffix = resolved.unresolved ? undefined : resolved.value;
  } catch (error) {
    const nameRuleOn = config.rules.some((r) => r.metadata.id === NAME_RULE) && config.severities[NAME_RULE] !== 'off';
    if (nameRuleOn) {
      setupErrors.push(`[${NAME_RULE}] ${(error as Error).message.replace(/^[^:]*: /, '')} Or switch the rule off: ruleSeverities: { '${NAME_RULE}': RuleSeverity.OFF }.`);
    }
  }

  const tree = stackViewsFromTree(scope);
  const acknowledgements: Acknowledgement[] = [...acknowledgementsInTree(scope), ...ancestorAcknowledgements(scope)];
  const result = evaluate(tree.stacks, { ...config, environmentSuffix, acknowledgements });

  if (config.writeReports) {
    const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
    if (stage) {
      writeReports(stage.outdir, result, { engine: 'cloudformation', toolVersion: toolVersion(), files: tree.files });
    }
  }
  return { tree, result, setupErrors };
}

/** The environment suffix from a prop, else the environment variable; undefined when neither is set. */
export function suffixFor(prop: string | undefined, context: unknown): string | undefined {
  try {
    return resolveEnvironmentSuffix({
      path: '',
      prop,
      context,
      environmentVariable: process.env[ENVIRONMENT_SUFFIX_VARIABLE],
      isUnresolved: (v) => Token.isUnresolved(v),
    }).value;
  } catch {
    return undefined;
  }
}

function helperSuffix(scope: IConstruct): string | undefined {
  const values = new Set<string>();
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === ENVIRONMENT_SUFFIX_METADATA_KEY && typeof entry.data === 'string') values.add(entry.data);
    }
  }
  return values.size === 1 ? [...values][0] : undefined;
}

function ancestorAcknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.scopes.slice(0, -1).flatMap((s) => acknowledgementsFromMetadata(s.node.path, s.node.metadata));
}
