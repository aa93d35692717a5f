import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './moto';

/** `npx cdk-safe-patterns` (the compiled CLI, which delegates `preflight` to this package). */
export const CLI = path.join(ROOT, 'bin', 'cdk-safe-patterns.js');
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Dummy keys moto accepts (it enforces nothing unless INITIAL_NO_AUTH_ACTION_COUNT is set). */
export const DUMMY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

/** Runs `node bin/cdk-safe-patterns.js ...args` with no AWS settings from the machine, only `env`. */
export function runCli(args: readonly string[], env: Record<string, string> = DUMMY_CREDENTIALS, cwd = os.tmpdir()): Promise<CliRun> {
  for (const file of [CLI, path.join(ROOT, 'lib', 'cli', 'main.js'), path.join(ROOT, 'preflight', 'lib', 'index.js')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npx projen compile" and "npm run build --prefix preflight" first (npx projen test:preflight does both).`);
  }
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^AWS_|^CDK_|^NO_COLOR$|^FORCE_COLOR$/.test(k)) clean[k] = v;
  // No shared config or credentials files, no instance metadata: only what the test gives.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-home-'));
  Object.assign(clean, {
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  });
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: clean, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : undefined) : 0;
      if (code === undefined) reject(error);
      else resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix = 'preflight-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface JsonFinding {
  readonly ruleId: string;
  readonly stack: string;
  readonly path: string;
  readonly resourceType: string;
  readonly message: string;
  readonly fix: string;
  readonly location?: string;
  readonly acknowledgement?: { reason: string };
}

/** The findings of a `--format json` run, by rule id. */
export function findings(run: CliRun): JsonFinding[] {
  try {
    return JSON.parse(run.stdout).findings;
  } catch {
    throw new Error(`not a JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** `rule path` pairs, for exact assertions that read well in a failure. */
export function pairs(run: CliRun): string[] {
  return findings(run).map((f) => `${f.ruleId} ${f.path}`).sort();
}
