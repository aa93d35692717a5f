import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { newStack, SUFFIX } from './helpers';
import { cdk } from '../../../src';

const latency = () =>
  new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensionsMap: { ApiName: 'orders' }, statistic: 'Average' });

describe('cdk.P99Alarm', () => {
  test('GIVEN a metric with an Average statistic WHEN alarming THEN the alarm has ExtendedStatistic p99 and no Statistic', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const alarm = new cdk.P99Alarm(stack, 'Latency', { baseName: 'api-latency', metric: latency(), threshold: 1000 });
    // THEN
    expect(alarm.alarmName).toBe(`api-latency-${SUFFIX}`);
    expect(alarm.extendedStatistic).toBe('p99');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `api-latency-${SUFFIX}`,
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [{ Name: 'ApiName', Value: 'orders' }],
      ExtendedStatistic: 'p99',
      Statistic: Match.absent(),
      Metrics: Match.absent(),
      Period: 300,
      Threshold: 1000,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmDescription: 'p99 of AWS/ApiGateway Latency GreaterThanThreshold 1000',
      AlarmActions: Match.absent(),
    });
  });

  test('GIVEN every option WHEN alarming THEN each reaches the alarm', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic');
    new cdk.P99Alarm(stack, 'Latency', {
      baseName: 'api-latency',
      environmentSuffix: 'pr7',
      metric: latency(),
      threshold: 250,
      percentile: 99.9,
      period: Duration.minutes(1),
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
      alarmDescription: 'checkout is slow',
      topic,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'api-latency-pr7',
      ExtendedStatistic: 'p99.9',
      Statistic: Match.absent(),
      Period: 60,
      Threshold: 250,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'missing',
      AlarmDescription: 'checkout is slow',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
    });
  });

  test.each([0, -1, 100.5, Number.NaN])('GIVEN percentile %p WHEN constructing THEN the error names the path, the value and the fix', (percentile) => {
    const stack = newStack();
    expect(() => new cdk.P99Alarm(stack, 'Latency', { baseName: 'api-latency', metric: latency(), threshold: 1, percentile })).toThrow(
      new RegExp(`^Stack/Latency: percentile must be greater than 0 and at most 100\\. Received: ${Number.isNaN(percentile) ? 'NaN' : percentile}\\. Fix: pass a percentile such as 99`),
    );
  });

  test('GIVEN a math expression WHEN constructing THEN the error asks for a single metric', () => {
    const stack = newStack();
    const expression = new cloudwatch.MathExpression({ expression: 'm1 * 2', usingMetrics: { m1: latency() } });
    expect(() => new cdk.P99Alarm(stack, 'Latency', { baseName: 'api-latency', metric: expression, threshold: 1 })).toThrow(
      /^Stack\/Latency: A percentile alarm needs a single metric; a math expression has no percentile of its own\. Received: metric "m1 \* 2"\. Fix: pass a cloudwatch\.Metric/,
    );
  });

  test('GIVEN a base name with a control character WHEN constructing THEN the alarm name error shows it', () => {
    const stack = newStack();
    expect(() => new cdk.P99Alarm(stack, 'Latency', { baseName: 'api\nlatency', metric: latency(), threshold: 1 })).toThrow(
      /^Stack\/Latency: The CloudWatch alarm name "api\\nlatency-pr123" is not valid: it must be printable characters\. Received: baseName="api\\nlatency"/,
    );
  });

  test('GIVEN a 250-character base name WHEN constructing THEN the error says how long it may be', () => {
    const stack = newStack();
    expect(() => new cdk.P99Alarm(stack, 'Latency', { baseName: 'a'.repeat(250), metric: latency(), threshold: 1 })).toThrow(
      /is 256 characters long; CloudWatch alarm names must be 1-255\. .*Fix: shorten baseName to at most 249 characters/,
    );
  });
});
