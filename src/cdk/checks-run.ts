import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { stackViewsFromWritten, topLevelStacks } from './cfn-views';
import { PLUGIN_NAME } from '../core/engine/acknowledgements';
import { checksSetup, MissingSuffixLatch } from '../core/engine/checks-setup';
import { ChecksConfiguration } from '../core/engine/configure';
import { evaluate, EvaluationResult, failing, Finding, formatFinding, formatFindingWithoutPath } from '../core/engine/evaluate';
import { writeReports } from '../core/engine/reports';
import { toolVersion } from '../core/engine/tool-version';

/** One evaluation of a scope, from the templates its synthesis has just written (Aspect mode). */
export interface ChecksRun {
  readonly result: EvaluationResult;
  /**
   * What fails synthesis, one `[construct path] line` each, in the order aws-cdk-lib lists its own
   * validation errors: the scope's problems first, then findings in construct-tree order.
   */
  readonly errors: string[];
  /** Warnings nobody acknowledged, in the same form and order. */
  readonly warnings: string[];
}

/**
 * Evaluates everything under `scope` from the written templates, writes the reports into the
 * cloud assembly and attaches each warning to its construct (in the tree and in the construct
 * metadata file aws-cdk-lib wrote, where the manifest's messages come from).
 */
export function checksRun(scope: IConstruct, config: ChecksConfiguration, propSuffix: string | undefined, missing?: MissingSuffixLatch): ChecksRun {
  const constructs = scope.node.findAll();
  const setup = checksSetup(scope, config, propSuffix, (v) => Token.isUnresolved(v), constructs);
  const read = stackViewsFromWritten(scope, topLevelStacks(scope, constructs));
  const result = evaluate(read.stacks, {
    ...config,
    environmentSuffix: setup.environmentSuffix,
    missingSuffix: setup.missingSuffix !== undefined ? missing?.latch(setup.missingSuffix) : undefined,
    acknowledgements: setup.acknowledgements,
  });
  const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
  if (config.writeReports && stage) {
    writeReports(stage.outdir, result, { engine: 'cloudformation', toolVersion: toolVersion(), files: read.files });
  }

  const tree = new TreeIndex(scope.node.root);
  const warnings = result.findings.filter((f) => f.severity === 'warning' && !f.acknowledgement);
  attachWarnings(warnings, tree);
  const scopeLines = [...setup.setupErrors, ...read.problems].map((line) => `[${scope.node.path}] ${line}`);
  return {
    result,
    errors: [...scopeLines, ...lines(failing(result.findings), scope, tree)],
    warnings: lines(warnings, scope, tree),
  };
}

/**
 * One line per finding, as a validation of its construct would have given it: `[path] [rule] ...`.
 * Findings in Stages below the scope's own are the scope's lines (`[scope] path [rule] ...`), as
 * aws-cdk-lib runs no validation of the scope's inside them; those come first.
 */
function lines(findings: readonly Finding[], scope: IConstruct, tree: TreeIndex): string[] {
  const stage = stageOf(scope);
  const elsewhere: string[] = [];
  const own: Array<{ position: number[]; line: string }> = [];
  for (const finding of findings) {
    const construct = tree.find(finding.path);
    if (construct && stageOf(construct) === stage) {
      own.push({ position: tree.position(construct), line: `[${finding.path}] ${formatFindingWithoutPath(finding)}` });
    } else {
      elsewhere.push(`[${scope.node.path}] ${formatFinding(finding)}`);
    }
  }
  // Construct-tree (pre-)order; a stable sort keeps one construct's findings in rule order.
  own.sort((a, b) => comparePositions(a.position, b.position));
  return [...elsewhere, ...own.map((o) => o.line)];
}

/**
 * Adds each warning to its construct as aws-cdk-lib's own warnings are added, and to the construct
 * metadata file its stack wrote moments ago (`<artifact id>.metadata.json`, which the manifest
 * points at), so the CLI prints it after synthesis as before.
 */
function attachWarnings(warnings: readonly Finding[], tree: TreeIndex): void {
  const byFile = new Map<string, Array<{ path: string; entry: unknown }>>();
  for (const finding of warnings) {
    const target = tree.find(finding.path);
    if (!target) continue;
    const before = target.node.metadata.length;
    Annotations.of(target).addWarningV2(`${PLUGIN_NAME}::${finding.ruleId}`, formatFindingWithoutPath(finding));
    const metadata = target.node.metadata;
    // Not added when the warning is acknowledged with Annotations.acknowledgeWarning.
    if (metadata.length === before) continue;
    const stack = topLevelStackOf(target);
    const stage = stack && Stage.of(stack);
    if (!stack || !stage) continue;
    const file = path.join(stage.outdir, `${stack.artifactId}.metadata.json`);
    const list = byFile.get(file) ?? [];
    list.push({ path: `/${target.node.path}`, entry: metadata[metadata.length - 1] });
    byFile.set(file, list);
  }
  for (const [file, entries] of byFile) {
    let written: Record<string, unknown[]>;
    try {
      written = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // A stack without any construct metadata has no file for the manifest to point at.
      continue;
    }
    for (const { path: key, entry } of entries) (written[key] ??= []).push(entry);
    fs.writeFileSync(file, JSON.stringify(written, undefined, 2), 'utf-8');
  }
}

function topLevelStackOf(construct: IConstruct): Stack | undefined {
  let stack: Stack | undefined;
  try {
    stack = Stack.of(construct);
  } catch {
    return undefined;
  }
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}

function stageOf(construct: IConstruct): Stage | undefined {
  return Stage.isStage(construct) ? construct : Stage.of(construct);
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** Finds constructs by path and their pre-order position, building nothing for the constructs no finding names. */
class TreeIndex {
  private readonly childIndex = new Map<IConstruct, Map<string, number>>();

  public constructor(private readonly root: IConstruct) {}

  public find(constructPath: string): IConstruct | undefined {
    let current: IConstruct | undefined = this.root;
    if (constructPath === '') return current;
    for (const id of constructPath.split('/')) {
      current = current.node.tryFindChild(id);
      if (!current) return undefined;
    }
    return current;
  }

  /** Child indexes from the root: comparing two gives their order in a pre-order walk. */
  public position(construct: IConstruct): number[] {
    const scopes = construct.node.scopes;
    const position: number[] = [];
    for (let i = 1; i < scopes.length; i++) {
      const parent = scopes[i - 1];
      let index = this.childIndex.get(parent);
      if (!index) {
        index = new Map(parent.node.children.map((c, n) => [c.node.id, n]));
        this.childIndex.set(parent, index);
      }
      position.push(index.get(scopes[i].node.id) ?? 0);
    }
    return position;
  }
}
