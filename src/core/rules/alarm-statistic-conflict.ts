import { NOT_APPLICABLE, ResourceView, RuleDefinition, RuleOutcome, Violation } from './model';
import { asList, asObject, show } from './values';

/** The attribute names of one engine. */
interface AlarmShape {
  readonly statistic: string;
  readonly extendedStatistic: string;
  readonly metrics: string;
  /** Prefix of `location`. */
  readonly at: string;
}

const CFN: AlarmShape = { statistic: 'Statistic', extendedStatistic: 'ExtendedStatistic', metrics: 'Metrics', at: 'Properties/' };
const TF: AlarmShape = { statistic: 'statistic', extendedStatistic: 'extended_statistic', metrics: 'metric_query', at: '' };

/**
 * CloudWatch takes exactly one way of aggregating a single-metric alarm: a statistic
 * (Average, Sum...) or an extended statistic (p99...), never both, never neither,
 * and neither of them next to a metric-math query.
 */
export const alarmStatisticConflict: RuleDefinition = {
  metadata: {
    id: 'alarm-statistic-conflict',
    title: 'Alarm has exactly one of statistic and extended statistic',
    lesson: '002 "Critical Failure #2: CloudWatch Alarm Configuration Error"',
    why:
      'CloudWatch PutMetricAlarm accepts either Statistic (Average, Sum, Minimum, Maximum, SampleCount) or ' +
      'ExtendedStatistic (p99, tm90...) for a single-metric alarm, and neither of them with Metrics (metric math). ' +
      'Terraform stops at validation ("extended_statistic": conflicts with statistic) and CloudFormation fails the ' +
      'deployment; an alarm with neither (and no Metrics) is rejected too. Percentile alarms are where it happens: a ' +
      'default Average is left next to the p99.',
    fix:
      'Use this library\'s P99Alarm, which sets only the extended statistic; otherwise set exactly one of them (in cdktf, ' +
      'remove a leftover statistic with addOverride(\'statistic\', null)), and none of them on a metric-math alarm.',
    notReported: [
      'Composite alarms (AWS::CloudWatch::CompositeAlarm, aws_cloudwatch_composite_alarm): they have no statistic.',
      'A statistic given by reference is never reported as missing: CloudWatch judges presence, so it counts as set.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: { resources: { ApiLatencyAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: cfnAlarm({ Statistic: 'Average', ExtendedStatistic: 'p99' }) } } },
        compliant: { resources: { ApiLatencyAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: cfnAlarm({ ExtendedStatistic: 'p99' }) } } },
      },
      terraform: {
        nonCompliant: { resource: { aws_cloudwatch_metric_alarm: { api_latency: tfAlarm({ extended_statistic: 'p99', statistic: 'Average' }) } } },
        compliant: { resource: { aws_cloudwatch_metric_alarm: { api_latency: tfAlarm({ extended_statistic: 'p99' }) } } },
      },
    },
  },
  cloudformation: (resource) => (resource.type === 'AWS::CloudWatch::Alarm' ? check(resource, CFN) : NOT_APPLICABLE),
  terraform: (resource) => (resource.type === 'aws_cloudwatch_metric_alarm' ? check(resource, TF) : NOT_APPLICABLE),
};

function check(resource: ResourceView, shape: AlarmShape): RuleOutcome {
  const properties = asObject(resource.properties) ?? {};
  // Presence is what CloudWatch judges, so a reference counts as set; null is the override that removes one.
  const statistic = properties[shape.statistic];
  const extended = properties[shape.extendedStatistic];
  const hasStatistic = statistic !== undefined && statistic !== null;
  const hasExtended = extended !== undefined && extended !== null;
  const hasMetrics = asList(properties[shape.metrics]).length > 0;
  const violations: Violation[] = [];
  if (hasStatistic && hasExtended) {
    violations.push({
      message:
        `Both ${shape.statistic} ${show(statistic)} and ${shape.extendedStatistic} ${show(extended)} are set; ` +
        'CloudWatch accepts only one of them.',
      location: shape.at + shape.extendedStatistic,
    });
  } else if (hasMetrics && (hasStatistic || hasExtended)) {
    const [name, value] = hasStatistic ? [shape.statistic, statistic] : [shape.extendedStatistic, extended];
    violations.push({
      message: `${name} ${show(value)} is set next to ${shape.metrics}; a metric-math alarm takes its statistics from ${shape.metrics} only.`,
      location: shape.at + name,
    });
  } else if (!hasStatistic && !hasExtended && !hasMetrics) {
    violations.push({
      message: `Neither ${shape.statistic} nor ${shape.extendedStatistic} is set, and there is no ${shape.metrics}; CloudWatch needs one of them.`,
      location: shape.at + shape.statistic,
    });
  }
  return violations;
}

function cfnAlarm(statistics: Record<string, string>): Record<string, any> {
  return {
    AlarmDescription: 'API Gateway p99 latency above 1 second',
    AlarmName: 'api-latency-p99-pr123',
    ComparisonOperator: 'GreaterThanThreshold',
    Dimensions: [{ Name: 'ApiName', Value: 'orders-api-pr123' }],
    EvaluationPeriods: 2,
    ...statistics,
    MetricName: 'IntegrationLatency',
    Namespace: 'AWS/ApiGateway',
    Period: 300,
    Threshold: 1000,
  };
}

function tfAlarm(statistics: Record<string, string>): Record<string, any> {
  return {
    alarm_description: 'API Gateway p99 latency above 1 second',
    alarm_name: 'api-latency-p99-pr123',
    comparison_operator: 'GreaterThanThreshold',
    dimensions: { ApiName: 'orders-api-pr123' },
    evaluation_periods: 2,
    ...statistics,
    metric_name: 'IntegrationLatency',
    namespace: 'AWS/ApiGateway',
    period: 300,
    threshold: 1000,
  };
}
