import { Format, suggestion, UsageError } from './options';
import { Palette } from './reports';
import { CATALOGUE } from '../core/rules';
import { EngineName, RuleDefinition, SeverityName } from '../core/rules/model';

/** The engines a rule covers, from its evaluators. */
export function enginesOf(rule: RuleDefinition): EngineName[] {
  const engines: EngineName[] = [];
  if (rule.cloudformation) engines.push('cloudformation');
  if (rule.terraform || rule.terraformStack) engines.push('terraform');
  return engines;
}

const ENGINE_LABELS: Record<EngineName, string> = { cloudformation: 'CloudFormation', terraform: 'Terraform' };

/** `--list-rules`: every rule with its effective severity (after --rule) and engines. */
export function listRules(format: Format, severities: Readonly<Record<string, SeverityName>>, colour: Palette): string {
  const rows = CATALOGUE.map((rule) => ({
    id: rule.metadata.id,
    severity: severities[rule.metadata.id] ?? rule.metadata.defaultSeverity,
    defaultSeverity: rule.metadata.defaultSeverity,
    engines: enginesOf(rule),
    title: rule.metadata.title,
  }));
  if (format === 'json') return JSON.stringify(rows, undefined, 2) + '\n';
  if (format === 'markdown') {
    return [
      '| Rule | Severity | Engines | Title |',
      '|---|---|---|---|',
      ...rows.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.engines.map((e) => ENGINE_LABELS[e]).join(', ')} | ${r.title.replace(/\|/g, '\\|')} |`),
      '',
    ].join('\n');
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  const lines = rows.map((r) => {
    const severity = r.severity === 'error' ? colour.red('error  ') : r.severity === 'warning' ? colour.yellow('warning') : colour.dim('off    ');
    const engines = r.engines.map((e) => (e === 'cloudformation' ? 'cfn' : 'tf')).join('+');
    return `${colour.bold(r.id.padEnd(width))}  ${severity}  ${engines.padEnd(6)}  ${r.title}`;
  });
  return [...lines, '', `${rows.length} rules. Explain one: cdk-safe-patterns --explain <id>`, ''].join('\n');
}

/** `--explain ID`: what the rule checks, why, how to fix it, and its examples. */
export function explainRule(id: string, format: Format, colour: Palette): string {
  const rule = CATALOGUE.find((r) => r.metadata.id === id);
  if (!rule) {
    throw new UsageError(`--explain: unknown rule "${id}"${suggestion(id, CATALOGUE.map((r) => r.metadata.id))}: run --list-rules for every id`);
  }
  const m = rule.metadata;
  const engines = enginesOf(rule);
  if (format === 'json') return JSON.stringify({ ...m, engines }, undefined, 2) + '\n';
  const examples: Array<[string, unknown]> = [];
  if (m.examples.cloudformation) {
    examples.push(['Non-compliant (CloudFormation)', { Resources: m.examples.cloudformation.nonCompliant.resources }]);
    examples.push(['Compliant (CloudFormation)', { Resources: m.examples.cloudformation.compliant.resources }]);
  }
  if (m.examples.terraform) {
    const tf = (e: { resource: unknown; blocks?: Record<string, unknown> }) => ({ ...(e.blocks ?? {}), resource: e.resource });
    examples.push(['Non-compliant (Terraform)', tf(m.examples.terraform.nonCompliant)]);
    examples.push(['Compliant (Terraform)', tf(m.examples.terraform.compliant)]);
  }
  const engineText = engines.map((e) => ENGINE_LABELS[e]).join(', ');
  if (format === 'markdown') {
    return [
      `## \`${m.id}\`: ${m.title}`,
      '',
      `Default severity: **${m.defaultSeverity}**. Engines: ${engineText}. Lesson: ${m.lesson}.`,
      '',
      `**Why:** ${m.why}`,
      '',
      `**Fix:** ${m.fix}`,
      '',
      ...(m.notReported?.length ? ['**Not reported, deliberately:**', '', ...m.notReported.map((n) => `- ${n}`), ''] : []),
      ...examples.flatMap(([title, body]) => [`**${title}:**`, '', '```json', JSON.stringify(body, undefined, 2), '```', '']),
    ].join('\n');
  }
  const indent = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');
  return [
    `${colour.bold(m.id)}: ${m.title}`,
    `Default severity: ${m.defaultSeverity}. Engines: ${engineText}. Lesson: ${m.lesson}.`,
    '',
    `Why: ${m.why}`,
    '',
    `Fix: ${m.fix}`,
    '',
    ...(m.notReported?.length ? ['Not reported, deliberately:', ...m.notReported.map((n) => `  - ${n}`), ''] : []),
    ...examples.flatMap(([title, body]) => [`${title}:`, indent(JSON.stringify(body, undefined, 2)), '']),
    `Acknowledge a finding in the app: SafePatterns.acknowledge(scope, '${m.id}', 'why it is acceptable here')`,
    `Change its severity here: --rule ${m.id}=warning (or error, off)`,
    '',
  ].join('\n');
}
