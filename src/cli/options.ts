import { parseArgs } from 'util';
import { CATALOGUE } from '../core/rules';
import { SeverityName } from '../core/rules/model';

/** Output formats of `check`, `--list-rules` and `--explain`. */
export type Format = 'text' | 'json' | 'sarif' | 'markdown';
/** The lowest severity that makes `check` exit with 1. */
export type FailOn = 'error' | 'warning' | 'none';

export interface CliOptions {
  readonly command: 'check' | 'preflight' | 'list-rules' | 'explain' | 'help' | 'version';
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output?: string;
  readonly suffix?: string;
  readonly severities: Readonly<Record<string, SeverityName>>;
  readonly failOn: FailOn;
  readonly explain?: string;
  /** preflight only: the raw `--rule` entries (preflight rule ids live in the preflight package, which checks them). */
  readonly ruleEntries?: readonly string[];
  /** preflight only: target region, named profile, endpoint of every AWS client. */
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/** A problem with the command line itself: exit code 2, with the usage hint. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'markdown'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'none'];
const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'off'];

export const USAGE = `Usage: cdk-safe-patterns check [PATH...] [options]
       cdk-safe-patterns preflight [PATH...] [--region R] [--profile P] [--endpoint-url URL] [options]
       cdk-safe-patterns --list-rules [--format text|json|markdown]
       cdk-safe-patterns --explain RULE-ID [--format text|json|markdown]

Checks synthesized output with the cdk-safe-patterns rules: a cdk.out directory, *.template.json
or *.yaml CloudFormation templates, a cdktf.out directory or cdk.tf.json files. With no PATH,
checks ./cdk.out and ./cdktf.out, whichever exist.

Options:
  --format text|json|sarif|markdown   report format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --suffix SUFFIX                     environment suffix names must carry (default: the one the
                                      app's EnvironmentSuffix recorded, then $ENVIRONMENT_SUFFIX)
  --rule ID=error|warning|off         change a rule's severity (repeatable)
  --fail-on error|warning|none        lowest severity that makes the exit code 1 (default: error)
  --region R, --profile P             preflight: target region (default: the stack's, then $AWS_REGION)
                                      and named profile (default: the SDK's default credential chain)
  --endpoint-url URL                  preflight: send every AWS call to URL (LocalStack, moto, tests)
  --list-rules                        list the rules and exit
  --explain RULE-ID                   explain one rule and exit
  --help, --version

preflight asks the target account, with read-only calls, whether the deployment can succeed
(needs the cdk-safe-patterns-preflight package: npm install --save-dev cdk-safe-patterns-preflight).

Exit codes: 0 no findings at the --fail-on level, 1 findings at that level, 2 usage or input errors
(preflight: also missing credentials, an unreachable endpoint or a denied call).`;

/** Parses argv (without node and script). Throws UsageError. */
export function parseOptions(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // util.parseArgs' messages are already one line and name the option.
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;

  const format = oneOf('--format', values.format ?? 'text', FORMATS);
  const failOn = oneOf('--fail-on', values['fail-on'] ?? 'error', FAIL_ON);
  const isPreflight = positionals[0] === 'preflight' && !values.help && !values.version;
  // Preflight's rule ids are in the preflight package, which checks the entries itself.
  const severities = isPreflight ? {} : ruleSeverities(values.rule ?? []);
  if (values.output !== undefined && values.output.trim() === '') throw new UsageError('--output needs a file name, e.g. --output report.sarif');
  if (values.suffix !== undefined && !/^[a-z0-9-]+$/.test(values.suffix)) {
    throw new UsageError(`--suffix "${values.suffix}" is not a valid environment suffix: use lowercase letters, digits and hyphens, e.g. --suffix pr123`);
  }
  const common = { format, failOn, severities, output: values.output, suffix: values.suffix, paths: [] as string[] };

  if (values.help) return { ...common, command: 'help' };
  if (values.version) return { ...common, command: 'version' };
  if (values['list-rules'] || values.explain !== undefined) {
    if (positionals.length > 0 && positionals[0] !== 'check') throw new UsageError(`unexpected argument "${positionals[0]}" with ${values.explain !== undefined ? '--explain' : '--list-rules'}`);
    if (format === 'sarif') throw new UsageError('--format sarif is for check reports; --list-rules and --explain take text, json or markdown');
    if (values.explain !== undefined) return { ...common, command: 'explain', explain: values.explain };
    return { ...common, command: 'list-rules' };
  }
  const account = { region: values.region, profile: values.profile, endpointUrl: values['endpoint-url'] };
  if (isPreflight) {
    for (const [option, value] of Object.entries({ '--region': values.region, '--profile': values.profile, '--endpoint-url': values['endpoint-url'] })) {
      if (value !== undefined && value.trim() === '') throw new UsageError(`${option} needs a value`);
    }
    if (values['endpoint-url'] !== undefined && !/^https?:\/\/[^\s/]+/.test(values['endpoint-url'])) {
      throw new UsageError(`--endpoint-url "${values['endpoint-url']}" is not an http(s) URL, e.g. --endpoint-url http://127.0.0.1:4566`);
    }
    return { ...common, ...account, command: 'preflight', paths: positionals.slice(1), ruleEntries: values.rule ?? [] };
  }
  const accountOption = Object.entries({ '--region': values.region, '--profile': values.profile, '--endpoint-url': values['endpoint-url'] }).find(([, v]) => v !== undefined);
  if (accountOption) throw new UsageError(`${accountOption[0]} is a preflight option: use "cdk-safe-patterns preflight [PATH...] ${accountOption[0]} ..."`);
  if (positionals.length === 0) throw new UsageError('no command given: use "cdk-safe-patterns check [PATH...]"');
  if (positionals[0] !== 'check') throw new UsageError(`unknown command "${positionals[0]}": use "cdk-safe-patterns check [PATH...]"`);
  return { ...common, command: 'check', paths: positionals.slice(1) };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      'format': { type: 'string', short: 'f' },
      'output': { type: 'string', short: 'o' },
      'suffix': { type: 'string' },
      'rule': { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      'list-rules': { type: 'boolean' },
      'explain': { type: 'string' },
      'region': { type: 'string' },
      'profile': { type: 'string' },
      'endpoint-url': { type: 'string' },
      'help': { type: 'boolean', short: 'h' },
      'version': { type: 'boolean' },
    },
  });
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} "${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function ruleSeverities(entries: readonly string[]): Record<string, SeverityName> {
  const ids = CATALOGUE.map((r) => r.metadata.id);
  const severities: Record<string, SeverityName> = {};
  for (const entry of entries) {
    const match = /^([^=]+)=(.*)$/.exec(entry);
    if (!match) throw new UsageError(`--rule "${entry}" is not ID=SEVERITY, e.g. --rule log-retention=off`);
    const [, id, severity] = match;
    if (!ids.includes(id)) throw new UsageError(`--rule names an unknown rule "${id}"${suggestion(id, ids)}: run --list-rules for every id`);
    severities[id] = oneOf(`--rule ${id}`, severity, SEVERITIES);
  }
  return severities;
}

/** ` (did you mean "x"?)` for a near miss, else ''. */
export function suggestion(id: string, ids: readonly string[]): string {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of ids) {
    const distance = editDistance(id.toLowerCase(), candidate);
    if (!best || distance < best.distance) best = { id: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(id.length / 3)) ? ` (did you mean "${best.id}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
