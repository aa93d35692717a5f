import { cfnFindings, tfFindings } from './helpers';
import { guarddutyDetector } from '../../../src/core/rules/guardduty-detector';

describe('guardduty-detector (CloudFormation)', () => {
  test('GIVEN a GuardDuty detector WHEN evaluated THEN it is reported once', () => {
    // GIVEN
    const example = { resources: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true } } } };
    // WHEN
    const findings = cfnFindings(guarddutyDetector, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'guardduty-detector', severity: 'error', path: 'Stack/Detector' });
    expect(findings[0].message).toContain('AWS::GuardDuty::Detector');
  });

  test('GIVEN a disabled detector WHEN evaluated THEN it is still reported (it still exists)', () => {
    const findings = cfnFindings(guarddutyDetector, { resources: { D: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: false } } } });
    expect(findings.map((f) => f.ruleId)).toEqual(['guardduty-detector']);
  });

  test('GIVEN no detector WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(guarddutyDetector, guarddutyDetector.metadata.examples.cloudformation!.compliant)).toEqual([]);
  });
});

describe('guardduty-detector (Terraform)', () => {
  test('GIVEN an aws_guardduty_detector WHEN evaluated THEN it is reported', () => {
    const findings = tfFindings(guarddutyDetector, guarddutyDetector.metadata.examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual([['guardduty-detector', 'stack/main']]);
  });

  test('GIVEN no detector WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(guarddutyDetector, guarddutyDetector.metadata.examples.terraform!.compliant)).toEqual([]);
  });
});
