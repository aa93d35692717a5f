// Renders RULES.md from the rule metadata: never edit RULES.md by hand.
// Run by the build (`npx projen rules:docs`, part of post-compile); test/project/rules-md.test.ts fails when it is stale.
import * as fs from 'fs';
import * as path from 'path';
import { PREFLIGHT_RULES } from '../preflight/src/rules';
import { CATALOGUE } from '../src/core/rules';
import { CfnExample, EXAMPLE_SUFFIX, RuleDefinition, TfExample } from '../src/core/rules/model';

/** Seed lessons with no check and no construct yet, and why. */
const NOT_COVERED: ReadonlyArray<[lesson: string, reason: string]> = [
  ['000 "CSV File Corruption Prevention"', 'about the task pipeline\'s own files, not about stacks.'],
  ['000 "Platform and Language Compliance", "Complete Task Requirements", "Training Quality Standards"', 'about matching a task description and scoring it; nothing in a synthesized stack shows it.'],
  ['001 Issue 3 "EFS Lifecycle Policy Configuration", 004 Failures 7 and 8 (list vs dict, camelCase keys)', 'provider schema errors that `terraform validate` reports; the tf checks normalise such values before rules read them, and the tf constructs take typed props so Python users do not write these dicts.'],
  ['001 Issue 5, 002 Failure 1, 003 Issue 4 (test coverage, tests out of sync)', 'about the project\'s tests, not its stacks.'],
  ['002 Failure 5, 003 Issues 3 and 5 (documentation, metadata.json, IDEAL_RESPONSE.md)', 'about deliverables outside the stack.'],
  ['003 Issue 7 "S3 Bucket Notification Configuration Error"', 'a cdktf Python typing problem (a plain dict silently dropped); the tf constructs take typed props instead.'],
  ['003 Issue 8 "IAM Role Cleanup Requirements"', 'the cleanup itself happens in scripts after deployment; retain-on-delete covers what the stack itself can do, and `preflight` (preflight-name-taken) reports the leftovers before the next deployment.'],
  ['004 Failure 1 "Incomplete Code Generation", Failures 5 and 6 (module names, property setters)', 'about the generated Python program, not the synthesized stack.'],
];

function json(value: unknown): string {
  return '```json\n' + JSON.stringify(value, undefined, 2) + '\n```';
}

function cfn(example: CfnExample): string {
  const body = { Resources: example.resources };
  return (example.region ? `Stack region: \`${example.region}\`\n\n` : '') + json(body);
}

function tf(example: TfExample): string {
  return json({ ...(example.blocks ?? {}), resource: example.resource });
}

function engines(rule: RuleDefinition): string {
  return [rule.cloudformation ? 'CloudFormation (aws-cdk-lib)' : undefined, rule.terraform ? 'Terraform (cdktf)' : undefined].filter(Boolean).join(', ');
}

export function renderRulesMd(): string {
  const lines: string[] = [
    '<!-- Generated from the rule metadata in src/core/rules by scripts/rules-md.ts. Do not edit. -->',
    '# Rules',
    '',
    'Every rule has a stable id (public API: used in `ruleSeverities`, acknowledgements and reports), a default',
    'severity (**error** fails synthesis, **warning** is reported), and the engines it runs on. Examples assume',
    `the environment suffix \`${EXAMPLE_SUFFIX}\`; each one runs as a test through a real synthesized aws-cdk-lib or cdktf app.`,
    '',
    '| id | default | engines | title |',
    '|---|---|---|---|',
    ...CATALOGUE.map((r) => `| [\`${r.metadata.id}\`](#${r.metadata.id}) | ${r.metadata.defaultSeverity} | ${engines(r)} | ${r.metadata.title} |`),
    '',
  ];
  for (const rule of CATALOGUE) {
    const m = rule.metadata;
    lines.push(`## ${m.id}`, '', `**${m.title}** — default severity: **${m.defaultSeverity}**; engines: ${engines(rule)}.`, '');
    lines.push(`- **Lesson:** ${m.lesson}`, `- **Why:** ${m.why}`, `- **Fix:** ${m.fix}`);
    if (m.notReported && m.notReported.length > 0) {
      lines.push('- **Not reported, deliberately:**', ...m.notReported.map((item) => `  - ${item}`));
    }
    lines.push('');
    const c = m.examples.cloudformation;
    if (rule.cloudformation && c) {
      lines.push('### CloudFormation', '', 'Non-compliant:', '', cfn(c.nonCompliant), '', 'Compliant:', '', cfn(c.compliant), '');
    }
    const t = m.examples.terraform;
    if (rule.terraform && t) {
      lines.push('### Terraform', '', 'Non-compliant:', '', tf(t.nonCompliant), '', 'Compliant:', '', tf(t.compliant), '');
    }
  }
  lines.push(...renderPreflightRules());
  lines.push('## Not covered', '', 'Lessons from the source material that have no check and no construct, and why:', '');
  for (const [lesson, reason] of NOT_COVERED) {
    lines.push(`- ${lesson}: ${reason}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The account rules `cdk-safe-patterns preflight` runs (metadata in preflight/src/rules.ts). */
function renderPreflightRules(): string[] {
  const lines = [
    '# Account rules (preflight)',
    '',
    '`npx cdk-safe-patterns preflight` (package `cdk-safe-patterns-preflight`) asks the target account, with read-only calls, whether',
    'the synthesized app can deploy there. Their ids are public API like the static rules\'; `--rule ID=...` and acknowledgements work',
    'the same way. Each lists the IAM actions it calls (the README has the whole least-privilege policy).',
    '',
    '| id | default | title |',
    '|---|---|---|',
    ...PREFLIGHT_RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.defaultSeverity} | ${r.title} |`),
    '',
  ];
  for (const m of PREFLIGHT_RULES) {
    lines.push(`## ${m.id}`, '', `**${m.title}** — default severity: **${m.defaultSeverity}**; engines: CloudFormation (aws-cdk-lib), Terraform (cdktf); against the live account.`, '');
    lines.push(`- **Lesson:** ${m.lesson}`, `- **Why:** ${m.why}`, `- **Fix:** ${m.fix}`, `- **Calls:** ${m.actions.map((a) => `\`${a}\``).join(', ')}`, '');
  }
  return lines;
}

if (require.main === module) {
  const target = path.join(__dirname, '..', 'RULES.md');
  const rendered = renderRulesMd();
  if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === rendered) {
    process.exit(0);
  }
  // CI must test the committed RULES.md, not one it just regenerated.
  if (process.env.CI && process.env.CI !== 'false') {
    console.error("RULES.md is out of date with the rule metadata. Fix: run 'npx projen rules:docs' locally and commit RULES.md.");
    process.exit(1);
  }
  fs.writeFileSync(target, rendered);
  console.log(`wrote ${path.relative(process.cwd(), target)} (${CATALOGUE.length} rules, ${PREFLIGHT_RULES.length} preflight rules)`);
}
