import * as fs from 'fs';
import * as path from 'path';
import { Acknowledgement } from './evaluate';
import { InputError, InputProblem, isRecord, readJsonFile } from './input-files';
import { dataSourceResolver } from './terraform-data-sources';
import { ResourceView, StackView } from '../rules/model';

/**
 * The rules core's view of a cdktf stack, from the JSON cdktf writes (cdk.tf.json) or the same
 * object in memory (`stack.toTerraform()`): overrides applied, `${...}` references kept as strings,
 * except a whole-value reference to a policy document data source, read as the JSON it renders.
 * Framework-free: the cdktf adapter and the command line both build their views here.
 */

/** Terraform meta-arguments: rules see them as options, not attributes. */
const META_ARGUMENTS = new Set(['lifecycle', 'provider', 'count', 'for_each', 'depends_on', 'connection', 'provisioner']);

/**
 * Key under the stack's `//.metadata` where the cdktf adapter records what the checks need and
 * cdktf does not write itself: acknowledgements and the environment suffix.
 */
export const TF_OUTPUT_METADATA_KEY = 'cdk-safe-patterns';

/** What the cdktf adapter records in cdk.tf.json (`//.metadata["cdk-safe-patterns"]`). */
export interface TerraformOutputMetadata {
  readonly environmentSuffixes?: string[];
  readonly acknowledgements?: Acknowledgement[];
}

/** Where a stack view comes from. */
export interface TerraformStackSource {
  /** Construct path of the stack. */
  readonly id: string;
  /** Stack name (the construct id). */
  readonly name: string;
  /** The absolute source of an attribute value that is an asset path, if it is one. */
  readonly assetPathOf: (value: string) => string | undefined;
}

/** True when `value` looks like Terraform JSON (cdk.tf.json). */
export function isTerraformJson(value: unknown): value is Record<string, any> {
  if (!isRecord(value)) return false;
  const blocks = ['resource', 'terraform', 'provider', 'data', 'module', 'output', 'variable', 'locals'];
  return blocks.some((b) => value[b] !== undefined) && (value.resource === undefined || isRecord(value.resource));
}

/** One stack view from Terraform JSON. */
export function terraformStackView(json: Record<string, any>, source: TerraformStackSource): StackView {
  const resources: ResourceView[] = [];
  // A policy given as `${data.aws_iam_policy_document.x.json}` is read as the document it renders.
  const resolveData = dataSourceResolver(json.data);
  for (const [type, byName] of Object.entries<any>(isRecord(json.resource) ? json.resource : {})) {
    for (const [name, block] of Object.entries<any>(isRecord(byName) ? byName : {})) {
      const properties: Record<string, any> = {};
      const options: Record<string, any> = {};
      let constructPath: string | undefined;
      for (const [attribute, value] of Object.entries<any>(isRecord(block) ? block : {})) {
        if (attribute === '//') {
          constructPath = typeof value?.metadata?.path === 'string' ? value.metadata.path : undefined;
        } else {
          (META_ARGUMENTS.has(attribute) ? options : properties)[attribute] = value;
        }
      }
      resources.push({
        engine: 'terraform',
        type,
        logicalId: name,
        path: constructPath ?? `${source.id}/${name}`,
        properties: resolveData ? resolveData(properties) : properties,
        options,
        assetPath: assetPathOf(properties, source.assetPathOf),
      });
    }
  }
  return {
    id: source.id,
    name: source.name,
    resources,
    terraform: {
      backend: json.terraform?.backend,
      requiredProviders: json.terraform?.required_providers,
      providers: json.provider,
    },
  };
}

/** What the cdktf adapter recorded in the stack's JSON, validated field by field. */
export function terraformOutputMetadata(json: Record<string, any>): { environmentSuffixes: string[]; acknowledgements: Acknowledgement[] } {
  const recorded = json['//']?.metadata?.[TF_OUTPUT_METADATA_KEY];
  const environmentSuffixes = Array.isArray(recorded?.environmentSuffixes) ? recorded.environmentSuffixes.filter((s: unknown) => typeof s === 'string') : [];
  const acknowledgements: Acknowledgement[] = [];
  for (const ack of Array.isArray(recorded?.acknowledgements) ? recorded.acknowledgements : []) {
    if (isRecord(ack) && typeof ack.scope === 'string' && typeof ack.ruleId === 'string' && typeof ack.reason === 'string') {
      acknowledgements.push({ scope: ack.scope, ruleId: ack.ruleId, reason: ack.reason, source: ack.source === 'native' ? 'native' : 'safe-patterns' });
    }
  }
  return { environmentSuffixes, acknowledgements };
}

/** Everything read from cdktf output. */
export interface TerraformRead {
  readonly stacks: StackView[];
  readonly environmentSuffixes: string[];
  readonly acknowledgements: Acknowledgement[];
  /** Stack name -> its cdk.tf.json. */
  readonly files: Record<string, string>;
  readonly problems: InputProblem[];
}

/** Reads a cdktf output directory (cdktf.out) through its manifest. */
export function readCdktfOutput(directory: string): TerraformRead {
  const manifestFile = path.join(directory, 'manifest.json');
  const manifest = readJsonFile(manifestFile);
  if (!isRecord(manifest) || !isRecord(manifest.stacks)) {
    throw new InputError(manifestFile, 'is not a cdktf output manifest: it has no "stacks" object');
  }
  const read: TerraformRead = { stacks: [], environmentSuffixes: [], acknowledgements: [], files: {}, problems: [] };
  for (const [stackName, entry] of Object.entries<any>(manifest.stacks)) {
    const name = typeof entry?.name === 'string' ? entry.name : stackName;
    const file = path.join(directory, typeof entry?.synthesizedStackPath === 'string' ? entry.synthesizedStackPath : path.join('stacks', name, 'cdk.tf.json'));
    try {
      addStack(read, file, name, typeof entry?.constructPath === 'string' ? entry.constructPath : name);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      read.problems.push({ file: error.file, problem: error.problem });
    }
  }
  if (Object.keys(manifest.stacks).length === 0) {
    throw new InputError(manifestFile, 'lists no stack: the app synthesized no stacks, so there is nothing to check');
  }
  return read;
}

/** Reads one cdk.tf.json (its stack name from cdktf's `//.metadata.stackName`, else its directory). */
export function readTerraformJsonFile(file: string, json?: unknown): TerraformRead {
  const read: TerraformRead = { stacks: [], environmentSuffixes: [], acknowledgements: [], files: {}, problems: [] };
  const content = json ?? readJsonFile(file);
  const recordedName = isRecord(content) ? content['//']?.metadata?.stackName : undefined;
  const name = typeof recordedName === 'string' ? recordedName : path.basename(path.dirname(path.resolve(file)));
  addStack(read, file, name, name, content);
  return read;
}

function addStack(read: TerraformRead, file: string, name: string, id: string, content: unknown = readJsonFile(file)): void {
  if (!isTerraformJson(content)) {
    throw new InputError(file, 'is not Terraform JSON: it has none of the blocks "resource", "terraform", "provider", "data", "module"');
  }
  const directory = path.dirname(file);
  read.stacks.push(terraformStackView(content, { id, name, assetPathOf: (value) => synthesizedAsset(directory, value) }));
  const recorded = terraformOutputMetadata(content);
  read.environmentSuffixes.push(...recorded.environmentSuffixes);
  read.acknowledgements.push(...recorded.acknowledgements);
  read.files[name] = file;
}

/**
 * A TerraformAsset in cdktf output: a relative `assets/...` path (or `${path.module}/assets/...`)
 * that cdktf copied into the stack's directory. Any other relative path is the user's own.
 */
function synthesizedAsset(stackDirectory: string, value: string): string | undefined {
  const relative = value.replace(/^\$\{path\.module\}\//, '');
  if (!relative.startsWith('assets/')) return undefined;
  const absolute = path.resolve(stackDirectory, relative);
  return fs.existsSync(absolute) ? absolute : undefined;
}

/** A function's code asset: an attribute whose value is an asset path (filename, source...). */
function assetPathOf(properties: Record<string, any>, resolve: (value: string) => string | undefined): string | undefined {
  for (const attribute of ['filename', 'source', 'source_file', 'source_dir']) {
    const value = properties[attribute];
    if (typeof value === 'string') {
      const found = resolve(value);
      if (found) return found;
    }
  }
  return undefined;
}
