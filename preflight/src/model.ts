/**
 * The shapes preflight shares with the cdk-safe-patterns CLI that starts it. They are declared here,
 * not imported, so this package needs nothing from cdk-safe-patterns at build time: the CLI hands its
 * readers and formatters over at run time (see PreflightHost in src/cli/preflight.ts there).
 */

export type EngineName = 'cloudformation' | 'terraform';
export type SeverityName = 'error' | 'warning' | 'off';

export interface ResourceView {
  readonly engine: EngineName;
  readonly type: string;
  readonly logicalId: string;
  readonly path: string;
  readonly properties: Record<string, any>;
  readonly options: Record<string, any>;
}

export interface StackView {
  readonly id: string;
  readonly name: string;
  readonly region?: string;
  readonly resources: ResourceView[];
  readonly terraform?: { readonly backend?: Record<string, any>; readonly providers?: Record<string, any> };
}

export interface Acknowledgement {
  readonly scope: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly source: 'safe-patterns' | 'native';
}

export interface CheckUnit {
  readonly input: string;
  readonly kind: string;
  readonly engine: EngineName;
  readonly stacks: StackView[];
  readonly acknowledgements: Acknowledgement[];
  readonly files: Record<string, string>;
}

export interface InputProblem {
  readonly file: string;
  readonly problem: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: 'error' | 'warning';
  readonly engine: EngineName;
  readonly stack: string;
  readonly path: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly message: string;
  readonly location?: string;
  readonly fix: string;
  readonly acknowledgement?: Acknowledgement;
}

/** The same fields as the static rules' metadata, so the reports and RULES.md treat both alike. */
export interface RuleMetadata {
  readonly id: string;
  readonly title: string;
  readonly lesson: string;
  readonly why: string;
  readonly fix: string;
  readonly defaultSeverity: 'error' | 'warning';
  /** The read-only calls the rule makes (the least-privilege policy in the README lists them all). */
  readonly actions: readonly string[];
  readonly examples: Record<string, never>;
}

export interface EvaluationResult {
  readonly findings: Finding[];
  readonly acknowledgements: ReadonlyArray<Acknowledgement & { readonly matched: number }>;
  readonly rules: ReadonlyArray<{ readonly rule: { readonly metadata: RuleMetadata }; readonly severity: 'error' | 'warning' }>;
}

export interface CliOptions {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json' | 'sarif' | 'markdown';
  readonly output?: string;
  readonly failOn: 'error' | 'warning' | 'none';
  readonly ruleEntries?: readonly string[];
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

export interface ReportSummary {
  readonly stacks: number;
  readonly resources: number;
  readonly files: Readonly<Record<string, string>>;
  readonly failOn: 'error' | 'warning' | 'none';
  readonly failed: boolean;
  readonly problems: number;
}

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** What the CLI hands over: the readers and formatters `check` uses. */
export interface Host {
  readonly toolVersion: string;
  readInputs(paths: readonly string[]): { units: CheckUnit[]; problems: InputProblem[] };
  defaultPaths(cwd: string): { paths: string[]; message: string };
  countFindings(findings: readonly Finding[]): { errors: number; warnings: number; acknowledged: number };
  jsonReport(result: EvaluationResult, context: ReportContext): unknown;
  sarifReport(result: EvaluationResult, context: ReportContext): Record<string, unknown>;
  pathToFileUri(directory: string): string;
  textReport(result: EvaluationResult, summary: ReportSummary, colour: unknown): string;
  markdownReport(result: EvaluationResult, summary: ReportSummary): string;
  summaryLine(result: EvaluationResult, summary: ReportSummary): string;
  plural(n: number, word: string): string;
}

export interface ReportContext {
  readonly engine: 'cloudformation' | 'terraform' | 'cloudformation+terraform';
  readonly toolVersion: string;
  readonly files: Readonly<Record<string, string>>;
  readonly problems?: readonly InputProblem[];
  readonly failed?: boolean;
}

export interface Outcome {
  readonly code: number;
  readonly report?: string;
  readonly summary?: string;
}
