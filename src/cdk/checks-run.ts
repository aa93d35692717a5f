import { Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { stackViewsFromTree, TreeRead } from './cfn-views';
import { checksSetup } from '../core/engine/checks-setup';
import { ChecksConfiguration } from '../core/engine/configure';
import { evaluate, EvaluationResult } from '../core/engine/evaluate';
import { writeReports } from '../core/engine/reports';
import { toolVersion } from '../core/engine/tool-version';
import { ENVIRONMENT_SUFFIX_VARIABLE, resolveEnvironmentSuffix } from '../core/environment-suffix';

/** One evaluation of a scope's finished tree (Aspect mode). */
export interface ChecksRun {
  readonly tree: TreeRead;
  readonly result: EvaluationResult;
  /** Configuration problems that fail synthesis on their own (e.g. no suffix to check names against). */
  readonly setupErrors: string[];
}

/** Evaluates everything under `scope`, then writes the reports into the cloud assembly. */
export function checksRun(scope: IConstruct, config: ChecksConfiguration, propSuffix: string | undefined): ChecksRun {
  const setup = checksSetup(scope, config, propSuffix, (v) => Token.isUnresolved(v));
  const tree = stackViewsFromTree(scope);
  const result = evaluate(tree.stacks, { ...config, environmentSuffix: setup.environmentSuffix, acknowledgements: setup.acknowledgements });
  if (config.writeReports) {
    const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
    if (stage) {
      writeReports(stage.outdir, result, { engine: 'cloudformation', toolVersion: toolVersion(), files: tree.files });
    }
  }
  return { tree, result, setupErrors: setup.setupErrors };
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
