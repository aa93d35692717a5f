import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { suffixedName } from './suffixed-name';
import { constructError, describeValue } from '../../core/errors';
import { EnvironmentSuffix } from '../environment-suffix';
import { SECURE_DEFAULTS } from '../secure-defaults';

/** Properties for `P99Alarm`. */
export interface P99AlarmProps {
  /** The metric to watch: a single metric (not a math expression); its statistic is replaced by the percentile. */
  readonly metric: cloudwatch.IMetric;

  /** The value the percentile is compared with. */
  readonly threshold: number;

  /** The alarm name without the suffix: the alarm is named `<baseName>-<suffix>`. */
  readonly baseName: string;

  /**
   * The environment suffix.
   *
   * @default - resolved by `cdk.EnvironmentSuffix`: the `environmentSuffix` context key, then `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;

  /**
   * The percentile, greater than 0 and at most 100 (e.g. 99, 99.9, 50).
   *
   * @default 99
   */
  readonly percentile?: number;

  /**
   * The period over which the percentile is computed.
   *
   * @default - the metric's own period (5 minutes for a `cloudwatch.Metric` without one)
   */
  readonly period?: Duration;

  /**
   * How many periods are compared with the threshold.
   *
   * @default 1
   */
  readonly evaluationPeriods?: number;

  /**
   * How many of those periods must breach to go into ALARM.
   *
   * @default - `evaluationPeriods`
   */
  readonly datapointsToAlarm?: number;

  /**
   * How the percentile is compared with the threshold.
   *
   * @default ComparisonOperator.GREATER_THAN_THRESHOLD
   */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;

  /**
   * How periods without data count. A percentile of no requests is no data, and short-lived
   * environments are idle most of the time.
   *
   * @default TreatMissingData.NOT_BREACHING
   */
  readonly treatMissingData?: cloudwatch.TreatMissingData;

  /**
   * The alarm description.
   *
   * @default - `p<percentile> of <namespace> <metric name> <operator> <threshold>`
   */
  readonly alarmDescription?: string;

  /**
   * A topic notified when the alarm goes into ALARM.
   *
   * @default - no action
   */
  readonly topic?: sns.ITopic;
}

/**
 * A CloudWatch alarm on a percentile of any metric (p99 by default). The alarm carries only
 * `ExtendedStatistic`, never `Statistic` as well (CloudWatch rejects both), and is named
 * `<baseName>-<suffix>`.
 *
 * @example
 * import * as lambda from 'aws-cdk-lib/aws-lambda';
 * import { cdk } from 'cdk-safe-patterns';
 *
 * declare const fn: lambda.IFunction;
 * new cdk.P99Alarm(this, 'Latency', { baseName: 'api-latency-p99', metric: fn.metricDuration(), threshold: 1000 });
 */
export class P99Alarm extends Construct {
  /** The alarm. */
  public readonly alarm: cloudwatch.Alarm;
  /** The alarm's name, `<baseName>-<suffix>`. */
  public readonly alarmName: string;
  /** The ExtendedStatistic the alarm uses, e.g. `p99`. */
  public readonly extendedStatistic: string;
  /** The environment suffix in the name. */
  public readonly environmentSuffix: string;

  public constructor(scope: Construct, id: string, props: P99AlarmProps) {
    super(scope, id);
    const percentile = props.percentile ?? SECURE_DEFAULTS.percentile;
    if (!Token.isUnresolved(percentile) && !(Number.isFinite(percentile) && percentile > 0 && percentile <= 100)) {
      throw constructError(
        this.node.path,
        'percentile must be greater than 0 and at most 100.',
        String(percentile),
        'pass a percentile such as 99, 99.9 or 50',
      );
    }
    if (props.metric.toMetricConfig().metricStat === undefined) {
      throw constructError(
        this.node.path,
        'A percentile alarm needs a single metric; a math expression has no percentile of its own.',
        `metric ${describeValue(String(props.metric))}`,
        'pass a cloudwatch.Metric (e.g. fn.metricDuration()), or use cloudwatch.Alarm for an expression',
      );
    }
    const suffix = new EnvironmentSuffix(this, 'EnvironmentSuffix', { environmentSuffix: props.environmentSuffix });
    this.environmentSuffix = suffix.value;
    this.alarmName = suffixedName(this, suffix, props.baseName, 'AWS::CloudWatch::Alarm', 'baseName');
    this.extendedStatistic = `p${percentile}`;

    const stat = props.metric.toMetricConfig().metricStat!;
    const comparisonOperator = props.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: this.alarmName,
      // The same metric with the percentile as its only statistic, so the alarm renders ExtendedStatistic alone.
      metric: new cloudwatch.Metric({
        namespace: stat.namespace,
        metricName: stat.metricName,
        dimensionsMap: Object.fromEntries((stat.dimensions ?? []).map((d) => [d.name, d.value])),
        period: props.period ?? stat.period,
        statistic: this.extendedStatistic,
        unit: stat.unitFilter,
        account: stat.account,
        region: stat.region,
      }),
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods ?? SECURE_DEFAULTS.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm,
      comparisonOperator,
      treatMissingData: props.treatMissingData ?? SECURE_DEFAULTS.treatMissingData,
      alarmDescription:
        props.alarmDescription ??
        `${this.extendedStatistic} of ${stat.namespace} ${stat.metricName} ${comparisonOperator} ${props.threshold}`,
    });
    if (props.topic) {
      this.alarm.addAlarmAction(new cloudwatchActions.SnsAction(props.topic));
    }
  }
}
