import { cfnFindings, tfFindings } from './helpers';
import { alarmStatisticConflict } from '../../../src/core/rules/alarm-statistic-conflict';
import { CfnExample, TfExample } from '../../../src/core/rules/model';

const examples = alarmStatisticConflict.metadata.examples;

function cfnAlarm(properties: Record<string, unknown>, type = 'AWS::CloudWatch::Alarm'): CfnExample {
  return {
    resources: {
      Alarm: {
        Type: type,
        Properties: { ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Threshold: 1, ...properties },
      },
    },
  };
}

function tfAlarm(attributes: Record<string, unknown>): TfExample {
  return {
    resource: {
      aws_cloudwatch_metric_alarm: {
        alarm: { alarm_name: 'alarm-pr123', comparison_operator: 'GreaterThanThreshold', evaluation_periods: 1, threshold: 1, ...attributes },
      },
    },
  };
}

const METRICS = [
  { Id: 'errors', MetricStat: { Metric: { MetricName: 'Errors', Namespace: 'AWS/Lambda' }, Period: 60, Stat: 'Sum' }, ReturnData: false },
  { Id: 'rate', Expression: 'errors / 100', ReturnData: true },
];

describe('alarm-statistic-conflict (CloudFormation)', () => {
  test('GIVEN the non-compliant example (Average and p99) WHEN evaluated THEN one error names both values', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(alarmStatisticConflict, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'alarm-statistic-conflict',
      severity: 'error',
      path: 'Stack/ApiLatencyAlarm',
      location: 'Properties/ExtendedStatistic',
    });
    expect(findings[0].message).toBe('Both Statistic "Average" and ExtendedStatistic "p99" are set; CloudWatch accepts only one of them.');
    expect(findings[0].fix).toContain('P99Alarm');
  });

  test('GIVEN the compliant example (p99 only, as aws-cdk-lib synthesizes it) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(alarmStatisticConflict, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN neither statistic and no Metrics WHEN evaluated THEN it is reported on Statistic', () => {
    const findings = cfnFindings(alarmStatisticConflict, cfnAlarm({ MetricName: 'Errors', Namespace: 'AWS/Lambda', Period: 60 }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['Properties/Statistic', 'Neither Statistic nor ExtendedStatistic is set, and there is no Metrics; CloudWatch needs one of them.'],
    ]);
  });

  test('GIVEN a metric-math alarm (Metrics, no statistic) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(alarmStatisticConflict, cfnAlarm({ Metrics: METRICS }))).toEqual([]);
  });

  test('GIVEN Metrics next to a Statistic WHEN evaluated THEN the statistic is reported', () => {
    const findings = cfnFindings(alarmStatisticConflict, cfnAlarm({ Metrics: METRICS, Statistic: 'Sum' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['Properties/Statistic', 'Statistic "Sum" is set next to Metrics; a metric-math alarm takes its statistics from Metrics only.'],
    ]);
  });

  test('GIVEN references as the statistic values WHEN both are set THEN it is still reported (presence is what conflicts)', () => {
    const findings = cfnFindings(alarmStatisticConflict, cfnAlarm({ Statistic: { Ref: 'Stat' }, ExtendedStatistic: { Ref: 'Percentile' } }));
    expect(findings.map((f) => f.message)).toEqual(['Both Statistic {"Ref":"Stat"} and ExtendedStatistic {"Ref":"Percentile"} are set; CloudWatch accepts only one of them.']);
  });

  test('GIVEN a reference for Metrics WHEN no statistic is set THEN nothing is reported', () => {
    expect(cfnFindings(alarmStatisticConflict, cfnAlarm({ Metrics: { 'Fn::If': ['Math', METRICS, { Ref: 'AWS::NoValue' }] } }))).toEqual([]);
  });

  test.each([
    [{ Statistic: 'Sum' }, 0],
    [{ ExtendedStatistic: 'tm90' }, 0],
    [{ Statistic: 'Sum', ExtendedStatistic: null }, 0],
    [{ Statistic: null, ExtendedStatistic: null }, 1],
    [{ Metrics: [] }, 1],
  ])('GIVEN %j WHEN evaluated THEN %p findings', (properties, count) => {
    expect(cfnFindings(alarmStatisticConflict, cfnAlarm(properties))).toHaveLength(count);
  });

  test('GIVEN a composite alarm WHEN evaluated THEN it is not applicable', () => {
    expect(cfnFindings(alarmStatisticConflict, cfnAlarm({ AlarmRule: 'ALARM(a)' }, 'AWS::CloudWatch::CompositeAlarm'))).toEqual([]);
  });
});

describe('alarm-statistic-conflict (Terraform)', () => {
  test('GIVEN the non-compliant example (the seed lesson) WHEN evaluated THEN one error on extended_statistic', () => {
    const findings = tfFindings(alarmStatisticConflict, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.path, f.location, f.message])).toEqual([
      ['alarm-statistic-conflict', 'stack/api_latency', 'extended_statistic', 'Both statistic "Average" and extended_statistic "p99" are set; CloudWatch accepts only one of them.'],
    ]);
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(alarmStatisticConflict, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN the seed fix (statistic overridden to null) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(alarmStatisticConflict, tfAlarm({ extended_statistic: 'p99', statistic: null }))).toEqual([]);
  });

  test('GIVEN neither statistic nor metric_query WHEN evaluated THEN it is reported on statistic', () => {
    const findings = tfFindings(alarmStatisticConflict, tfAlarm({ metric_name: 'Errors', namespace: 'AWS/Lambda', period: 60 }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['statistic', 'Neither statistic nor extended_statistic is set, and there is no metric_query; CloudWatch needs one of them.'],
    ]);
  });

  test('GIVEN metric_query blocks WHEN no statistic is set THEN nothing is reported; with extended_statistic THEN it is', () => {
    const query = [{ id: 'e1', expression: 'm1 / 100', return_data: true }];
    expect(tfFindings(alarmStatisticConflict, tfAlarm({ metric_query: query }))).toEqual([]);
    const findings = tfFindings(alarmStatisticConflict, tfAlarm({ metric_query: query, extended_statistic: 'p99' }));
    expect(findings.map((f) => f.location)).toEqual(['extended_statistic']);
  });

  test('GIVEN interpolated values WHEN both are set THEN it is reported', () => {
    expect(tfFindings(alarmStatisticConflict, tfAlarm({ statistic: '${var.statistic}', extended_statistic: '${var.percentile}' }))).toHaveLength(1);
  });
});

describe('alarm-statistic-conflict (odd input)', () => {
  const junk: unknown[] = [0, '', 'x', [], [null], {}, { Ref: 'X' }, true, { a: { b: [1] } }];

  test.each(junk.map((j) => [j]))('GIVEN %p in every property WHEN evaluated THEN no rule error and a consistent verdict', (value) => {
    const cfn = cfnFindings(alarmStatisticConflict, cfnAlarm({ Statistic: value, ExtendedStatistic: value, Metrics: value }));
    const tf = tfFindings(alarmStatisticConflict, tfAlarm({ statistic: value, extended_statistic: value, metric_query: value }));
    expect([...cfn, ...tf].filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
    // Both set (whatever they hold): always the "both" conflict.
    expect([...cfn, ...tf].map((f) => f.message)).toEqual([expect.stringMatching(/^Both /), expect.stringMatching(/^Both /)]);
  });

  test('GIVEN properties that are not an object WHEN evaluated THEN no rule error', () => {
    const findings = cfnFindings(alarmStatisticConflict, { resources: { A: { Type: 'AWS::CloudWatch::Alarm', Properties: [1, 2] as any } } });
    expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
  });
});
