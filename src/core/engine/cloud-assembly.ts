import * as fs from 'fs';
import * as path from 'path';
import { ACK_METADATA_KEY, NATIVE_ACK_METADATA_KEY } from './acknowledgements';
import { InputError, InputProblem, isRecord, parseJson, readJsonFile, readTextFile } from './input-files';
import { ENVIRONMENT_SUFFIX_METADATA_KEY } from '../environment-suffix';
import { ResourceView, StackView } from '../rules/model';

/**
 * The rules core's view of a synthesized aws-cdk-lib cloud assembly (cdk.out), read from disk
 * without aws-cdk-lib: the manifest, each stack's template, its nested stacks' templates (found
 * through the asset manifest), and the construct metadata (construct paths, acknowledgements,
 * the environment suffix) that aws-cdk-lib writes beside them.
 */

/** One construct metadata entry, as aws-cdk-lib writes it. */
export interface MetadataEntry {
  readonly type: string;
  readonly data?: unknown;
}

/** The metadata of one construct: its path (no leading slash) and entries. */
export interface ConstructMetadata {
  readonly path: string;
  readonly entries: readonly MetadataEntry[];
}

/** What was read from one or more templates and their cloud assemblies. */
export interface AssemblyRead {
  readonly stacks: StackView[];
  /** Construct metadata of every stack read: its acknowledgement and environment suffix entries (no other entries). */
  readonly metadata: ConstructMetadata[];
  /** Stack name -> its template file (the directory read joined with the file name). */
  readonly files: Record<string, string>;
  /** Files that could not be read; the rest was read regardless. */
  readonly problems: InputProblem[];
}

/** Parses one template file; throws InputError. JSON by default; the CLI adds YAML. */
export type TemplateParser = (file: string) => unknown;

interface ManifestArtifact {
  readonly type?: string;
  readonly environment?: string;
  readonly properties?: { templateFile?: string; stackName?: string; directoryName?: string; file?: string };
  readonly metadata?: Record<string, MetadataEntry[]>;
  /** aws-cdk-lib >= 2.180 writes construct metadata to a file of its own. */
  readonly additionalMetadataFile?: string;
  readonly displayName?: string;
}

type Artifacts = Record<string, ManifestArtifact>;

/** The metadata entries an AssemblyRead keeps: what its readers look for. */
const KEPT_METADATA: ReadonlySet<string> = new Set([ACK_METADATA_KEY, NATIVE_ACK_METADATA_KEY, ENVIRONMENT_SUFFIX_METADATA_KEY]);

const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';
const LOGICAL_ID_METADATA = 'aws:cdk:logicalId';
/** The construct path of a nested stack's resource in its parent: `<path>.NestedStack/<id>.NestedStackResource`. */
const NESTED_STACK_RESOURCE = /^(.*)\.NestedStack\/[^/]+\.NestedStackResource$/;

/** Reads a whole cloud assembly directory, nested assemblies (Stages) included. */
export function readCloudAssembly(directory: string, parse: TemplateParser = readJsonFile): AssemblyRead {
  const read = emptyRead();
  const manifestFile = path.join(directory, 'manifest.json');
  const artifacts = readArtifacts(manifestFile);
  let stackCount = 0;
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (artifact.type === STACK_ARTIFACT) {
      stackCount++;
      readStackArtifact(read, directory, artifactId, artifact, artifacts, parse, true);
    } else if (artifact.type === NESTED_ASSEMBLY_ARTIFACT && typeof artifact.properties?.directoryName === 'string') {
      const nested = path.join(directory, artifact.properties.directoryName);
      try {
        merge(read, readCloudAssembly(nested, parse));
        stackCount++;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        read.problems.push({ file: error.file, problem: error.problem });
      }
    }
  }
  if (stackCount === 0) {
    throw new InputError(manifestFile, 'lists no CloudFormation stack: the app synthesized no stacks, so there is nothing to check');
  }
  return read;
}

/**
 * Reads the given templates (policy validation plugin mode: aws-cdk-lib hands over their paths),
 * each with the manifest beside it when there is one, and their nested stacks' templates.
 */
export function readTemplates(templatePaths: readonly string[], parse: TemplateParser = readJsonFile): AssemblyRead {
  const read = emptyRead();
  const manifests = new Map<string, Artifacts>();
  for (const templatePath of templatePaths) {
    const directory = path.dirname(templatePath);
    let artifacts = manifests.get(directory);
    if (!artifacts) {
      artifacts = tryReadArtifacts(path.join(directory, 'manifest.json'));
      manifests.set(directory, artifacts);
    }
    const file = path.basename(templatePath);
    const found = Object.entries(artifacts).find(([, a]) => a.type === STACK_ARTIFACT && a.properties?.templateFile === file);
    const [artifactId, artifact] = found ?? [standaloneName(file), { type: STACK_ARTIFACT, properties: { templateFile: file } }];
    readStackArtifact(read, directory, artifactId, artifact, artifacts, parse, found !== undefined);
  }
  return read;
}

/** A stack that an aws-cdk-lib synthesis has just written, described from the construct tree (no manifest yet). */
export interface WrittenStack {
  /** The directory the stack's stage writes into. */
  readonly directory: string;
  readonly artifactId: string;
  /** The template file name, relative to `directory`. */
  readonly templateFile: string;
  readonly stackName: string;
  /** `aws://account/region`. */
  readonly environment?: string;
  /** Construct path. */
  readonly displayName: string;
}

/**
 * Reads stacks aws-cdk-lib has just written, before it writes the manifest (Aspect mode): the same
 * reading as a cloud assembly's (templates, nested stacks, construct metadata, assets), with the
 * artifact each manifest entry would hold. aws-cdk-lib writes `<artifact id>.metadata.json` and
 * `<artifact id>.assets.json` beside the template (2.180 and later).
 */
export function readWrittenStacks(stacks: readonly WrittenStack[]): AssemblyRead {
  const read = emptyRead();
  for (const stack of stacks) {
    const metadataFile = `${stack.artifactId}.metadata.json`;
    const artifact: ManifestArtifact = {
      type: STACK_ARTIFACT,
      environment: stack.environment,
      properties: { templateFile: stack.templateFile, stackName: stack.stackName },
      additionalMetadataFile: fs.existsSync(path.join(stack.directory, metadataFile)) ? metadataFile : undefined,
      displayName: stack.displayName,
    };
    readStackArtifact(read, stack.directory, stack.artifactId, artifact, {}, readJsonFile, true);
  }
  return read;
}

/** A template's stack name when no manifest names it: the file name without `.template.json`. */
export function standaloneName(file: string): string {
  return path.basename(file).replace(/(\.template)?\.(json|ya?ml|template)$/i, '') || path.basename(file);
}

/**
 * True when `value` is a CloudFormation template: an object whose `Resources`, if any, is an
 * object. A file nothing vouches for must also have `Resources` or `AWSTemplateFormatVersion`;
 * a manifest's stack artifact may have neither (an empty stack).
 */
export function isCloudFormationTemplate(value: unknown, listedInManifest = false): value is Record<string, any> {
  if (!isRecord(value)) return false;
  if (value.Resources !== undefined) return isRecord(value.Resources);
  return listedInManifest || value.AWSTemplateFormatVersion !== undefined;
}

/** Reads one stack artifact: template, metadata, nested stacks. Problems are collected, never thrown. */
function readStackArtifact(
  read: MutableRead,
  directory: string,
  artifactId: string,
  artifact: ManifestArtifact,
  artifacts: Artifacts,
  parse: TemplateParser,
  listedInManifest: boolean,
): void {
  const templateFile = path.join(directory, artifact.properties?.templateFile ?? `${artifactId}.template.json`);
  const name = artifact.properties?.stackName ?? artifactId;
  const region = regionOf(artifact.environment);

  const metadata = new StackMetadata(read, directory, artifact);
  const assets = assetIndex(read, directory, artifactId, artifacts);

  let template: Record<string, any>;
  try {
    template = parseTemplate(templateFile, parse, listedInManifest);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    read.problems.push({ file: error.file, problem: error.problem });
    return;
  }
  const top = artifact.displayName ?? artifactId;
  const seenNested = new Set<string>();
  const queue: Array<{ template: Record<string, any>; file: string; name: string; owner: string }> = [{ template, file: templateFile, name, owner: '' }];
  while (queue.length > 0) {
    const current = queue.shift()!;
    const owner = current.owner;
    const stack = stackView(current.template, current.name, owner === '' ? top : owner, region, (logicalId) => metadata.pathOf(owner, logicalId), assets.byObjectKey);
    read.stacks.push(stack);
    read.files[current.name] = current.file;
    // Nested stacks: each AWS::CloudFormation::Stack whose TemplateURL names a template asset.
    for (const resource of stack.resources) {
      if (resource.type !== 'AWS::CloudFormation::Stack') continue;
      const nestedFile = nestedTemplateOf(resource.properties.TemplateURL, assets);
      if (!nestedFile || seenNested.has(nestedFile)) continue;
      seenNested.add(nestedFile);
      const match = NESTED_STACK_RESOURCE.exec(resource.path);
      // A nested stack is known by its construct path, as aws-cdk-lib's own checks name it.
      const nestedPath = match ? match[1] : `${current.name}/${resource.logicalId}`;
      try {
        queue.push({ template: parseTemplate(nestedFile, parse), file: nestedFile, name: nestedPath, owner: nestedPath });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        read.problems.push({ file: error.file, problem: error.problem });
      }
    }
  }
  // Nested templates no resource points at (an unusual synthesizer): still checked, named by file.
  for (const nestedFile of assets.nestedTemplates) {
    if (seenNested.has(nestedFile)) continue;
    const nestedName = `${name}/${path.basename(nestedFile)}`;
    try {
      const nested = parseTemplate(nestedFile, parse);
      read.stacks.push(stackView(nested, nestedName, nestedName, region, () => undefined, assets.byObjectKey));
      read.files[nestedName] = nestedFile;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      read.problems.push({ file: error.file, problem: error.problem });
    }
  }
}

/** Builds a stack view from a parsed template. */
export function stackView(
  template: Record<string, any>,
  name: string,
  id: string,
  region: string | undefined,
  pathOf: (logicalId: string) => string | undefined,
  assetsByObjectKey: ReadonlyMap<string, string> = new Map(),
): StackView {
  const resources: ResourceView[] = [];
  for (const [logicalId, body] of Object.entries<any>(isRecord(template.Resources) ? template.Resources : {})) {
    const { Type, Properties, ...options } = isRecord(body) ? body : ({} as Record<string, any>);
    const properties = isRecord(Properties) ? Properties : {};
    // CodeUri.Key: an AWS::Serverless::Function (SAM) whose code is an asset.
    const key = properties.Code?.S3Key ?? properties.Content?.S3Key ?? properties.CodeUri?.Key;
    // aws:cdk:path (written by `cdk synth`) is the construct path the construct metadata gives: the metadata
    // is looked into only for resources without it.
    const cdkPath = options.Metadata?.['aws:cdk:path'];
    resources.push({
      engine: 'cloudformation',
      type: String(Type),
      logicalId,
      path: typeof cdkPath === 'string' ? cdkPath : pathOf(logicalId) ?? `${name}/${logicalId}`,
      properties,
      options,
      assetPath: typeof key === 'string' ? assetsByObjectKey.get(key) : undefined,
    });
  }
  return { id, name, region, resources };
}

function parseTemplate(file: string, parse: TemplateParser, listedInManifest = true): Record<string, any> {
  const template = parse(file);
  if (!isCloudFormationTemplate(template, listedInManifest)) {
    throw new InputError(file, 'is not a CloudFormation template: it has no "Resources" object (nor AWSTemplateFormatVersion)');
  }
  return template;
}

/** What a stack's construct metadata is read for: construct paths by logical ID, in file order. */
interface LogicalIdEntry {
  readonly path: string;
  readonly logicalId: string;
}

/** The keys of KEPT_METADATA as they appear in a metadata file's text. */
const KEPT_METADATA_TEXT = [...KEPT_METADATA].map((type) => JSON.stringify(type));

/**
 * The stack's construct metadata: in the manifest, and with newer aws-cdk-lib in a file of its own
 * (`<artifact id>.metadata.json`, megabytes on a large app: creation stack traces and a logical ID entry per
 * resource). The file is parsed at once when its text holds an entry the run keeps (KEPT_METADATA), and
 * otherwise only when a resource's construct path is asked for that its template does not give
 * (`aws:cdk:path`, which `cdk synth` writes on every resource).
 */
class StackMetadata {
  private readonly file?: string;
  private text?: string;
  private paths?: Map<string, string>;

  public constructor(private readonly read: MutableRead, directory: string, private readonly artifact: ManifestArtifact) {
    this.file = artifact.additionalMetadataFile ? path.join(directory, artifact.additionalMetadataFile) : undefined;
    const text = this.file !== undefined ? this.readText(this.file) : undefined;
    this.text = text;
    // Entries the run keeps are read at once, from the file or the manifest (parsed already, and small).
    const keptInText = text !== undefined && KEPT_METADATA_TEXT.some((key) => text.includes(key));
    if (this.file === undefined || keptInText || holdsKeptEntry(artifact.metadata)) this.load();
  }

  /** The construct path of a resource of the stack (owner '') or of one of its nested stacks. */
  public pathOf(owner: string, logicalId: string): string | undefined {
    return this.load().get(pathKey(owner, logicalId));
  }

  private load(): Map<string, string> {
    if (this.paths) return this.paths;
    const sources: Array<Record<string, unknown>> = [this.artifact.metadata ?? {}];
    if (this.file !== undefined && this.text !== undefined) {
      try {
        const extra = parseJson(this.file, this.text);
        if (isRecord(extra)) sources.push(extra);
        else this.read.problems.push({ file: this.file, problem: 'is not a construct metadata file (expected an object of construct paths)' });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        this.problem(error);
      }
      this.text = undefined;
    }
    this.paths = constructPaths(logicalIdEntries(this.read, sources));
    return this.paths;
  }

  private readText(file: string): string | undefined {
    try {
      return readTextFile(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.problem(error);
      return undefined;
    }
  }

  private problem(error: InputError): void {
    this.read.problems.push({ file: error.file, problem: `${error.problem}; checked without its construct metadata (paths, acknowledgements)` });
  }
}

function holdsKeptEntry(metadata: Record<string, unknown> | undefined): boolean {
  return Object.values(metadata ?? {}).some((entries) => Array.isArray(entries) && entries.some((e) => isRecord(e) && KEPT_METADATA.has(e.type)));
}

/**
 * The `aws:cdk:logicalId` entries of the metadata sources, in one pass that also moves the KEPT_METADATA
 * entries to `read.metadata` and drops the rest. No array per construct: a large app has a construct with
 * metadata for every resource.
 */
function logicalIdEntries(read: MutableRead, sources: ReadonlyArray<Record<string, unknown>>): LogicalIdEntry[] {
  const withIds: LogicalIdEntry[] = [];
  for (const source of sources) {
    for (const p of Object.keys(source)) {
      const entries = source[p];
      if (!Array.isArray(entries)) continue;
      // The leading slash off, as /^\//: a character test is cheaper, and every construct with metadata passes here.
      const constructPath = p.startsWith('/') ? p.slice(1) : p;
      let kept: MetadataEntry[] | undefined;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (!isRecord(entry)) continue;
        if (entry.type === LOGICAL_ID_METADATA) {
          if (typeof entry.data === 'string') withIds.push({ path: constructPath, logicalId: entry.data });
        } else if (KEPT_METADATA.has(entry.type)) {
          (kept ??= []).push(entry as MetadataEntry);
        }
      }
      if (kept) read.metadata.push({ path: constructPath, entries: kept });
    }
  }
  return withIds;
}

/**
 * Construct path by (owning stack, logical ID), from the `aws:cdk:logicalId` entries. A stack's
 * metadata covers its nested stacks too, whose logical IDs may repeat the parent's: each path
 * belongs to the innermost nested stack whose path it is under ('' = the stack itself).
 */
function constructPaths(withIds: readonly LogicalIdEntry[]): Map<string, string> {
  const nestedStacks: string[] = [];
  for (const { path: p } of withIds) {
    // endsWith first: the regular expression only for the few nested stack resources.
    const nested = p.endsWith('.NestedStackResource') ? NESTED_STACK_RESOURCE.exec(p)?.[1] : undefined;
    if (nested !== undefined) nestedStacks.push(nested);
  }
  const paths = new Map<string, string>();
  for (const { path: p, logicalId } of withIds) {
    let owner = '';
    for (const nested of nestedStacks) {
      if (p.startsWith(nested + '/') && nested.length > owner.length) owner = nested;
    }
    paths.set(pathKey(owner, logicalId), p);
  }
  return paths;
}

function pathKey(owner: string, logicalId: string): string {
  return `${owner}\u0000${logicalId}`;
}

interface AssetIndex {
  /** S3 object key -> absolute path of the asset's source (a directory, zip or template). */
  readonly byObjectKey: Map<string, string>;
  readonly nestedTemplates: string[];
}

function assetIndex(read: MutableRead, directory: string, artifactId: string, artifacts: Artifacts): AssetIndex {
  const byObjectKey = new Map<string, string>();
  const nestedTemplates: string[] = [];
  const file = path.join(directory, artifacts[`${artifactId}.assets`]?.properties?.file ?? `${artifactId}.assets.json`);
  let manifest: unknown;
  try {
    manifest = readJsonFile(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // No asset manifest is normal for a stack without assets (legacy synthesizer, hand-made templates).
    if (error.problem !== 'does not exist') read.problems.push({ file: error.file, problem: `${error.problem}; checked without its assets` });
    return { byObjectKey, nestedTemplates };
  }
  const files = isRecord(manifest) && isRecord(manifest.files) ? manifest.files : {};
  for (const asset of Object.values<any>(files)) {
    const source = asset?.source?.path;
    if (typeof source !== 'string') continue;
    // Absolute when asset staging is off (the source itself); relative to the assembly otherwise.
    const absolute = path.resolve(directory, source);
    if (source.endsWith('.nested.template.json')) nestedTemplates.push(absolute);
    for (const destination of Object.values<any>(isRecord(asset.destinations) ? asset.destinations : {})) {
      if (typeof destination?.objectKey === 'string') byObjectKey.set(destination.objectKey, absolute);
    }
  }
  return { byObjectKey, nestedTemplates };
}

/** The nested template a TemplateURL points at: the asset whose object key appears in it. */
function nestedTemplateOf(templateUrl: unknown, assets: AssetIndex): string | undefined {
  if (templateUrl === undefined) return undefined;
  const text = JSON.stringify(templateUrl);
  for (const [objectKey, file] of assets.byObjectKey) {
    if (file.endsWith('.json') && text.includes(objectKey)) return file;
  }
  return undefined;
}

function readArtifacts(manifestFile: string): Artifacts {
  const manifest = readJsonFile(manifestFile);
  if (!isRecord(manifest) || !isRecord(manifest.artifacts)) {
    throw new InputError(manifestFile, 'is not a cloud assembly manifest: it has no "artifacts" object');
  }
  return manifest.artifacts as Artifacts;
}

function tryReadArtifacts(manifestFile: string): Artifacts {
  try {
    return readArtifacts(manifestFile);
  } catch (error) {
    if (error instanceof InputError) return {};
    throw error;
  }
}

function regionOf(environment: string | undefined): string | undefined {
  const match = /^aws:\/\/[^/]+\/(.+)$/.exec(environment ?? '');
  return match && match[1] !== 'unknown-region' ? match[1] : undefined;
}

type MutableRead = { stacks: StackView[]; metadata: ConstructMetadata[]; files: Record<string, string>; problems: InputProblem[] };

function emptyRead(): MutableRead {
  return { stacks: [], metadata: [], files: {}, problems: [] };
}

function merge(into: MutableRead, from: AssemblyRead): void {
  into.stacks.push(...from.stacks);
  into.metadata.push(...from.metadata);
  Object.assign(into.files, from.files);
  into.problems.push(...from.problems);
}
