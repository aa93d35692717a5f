import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { CheckUnit, defaultPaths, readInputs } from './inputs';
import { CliOptions, FailOn, parseOptions, USAGE, UsageError } from './options';
import { runPreflight } from './preflight';
import { Progress } from './progress';
import { COLOURS, markdownReport, PLAIN, plural, ReportSummary, summaryLine, textReport } from './reports';
import { explainRule, listRules } from './rule-info';
import { MissingSuffixLatch } from '../core/engine/checks-setup';
import { countFindings, evaluate, EvaluationResult, Finding } from '../core/engine/evaluate';
import { InputError, InputProblem } from '../core/engine/input-files';
import { jsonReport, pathToFileUri, ReportContext, sarifReport } from '../core/engine/reports';
import { toolVersion } from '../core/engine/tool-version';
import { ENVIRONMENT_SUFFIX_VARIABLE } from '../core/environment-suffix';
import { CATALOGUE } from '../core/rules';

/**
 * The command line: `cdk-safe-patterns check [PATH...]`. Reads synthesized output (no aws-cdk-lib,
 * no cdktf: only node built-ins and yaml, so it starts fast) and runs the same rules core as the
 * in-app checks. Resolves to the exit code: 0 clean, 1 findings at the --fail-on level, 2 usage or
 * input errors. Expected problems are reported as one line each, never as a stack trace.
 */
export async function run(argv: readonly string[]): Promise<number> {
  tuneCompilerForShortRun();
  const io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
  try {
    const options = parseOptions(argv);
    const colour = options.output === undefined && io.stdout.isTTY && !io.env.NO_COLOR ? COLOURS : PLAIN;
    switch (options.command) {
      case 'help':
        io.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        io.stdout.write(toolVersion() + '\n');
        return 0;
      case 'list-rules':
        return emit(io, options, listRules(options.format, options.severities, colour), undefined);
      case 'explain':
        return emit(io, options, explainRule(options.explain!, options.format, colour), undefined);
      case 'check':
        return check(io, options, colour);
      case 'preflight': {
        const outcome = await runPreflight(io, options, colour);
        return outcome.report === undefined ? outcome.code : emit(io, options, outcome.report, outcome.summary, outcome.code);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`cdk-safe-patterns: ${error.message}\nRun "cdk-safe-patterns --help" for usage.\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr.write(`cdk-safe-patterns: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The launcher (bin/cdk-safe-patterns.js) as Node resolves the main module. */
const LAUNCHER = path.resolve(__dirname, '..', '..', 'bin', 'cdk-safe-patterns.js');

/**
 * A check runs for well under a second, and V8's optimizing compiler cost more CPU there than it saved (a
 * quarter of a check of 8,000 resources, measured with bench/): in the command line's own process, V8
 * waits about fifteen times longer (a budget of 1 MiB, not V8's 66 KiB) before optimizing a function, so only
 * what is really hot on large inputs is.
 * Never in another process (the tests, an app that imports the library): the flag is process-wide.
 */
function tuneCompilerForShortRun(): void {
  if (require.main?.filename === LAUNCHER) v8.setFlagsFromString('--interrupt-budget=1048576');
}

interface Io {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

function check(io: Io, options: CliOptions, colour: typeof COLOURS): number {
  let paths = options.paths;
  if (paths.length === 0) {
    const found = defaultPaths(io.cwd);
    io.stderr.write(`cdk-safe-patterns: ${found.message}\n`);
    if (found.paths.length === 0) return 2;
    paths = found.paths;
  }

  const progress = new Progress(io.stderr, io.env);
  let filesRead = 0;
  const { units, problems, notes } = readInputs(paths, () => progress.update(`reading ${++filesRead} files`));

  const totalStacks = units.reduce((n, u) => n + u.stacks.length, 0);
  let stacksDone = 0;
  // One per run: with no suffix anywhere, the first explicit name of any input reports it, once.
  const missingSuffix = new MissingSuffixLatch();
  const results = units.map((unit) =>
    checkUnit(unit, options, io.env, missingSuffix, () => progress.update(`checking ${++stacksDone}/${totalStacks} stacks`)),
  );
  const result: EvaluationResult = {
    findings: results.flatMap((r) => r.findings),
    acknowledgements: results.flatMap((r) => r.acknowledgements),
    rules: results[0]?.rules ?? evaluate([], { rules: CATALOGUE, severities: options.severities }).rules,
  };

  const failed = failing(result.findings, options.failOn);
  const files: Record<string, string> = {};
  for (const unit of units) {
    for (const [stack, file] of Object.entries(unit.files)) files[stack] = relativePath(io.cwd, file);
  }
  const summary: ReportSummary = {
    stacks: totalStacks,
    resources: units.reduce((n, u) => n + u.stacks.reduce((m, s) => m + s.resources.length, 0), 0),
    files,
    failOn: options.failOn,
    failed,
    problems: problems.length,
  };
  const shownProblems: InputProblem[] = problems.map((p) => ({ file: relativePath(io.cwd, p.file), problem: p.problem }));
  for (const p of shownProblems) io.stderr.write(`cdk-safe-patterns: ${p.file}: ${p.problem}\n`);
  // Notes say what was read leniently; they change neither the verdict nor the exit code.
  for (const n of notes) io.stderr.write(`cdk-safe-patterns: note: ${relativePath(io.cwd, n.file)}: ${n.problem}\n`);
  progress.finish(`checked ${plural(summary.stacks, 'stack')} (${plural(summary.resources, 'resource')})`);

  const engines = [...new Set(units.map((u) => u.engine))].sort();
  const context: ReportContext = {
    engine: engines.length === 1 ? engines[0] : 'cloudformation+terraform',
    toolVersion: toolVersion(),
    files,
    problems: shownProblems,
    failed,
  };
  let report: string;
  switch (options.format) {
    case 'json':
      report = JSON.stringify(jsonReport(result, context), undefined, 2) + '\n';
      break;
    case 'sarif': {
      const log = sarifReport(result, context);
      // Files are relative to the working directory: that is the base SARIF viewers resolve them against.
      (log.runs as Array<Record<string, unknown>>)[0].originalUriBaseIds = { OUTDIR: { uri: pathToFileUri(io.cwd) } };
      report = JSON.stringify(log, undefined, 2) + '\n';
      break;
    }
    case 'markdown':
      report = markdownReport(result, summary);
      break;
    default:
      report = textReport(result, summary, colour);
  }
  const code = problems.length > 0 ? 2 : failed ? 1 : 0;
  return emit(io, options, report, summaryLine(result, summary), code);
}

/** Evaluates one input, as the in-app checks evaluate one app. */
function checkUnit(unit: CheckUnit, options: CliOptions, env: NodeJS.ProcessEnv, missing: MissingSuffixLatch, onStack: () => void): EvaluationResult {
  const suffix = environmentSuffix(unit, options, env);
  return evaluate(unit.stacks, {
    rules: CATALOGUE,
    severities: options.severities,
    environmentSuffix: suffix.value,
    missingSuffix: suffix.missing !== undefined ? missing.latch(suffix.missing) : undefined,
    acknowledgements: unit.acknowledgements,
    onProgress: onStack,
  });
}

const NAME_RULE = 'physical-name-suffix';

/**
 * The suffix names must carry: --suffix, else the one the app's EnvironmentSuffix helpers recorded
 * (when they agree), else $ENVIRONMENT_SUFFIX. None at all is said once per run by physical-name-suffix,
 * at the first explicit name (as in-app); `missing` is what it says.
 */
function environmentSuffix(unit: CheckUnit, options: CliOptions, env: NodeJS.ProcessEnv): { value?: string; missing?: string } {
  if (options.suffix) return { value: options.suffix };
  if (unit.recordedSuffixes.length === 1) return { value: unit.recordedSuffixes[0] };
  const variable = env[ENVIRONMENT_SUFFIX_VARIABLE];
  if (variable !== undefined && variable.trim() !== '' && /^[a-z0-9-]+$/.test(variable)) return { value: variable };
  if (options.severities[NAME_RULE] === 'off') return {};

  const recorded = unit.recordedSuffixes.length > 1 ? `records several suffixes (${unit.recordedSuffixes.join(', ')})` : 'records no EnvironmentSuffix';
  const why =
    variable !== undefined && variable.trim() !== ''
      ? `The environment variable ${ENVIRONMENT_SUFFIX_VARIABLE} is not a valid environment suffix (lowercase letters, digits and hyphens): received ${JSON.stringify(variable)}.`
      : `No environment suffix is set: no --suffix, ${unit.input} ${recorded}, and ${ENVIRONMENT_SUFFIX_VARIABLE} is not set.`;
  return {
    missing: `${why} Pass --suffix <suffix> (e.g. --suffix pr123), or export ${ENVIRONMENT_SUFFIX_VARIABLE}=<suffix>, or switch the rule off: --rule ${NAME_RULE}=off.`,
  };
}

/** True when a finding nobody acknowledged is at or above the --fail-on level. */
function failing(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const { errors, warnings } = countFindings(findings);
  return errors > 0 || (failOn === 'warning' && warnings > 0);
}

/** Writes the report to --output or standard output; a file that cannot be written is exit code 2. */
function emit(io: Io, options: CliOptions, report: string, summary: string | undefined, code = 0): number {
  if (options.output === undefined) {
    io.stdout.write(report);
    return code;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(io.cwd, options.output)), { recursive: true });
    fs.writeFileSync(path.resolve(io.cwd, options.output), report);
  } catch (error) {
    io.stderr.write(`cdk-safe-patterns: ${options.output}: cannot be written (${(error as Error).message})\n`);
    return 2;
  }
  io.stderr.write(`cdk-safe-patterns: wrote ${options.format} to ${options.output}${summary ? `: ${summary}` : ''}\n`);
  return code;
}

function relativePath(cwd: string, file: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative).split(path.sep).join('/');
}
