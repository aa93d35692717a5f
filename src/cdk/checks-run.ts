import { Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { stackViewsFromTree, TreeRead } from './cfn-views';
import { checksSetup, MissingSuffixLatch } from '../core/engine/checks-setup';
import { ChecksConfiguration } from '../core/engine/configure';
import { evaluate, EvaluationResult, failing, formatFindingWithoutPath } from '../core/engine/evaluate';
import { writeReports } from '../core/engine/reports';
import { toolVersion } from '../core/engine/tool-version';


/** One evaluation of a scope's finished tree (Aspect mode). */
export interface ChecksRun {
  readonly tree: TreeRead;
  readonly result: EvaluationResult;
  /** Configuration problems that fail synthesis on their own (e.g. no suffix to check names against). */
  readonly setupErrors: string[];
  /** Failing findings as validation lines (without the path aws-cdk-lib prefixes), by construct path. */
  readonly errorsByPath: ReadonlyMap<string, string[]>;
}

/** Evaluates everything under `scope`, then writes the reports into the cloud assembly. */
export function checksRun(scope: IConstruct, config: ChecksConfiguration, propSuffix: string | undefined, missing?: MissingSuffixLatch): ChecksRun {
  const setup = checksSetup(scope, config, propSuffix, (v) => Token.isUnresolved(v));
  const tree = stackViewsFromTree(scope);
  const result = evaluate(tree.stacks, {
    ...config,
    environmentSuffix: setup.environmentSuffix,
    missingSuffix: setup.missingSuffix !== undefined ? missing?.latch(setup.missingSuffix) : undefined,
    acknowledgements: setup.acknowledgements,
  });
  if (config.writeReports) {
    const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
    if (stage) {
      writeReports(stage.outdir, result, { engine: 'cloudformation', toolVersion: toolVersion(), files: tree.files });
    }
  }
  // Grouped once: every CfnResource's validation looks its lines up here.
  const errorsByPath = new Map<string, string[]>();
  for (const finding of failing(result.findings)) {
    const lines = errorsByPath.get(finding.path) ?? [];
    lines.push(formatFindingWithoutPath(finding));
    errorsByPath.set(finding.path, lines);
  }
  return { tree, result, setupErrors: setup.setupErrors, errorsByPath };
}
