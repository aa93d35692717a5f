import * as fs from 'fs';
import * as path from 'path';
import { defaultPaths, readInputs } from './inputs';
import { CliOptions } from './options';
import { markdownReport, Palette, plural, summaryLine, textReport } from './reports';
import { countFindings } from '../core/engine/evaluate';
import { jsonReport, pathToFileUri, sarifReport } from '../core/engine/reports';
import { toolVersion } from '../core/engine/tool-version';

/** The npm package that holds `preflight` (and the AWS SDK clients it needs). */
export const PREFLIGHT_PACKAGE = 'cdk-safe-patterns-preflight';

/** What `preflight` hands back: a report for `emit`, or only an exit code when it already said why. */
export interface PreflightOutcome {
  readonly code: number;
  readonly report?: string;
  readonly summary?: string;
}

interface PreflightIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * `preflight` lives in its own npm package, so that library users who never run it do not install
 * or load the AWS SDK. It gets this CLI's readers and report formatters (the same ones `check`
 * uses), so both commands read the same inputs and write the same formats.
 */
export async function runPreflight(io: PreflightIo, options: CliOptions, colour: Palette): Promise<PreflightOutcome> {
  const entry = resolvePreflight(io.cwd);
  if (!entry) {
    io.stderr.write(
      `cdk-safe-patterns: preflight needs the ${PREFLIGHT_PACKAGE} package, which is not installed. ` +
        `Fix: npm install --save-dev ${PREFLIGHT_PACKAGE} (then run npx cdk-safe-patterns preflight again)\n`,
    );
    return { code: 2 };
  }
  // Loaded only here: `check` and the library never load the preflight package or the AWS SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const preflight = require(entry) as { run(options: CliOptions, host: PreflightHost, io: PreflightIo, colour: Palette): Promise<PreflightOutcome> };
  return preflight.run(options, HOST, io, colour);
}

/** The readers and formatters the preflight package reuses. */
export interface PreflightHost {
  readonly toolVersion: string;
  readonly readInputs: typeof readInputs;
  readonly defaultPaths: typeof defaultPaths;
  readonly countFindings: typeof countFindings;
  readonly jsonReport: typeof jsonReport;
  readonly sarifReport: typeof sarifReport;
  readonly pathToFileUri: typeof pathToFileUri;
  readonly textReport: typeof textReport;
  readonly markdownReport: typeof markdownReport;
  readonly summaryLine: typeof summaryLine;
  readonly plural: typeof plural;
}

const HOST: PreflightHost = {
  get toolVersion() {
    return toolVersion();
  },
  readInputs,
  defaultPaths,
  countFindings,
  jsonReport,
  sarifReport,
  pathToFileUri,
  textReport,
  markdownReport,
  summaryLine,
  plural,
};

/**
 * The installed package (the user's project first, then beside this one), else the `preflight/`
 * folder of a source checkout of this repository (built with `npm run build --prefix preflight`).
 */
function resolvePreflight(cwd: string): string | undefined {
  try {
    return require.resolve(PREFLIGHT_PACKAGE, { paths: [cwd, __dirname] });
  } catch {
    const checkout = path.join(__dirname, '..', '..', 'preflight');
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(checkout, 'package.json'), 'utf8'));
      const main = path.join(checkout, manifest.main ?? 'lib/index.js');
      return manifest.name === PREFLIGHT_PACKAGE && fs.existsSync(main) ? main : undefined;
    } catch {
      return undefined;
    }
  }
}
