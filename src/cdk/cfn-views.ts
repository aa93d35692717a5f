import * as path from 'path';
import { AssetStaging, CfnResource, NestedStack, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ResourceView, StackView } from '../core/rules/model';

/**
 * Builds the rules core's views of an aws-cdk-lib app, from the construct tree (Aspect
 * mode) or from synthesized templates (plugin mode). Both read what is written to the
 * template: resolved values, overrides applied, intrinsics kept as intrinsics.
 */

/** What Aspect mode learns from the construct tree. */
export interface TreeRead {
  readonly stacks: StackView[];
  /** Resources that could not be rendered, as one line each. */
  readonly problems: string[];
  /** Construct by path, to attach warnings to. */
  readonly constructs: Map<string, CfnResource>;
  /** Stack name -> template file relative to the root outdir. */
  readonly files: Record<string, string>;
}

/** One view per stack (nested stacks and stacks inside Stages included) under `root`. */
export function stackViewsFromTree(root: IConstruct): TreeRead {
  const stagedAssets = new Map<string, string>();
  const byStack = new Map<Stack, CfnResource[]>();
  for (const construct of root.node.findAll()) {
    if (CfnResource.isCfnResource(construct)) {
      const stack = Stack.of(construct);
      let list = byStack.get(stack);
      if (!list) byStack.set(stack, (list = []));
      list.push(construct);
    } else if (construct instanceof AssetStaging) {
      stagedAssets.set(construct.assetHash, construct.absoluteStagedPath);
    }
  }

  const problems: string[] = [];
  const stacks: StackView[] = [];
  const constructs = new Map<string, CfnResource>();
  const files: Record<string, string> = {};
  for (const [stack, resources] of byStack) {
    const views: ResourceView[] = [];
    for (const resource of resources) {
      constructs.set(resource.node.path, resource);
      try {
        views.push(viewOfResource(stack, resource, stagedAssets));
      } catch (error) {
        problems.push(`${resource.node.path}: could not be read for checking (${(error as Error).message})`);
      }
    }
    files[stackName(stack)] = templateFileOf(stack);
    stacks.push({
      id: stack.node.path,
      name: stackName(stack),
      region: Token.isUnresolved(stack.region) ? undefined : stack.region,
      resources: views,
    });
  }
  return { stacks, problems, constructs, files };
}

/** The file a stack's findings point at, relative to the outdir of the stage that writes it. */
export function templateFileOf(stack: Stack): string {
  const stage = Stage.of(stack);
  const nestedAssemblyDir = stage && stage.parentStage ? path.relative(rootOutdir(stage), stage.outdir) : '';
  return path.join(nestedAssemblyDir, stack.templateFile);
}

function rootOutdir(stage: Stage): string {
  let current: Stage = stage;
  while (current.parentStage) current = current.parentStage;
  return current.outdir;
}

function stackName(stack: Stack): string {
  // A nested stack's name is a token until deployment; its path is what people recognise.
  return NestedStack.isNestedStack(stack) || Token.isUnresolved(stack.stackName) ? stack.node.path : stack.stackName;
}

function viewOfResource(stack: Stack, resource: CfnResource, stagedAssets: Map<string, string>): ResourceView {
  // _toCloudFormation() is what synthesis writes: it applies addOverride/addPropertyOverride.
  const rendered = stack.resolve((resource as any)._toCloudFormation()) as { Resources: Record<string, any> };
  const [logicalId, body] = Object.entries(rendered.Resources)[0];
  const { Type, Properties, ...options } = body ?? {};
  return {
    engine: 'cloudformation',
    type: String(Type ?? resource.cfnResourceType),
    logicalId,
    path: resource.node.path,
    properties: Properties ?? {},
    options,
    assetPath: assetPathFor(Properties, stagedAssets),
  };
}

/** Finds a function's code asset from the S3 key (`<asset hash>.zip`) the template points at. */
function assetPathFor(properties: any, stagedAssets: Map<string, string>): string | undefined {
  // CodeUri.Key: an AWS::Serverless::Function (SAM) whose code is an asset.
  const key = properties?.Code?.S3Key ?? properties?.Content?.S3Key ?? properties?.CodeUri?.Key;
  if (typeof key !== 'string' || stagedAssets.size === 0) {
    return undefined;
  }
  const hash = key.replace(/\.zip$/, '').split('/').pop()!;
  return stagedAssets.get(hash);
}

// Plugin mode reads the templates aws-cdk-lib wrote: core/engine/cloud-assembly (shared with the CLI).
