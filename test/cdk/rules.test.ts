import { checkExample } from './helpers';
import { CATALOGUE } from '../../src/core/rules';

// Every rule's CloudFormation examples (the ones RULES.md shows) synthesized as real
// aws-cdk-lib apps with the checks applied: the non-compliant one must be reported with
// the rule's id, the compliant one must not.
const withCfnExamples = CATALOGUE.filter((rule) => rule.cloudformation && rule.metadata.examples.cloudformation);

describe.each(withCfnExamples.map((rule) => [rule.metadata.id, rule] as const))('%s on a synthesized aws-cdk-lib app', (id, rule) => {
  const examples = rule.metadata.examples.cloudformation!;

  test('GIVEN the non-compliant example WHEN synthesizing with the checks THEN the rule reports it', () => {
    // WHEN
    const { error, report } = checkExample(examples.nonCompliant);
    // THEN
    const mine = report.findings.filter((f) => f.ruleId === id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.severity === rule.metadata.defaultSeverity)).toBe(true);
    if (rule.metadata.defaultSeverity === 'error') {
      expect(error?.message).toContain(`[${id}]`);
    }
  });

  test('GIVEN the compliant example WHEN synthesizing with the checks THEN the rule reports nothing', () => {
    const { report } = checkExample(examples.compliant);
    expect(report.findings.filter((f) => f.ruleId === id)).toEqual([]);
  });
});

test('GIVEN the catalogue WHEN listing rules with a CloudFormation evaluator THEN every one has CloudFormation examples', () => {
  const missing = CATALOGUE.filter((rule) => rule.cloudformation && !rule.metadata.examples.cloudformation).map((r) => r.metadata.id);
  expect(missing).toEqual([]);
});
