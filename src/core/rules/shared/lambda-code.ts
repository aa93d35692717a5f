/**
 * What the Lambda rules need to know about a function's code: its runtime family,
 * the files its handler can load from, and a bounded view of the code itself (an
 * asset directory, a zip archive, or CloudFormation inline code). Nothing here
 * throws: unreadable code is "unavailable" (nothing provable) or, for a file that
 * is not a zip at all, "corrupt".
 */
import * as fs from 'fs';
import * as path from 'path';
import { RuleContext } from '../model';
import { asList, asObject, isTfInterpolation } from '../values';
import { ZipArchive, ZipError } from './zip';

/** Runtimes whose handler maps to a file the rules can look for. */
export type RuntimeFamily = 'nodejs' | 'python';

/** `nodejs`/`python` for a literal runtime of those families, else undefined (java, dotnet, go, provided, tokens). */
export function runtimeFamily(runtime: unknown): RuntimeFamily | undefined {
  if (typeof runtime !== 'string') return undefined;
  if (/^nodejs(\d|$)/.test(runtime)) return 'nodejs';
  if (/^python\d/.test(runtime)) return 'python';
  return undefined;
}

/** The Node.js major version of a literal runtime (`nodejs20.x` -> 20), else undefined. */
export function nodejsMajor(runtime: unknown): number | undefined {
  if (typeof runtime !== 'string') return undefined;
  const match = /^nodejs(\d+)(?:\.[0-9x]+)?(?:-edge)?$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

/**
 * True when the function has layers (or a reference that may hold some): a layer can
 * provide the handler's module or `aws-sdk`, so the rules cannot prove either missing.
 */
export function hasLayers(layers: unknown): boolean {
  return asList(layers).length > 0;
}

/** Where a handler string sends the runtime. */
export type HandlerTarget =
  /** Lambda rejects the string itself (`Runtime.MalformedHandlerName`). */
  | { readonly kind: 'malformed'; readonly reason: string }
  /** The module is looked up outside the package (an absolute or `..` path): not provable. */
  | { readonly kind: 'outside' }
  | {
    readonly kind: 'module';
    /** The files Lambda would load, for messages: `lambda/app.js, lambda/app.mjs or lambda/app.cjs`. */
    readonly expected: string;
    /** True when the code holds something Lambda would load for this handler. */
    readonly foundIn: (code: CodeSource) => boolean;
  };

/**
 * The module a handler names, following the runtimes' own resolution:
 * Node.js takes the basename up to its first dot (`lambda/app.handler` -> `lambda/app`,
 * then `.js`, `.mjs`, `.cjs`, a directory, or `node_modules`); Python takes everything up to
 * the last dot as a dotted module (`pkg/mod.handler` -> `pkg/mod.py` or a package).
 */
export function handlerTarget(handler: string, family: RuntimeFamily): HandlerTarget {
  // A pure function of its arguments, and a large app's functions share a few handlers: each is read once.
  const key = `${family}\u0000${handler}`;
  let target = HANDLER_TARGETS.get(key);
  if (!target) {
    target = family === 'nodejs' ? nodeHandler(handler) : pythonHandler(handler);
    // Bounded: a long-lived process (watch mode, a test runner) may see many handlers.
    if (HANDLER_TARGETS.size > 1000) HANDLER_TARGETS.clear();
    HANDLER_TARGETS.set(key, target);
  }
  return target;
}

const HANDLER_TARGETS = new Map<string, HandlerTarget>();

/** Node.js: the file part of the handler up to its first dot names the module. */
function nodeHandler(handler: string): HandlerTarget {
  const slash = handler.lastIndexOf('/');
  const base = handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) {
    return { kind: 'malformed', reason: 'it is not <file>.<export>' };
  }
  const module = base.slice(0, dot);
  const stem = packagePath(handler.slice(0, slash + 1) + module);
  if (stem === undefined) {
    return { kind: 'outside' };
  }
  const root = path.posix.dirname(stem) === '.' ? '' : path.posix.dirname(stem) + '/';
  return {
    kind: 'module',
    expected: `${stem}.js, ${stem}.mjs or ${stem}.cjs`,
    foundIn: (code) =>
      [stem, `${stem}.js`, `${stem}.mjs`, `${stem}.cjs`].some((f) => code.hasFile(f)) ||
      // require() of a directory loads its index.js / package.json main.
      code.hasDirectory(stem) ||
      // The runtime falls back to require.resolve(module), which searches node_modules upwards.
      ancestors(root).some((dir) => {
        const installed = `${dir}node_modules/${module}`;
        return code.hasDirectory(installed) || ['', '.js', '.json', '.node'].some((ext) => code.hasFile(installed + ext));
      }),
  };
}

/** Python: everything up to the last dot is a dotted module path. */
function pythonHandler(handler: string): HandlerTarget {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) {
    return { kind: 'malformed', reason: 'it is not <module>.<function>' };
  }
  // The bootstrap imports modname.replace('/', '.'): slashes and dots both separate packages.
  const parts = handler.slice(0, dot).split(/[./]/);
  if (parts.some((p) => p === '')) {
    return { kind: 'malformed', reason: 'its module name has an empty part' };
  }
  const stem = parts.join('/');
  const dir = path.posix.dirname(stem) === '.' ? '' : path.posix.dirname(stem);
  const name = path.posix.basename(stem);
  return {
    kind: 'module',
    expected: `${stem}.py`,
    foundIn: (code) =>
      code.hasFile(`${stem}.py`) ||
      code.hasFile(`${stem}.pyc`) ||
      // A package (with or without __init__.py).
      code.hasDirectory(stem) ||
      // A compiled extension module: name.so, name.cpython-312-x86_64-linux-gnu.so.
      code.list(dir).some((n) => n.startsWith(name + '.') && n.endsWith('.so')),
  };
}

/** A package-relative posix path, or undefined when it leaves the package. */
function packagePath(relative: string): string | undefined {
  if (relative.startsWith('/')) return undefined;
  const normalized = path.posix.normalize(relative);
  return normalized === '..' || normalized.startsWith('../') ? undefined : normalized;
}

/** `a/b/` -> [`a/b/`, `a/`, ``]. */
function ancestors(dir: string): string[] {
  const result = [dir];
  let current = dir;
  while (current !== '') {
    const parent = path.posix.dirname(current.replace(/\/$/, ''));
    current = parent === '.' ? '' : parent + '/';
    result.push(current);
  }
  return result;
}

/** Bounds on how much of a code package the rules look at. */
export interface CodeLimits {
  /** Files larger than this are not read (bundles of vendored code, binaries). */
  readonly maxFileBytes: number;
  /** Directory entries or archive entries looked at, in total. */
  readonly maxEntries: number;
  /** Directory depth walked. */
  readonly maxDepth: number;
}

export const DEFAULT_CODE_LIMITS: CodeLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxEntries: 50_000,
  maxDepth: 32,
};

/** A file of the code package the rules may read. */
export interface CodeFile {
  /** Package-relative, `/`-separated. */
  readonly path: string;
  /** The content as UTF-8 text; undefined when it cannot be read. */
  read(): string | undefined;
}

/** A function's code package: an asset directory, a zip, or inline code. */
export interface CodeSource {
  readonly kind: 'directory' | 'zip' | 'inline';
  /** The asset's absolute path, or `inline code` for CloudFormation `Code.ZipFile`. */
  readonly location: string;
  /** True when a file exists at this package-relative path. */
  hasFile(relative: string): boolean;
  /** True when a directory exists at this package-relative path (zips: any entry below it). */
  hasDirectory(relative: string): boolean;
  /** Names directly inside a package directory (`''` for the root). */
  list(relative: string): string[];
  /**
   * Files whose names end with one of `extensions`, at most `maxFileBytes` each, outside
   * node_modules, shallowest first, then by name.
   */
  files(extensions: readonly string[]): CodeFile[];
  /** True when `node_modules/<name>` is present anywhere in the package. */
  bundles(name: string): boolean;
}

/** The outcome of opening an asset. */
export type OpenedCode =
  | { readonly status: 'ok'; readonly code: CodeSource }
  /** Nothing readable at the path (gone, unreadable, beyond the limits): nothing provable. */
  | { readonly status: 'unavailable'; readonly reason: string }
  /** A file that is not a readable zip archive: Lambda cannot unzip it either. */
  | { readonly status: 'corrupt'; readonly reason: string };

/**
 * Opened zip archives, by path, size, modification time and limits: many functions often share
 * one archive (a cdktf TerraformAsset), and reading its central directory once per function made
 * large stacks slow. Small and bounded, since entries keep what they have read.
 */
const OPENED_ZIPS = new Map<string, OpenedCode>();
const OPENED_ZIPS_MAX = 16;

/**
 * Opened asset directories, for one evaluation: the functions of a stack often share one source
 * directory (a cdktf TerraformAsset is read from its source), and walking and statting it again for
 * every function and rule was half of what the checks added to a cdktf synth. A directory's files
 * may change between evaluations (a watch mode), so the engine forgets them as each one starts.
 */
const OPENED_DIRECTORIES = new Map<string, OpenedCode>();

/**
 * What an asset path is (its stat, or the error message), for one evaluation: functions sharing one
 * archive or directory asked the file system again for every function and rule (a third of what the
 * Lambda rules cost on a large cdktf stack). Forgotten with the directories, as each evaluation starts.
 */
const ASSET_STATS = new Map<string, fs.Stats | string>();

/** What openCode gave for an asset path with the default limits, for one evaluation (the same, from the same stat). */
const OPENED_THIS_EVALUATION = new Map<string, OpenedCode>();

/** Called by the engine as an evaluation starts. */
export function forgetOpenedDirectories(): void {
  OPENED_DIRECTORIES.clear();
  ASSET_STATS.clear();
  OPENED_THIS_EVALUATION.clear();
}

function assetStat(assetPath: string): fs.Stats | string {
  let stat = ASSET_STATS.get(assetPath);
  if (stat === undefined) {
    try {
      stat = fs.statSync(assetPath);
    } catch (error) {
      stat = (error as Error).message;
    }
    ASSET_STATS.set(assetPath, stat);
  }
  return stat;
}

/** Opens an asset path (a directory or a zip file); never throws. */
export function openCode(assetPath: unknown, limits: CodeLimits = DEFAULT_CODE_LIMITS): OpenedCode {
  if (typeof assetPath !== 'string' || assetPath === '') {
    return { status: 'unavailable', reason: 'no asset path' };
  }
  if (limits !== DEFAULT_CODE_LIMITS) return openUncached(assetPath, limits);
  let opened = OPENED_THIS_EVALUATION.get(assetPath);
  if (!opened) OPENED_THIS_EVALUATION.set(assetPath, (opened = openUncached(assetPath, limits)));
  return opened;
}

function openUncached(assetPath: string, limits: CodeLimits): OpenedCode {
  const stat = assetStat(assetPath);
  if (typeof stat === 'string') {
    return { status: 'unavailable', reason: stat };
  }
  if (stat.isDirectory()) {
    const directoryKey = JSON.stringify([path.resolve(assetPath), limits]);
    let directory = OPENED_DIRECTORIES.get(directoryKey);
    if (!directory) OPENED_DIRECTORIES.set(directoryKey, (directory = { status: 'ok', code: directoryCode(path.resolve(assetPath), limits) }));
    return directory;
  }
  if (!stat.isFile()) {
    return { status: 'unavailable', reason: 'neither a file nor a directory' };
  }
  const key = JSON.stringify([path.resolve(assetPath), stat.size, stat.mtimeMs, limits]);
  const cached = OPENED_ZIPS.get(key);
  if (cached) return cached;
  const opened = openZip(assetPath, limits);
  if (OPENED_ZIPS.size >= OPENED_ZIPS_MAX) OPENED_ZIPS.delete(OPENED_ZIPS.keys().next().value!);
  OPENED_ZIPS.set(key, opened);
  return opened;
}

function openZip(assetPath: string, limits: CodeLimits): OpenedCode {
  try {
    return { status: 'ok', code: zipCode(ZipArchive.open(assetPath), limits) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Only a broken archive is provable; an unsupported feature or a limit is our reader's, not Lambda's.
    return error instanceof ZipError && error.kind === 'corrupt' ? { status: 'corrupt', reason } : { status: 'unavailable', reason };
  }
}

/**
 * Code given as text: CloudFormation `Code.ZipFile` (which Lambda stores as a single
 * `index.js` / `index.py`) or the `source` blocks of a Terraform archive_file.
 */
export function inlineCode(files: Readonly<Record<string, string>>, location: string = 'inline code'): CodeSource {
  const contents = new Map(Object.entries(files).map(([name, text]) => [cleanName(name), text]));
  return listedCode('inline', location, [...contents.keys()].map((name) => ({
    name,
    size: Buffer.byteLength(contents.get(name) ?? '', 'utf8'),
    read: () => contents.get(name),
  })));
}

/** An asset directory as a CodeSource; lookups stay inside the root, and the walk happens once, when first needed. */
function directoryCode(root: string, limits: CodeLimits): CodeSource {
  const inside = (relative: string): string | undefined => {
    const absolute = path.resolve(root, relative);
    return absolute === root || absolute.startsWith(root + path.sep) ? absolute : undefined;
  };
  // Kept for the evaluation the directory is opened for (see OPENED_DIRECTORIES).
  const stats = new Map<string, fs.Stats | undefined>();
  const statOf = (relative: string): fs.Stats | undefined => {
    const absolute = inside(relative);
    if (absolute === undefined) return undefined;
    if (stats.has(absolute)) return stats.get(absolute);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = undefined;
    }
    stats.set(absolute, stat);
    return stat;
  };
  let walked: Walk | undefined;
  const walk = (): Walk => (walked ??= walkDirectory(root, limits));
  return {
    kind: 'directory',
    location: root,
    hasFile: (relative) => statOf(relative)?.isFile() ?? false,
    hasDirectory: (relative) => statOf(relative)?.isDirectory() ?? false,
    list: (relative) => {
      const absolute = inside(relative);
      return absolute === undefined ? [] : readNames(absolute, limits.maxEntries).map((d) => d.name);
    },
    files: (extensions) =>
      walk()
        .files.filter((f) => extensions.some((e) => f.path.endsWith(e)))
        .filter((f) => {
          try {
            return fs.statSync(f.absolute).size <= limits.maxFileBytes;
          } catch {
            return false;
          }
        })
        .map((f) => ({
          path: f.path,
          read: () => {
            try {
              return fs.readFileSync(f.absolute, 'utf8');
            } catch {
              return undefined;
            }
          },
        })),
    bundles: (name) =>
      walk().nodeModules.some((dir) => {
        try {
          return fs.statSync(path.join(dir, name)).isDirectory();
        } catch {
          return false;
        }
      }),
  };
}

/** What one bounded walk of an asset directory found. */
interface Walk {
  readonly files: ReadonlyArray<{ readonly path: string; readonly absolute: string }>;
  /** Absolute paths of the node_modules directories met (not walked into). */
  readonly nodeModules: readonly string[];
}

/** Breadth-first, sorted, bounded; skips node_modules and .git and never follows linked directories (loops). */
function walkDirectory(root: string, limits: CodeLimits): Walk {
  const files: Array<{ path: string; absolute: string }> = [];
  const nodeModules: string[] = [];
  const queue: Array<{ absolute: string; relative: string; depth: number }> = [{ absolute: root, relative: '', depth: 0 }];
  let budget = limits.maxEntries;
  for (let i = 0; i < queue.length && budget > 0; i++) {
    const dir = queue[i];
    const entries = readNames(dir.absolute, budget);
    budget -= entries.length;
    for (const entry of entries) {
      const absolute = path.join(dir.absolute, entry.name);
      const relative = dir.relative ? `${dir.relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules') {
          nodeModules.push(absolute);
        } else if (entry.name !== '.git' && dir.depth + 1 <= limits.maxDepth) {
          queue.push({ absolute, relative, depth: dir.depth + 1 });
        }
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(absolute))) {
        files.push({ path: relative, absolute });
      }
    }
  }
  return { files, nodeModules };
}

/** Up to `max` entries of a directory, sorted by name; [] when unreadable. */
function readNames(directory: string, max: number): fs.Dirent[] {
  const result: fs.Dirent[] = [];
  let handle: fs.Dir | undefined;
  try {
    // opendir reads incrementally, so a directory with a million entries costs only `max`.
    handle = fs.opendirSync(directory);
    let entry: fs.Dirent | null;
    while (result.length < max && (entry = handle.readSync()) !== null) {
      result.push(entry);
    }
  } catch {
    // Unreadable: what was read so far is all there is.
  } finally {
    try {
      handle?.closeSync();
    } catch {
      // Already closed.
    }
  }
  return result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** True for a regular file, following links; false when it cannot be read. */
function isFile(absolute: string): boolean {
  try {
    return fs.statSync(absolute).isFile();
  } catch {
    return false;
  }
}

/** A zip archive as a CodeSource: its entry list, with entries inflated only when read. */
function zipCode(archive: ZipArchive, limits: CodeLimits): CodeSource {
  const listed: ListedFile[] = [];
  const directories: string[] = [];
  for (const entry of archive.entries.slice(0, limits.maxEntries)) {
    const name = cleanName(entry.name);
    if (entry.isDirectory) {
      directories.push(name.replace(/\/$/, ''));
    } else if (name !== '') {
      let text: string | undefined;
      let read = false;
      listed.push({
        name,
        size: entry.size,
        // Inflated once: the archive may be shared by many functions (see OPENED_ZIPS).
        read: () => {
          if (!read) {
            read = true;
            try {
              text = archive.read(entry, limits.maxFileBytes).toString('utf8');
            } catch {
              text = undefined;
            }
          }
          return text;
        },
      });
    }
  }
  return listedCode('zip', archive.file, listed, directories, limits);
}

/** Lambda extracts `./a/b` and `/a/b` to a/b, as unzip does. */
function cleanName(name: string): string {
  return name.replace(/^(?:\.?\/)+/, '');
}

/** A file of a listed package, read on demand. */
interface ListedFile {
  readonly name: string;
  readonly size: number;
  read(): string | undefined;
}

/** A code package known by its list of files (a zip's entries, inline sources). */
function listedCode(
  kind: CodeSource['kind'],
  location: string,
  listed: readonly ListedFile[],
  explicitDirectories: readonly string[] = [],
  limits: CodeLimits = DEFAULT_CODE_LIMITS,
): CodeSource {
  const files = new Map(listed.map((f) => [f.name, f]));
  // Zips often omit directory entries: every parent of a file is a directory too.
  const directories = new Set<string>(['', ...explicitDirectories]);
  for (const name of files.keys()) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      directories.add(parts.slice(0, i).join('/'));
    }
  }
  const clean = (relative: string): string => path.posix.normalize(relative || '.').replace(/^\.$/, '').replace(/\/$/, '');
  const depth = (p: string): number => p.split('/').length;
  return {
    kind,
    location,
    hasFile: (relative) => files.has(clean(relative)),
    hasDirectory: (relative) => directories.has(clean(relative)),
    list: (relative) => {
      const prefix = clean(relative) === '' ? '' : clean(relative) + '/';
      const names = new Set<string>();
      for (const name of [...files.keys(), ...directories]) {
        if (name.startsWith(prefix) && name.length > prefix.length) {
          names.add(name.slice(prefix.length).split('/')[0]);
        }
      }
      return [...names].sort();
    },
    files: (extensions) =>
      [...files.values()]
        .filter((f) => extensions.some((e) => f.name.endsWith(e)) && !/(^|\/)node_modules\//.test(f.name) && f.size <= limits.maxFileBytes)
        .sort((a, b) => depth(a.name) - depth(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((f) => ({ path: f.name, read: () => f.read() })),
    bundles: (name) => [...directories].some((d) => d === `node_modules/${name}` || d.endsWith(`/node_modules/${name}`)),
  };
}

/**
 * Terraform: the code archive of an aws_lambda_function, when it can be located:
 * the adapter's asset path, else a literal absolute `filename`.
 */
export function terraformCodePath(assetPath: string | undefined, filename: unknown): string | undefined {
  if (assetPath) return assetPath;
  return typeof filename === 'string' && !isTfInterpolation(filename) && path.isAbsolute(filename) ? filename : undefined;
}

/** The inline sources of a Terraform archive_file a function's `filename` points at. */
export interface TerraformInlineArchive {
  /** `archive_file.<name>`. */
  readonly address: string;
  readonly code: CodeSource;
  /** False when the archive also takes files from disk (source_file, source_dir) or holds unreadable sources. */
  readonly complete: boolean;
}

/**
 * `filename = "${archive_file.x.output_path}"` with an archive_file resource in the same
 * stack whose sources are given as text (`source_content`, `source { content, filename }`):
 * the Terraform way to write a function's code inline.
 */
export function terraformInlineArchive(filename: unknown, context: RuleContext): TerraformInlineArchive | undefined {
  const match = typeof filename === 'string' ? /^\$\{archive_file\.([\w-]+)\.output_path\}$/.exec(filename.trim()) : null;
  if (!match) return undefined;
  const archive = context.stack.resources.find((r) => r.type === 'archive_file' && r.logicalId === match[1]);
  const properties = asObject(archive?.properties);
  if (!properties || (properties.type !== undefined && properties.type !== 'zip')) return undefined;
  const files: Record<string, string> = {};
  let complete = properties.source_file === undefined && properties.source_dir === undefined;
  const add = (name: unknown, content: unknown): void => {
    if (typeof name === 'string' && !isTfInterpolation(name) && typeof content === 'string') {
      files[name] = content;
    } else {
      complete = false;
    }
  };
  if (properties.source_content !== undefined || properties.source_content_filename !== undefined) {
    add(properties.source_content_filename, properties.source_content);
  }
  for (const block of asList(properties.source)) {
    const source = asObject(block);
    add(source?.filename, source?.content);
  }
  if (Object.keys(files).length === 0) return undefined;
  return { address: `archive_file.${match[1]}`, code: inlineCode(files, `archive_file.${match[1]}`), complete };
}

/** SAM's function type; aws-cdk-lib's aws_sam.CfnFunction synthesizes it too. */
export const SAM_FUNCTION_TYPE = 'AWS::Serverless::Function';

/** A CloudFormation function as the Lambda rules read it, with where each mapped property sits in the template. */
export interface CfnLambdaFunction {
  /** Properties in AWS::Lambda::Function's names (Code.ZipFile, Code.ImageUri, Code.S3Bucket/S3Key, Handler, ...). */
  readonly properties: Record<string, any>;
  /** Template locations of Code, Code.ZipFile and Code.ImageUri. */
  readonly locations: { readonly code: string; readonly zipFile: string; readonly imageUri: string };
}

/**
 * AWS::Lambda::Function as it is, and AWS::Serverless::Function with SAM's properties mapped onto Lambda's
 * as the SAM transform does: InlineCode -> Code.ZipFile, ImageUri -> Code.ImageUri, CodeUri ({ Bucket, Key }
 * or "s3://bucket/key") -> Code.S3Bucket / S3Key; Handler, Runtime, Layers, PackageType, FunctionName and
 * ReservedConcurrentExecutions keep their names. Any other type: undefined. Globals are not in the view:
 * a property set only in `Globals.Function` is unknown (never guessed).
 */
export function cfnLambdaFunction(resource: { readonly type: string; readonly properties: Record<string, any> }): CfnLambdaFunction | undefined {
  const properties = asObject(resource.properties) ?? {};
  if (resource.type === 'AWS::Lambda::Function') {
    return { properties, locations: { code: 'Properties/Code', zipFile: 'Properties/Code/ZipFile', imageUri: 'Properties/Code/ImageUri' } };
  }
  if (resource.type !== SAM_FUNCTION_TYPE) return undefined;
  const { InlineCode, ImageUri, CodeUri, ...rest } = properties;
  const code: Record<string, any> = {};
  if (InlineCode !== undefined) code.ZipFile = InlineCode;
  if (ImageUri !== undefined) code.ImageUri = ImageUri;
  const uri = asObject(CodeUri);
  if (uri) {
    code.S3Bucket = uri.Bucket;
    code.S3Key = uri.Key;
  } else if (typeof CodeUri === 'string') {
    const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(CodeUri);
    if (s3) {
      code.S3Bucket = s3[1];
      code.S3Key = s3[2];
    } else {
      // A local path: `sam build` / `sam package` replaces it; what it holds is not in the template.
      code.LocalPath = CodeUri;
    }
  } else if (CodeUri !== undefined) {
    code.CodeUri = CodeUri;
  }
  return {
    properties: { ...rest, ...(Object.keys(code).length > 0 ? { Code: code } : {}) },
    locations: { code: 'Properties/CodeUri', zipFile: 'Properties/InlineCode', imageUri: 'Properties/ImageUri' },
  };
}
