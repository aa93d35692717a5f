import { newStack, onlyBlock, SUFFIX, synthJson } from './helpers';
import { tf } from '../../../src';

const REQUIRED: tf.P99AlarmProps = { baseName: 'orders-latency', namespace: 'AWS/Lambda', metricName: 'Duration', threshold: 1000, environmentSuffix: SUFFIX };

describe('tf.P99Alarm', () => {
  test('GIVEN the required props WHEN synthesizing THEN the alarm uses extended_statistic p99 only, never statistic', () => {
    // GIVEN / WHEN
    const { stack } = newStack();
    const alarm = new tf.P99Alarm(stack, 'Latency', REQUIRED);
    const json = synthJson(stack);
    // THEN
    expect(onlyBlock(json, 'aws_cloudwatch_metric_alarm')).toEqual({
      alarm_name: 'orders-latency-pr123',
      alarm_description: 'p99 of AWS/Lambda Duration',
      namespace: 'AWS/Lambda',
      metric_name: 'Duration',
      extended_statistic: 'p99',
      period: 60,
      evaluation_periods: 3,
      threshold: 1000,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
    });
    expect(alarm.alarmName).toBe('orders-latency-pr123');
    expect(alarm.extendedStatistic).toBe('p99');
  });

  test('GIVEN every option WHEN synthesizing THEN each is written as the typed value', () => {
    const { stack } = newStack();
    new tf.P99Alarm(stack, 'Latency', {
      ...REQUIRED,
      dimensions: { FunctionName: 'orders-pr123' },
      percentile: 99.9,
      periodSeconds: 300,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparison: tf.AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: tf.AlarmMissingData.BREACHING,
      alarmActions: ['${aws_sns_topic.alerts.arn}'],
      description: 'Orders are slow',
    });
    const block = onlyBlock(synthJson(stack), 'aws_cloudwatch_metric_alarm');
    expect(block).toMatchObject({
      dimensions: { FunctionName: 'orders-pr123' },
      extended_statistic: 'p99.9',
      period: 300,
      evaluation_periods: 5,
      datapoints_to_alarm: 3,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'breaching',
      alarm_actions: ['${aws_sns_topic.alerts.arn}'],
      alarm_description: 'Orders are slow',
    });
    expect(block.statistic).toBeUndefined();
  });

  test.each<[string, Partial<tf.P99AlarmProps>, string]>([
    ['an empty baseName', { baseName: '' }, 'stack/Latency: baseName is required: it is the name the environment suffix is appended to. Received: "". Fix: pass baseName: "orders-latency"'],
    ['no namespace', { namespace: undefined }, 'stack/Latency: namespace is required: the alarm watches one metric. Received: nothing. Fix: pass namespace: "AWS/Lambda"'],
    ['a blank metricName', { metricName: ' ' }, 'stack/Latency: metricName is required: the alarm watches one metric. Received: " ". Fix: pass metricName: "Duration"'],
    ['a NaN threshold', { threshold: NaN }, 'stack/Latency: threshold must be a finite number. Received: null. Fix: pass threshold: 1000, for example'],
    ['percentile 100', { percentile: 100 }, 'stack/Latency: percentile must be above 0 and below 100. Received: 100. Fix: pass percentile: 99 (p99) or 99.9 (p99.9)'],
    ['percentile 0', { percentile: 0 }, 'stack/Latency: percentile must be above 0 and below 100. Received: 0.'],
    ['a 90-second period', { periodSeconds: 90 }, 'stack/Latency: periodSeconds must be 10, 20, 30 or a multiple of 60. Received: 90. Fix: pass periodSeconds: 60'],
    ['zero evaluation periods', { evaluationPeriods: 0 }, 'stack/Latency: evaluationPeriods must be a whole number from 1 to 100. Received: 0. Fix: pass evaluationPeriods between 1 and 100'],
    ['more datapoints than periods', { evaluationPeriods: 3, datapointsToAlarm: 4 }, 'stack/Latency: datapointsToAlarm must be a whole number from 1 to 3. Received: 4.'],
  ])('GIVEN %s WHEN constructing THEN it throws naming the path, the value and the fix', (_, props, message) => {
    const { stack } = newStack();
    expect(() => new tf.P99Alarm(stack, 'Latency', { ...REQUIRED, ...props } as tf.P99AlarmProps)).toThrow(message);
  });
});
