import * as fs from 'fs';
import * as path from 'path';
import { countFindings, EvaluationResult, failing, Finding } from './evaluate';
import { InputProblem } from './input-files';

/** File names of the reports, in the cloud assembly / stack output directory. */
export const JSON_REPORT_FILE = 'safe-patterns-report.json';
export const SARIF_REPORT_FILE = 'safe-patterns-report.sarif';

const TOOL_NAME = 'cdk-safe-patterns';
const INFORMATION_URI = 'https://github.com/cdk-safe-patterns/cdk-safe-patterns';

/** Where each stack's synthesized file is, relative to the report directory. */
export interface ReportContext {
  /** `cloudformation`, `terraform`, or `cloudformation+terraform` (the command line, given both). */
  readonly engine: 'cloudformation' | 'terraform' | 'cloudformation+terraform';
  readonly toolVersion: string;
  /** Stack name -> the file its findings point at (a template or cdk.tf.json), relative to the report. */
  readonly files: Readonly<Record<string, string>>;
  /** Inputs that could not be read (the command line); reported beside the findings. */
  readonly problems?: readonly InputProblem[];
  /** Whether the run failed, when the caller decides (the command line's --fail-on). Default: any unacknowledged error. */
  readonly failed?: boolean;
}

export interface JsonReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly engine: string;
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly acknowledged: number;
    readonly failed: boolean;
  };
  readonly rules: ReadonlyArray<{ id: string; title: string; severity: string; lesson: string }>;
  readonly findings: ReadonlyArray<Finding & { readonly file?: string }>;
  readonly acknowledgements: EvaluationResult['acknowledgements'];
  /** Inputs that could not be read (command line only). */
  readonly problems?: readonly InputProblem[];
}

/** The machine-readable report: every finding, acknowledged ones with their reason. */
export function jsonReport(result: EvaluationResult, context: ReportContext): JsonReport {
  return {
    tool: { name: TOOL_NAME, version: context.toolVersion },
    engine: context.engine,
    summary: {
      ...countFindings(result.findings),
      failed: context.failed ?? failing(result.findings).length > 0,
    },
    rules: result.rules.map(({ rule, severity }) => ({ id: rule.metadata.id, title: rule.metadata.title, severity, lesson: rule.metadata.lesson })),
    findings: result.findings.map((f) => ({ ...f, file: context.files[f.stack] })),
    acknowledgements: result.acknowledgements,
    ...(context.problems ? { problems: context.problems } : {}),
  };
}

/**
 * SARIF 2.1.0, the format GitHub code scanning ingests: one result per finding, acknowledged
 * findings carried as suppressions with their justification.
 */
export function sarifReport(result: EvaluationResult, context: ReportContext): Record<string, unknown> {
  const ruleIndex = new Map(result.rules.map(({ rule }, i) => [rule.metadata.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules: result.rules.map(({ rule, severity }) => ({
              id: rule.metadata.id,
              name: pascal(rule.metadata.id),
              shortDescription: { text: rule.metadata.title },
              fullDescription: { text: rule.metadata.why },
              help: { text: `${rule.metadata.fix} (lesson: ${rule.metadata.lesson})` },
              defaultConfiguration: { level: severity === 'error' ? 'error' : 'warning' },
              properties: { tags: ['iac', ...context.engine.split('+')] },
            })),
          },
        },
        results: result.findings.map((f) => {
          const file = context.files[f.stack];
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
            level: f.severity === 'error' ? 'error' : 'warning',
            message: { text: `${f.message} Fix: ${f.fix}` },
            // A finding about the whole app (no suffix configured) has no location.
            locations: file || f.path
              ? [
                {
                  ...(file ? { physicalLocation: { artifactLocation: { uri: toUri(file), uriBaseId: 'OUTDIR' } } } : {}),
                  ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, name: f.logicalId, kind: 'resource' }] } : {}),
                },
              ]
              : [],
            partialFingerprints: { constructPath: `${f.ruleId}:${f.path}:${f.location ?? ''}` },
            ...(f.acknowledgement
              ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.acknowledgement.reason }] }
              : {}),
          };
        }),
        ...(context.problems
          ? {
            invocations: [
              {
                executionSuccessful: context.problems.length === 0,
                toolExecutionNotifications: context.problems.map((p) => ({
                  level: 'error',
                  message: { text: `${p.file}: ${p.problem}` },
                  locations: [{ physicalLocation: { artifactLocation: { uri: toUri(p.file) } } }],
                })),
              },
            ],
          }
          : {}),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** Writes both reports into `directory` and returns their paths. */
export function writeReports(directory: string, result: EvaluationResult, context: ReportContext): { json: string; sarif: string } {
  fs.mkdirSync(directory, { recursive: true });
  const json = path.join(directory, JSON_REPORT_FILE);
  const sarif = path.join(directory, SARIF_REPORT_FILE);
  const sarifLog = sarifReport(result, context);
  (sarifLog.runs as Array<Record<string, unknown>>)[0].originalUriBaseIds = { OUTDIR: { uri: pathToFileUri(directory) } };
  fs.writeFileSync(json, JSON.stringify(jsonReport(result, context), undefined, 2));
  fs.writeFileSync(sarif, JSON.stringify(sarifLog, undefined, 2));
  return { json, sarif };
}

function pascal(id: string): string {
  return id.replace(/(^|[-_.])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** A relative path as a relative URI reference; an absolute one as a file URI. */
function toUri(file: string): string {
  return path.isAbsolute(file) ? pathToFileUri(file).replace(/\/$/, '') : file.split(path.sep).map(encodeURIComponent).join('/');
}

/** The file URI of a directory, with the trailing slash SARIF base URIs need. */
export function pathToFileUri(directory: string): string {
  const absolute = path.resolve(directory).split(path.sep).map(encodeURIComponent).join('/');
  return `file://${absolute.startsWith('/') ? '' : '/'}${absolute}/`;
}
