import * as fs from 'fs';
import * as path from 'path';
import { parseYamlTemplate } from './yaml-template';
import { acknowledgementsFromMetadata } from '../core/engine/acknowledgements';
import { AssemblyRead, isCloudFormationTemplate, readCloudAssembly, readTemplates } from '../core/engine/cloud-assembly';
import { Acknowledgement } from '../core/engine/evaluate';
import { InputError, InputProblem, isRecord, parseJson, readTextFile } from '../core/engine/input-files';
import { isTerraformJson, readCdktfOutput, readTerraformJsonFile, TerraformRead } from '../core/engine/terraform-json';
import { ENVIRONMENT_SUFFIX_METADATA_KEY } from '../core/environment-suffix';
import { EngineName, StackView } from '../core/rules/model';

/**
 * What one PATH holds: one app's synthesized output (a cdk.out, a cdktf.out, a template, a
 * directory of templates). Each unit is evaluated on its own, as the in-app checks evaluate one app.
 */
export interface CheckUnit {
  /** The PATH as given. */
  readonly input: string;
  /** What it was read as, for messages: "cloud assembly", "cdktf output", ... */
  readonly kind: string;
  readonly engine: EngineName;
  readonly stacks: StackView[];
  readonly acknowledgements: Acknowledgement[];
  /** Suffixes the app's EnvironmentSuffix helpers recorded. */
  readonly recordedSuffixes: string[];
  /** Stack name -> the file it was read from. */
  readonly files: Record<string, string>;
}

export interface InputsRead {
  readonly units: CheckUnit[];
  readonly problems: InputProblem[];
  /** What was read leniently, one line each: not problems (the exit code does not change). */
  readonly notes: InputProblem[];
}

/** Called for each file parsed: drives the progress line. */
export type OnFile = (file: string) => void;

const TEMPLATE_FILE = /\.template\.(json|ya?ml)$|\.(ya?ml|template)$/i;
const TERRAFORM_FILE = /(^|[\\/])cdk\.tf\.json$|\.tf\.json$/i;

/** Reads every PATH; a PATH that cannot be read becomes a problem and the others are read regardless. */
export function readInputs(paths: readonly string[], onFile: OnFile = () => {}): InputsRead {
  const units: CheckUnit[] = [];
  const problems: InputProblem[] = [];
  const seenFiles = new Set<string>();
  const stackNames = new Set<string>();
  for (const input of paths) {
    let unit: CheckUnit;
    try {
      unit = readInput(input, problems, onFile);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push({ file: error.file, problem: error.problem });
      continue;
    }
    // The same template reached twice (`check cdk.out cdk.out/A.template.json`) is checked once.
    const fresh = unit.stacks.filter((s) => !seenFiles.has(path.resolve(unit.files[s.name] ?? `${input}\0${s.name}`)));
    fresh.forEach((s) => seenFiles.add(path.resolve(unit.files[s.name] ?? `${input}\0${s.name}`)));
    if (fresh.length === 0) continue;
    units.push(distinctNames({ ...unit, stacks: fresh }, stackNames));
  }
  return { units, problems: problems.filter((p) => !p.note), notes: problems.filter((p) => p.note) };
}

/** The no-PATH default: ./cdk.out and ./cdktf.out, whichever exist, and a sentence saying which. */
export function defaultPaths(cwd: string): { paths: string[]; message: string } {
  const found = ['cdk.out', 'cdktf.out'].filter((name) => isDirectory(path.join(cwd, name)));
  if (found.length === 0) {
    return {
      paths: [],
      message:
        `no PATH given and neither ./cdk.out nor ./cdktf.out exists in ${cwd}. ` +
        'Fix: run "cdk synth" or "cdktf synth" first, or pass the output to check, e.g. cdk-safe-patterns check path/to/cdk.out',
    };
  }
  const missing = ['cdk.out', 'cdktf.out'].filter((n) => !found.includes(n));
  return {
    paths: found.map((n) => `.${path.sep}${n}`),
    message: `no PATH given: checking ${found.map((n) => `./${n}`).join(' and ')}${missing.length > 0 ? ` (no ./${missing[0]})` : ''}`,
  };
}

function readInput(input: string, problems: InputProblem[], onFile: OnFile): CheckUnit {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (error) {
    throw new InputError(input, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`);
  }
  return stat.isDirectory() ? readDirectory(input, problems, onFile) : readFile(input, problems, onFile);
}

function readDirectory(directory: string, problems: InputProblem[], onFile: OnFile): CheckUnit {
  const manifestFile = path.join(directory, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = parseJson(manifestFile, readTextFile(manifestFile));
    if (isRecord(manifest) && isRecord(manifest.artifacts)) {
      return cfnUnit(directory, 'cloud assembly', readCloudAssembly(directory, parser(onFile, problems)), problems);
    }
    if (isRecord(manifest) && isRecord(manifest.stacks)) {
      return tfUnit(directory, 'cdktf output', readCdktfOutput(directory), problems, onFile);
    }
    throw new InputError(manifestFile, 'is neither a cloud assembly manifest ("artifacts") nor a cdktf manifest ("stacks")');
  }
  // A cdktf.out whose synth stopped early (an in-app check failed): the stacks are written, the manifest is not.
  const stackFiles = cdktfStackFiles(directory);
  if (stackFiles.length > 0) {
    problems.push({
      file: directory,
      problem: `has no manifest.json (cdktf writes it last: a failed in-app check or synth stops before it); checked the ${stackFiles.length} stacks/*/cdk.tf.json it holds`,
      note: true,
    });
    const read = stackFiles.map((f) => tryRead(() => readTerraformJsonFile(f), problems)).filter((r): r is TerraformRead => !!r);
    return tfUnit(directory, 'cdktf output without manifest.json', mergeTf(read), problems, onFile);
  }
  // A directory of loose output: templates, or a cdktf stack directory holding cdk.tf.json.
  const entries = fs.readdirSync(directory).sort();
  const terraform = entries.filter((e) => TERRAFORM_FILE.test(e));
  const templates = entries.filter((e) => TEMPLATE_FILE.test(e) && !TERRAFORM_FILE.test(e));
  if (templates.length === 0 && terraform.length === 0) {
    throw new InputError(
      directory,
      'holds nothing to check: no manifest.json (cdk.out, cdktf.out), no *.template.json or *.yaml template, no cdk.tf.json',
    );
  }
  if (terraform.length > 0 && templates.length === 0) {
    const read = terraform.map((f) => tryRead(() => readTerraformJsonFile(path.join(directory, f)), problems)).filter((r): r is TerraformRead => !!r);
    return tfUnit(directory, 'cdk.tf.json files', mergeTf(read), problems, onFile);
  }
  if (terraform.length > 0) {
    problems.push({ file: directory, problem: `holds both CloudFormation templates and cdk.tf.json; checked the templates only (pass ${terraform[0]} on its own to check it)` });
  }
  return cfnUnit(directory, 'templates', readTemplates(templates.map((t) => path.join(directory, t)), parser(onFile, problems)), problems);
}

function readFile(file: string, problems: InputProblem[], onFile: OnFile): CheckUnit {
  const parse = parser(onFile, problems);
  if (TERRAFORM_FILE.test(file)) {
    onFile(file);
    return tfUnit(file, 'cdk.tf.json', readTerraformJsonFile(file), problems, () => {});
  }
  // Sniff the content: a *.json may be a template or Terraform JSON.
  const content = parse(file);
  if (isCloudFormationTemplate(content)) {
    return cfnUnit(file, 'template', readTemplates([file], (f) => (f === file ? content : parse(f))), problems);
  }
  if (/\.json$/i.test(file) && isTerraformJson(content)) {
    return tfUnit(file, 'Terraform JSON', readTerraformJsonFile(file, content), problems, () => {});
  }
  throw new InputError(
    file,
    'is not a CloudFormation template (no "Resources" object nor AWSTemplateFormatVersion)' + (/\.json$/i.test(file) ? ' nor Terraform JSON' : ''),
  );
}

/** JSON for *.json, YAML (with CloudFormation's short-form tags) for the rest; what YAML reads leniently is noted in `problems`. */
function parser(onFile: OnFile, problems: InputProblem[]): (file: string) => unknown {
  return (file) => {
    onFile(file);
    const text = readTextFile(file);
    if (/\.json$/i.test(file)) return parseJson(file, text);
    // *.template may hold either; JSON is YAML, but JSON.parse is much faster and gives better errors.
    if (/^\s*[{[]/.test(text)) return parseJson(file, text);
    return parseYamlTemplate(file, text, (note) => problems.push({ file, problem: note, note: true }));
  };
}

function cfnUnit(input: string, kind: string, read: AssemblyRead, problems: InputProblem[]): CheckUnit {
  problems.push(...read.problems);
  // With no stack read, the problems already say why; a further line would repeat them.
  if (read.stacks.length === 0 && read.problems.length === 0) throw new InputError(input, 'holds no readable CloudFormation template');
  const recordedSuffixes = new Set<string>();
  for (const { entries } of read.metadata) {
    for (const entry of entries) if (entry.type === ENVIRONMENT_SUFFIX_METADATA_KEY && typeof entry.data === 'string') recordedSuffixes.add(entry.data);
  }
  return {
    input,
    kind,
    engine: 'cloudformation',
    stacks: read.stacks,
    acknowledgements: read.metadata.flatMap((m) => acknowledgementsFromMetadata(m.path, m.entries)),
    recordedSuffixes: [...recordedSuffixes],
    files: read.files,
  };
}

function tfUnit(input: string, kind: string, read: TerraformRead, problems: InputProblem[], onFile: OnFile): CheckUnit {
  problems.push(...read.problems);
  Object.values(read.files).forEach(onFile);
  if (read.stacks.length === 0 && read.problems.length === 0) throw new InputError(input, 'holds no readable cdk.tf.json');
  return {
    input,
    kind,
    engine: 'terraform',
    stacks: read.stacks,
    acknowledgements: read.acknowledgements,
    recordedSuffixes: [...new Set(read.environmentSuffixes)],
    files: read.files,
  };
}

function mergeTf(reads: readonly TerraformRead[]): TerraformRead {
  return {
    stacks: reads.flatMap((r) => r.stacks),
    environmentSuffixes: reads.flatMap((r) => r.environmentSuffixes),
    acknowledgements: reads.flatMap((r) => r.acknowledgements),
    files: Object.assign({}, ...reads.map((r) => r.files)),
    problems: reads.flatMap((r) => r.problems),
  };
}

function tryRead<T>(read: () => T, problems: InputProblem[]): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push({ file: error.file, problem: error.problem });
    return undefined;
  }
}

/** Two inputs may hold stacks of the same name: later ones are told apart by their input. */
function distinctNames(unit: CheckUnit, taken: Set<string>): CheckUnit {
  const files: Record<string, string> = {};
  const stacks = unit.stacks.map((stack) => {
    const name = taken.has(stack.name) ? `${stack.name} (${unit.input})` : stack.name;
    taken.add(name);
    if (unit.files[stack.name] !== undefined) files[name] = unit.files[stack.name];
    return name === stack.name ? stack : { ...stack, name };
  });
  return { ...unit, stacks, files };
}

/** `stacks/<name>/cdk.tf.json` files of a cdktf output directory, sorted; empty when there is no `stacks` directory. */
function cdktfStackFiles(directory: string): string[] {
  const stacks = path.join(directory, 'stacks');
  if (!isDirectory(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .sort()
    .map((name) => path.join(stacks, name, 'cdk.tf.json'))
    .filter((file) => fs.existsSync(file));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
