import * as fs from 'fs';
import * as path from 'path';
import { Aws, AwsSettings, CallProblem } from './aws';
import { backendReferences, CHECKS, RawFinding, Target } from './checks';
import { Acknowledgement, CheckUnit, CliOptions, EvaluationResult, Finding, Host, InputProblem, Io, Outcome, ReportSummary, SeverityName, StackView } from './model';
import { cloudFormationOwned, localState, NOTHING_OWNED, Owned, stateLocation, terraformOwned } from './ownership';
import { PREFLIGHT_RULES } from './rules';

export { PREFLIGHT_RULES, preflightActions } from './rules';
export { Aws, pool, DEFAULT_CONCURRENCY } from './aws';

const PREFIX = 'cdk-safe-patterns';

/**
 * `cdk-safe-patterns preflight`: started by the cdk-safe-patterns CLI, which hands over its options,
 * its readers and formatters (`host`) and its streams. Resolves to a report (written by the CLI to
 * standard output or --output) and the exit code: 0 nothing at the --fail-on level, 1 findings,
 * 2 usage, input or account problems (missing credentials, no network, a denied call).
 */
export async function run(options: CliOptions, host: Host, io: Io, colour: unknown, settings: Partial<AwsSettings> = {}): Promise<Outcome> {
  const severities = parseRules(options.ruleEntries ?? []);
  if (typeof severities === 'string') {
    io.stderr.write(`${PREFIX}: ${severities}\nRun "cdk-safe-patterns --help" for usage.\n`);
    return { code: 2 };
  }

  let paths = [...options.paths];
  if (paths.length === 0) {
    const found = host.defaultPaths(io.cwd);
    io.stderr.write(`${PREFIX}: ${found.message.replace('checking', 'preflight of')}\n`);
    if (found.paths.length === 0) return { code: 2 };
    paths = found.paths;
  }
  const { units, problems: inputProblems } = host.readInputs(paths);
  const problems: InputProblem[] = inputProblems.map((p) => ({ file: relativePath(io.cwd, p.file), problem: p.problem }));
  for (const p of problems) io.stderr.write(`${PREFIX}: ${p.file}: ${p.problem}\n`);

  // The SDK's nine-line notice about its future Node.js floor says nothing about the account being checked.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const aws = new Aws({ profile: options.profile, endpointUrl: options.endpointUrl, ...settings });
  const accountProblems = new Set<string>();
  const raw: RawFinding[] = [];
  try {
    await preflight(units, options, aws, raw, accountProblems);
  } finally {
    aws.destroy();
  }
  for (const line of accountProblems) {
    io.stderr.write(`${PREFIX}: ${line}\n`);
    problems.push({ file: 'aws', problem: line });
  }

  const result = evaluation(raw, units, severities);
  const failed = failing(result.findings, options.failOn, host);
  const files: Record<string, string> = {};
  for (const unit of units) for (const [stack, file] of Object.entries(unit.files)) files[stack] = relativePath(io.cwd, file);
  const stacks = units.flatMap((u) => u.stacks);
  const summary: ReportSummary = {
    stacks: stacks.length,
    resources: stacks.reduce((n, s) => n + s.resources.length, 0),
    files,
    failOn: options.failOn,
    failed,
    problems: problems.length,
  };
  const engines = [...new Set(units.map((u) => u.engine))].sort();
  const context = {
    engine: (engines.length === 1 ? engines[0] : 'cloudformation+terraform') as 'cloudformation' | 'terraform' | 'cloudformation+terraform',
    toolVersion: host.toolVersion,
    files,
    problems,
    failed,
  };
  let report: string;
  switch (options.format) {
    case 'json':
      report = JSON.stringify({ ...(host.jsonReport(result, context) as object), command: 'preflight' }, undefined, 2) + '\n';
      break;
    case 'sarif': {
      const log = host.sarifReport(result, context);
      (log.runs as Array<Record<string, unknown>>)[0].originalUriBaseIds = { OUTDIR: { uri: host.pathToFileUri(io.cwd) } };
      report = JSON.stringify(log, undefined, 2) + '\n';
      break;
    }
    case 'markdown':
      report = host.markdownReport(result, summary).replace(/^## cdk-safe-patterns:/, '## cdk-safe-patterns preflight:');
      break;
    default:
      report = host.textReport(result, summary, colour);
  }
  const code = problems.length > 0 ? 2 : failed ? 1 : 0;
  return { code, report, summary: host.summaryLine(result, summary) };
}

/** Resolves each stack's account and region, what it already holds, then runs every check. */
async function preflight(units: readonly CheckUnit[], options: CliOptions, aws: Aws, raw: RawFinding[], problems: Set<string>): Promise<void> {
  const stacks = units.flatMap((unit) => unit.stacks.map((stack) => ({ unit, stack })));
  if (stacks.length === 0) return;

  const fallbackRegion = options.region ?? (await aws.defaultRegion());
  let located: Array<{ unit: CheckUnit; stack: StackView; region: string }> = [];
  for (const { unit, stack } of stacks) {
    const region = stackRegion(stack) ?? fallbackRegion;
    if (!region) {
      problems.add(`${stack.name}: no region: the stack names none, and neither --region nor AWS_REGION (or the profile's region) is set. Fix: pass --region, e.g. --region us-east-1`);
      continue;
    }
    located.push({ unit, stack, region });
  }
  if (located.length === 0) return;

  // Who we are: without an answer (no credentials, rejected credentials, no network) nothing else can be asked.
  let account: string;
  try {
    const identity = await aws.call('sts', located[0].region, 'GetCallerIdentityCommand', {}, 'sts:GetCallerIdentity');
    account = identity.Account;
  } catch (error) {
    problems.add(describe(error, 'sts:GetCallerIdentity'));
    return;
  }

  // A stack bound to another account than the credentials' would be checked against the wrong account.
  const elsewhere = located.filter(({ unit, stack }) => {
    const target = stackAccount(unit, stack);
    if (target === undefined || target === account) return false;
    // A nested stack goes with its parent, whose line says it.
    if (!stack.name.includes('/')) problems.add(`${stack.name}: the stack targets account ${target}, but the credentials are for account ${account}: not checked. Fix: run preflight with credentials for ${target} (--profile)`);
    return true;
  });
  located = located.filter((l) => !elsewhere.includes(l));

  const sink = { finding: (f: RawFinding) => raw.push(f) };
  const targets: Target[] = [];
  // Nested stacks (named by construct path, "Parent/Nested") are read through their parent, whose
  // ListStackResources walk includes every nested stack it holds.
  const topLevel = new Map<StackView, Promise<Owned>>();
  const ownedByParent = (unit: CheckUnit, stack: StackView, region: string): Promise<Owned> => {
    const parent = unit.stacks.filter((s) => !s.name.includes('/') && stack.name.startsWith(s.id + '/')).sort((a, b) => b.id.length - a.id.length)[0];
    if (!parent) return Promise.resolve(NOTHING_OWNED);
    let owned = topLevel.get(parent);
    if (!owned) topLevel.set(parent, (owned = cloudFormationOwned(aws, region, parent.name)));
    return owned;
  };
  const cloudFormation = (unit: CheckUnit, stack: StackView, region: string): Promise<Owned> => {
    if (stack.name.includes('/')) return ownedByParent(unit, stack, region);
    let owned = topLevel.get(stack);
    if (!owned) topLevel.set(stack, (owned = cloudFormationOwned(aws, region, stack.name)));
    return owned;
  };
  await Promise.all(
    located.map(async ({ unit, stack, region }) => {
      let owned: Owned = NOTHING_OWNED;
      let ownershipUnknown = false;
      const backendTasks: Array<Promise<unknown>> = [];
      try {
        if (unit.engine === 'cloudformation') {
          owned = await cloudFormation(unit, stack, region);
        } else {
          const state = stateLocation(unit, stack);
          if (state.kind === 's3') {
            const stateRegion = state.region ?? region;
            const base: Target = { unit, stack, region, account, owned: NOTHING_OWNED };
            backendTasks.push(guard(backendReferences(aws, base, state, sink), problems, stack.name));
            owned = await s3State(aws, stateRegion, state.bucket, state.key);
          } else if (state.kind === 'local') {
            owned = localState(state.file);
          }
        }
      } catch (error) {
        // Without the stack's own resources, an existing name cannot be told apart from the stack's own: those checks skip it.
        ownershipUnknown = true;
        // A nested stack is read through its parent, whose line says it.
        if (!(unit.engine === 'cloudformation' && stack.name.includes('/'))) problems.add(`${stack.name}: ${describe(error, 'reading what the stack already holds')} (names, singletons and quotas of this stack not checked)`);
      }
      await Promise.all(backendTasks);
      targets.push({ unit, stack, region, account, owned, ownershipUnknown });
    }),
  );
  // Stable order: findings come out in the order of the inputs, whatever order the calls finished in.
  const order = new Map(located.map((l, i) => [l.stack, i]));
  targets.sort((a, b) => order.get(a.stack)! - order.get(b.stack)!);
  await Promise.all(CHECKS.flatMap((check) => check(aws, targets, sink)).map((task) => guard(task, problems)));
}

async function s3State(aws: Aws, region: string, bucket: string, key: string): Promise<Owned> {
  try {
    const object = await aws.call('s3', region, 'GetObjectCommand', { Bucket: bucket, Key: key }, 's3:GetObject');
    const text = await object.Body.transformToString();
    return terraformOwned(JSON.parse(text));
  } catch (error) {
    // No state yet (first deployment), or no bucket (reported by the backend check): nothing is owned.
    if (!(error instanceof CallProblem) && ['NoSuchKey', 'NotFound', 'NoSuchBucket'].includes((error as { name?: string }).name ?? '')) return NOTHING_OWNED;
    throw error;
  }
}

/** A check that fails to get an answer is one problem line; the other checks go on. */
async function guard(task: Promise<unknown>, problems: Set<string>, stack?: string): Promise<void> {
  try {
    await task;
  } catch (error) {
    problems.add(`${stack ? `${stack}: ` : ''}${describe(error)}`);
  }
}

function describe(error: unknown, action?: string): string {
  if (error instanceof CallProblem) return error.message;
  const e = error as { name?: string; message?: string };
  return `${action ? `${action}: ` : ''}unexpected answer from AWS (${e?.name ?? 'Error'}: ${(e?.message ?? String(error)).split('\n')[0]})`;
}

/** The account a cloud assembly binds the stack to (`env.account`), from its manifest; undefined when agnostic. */
function stackAccount(unit: CheckUnit, stack: StackView): string | undefined {
  const file = unit.files[stack.name];
  if (unit.engine !== 'cloudformation' || !file) return undefined;
  let manifest: { artifacts?: Record<string, any> };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'manifest.json'), 'utf8'));
  } catch {
    return undefined; // loose templates have no manifest: nothing to compare
  }
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact?.type !== 'aws:cloudformation:stack') continue;
    const name = artifact.properties?.stackName ?? id;
    const display = artifact.displayName ?? id;
    if (name !== stack.name && !stack.name.startsWith(display + '/')) continue;
    return /^aws:\/\/(\d{12})\//.exec(artifact.environment ?? '')?.[1];
  }
  return undefined;
}

/** The stack's literal region: CloudFormation's environment, or the Terraform AWS provider's default block. */
function stackRegion(stack: StackView): string | undefined {
  if (stack.region) return stack.region;
  const providers = stack.terraform?.providers?.aws;
  const blocks: Array<Record<string, unknown>> = Array.isArray(providers) ? providers : providers ? [providers] : [];
  const main = blocks.find((b) => b && !b.alias) ?? blocks[0];
  return typeof main?.region === 'string' && !main.region.includes('${') ? main.region : undefined;
}

function parseRules(entries: readonly string[]): Record<string, SeverityName> | string {
  const ids = PREFLIGHT_RULES.map((r) => r.id);
  const severities: Record<string, SeverityName> = {};
  for (const entry of entries) {
    const match = /^([^=]+)=(.*)$/.exec(entry);
    if (!match) return `--rule "${entry}" is not ID=SEVERITY, e.g. --rule preflight-quota-exceeded=warning`;
    const [, id, severity] = match;
    if (!ids.includes(id)) return `--rule names "${id}", which is not a preflight rule: preflight's rules are ${ids.join(', ')}`;
    if (!['error', 'warning', 'off'].includes(severity)) return `--rule ${id} "${severity}" is not one of error, warning, off`;
    severities[id] = severity as SeverityName;
  }
  return severities;
}

/** Findings with severities and acknowledgements applied, as `check`'s evaluation returns them. */
function evaluation(raw: readonly RawFinding[], units: readonly CheckUnit[], severities: Record<string, SeverityName>): EvaluationResult {
  const active = PREFLIGHT_RULES.map((metadata) => ({ metadata, severity: severities[metadata.id] ?? metadata.defaultSeverity })).filter(
    (r): r is { metadata: (typeof PREFLIGHT_RULES)[number]; severity: 'error' | 'warning' } => r.severity !== 'off',
  );
  const severityOf = new Map(active.map((r) => [r.metadata.id, r.severity]));
  const acknowledgements = units.flatMap((u) => u.acknowledgements).map((a) => ({ ...a, matched: 0 }));
  const findings: Finding[] = [];
  for (const f of raw) {
    const severity = severityOf.get(f.rule.id);
    if (!severity) continue;
    const stack = f.target.stack;
    const path = f.resource?.path ?? stack.id;
    const ack = closest(acknowledgements, f.rule.id, path);
    if (ack) ack.matched++;
    findings.push({
      ruleId: f.rule.id,
      title: f.rule.title,
      severity,
      engine: f.target.unit.engine,
      stack: stack.name,
      path,
      logicalId: f.resource?.logicalId ?? '',
      resourceType: f.resource?.type ?? (stack.terraform ? 'terraform' : ''),
      message: f.message,
      location: f.location,
      fix: f.fix ?? f.rule.fix,
      acknowledgement: ack ? { scope: ack.scope, ruleId: ack.ruleId, reason: ack.reason, source: ack.source } : undefined,
    });
  }
  // Only acknowledgements of preflight rules: those of the static rules are for `check`.
  const preflightIds = new Set(PREFLIGHT_RULES.map((r) => r.id));
  return {
    findings,
    acknowledgements: acknowledgements.filter((a) => preflightIds.has(a.ruleId)),
    rules: active.map(({ metadata, severity }) => ({ rule: { metadata }, severity })),
  };
}

function closest<T extends Acknowledgement>(acks: T[], ruleId: string, path: string): T | undefined {
  let best: T | undefined;
  for (const ack of acks) {
    const covers = ack.scope === '' || path === ack.scope || path.startsWith(ack.scope + '/');
    if (ack.ruleId === ruleId && covers && (!best || ack.scope.length > best.scope.length)) best = ack;
  }
  return best;
}

function failing(findings: readonly Finding[], failOn: CliOptions['failOn'], host: Host): boolean {
  if (failOn === 'none') return false;
  const { errors, warnings } = host.countFindings(findings);
  return errors > 0 || (failOn === 'warning' && warnings > 0);
}

function relativePath(cwd: string, file: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative).split(path.sep).join('/');
}
