// The construct as it was built on @cdktf/provider-aws (the test oracle); see index.ts.
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { appendSuffix } from '../../../../src/core/environment-suffix';
import { constructError, describeValue } from '../../../../src/core/errors';
import { TF_NAME_SPECS } from '../../../../src/core/rules/physical-names';
import { constructSuffix, requireBaseName, validateInteger, validateName } from '../../../../src/tf/constructs/construct-helpers';
import { AlarmComparison, AlarmMissingData, P99AlarmProps } from '../../../../src/tf/constructs/p99-alarm';
import { TF_SECURE_DEFAULTS } from '../../../../src/tf/secure-defaults';

/**
 * An aws_cloudwatch_metric_alarm on a percentile, written only as `extended_statistic`
 * (`p99`): CloudWatch rejects an alarm that sets both `statistic` and `extended_statistic`,
 * which is what a copied average alarm with an added percentile ends up with.
 */
export class P99Alarm extends Construct {
  /** The aws_cloudwatch_metric_alarm. */
  public readonly alarm: CloudwatchMetricAlarm;
  /** The alarm's name, `<baseName>-<suffix>`. */
  public readonly alarmName: string;
  /** The alarm's ARN (a reference). */
  public readonly alarmArn: string;
  /** The extended statistic written, e.g. `p99`. */
  public readonly extendedStatistic: string;

  public constructor(scope: Construct, id: string, props: P99AlarmProps) {
    super(scope, id);
    const baseName = requireBaseName(this, 'baseName', props?.baseName, 'orders-latency');
    for (const prop of ['namespace', 'metricName'] as const) {
      const value = props[prop];
      if (typeof value !== 'string' || (!Token.isUnresolved(value) && value.trim() === '')) {
        throw constructError(this.node.path, `${prop} is required: the alarm watches one metric.`, describeValue(value), prop === 'namespace' ? 'pass namespace: "AWS/Lambda"' : 'pass metricName: "Duration"');
      }
    }
    if (typeof props.threshold !== 'number' || (!Token.isUnresolved(props.threshold) && !Number.isFinite(props.threshold))) {
      throw constructError(this.node.path, 'threshold must be a finite number.', describeValue(props.threshold), 'pass threshold: 1000, for example');
    }
    const suffix = constructSuffix(this, props.environmentSuffix);
    this.alarmName = appendSuffix(this.node.path, baseName, suffix.value);
    validateName(this, 'CloudWatch alarm', this.alarmName, TF_NAME_SPECS.aws_cloudwatch_metric_alarm, 'shorten baseName');

    const percentile = props.percentile ?? TF_SECURE_DEFAULTS.alarm.percentile;
    if (!Token.isUnresolved(percentile) && !(percentile > 0 && percentile < 100 && /^\d+(\.\d{1,10})?$/.test(String(percentile)))) {
      throw constructError(this.node.path, 'percentile must be above 0 and below 100.', describeValue(percentile), 'pass percentile: 99 (p99) or 99.9 (p99.9)');
    }
    this.extendedStatistic = `p${percentile}`;

    const period = props.periodSeconds ?? TF_SECURE_DEFAULTS.alarm.periodSeconds;
    if (!Token.isUnresolved(period) && ![10, 20, 30].includes(period) && !(Number.isInteger(period) && period > 0 && period % 60 === 0)) {
      throw constructError(this.node.path, 'periodSeconds must be 10, 20, 30 or a multiple of 60.', describeValue(period), 'pass periodSeconds: 60');
    }
    const evaluationPeriods = props.evaluationPeriods ?? TF_SECURE_DEFAULTS.alarm.evaluationPeriods;
    validateInteger(this, 'evaluationPeriods', evaluationPeriods, 1, 100);
    if (props.datapointsToAlarm !== undefined) {
      validateInteger(this, 'datapointsToAlarm', props.datapointsToAlarm, 1, Token.isUnresolved(evaluationPeriods) ? 100 : evaluationPeriods);
    }

    this.alarm = new CloudwatchMetricAlarm(this, 'Alarm', {
      alarmName: this.alarmName,
      alarmDescription: props.description ?? `${this.extendedStatistic} of ${props.namespace} ${props.metricName}`,
      namespace: props.namespace,
      metricName: props.metricName,
      dimensions: props.dimensions,
      // Only extended_statistic: `statistic` stays unset, or CloudWatch rejects the alarm.
      extendedStatistic: this.extendedStatistic,
      period,
      evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm,
      threshold: props.threshold,
      comparisonOperator: props.comparison ?? AlarmComparison.GREATER_THAN_THRESHOLD,
      treatMissingData: props.treatMissingData ?? AlarmMissingData.NOT_BREACHING,
      alarmActions: props.alarmActions,
    });
    this.alarmArn = this.alarm.arn;
  }
}
