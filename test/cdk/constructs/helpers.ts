import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, PolicyViolation, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { EXAMPLE_SUFFIX } from '../../../src/core/rules/model';
import { newApp, synthWithChecks } from '../helpers';

/** The suffix every construct test uses (the checks' example suffix). */
export const SUFFIX = EXAMPLE_SUFFIX;

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const CFN_LINT = path.join(REPO_ROOT, '.cache', 'tools-venv', 'bin', 'cfn-lint');

/** A fresh app whose context carries the suffix, and one stack in it. */
export function newStack(context: Record<string, unknown> = {}): Stack {
  const app = newApp({ context: { environmentSuffix: SUFFIX, ...context } });
  return new Stack(app, 'Stack');
}

/** cdk-nag's AwsSolutions pack over the whole app: the violations left after acknowledgements. */
export function nagViolations(scope: Construct): PolicyViolation[] {
  return [...new AwsSolutionsChecks().validateScope(scope).violations];
}

/** `[ruleName, construct path]` for each unacknowledged cdk-nag error, for readable failures. */
export function nagErrors(scope: Construct): Array<[string, string | undefined]> {
  return nagViolations(scope)
    .filter((v) => v.severity === 'error')
    .flatMap((v) => v.violatingResources.map((r): [string, string | undefined] => [v.ruleName, (r as any).constructPath ?? r.resourceLogicalId]));
}

export interface CfnLintMatch {
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: Array<string | number> };
}

/** Runs cfn-lint (from PyPI, installed by `npx projen tools:python`) on a template file. */
export function cfnLint(templatePath: string): CfnLintMatch[] {
  if (!fs.existsSync(CFN_LINT)) {
    throw new Error(`cfn-lint is not installed at ${CFN_LINT}. Fix: run \`npx projen tools:python\` (the test task runs it before jest).`);
  }
  try {
    execFileSync(CFN_LINT, ['--format', 'json', '--', templatePath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (error) {
    // cfn-lint exits non-zero when it reports anything; its findings are on stdout.
    const stdout = (error as { stdout?: string }).stdout ?? '';
    if (stdout.trim() === '') throw error;
    return JSON.parse(stdout) as CfnLintMatch[];
  }
}

export interface CheckedStack {
  /** Our checks' report findings (acknowledged ones included, marked). */
  readonly findings: ReadonlyArray<{ ruleId: string; severity: string; path: string; acknowledgement?: unknown }>;
  /** What synth threw, if anything. */
  readonly error?: Error;
  /** The stack's synthesized template file. */
  readonly templatePath: string;
  /** The synthesized template. */
  readonly template: any;
}

/** Synthesizes the stack's app with this library's checks as an Aspect. */
export function synthChecked(stack: Stack): CheckedStack {
  const app = stack.node.root as App;
  const { report, error } = synthWithChecks(app);
  const templatePath = path.join(app.outdir, stack.templateFile);
  return {
    findings: report.findings as any,
    error,
    templatePath,
    template: fs.existsSync(templatePath) ? JSON.parse(fs.readFileSync(templatePath, 'utf8')) : undefined,
  };
}

/** `[ruleId, path]` of the findings that are not acknowledged. */
export function openFindings(checked: CheckedStack): Array<[string, string]> {
  return checked.findings.filter((f) => !f.acknowledgement).map((f) => [f.ruleId, f.path]);
}

/** `[ruleId, level, message]` of cfn-lint matches at or above a level ('E' errors, 'W' warnings). */
export function lintMatches(templatePath: string, level: 'Error' | 'Warning'): Array<[string, string]> {
  return cfnLint(templatePath)
    .filter((m) => m.Level === level)
    .map((m) => [m.Rule.Id, m.Message]);
}

/** A temporary code directory holding `files` (relative path -> content). */
export function codeDirectory(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-code-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/**
 * The ids of the cdk-nag (AwsSolutions) acknowledgements recorded anywhere in the tree, cleared so
 * cdk-nag reports everything again. Other ids under the same metadata key are left alone: from
 * aws-cdk-lib 2.262 its own constructs acknowledge findings of its built-in validator there
 * (ec2.Vpc: `CloudFormation-Validate::W3010` on the stack).
 */
export function takeNagAcknowledgements(scope: Construct): string[] {
  const ids: string[] = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data) {
        const kept: Record<string, unknown> = {};
        for (const [key, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          const id = key.replace(/^annotation::/i, '');
          if (NAG_PACK_ID.test(id)) ids.push(id);
          else kept[key] = reason;
        }
        (entry as { data: unknown }).data = kept;
      }
    }
  }
  return ids;
}

/** cdk-nag finding ids of the pack the tests run: `AwsSolutions-S1`, `AwsSolutions-IAM4[Policy::...]`. */
const NAG_PACK_ID = /^AwsSolutions-/;

/** Warnings a construct added with Annotations.addWarningV2, as `[id, message]`. */
export function warningsOf(stack: Stack): Array<[string, string]> {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.anyValue())
    .map((m) => String(m.entry.data))
    .map((text): [string, string] => {
      const match = /^(.*) \[ack: (.*)\]$/s.exec(text);
      return match ? [match[2], match[1]] : ['', text];
    });
}
