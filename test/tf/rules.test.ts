import { checkTfExample } from './helpers';
import { CATALOGUE } from '../../src/core/rules';

// Every rule's Terraform examples (the ones RULES.md shows) synthesized as real cdktf apps
// with the checks applied: the non-compliant one must be reported with the rule's id,
// the compliant one must not.
const withTfExamples = CATALOGUE.filter((rule) => (rule.terraform || rule.terraformStack) && rule.metadata.examples.terraform);

describe.each(withTfExamples.map((rule) => [rule.metadata.id, rule] as const))('%s on a synthesized cdktf app', (id, rule) => {
  const examples = rule.metadata.examples.terraform!;

  test('GIVEN the non-compliant example WHEN synthesizing with the checks THEN the rule reports it', () => {
    const { error, report } = checkTfExample(examples.nonCompliant);
    const mine = report.findings.filter((f) => f.ruleId === id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.severity === rule.metadata.defaultSeverity)).toBe(true);
    if (rule.metadata.defaultSeverity === 'error') {
      expect(error?.message).toContain(`[${id}]`);
    }
  });

  test('GIVEN the compliant example WHEN synthesizing with the checks THEN the rule reports nothing', () => {
    const { report } = checkTfExample(examples.compliant);
    expect(report.findings.filter((f) => f.ruleId === id)).toEqual([]);
  });
});

test('GIVEN the catalogue WHEN listing rules with a Terraform evaluator THEN every one has Terraform examples', () => {
  const missing = CATALOGUE.filter((rule) => (rule.terraform || rule.terraformStack) && !rule.metadata.examples.terraform).map((r) => r.metadata.id);
  expect(missing).toEqual([]);
});
