import * as fs from 'fs';
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
  const key = properties?.Code?.S3Key ?? properties?.Content?.S3Key;
  if (typeof key !== 'string' || stagedAssets.size === 0) {
    return undefined;
  }
  const hash = key.replace(/\.zip$/, '').split('/').pop()!;
  return stagedAssets.get(hash);
}

// ---------------------------------------------------------------------------
// Plugin mode: read the templates aws-cdk-lib wrote.
// ---------------------------------------------------------------------------

interface ManifestArtifact {
  type: string;
  environment?: string;
  properties?: { templateFile?: string; stackName?: string };
  metadata?: Record<string, Array<{ type: string; data?: unknown }>>;
  /** Newer aws-cdk-lib writes construct metadata to a file of its own. */
  additionalMetadataFile?: string;
  displayName?: string;
}

/** Everything plugin mode learns from one template and its cloud assembly. */
export interface TemplateRead {
  readonly stacks: StackView[];
  /** Metadata by construct path (no leading slash), for acknowledgements. */
  readonly metadata: Array<{ path: string; entries: Array<{ type: string; data?: unknown }> }>;
  /** Stack name -> absolute path of its template (nested stack templates included). */
  readonly files: Record<string, string>;
}

/** Reads templates (and their nested-stack templates) with the manifest beside them. */
export function readTemplates(templatePaths: readonly string[]): TemplateRead {
  const stacks: StackView[] = [];
  const metadata: TemplateRead['metadata'] = [];
  const files: Record<string, string> = {};
  const manifests = new Map<string, Record<string, ManifestArtifact>>();

  for (const templatePath of templatePaths) {
    const dir = path.dirname(templatePath);
    let artifacts = manifests.get(dir);
    if (!artifacts) {
      artifacts = readJson(path.join(dir, 'manifest.json'))?.artifacts ?? {};
      manifests.set(dir, artifacts!);
      for (const artifact of Object.values(artifacts!)) {
        const extra = artifact.additionalMetadataFile ? readJson(path.join(dir, artifact.additionalMetadataFile)) ?? {} : {};
        for (const [p, entries] of [...Object.entries(artifact.metadata ?? {}), ...Object.entries<any>(extra)]) {
          if (Array.isArray(entries)) metadata.push({ path: p.replace(/^\//, ''), entries });
        }
      }
    }
    const file = path.basename(templatePath);
    const [artifactId, artifact] = Object.entries(artifacts!).find(([, a]) => a.properties?.templateFile === file) ?? [file, undefined];
    const name = artifact?.properties?.stackName ?? artifact?.displayName ?? artifactId;
    const region = regionOf(artifact?.environment);
    const assets = assetIndex(dir, artifactId, artifacts!);

    stacks.push(stackFromTemplate(templatePath, name, region, assets));
    files[name] = templatePath;
    for (const nested of assets.nestedTemplates) {
      const nestedName = `${name}/${path.basename(nested)}`;
      stacks.push(stackFromTemplate(nested, nestedName, region, assets));
      files[nestedName] = nested;
    }
  }
  return { stacks, metadata, files };
}

function stackFromTemplate(templatePath: string, name: string, region: string | undefined, assets: AssetIndex): StackView {
  const template = readJson(templatePath) ?? {};
  const resources: ResourceView[] = Object.entries<any>(template.Resources ?? {}).map(([logicalId, body]) => {
    const { Type, Properties, ...options } = body ?? {};
    const key = Properties?.Code?.S3Key;
    return {
      engine: 'cloudformation',
      type: String(Type),
      logicalId,
      path: typeof options.Metadata?.['aws:cdk:path'] === 'string' ? options.Metadata['aws:cdk:path'] : `${name}/${logicalId}`,
      properties: Properties ?? {},
      options,
      assetPath: typeof key === 'string' ? assets.byObjectKey.get(key) : undefined,
    };
  });
  return { id: name, name, region, resources };
}

interface AssetIndex {
  readonly byObjectKey: Map<string, string>;
  readonly nestedTemplates: string[];
}

function assetIndex(dir: string, artifactId: string, artifacts: Record<string, ManifestArtifact>): AssetIndex {
  const byObjectKey = new Map<string, string>();
  const nestedTemplates: string[] = [];
  const assetsArtifact = artifacts[`${artifactId}.assets`] as any;
  const file = assetsArtifact?.properties?.file ?? `${artifactId}.assets.json`;
  const manifest = readJson(path.join(dir, file));
  for (const asset of Object.values<any>(manifest?.files ?? {})) {
    const source = asset?.source?.path;
    if (typeof source !== 'string') continue;
    const absolute = path.join(dir, source);
    if (source.endsWith('.nested.template.json')) nestedTemplates.push(absolute);
    for (const destination of Object.values<any>(asset.destinations ?? {})) {
      if (typeof destination?.objectKey === 'string') byObjectKey.set(destination.objectKey, absolute);
    }
  }
  return { byObjectKey, nestedTemplates };
}

function regionOf(environment: string | undefined): string | undefined {
  const match = /^aws:\/\/[^/]+\/(.+)$/.exec(environment ?? '');
  return match && match[1] !== 'unknown-region' ? match[1] : undefined;
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
