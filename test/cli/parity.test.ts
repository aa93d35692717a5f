import { Stack } from 'aws-cdk-lib';
import { TerraformStack } from 'cdktf';
import { requireCompiledCli, runCli } from './helpers';
import { Finding } from '../../src/core/engine/evaluate';
import { JsonReport } from '../../src/core/engine/reports';
import { CATALOGUE } from '../../src/core/rules';
import { CfnExample, EXAMPLE_SUFFIX, RuleDefinition, TfExample } from '../../src/core/rules/model';
import { addExampleResources, newApp, synthWithChecks } from '../cdk/helpers';
import { addTfExample, newTfApp, synthTfWithChecks } from '../tf/helpers';

// Parity: for every rule, on both engines, the command line reading the synthesized output finds
// exactly what the in-app checks find on the same app: same rule ids, construct paths, logical
// IDs, severities and messages. Each rule's compliant and non-compliant examples (the ones RULES.md
// shows) are built twice as real apps: once synthesized with the in-app checks (their report is the
// expectation; an error finding stops aws-cdk-lib before it writes templates), once without, for the
// CLI, which is run once per engine over all of them.

interface Example {
  /** Stack name, unique across the engine's examples. */
  readonly stack: string;
  readonly rule: string;
  readonly outdir: string;
  readonly inApp: Finding[];
}

interface Engine {
  readonly name: string;
  readonly rules: RuleDefinition[];
  build(stackName: string, example: any, withChecks: boolean): { outdir: string; findings: Finding[] };
  examples(rule: RuleDefinition): { compliant: any; nonCompliant: any } | undefined;
}

const ENGINES: Engine[] = [
  {
    name: 'aws-cdk-lib',
    rules: CATALOGUE.filter((r) => r.cloudformation),
    examples: (rule) => rule.metadata.examples.cloudformation,
    build(stackName, example: CfnExample, withChecks) {
      const app = newApp();
      addExampleResources(new Stack(app, stackName, example.region ? { env: { region: example.region } } : undefined), example);
      if (withChecks) return { outdir: app.outdir, findings: [...synthWithChecks(app).report.findings] };
      app.synth();
      return { outdir: app.outdir, findings: [] };
    },
  },
  {
    name: 'cdktf',
    rules: CATALOGUE.filter((r) => r.terraform || r.terraformStack),
    examples: (rule) => rule.metadata.examples.terraform,
    build(stackName, example: TfExample, withChecks) {
      const app = newTfApp();
      addTfExample(new TerraformStack(app, stackName), example);
      if (withChecks) return { outdir: app.outdir, findings: [...synthTfWithChecks(app, {}, stackName).report.findings] };
      app.synth();
      return { outdir: app.outdir, findings: [] };
    },
  },
];

/** What must be identical: everything but the fix text (same rule, same text) and the stack's display name. */
function key(f: Pick<Finding, 'ruleId' | 'severity' | 'path' | 'logicalId' | 'message' | 'location' | 'acknowledgement'>): string {
  return [f.ruleId, f.severity, f.path, f.logicalId, f.location ?? '', f.acknowledgement ? 'acknowledged' : '', f.message].join(' | ');
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('CLI parity with the in-app checks on %s apps', (_, engine) => {
  const examples: Example[] = [];
  let cli: Map<string, Finding[]>;

  beforeAll(async () => {
    requireCompiledCli();
    for (const rule of engine.rules) {
      for (const variant of ['compliant', 'nonCompliant'] as const) {
        const example = engine.examples(rule)![variant];
        const stack = `${rule.metadata.id}-${variant === 'compliant' ? 'ok' : 'bad'}`;
        const inApp = engine.build(stack, example, true).findings;
        const { outdir } = engine.build(stack, example, false);
        examples.push({ stack, rule: rule.metadata.id, outdir, inApp });
      }
    }
    // One run over every app: each PATH is checked as an app of its own.
    const run = await runCli(['check', ...examples.map((e) => e.outdir), '--format', 'json', '--suffix', EXAMPLE_SUFFIX]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    cli = new Map();
    for (const f of report.findings) cli.set(f.stack, [...(cli.get(f.stack) ?? []), f]);
  });

  test('GIVEN the catalogue WHEN listing what the engine covers THEN every rule has both examples', () => {
    expect(engine.rules.filter((r) => !engine.examples(r)).map((r) => r.metadata.id)).toEqual([]);
    expect(examples).toHaveLength(engine.rules.length * 2);
  });

  test.each(engine.rules.map((r) => [r.metadata.id]))('%s: the CLI reports exactly what the in-app checks report', (id) => {
    for (const example of examples.filter((e) => e.rule === id)) {
      // GIVEN the in-app findings WHEN the CLI read the same app's output THEN they are the same findings
      const expected = example.inApp.map(key).sort();
      const actual = (cli.get(example.stack) ?? []).map(key).sort();
      expect({ stack: example.stack, findings: actual }).toEqual({ stack: example.stack, findings: expected });
    }
    // AND the comparison is not vacuous: the non-compliant example is reported with the rule's id
    const bad = examples.find((e) => e.rule === id && e.stack.endsWith('-bad'))!;
    expect((cli.get(bad.stack) ?? []).map((f) => f.ruleId)).toContain(id);
  });
});
