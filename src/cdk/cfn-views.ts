import * as path from 'path';
import { Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { readWrittenStacks, WrittenStack } from '../core/engine/cloud-assembly';
import { scopeCovers } from '../core/engine/evaluate';
import { StackView } from '../core/rules/model';

/**
 * Builds the rules core's views of an aws-cdk-lib app from the templates its synthesis has just
 * written (Aspect mode), read as plugin mode and the command line read them
 * (core/engine/cloud-assembly): what is deployed, resolved once, by aws-cdk-lib itself.
 */

/** What Aspect mode reads of the written templates. */
export interface WrittenRead {
  readonly stacks: StackView[];
  /** Files that could not be read, as one line each. */
  readonly problems: string[];
  /** Stack name -> template file relative to the root outdir. */
  readonly files: Record<string, string>;
}

/**
 * One view per stack (nested stacks and stacks inside Stages included) holding resources under
 * `scope`, from the templates written for `stacks` (top-level stacks; nested ones are read through
 * their parent's template).
 */
export function stackViewsFromWritten(scope: IConstruct, stacks: readonly Stack[]): WrittenRead {
  const written: WrittenStack[] = stacks.map((stack) => ({
    directory: Stage.of(stack)!.outdir,
    artifactId: stack.artifactId,
    templateFile: stack.templateFile,
    // A stack name that is a token is only known at deployment; its path is what people recognise.
    stackName: Token.isUnresolved(stack.stackName) ? stack.node.path : stack.stackName,
    environment: stack.environment,
    displayName: stack.node.path,
  }));
  const read = readWrittenStacks(written);
  // An Aspect on a construct below a stack checks that construct's resources only.
  const within = Stage.isStage(scope) || Stack.isStack(scope) ? undefined : scope.node.path;
  const views = within === undefined
    ? read.stacks
    : read.stacks.map((s) => ({ ...s, resources: s.resources.filter((r) => scopeCovers(within, r.path)) })).filter((s) => s.resources.length > 0);
  const root = rootOutdir(stacks[0]);
  const files: Record<string, string> = {};
  for (const [name, file] of Object.entries(read.files)) files[name] = root ? path.relative(root, file) : file;
  return { stacks: views, problems: read.problems.map((p) => `${p.file}: ${p.problem}`), files };
}

/** The top-level stacks among `constructs`, and the one holding `scope` when it is inside a stack. */
export function topLevelStacks(scope: IConstruct, constructs: readonly IConstruct[]): Stack[] {
  const stacks = new Set<Stack>();
  if (!Stage.isStage(scope)) {
    const holding = stackOf(scope);
    if (holding) stacks.add(topLevel(holding));
  }
  for (const construct of constructs) {
    if (Stack.isStack(construct)) stacks.add(topLevel(construct));
  }
  return [...stacks];
}

function stackOf(construct: IConstruct): Stack | undefined {
  for (const ancestor of [...construct.node.scopes].reverse()) {
    if (Stack.isStack(ancestor)) return ancestor;
    if (Stage.isStage(ancestor)) return undefined;
  }
  return undefined;
}

function topLevel(stack: Stack): Stack {
  let current = stack;
  while (current.nestedStackParent) current = current.nestedStackParent;
  return current;
}

function rootOutdir(stack: Stack | undefined): string | undefined {
  let stage = stack ? Stage.of(stack) : undefined;
  while (stage?.parentStage) stage = stage.parentStage;
  return stage?.outdir;
}
