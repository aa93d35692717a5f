import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The launcher `npx cdk-safe-patterns` runs (package.json `bin`). */
export const CLI = path.join(__dirname, '..', '..', 'bin', 'cdk-safe-patterns.js');
const COMPILED = path.join(__dirname, '..', '..', 'lib', 'cli', 'main.js');

/** The CLI runs from lib/ (compiled by `npx projen compile`); say so instead of failing obscurely. */
export function requireCompiledCli(): void {
  if (!fs.existsSync(COMPILED)) {
    throw new Error(`${COMPILED} is missing: the CLI tests run the compiled command line. Run "npx projen compile" first.`);
  }
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Variables to set; `undefined` removes one. ENVIRONMENT_SUFFIX and NO_COLOR are removed unless given. */
  readonly env?: Record<string, string | undefined>;
}

/** Runs `node bin/cdk-safe-patterns.js ...args` as a subprocess (stdout and stderr are pipes, not a TTY). */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? process.cwd(), env: cliEnv(options.env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : undefined) : 0;
        if (code === undefined) reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs the CLI with a pseudo-terminal as stdout and stderr (util-linux `script`), as a user's shell
 * would; the output is both streams together. Resolves undefined where `script` is not available.
 */
export function runCliOnTty(args: readonly string[], options: RunOptions = {}): Promise<CliRun | undefined> {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: options.cwd, env: cliEnv(options.env) });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: output, stderr: '' }));
  });
}

function cliEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ENVIRONMENT_SUFFIX: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined };
  for (const [key, value] of Object.entries(overrides)) env[key] = value;
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, '\'\\\'\'')}'`;
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'safe-patterns-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `content` (text, or JSON for objects) to dir/name and returns the path. */
export function writeFile(dir: string, name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, undefined, 1));
  return file;
}

/** Lines of `text` (no trailing empty line). */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}
