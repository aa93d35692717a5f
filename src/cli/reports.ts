import { FailOn } from './options';
import { countFindings, EvaluationResult, Finding } from '../core/engine/evaluate';

/** What the human-readable reports show besides the findings. */
export interface ReportSummary {
  readonly stacks: number;
  readonly resources: number;
  /** Stack name -> file, relative to the working directory. */
  readonly files: Readonly<Record<string, string>>;
  readonly failOn: FailOn;
  readonly failed: boolean;
  /** Inputs that could not be read. */
  readonly problems: number;
}

/** ANSI colours, or none. */
export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number, reset: number) => (text: string) => `\x1b[${code}m${text}\x1b[${reset}m`;
export const COLOURS: Palette = { red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
export const PLAIN: Palette = { red: (t) => t, yellow: (t) => t, green: (t) => t, dim: (t) => t, bold: (t) => t };

/** The one-line summary both human formats end with. */
export function summaryLine(result: EvaluationResult, summary: ReportSummary): string {
  const { errors, warnings, acknowledged } = countFindings(result.findings);
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), `${acknowledged} acknowledged`];
  const scope = `in ${plural(summary.stacks, 'stack')} (${plural(summary.resources, 'resource')})`;
  const unreadable = summary.problems > 0 ? `; ${plural(summary.problems, 'input problem')}` : '';
  // Nothing failed, but not everything could be read: not a pass.
  const verdict = summary.failed ? `failed (--fail-on ${summary.failOn})` : summary.problems > 0 ? 'incomplete' : 'passed';
  return `${parts.join(', ')} ${scope}${unreadable}: ${verdict}`;
}

/** Text: findings grouped by stack, then the summary line. */
export function textReport(result: EvaluationResult, summary: ReportSummary, colour: Palette): string {
  const lines: string[] = [];
  for (const [stack, findings] of byStack(result.findings)) {
    const file = summary.files[stack];
    lines.push(colour.bold(stack || 'App') + (file ? colour.dim(`  ${file}`) : ''));
    for (const f of findings) {
      const label = f.acknowledgement ? colour.green('acknowledged') : f.severity === 'error' ? colour.red('error') : colour.yellow('warning');
      const where = f.path ? ` ${f.path}${f.logicalId && !f.path.endsWith(f.logicalId) ? ` (${f.logicalId})` : ''}` : '';
      lines.push(`  ${pad(label, f.acknowledgement ? 12 : f.severity.length, 12)} ${colour.bold(f.ruleId)}${where}`);
      lines.push(`    ${f.message}${f.location ? colour.dim(` [${f.location}]`) : ''}`);
      lines.push(colour.dim(`    Fix: ${f.fix}`));
      if (f.acknowledgement) {
        const how = f.acknowledgement.source === 'native' ? 'Validations.of().acknowledge' : 'SafePatterns.acknowledge';
        lines.push(`    ${colour.green('Acknowledged:')} ${f.acknowledgement.reason} ${colour.dim(`(${how} on ${f.acknowledgement.scope || 'the app'})`)}`);
      }
    }
    lines.push('');
  }
  for (const ack of result.acknowledgements.filter((a) => a.matched === 0)) {
    lines.push(colour.dim(`Unused acknowledgement: ${ack.ruleId} on ${ack.scope || 'the app'} matched no finding (stale, or a typo in the rule id).`));
  }
  const line = summaryLine(result, summary);
  lines.push(summary.failed ? colour.red(line) : result.findings.length > 0 ? colour.yellow(line) : colour.green(line));
  return lines.join('\n') + '\n';
}

/** Markdown: for pull request comments and $GITHUB_STEP_SUMMARY. */
export function markdownReport(result: EvaluationResult, summary: ReportSummary): string {
  const lines = [`## cdk-safe-patterns: ${summaryLine(result, summary)}`, ''];
  for (const [stack, findings] of byStack(result.findings)) {
    const file = summary.files[stack];
    lines.push(`### ${inlineCode(stack || 'App')}${file ? ` (${inlineCode(file)})` : ''}`, '');
    lines.push('| Severity | Rule | Resource | Finding | Fix |', '|---|---|---|---|---|');
    for (const f of findings) {
      const severity = f.acknowledgement ? `acknowledged (${f.severity}): ${cell(f.acknowledgement.reason)}` : f.severity === 'error' ? '**error**' : 'warning';
      const where = f.location ? ` (${inlineCode(f.location)})` : '';
      lines.push(`| ${severity} | ${inlineCode(f.ruleId)} | ${f.path ? inlineCode(f.path) : ''} | ${cell(f.message)}${where} | ${cell(f.fix)} |`);
    }
    lines.push('');
  }
  if (result.findings.length === 0) lines.push('No findings.', '');
  return lines.join('\n');
}

function byStack(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.stack) ?? [];
    group.push(f);
    groups.set(f.stack, group);
  }
  return groups;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Pads a possibly coloured label by its visible length. */
function pad(label: string, visible: number, width: number): string {
  return label + ' '.repeat(Math.max(0, width - visible));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function inlineCode(text: string): string {
  return '`' + text.replace(/`/g, "'").replace(/\|/g, '\\|') + '`';
}
