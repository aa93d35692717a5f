import { checkExample } from './cdk/helpers';
import { checkTfExample } from './tf/helpers';
import { JsonReport } from '../src/core/engine/reports';
import { CATALOGUE } from '../src/core/rules';
import { RuleDefinition, RuleExamples } from '../src/core/rules/model';

// Every rule's examples (the ones RULES.md shows) synthesized as real aws-cdk-lib and cdktf
// apps with the checks applied: the non-compliant one must be reported with the rule's id,
// the compliant one must not.
interface Engine {
  readonly name: string;
  covers(rule: RuleDefinition): boolean;
  examples(rule: RuleDefinition): RuleExamples<any> | undefined;
  check(example: any): { error?: Error; report: JsonReport };
}

const ENGINES: Engine[] = [
  {
    name: 'aws-cdk-lib',
    covers: (rule) => rule.cloudformation !== undefined,
    examples: (rule) => rule.metadata.examples.cloudformation,
    check: checkExample,
  },
  {
    name: 'cdktf',
    covers: (rule) => rule.terraform !== undefined || rule.terraformStack !== undefined,
    examples: (rule) => rule.metadata.examples.terraform,
    check: checkTfExample,
  },
];

describe.each(ENGINES.map((engine) => [engine.name, engine] as const))('rules on a synthesized %s app', (_, engine) => {
  const rules = CATALOGUE.filter((rule) => engine.covers(rule));

  test('GIVEN the catalogue WHEN listing the rules this engine runs THEN every one has examples for it', () => {
    expect(rules.filter((rule) => !engine.examples(rule)).map((r) => r.metadata.id)).toEqual([]);
  });

  describe.each(rules.map((rule) => [rule.metadata.id, rule] as const))('%s', (id, rule) => {
    test('GIVEN the non-compliant example WHEN synthesizing with the checks THEN the rule reports it', () => {
      // WHEN
      const { error, report } = engine.check(engine.examples(rule)!.nonCompliant);
      // THEN
      const mine = report.findings.filter((f) => f.ruleId === id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((f) => f.severity === rule.metadata.defaultSeverity)).toBe(true);
      if (rule.metadata.defaultSeverity === 'error') {
        expect(error?.message).toContain(`[${id}]`);
      }
    });

    test('GIVEN the compliant example WHEN synthesizing with the checks THEN the rule reports nothing', () => {
      const { report } = engine.check(engine.examples(rule)!.compliant);
      expect(report.findings.filter((f) => f.ruleId === id)).toEqual([]);
    });
  });
});
