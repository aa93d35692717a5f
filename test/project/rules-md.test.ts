import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMd } from '../../scripts/rules-md';
import { CATALOGUE } from '../../src/core/rules';

describe('RULES.md', () => {
  test('GIVEN the rule metadata WHEN rendering THEN the committed RULES.md is up to date (run `npx projen rules:docs`)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    expect(committed).toBe(renderRulesMd());
  });

  test('GIVEN the catalogue WHEN rendering THEN every rule says what it deliberately does not report', () => {
    const rendered = renderRulesMd();
    for (const rule of CATALOGUE) {
      // Optional in the model only for users' custom rules: every catalogue rule fills it.
      expect(rule.metadata.notReported?.length).toBeGreaterThan(0);
      for (const item of rule.metadata.notReported ?? []) expect(rendered).toContain(`  - ${item}`);
    }
    expect(rendered).toContain('- **Not reported, deliberately:**');
  });

  test('GIVEN the catalogue WHEN rendering THEN every rule has a section with its lesson and both engines it covers', () => {
    const rendered = renderRulesMd();
    for (const rule of CATALOGUE) {
      expect(rendered).toContain(`## ${rule.metadata.id}\n`);
      expect(rendered).toContain(`- **Lesson:** ${rule.metadata.lesson}`);
    }
  });
});
