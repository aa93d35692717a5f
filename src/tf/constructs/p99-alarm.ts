import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { constructSuffix, requireBaseName, validateInteger, validateName } from './construct-helpers';
import { appendSuffix } from '../../core/environment-suffix';
import { constructError, describeValue } from '../../core/errors';
import { TF_NAME_SPECS } from '../../core/rules/physical-names';
import { AwsResource } from '../resources';
import { TF_SECURE_DEFAULTS } from '../secure-defaults';

/** How the percentile is compared with the threshold. */
export enum AlarmComparison {
  /** Alarm when the percentile is above the threshold. */
  GREATER_THAN_THRESHOLD = 'GreaterThanThreshold',
  /** Alarm when the percentile is at or above the threshold. */
  GREATER_THAN_OR_EQUAL_TO_THRESHOLD = 'GreaterThanOrEqualToThreshold',
  /** Alarm when the percentile is below the threshold. */
  LESS_THAN_THRESHOLD = 'LessThanThreshold',
  /** Alarm when the percentile is at or below the threshold. */
  LESS_THAN_OR_EQUAL_TO_THRESHOLD = 'LessThanOrEqualToThreshold',
}

/** What the alarm does when the metric has no data points. */
export enum AlarmMissingData {
  /** Missing data is fine: the alarm stays OK (quiet environments emit no latency metrics). */
  NOT_BREACHING = 'notBreaching',
  /** Missing data counts as breaching. */
  BREACHING = 'breaching',
  /** Keep the current state. */
  IGNORE = 'ignore',
  /** Go to INSUFFICIENT_DATA. */
  MISSING = 'missing',
}

/** Properties of `P99Alarm`. */
export interface P99AlarmProps {
  /** The alarm name without the suffix: the alarm is named `<baseName>-<suffix>`. */
  readonly baseName: string;
  /** The metric's namespace, e.g. `AWS/Lambda`. */
  readonly namespace: string;
  /** The metric's name, e.g. `Duration`. */
  readonly metricName: string;
  /** The value the percentile is compared with, in the metric's unit. */
  readonly threshold: number;

  /**
   * The metric's dimensions, e.g. `{ FunctionName: 'orders-pr123' }`.
   *
   * @default - no dimensions
   */
  readonly dimensions?: { [name: string]: string };

  /**
   * The percentile, above 0 and below 100 (99.9 gives `p99.9`).
   *
   * @default 99
   */
  readonly percentile?: number;

  /**
   * The length of one evaluation period, in seconds: 10, 20, 30 or a multiple of 60.
   *
   * @default 60
   */
  readonly periodSeconds?: number;

  /**
   * The number of periods compared with the threshold.
   *
   * @default 3
   */
  readonly evaluationPeriods?: number;

  /**
   * How many of the evaluated periods must breach, at most `evaluationPeriods`.
   *
   * @default - all of them
   */
  readonly datapointsToAlarm?: number;

  /**
   * The comparison.
   *
   * @default AlarmComparison.GREATER_THAN_THRESHOLD
   */
  readonly comparison?: AlarmComparison;

  /**
   * What missing data means.
   *
   * @default AlarmMissingData.NOT_BREACHING
   */
  readonly treatMissingData?: AlarmMissingData;

  /**
   * ARNs notified when the alarm fires (SNS topics, ...).
   *
   * @default - none
   */
  readonly alarmActions?: string[];

  /**
   * The alarm's description.
   *
   * @default - "p<percentile> of <namespace> <metricName>"
   */
  readonly description?: string;

  /**
   * The environment suffix.
   *
   * @default - `tf.EnvironmentSuffix.resolve`: the context key `environmentSuffix`, then the environment variable `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;
}

/**
 * An aws_cloudwatch_metric_alarm on a percentile, written only as `extended_statistic`
 * (`p99`): CloudWatch rejects an alarm that sets both `statistic` and `extended_statistic`,
 * which is what a copied average alarm with an added percentile ends up with.
 */
export class P99Alarm extends Construct {
  /** The aws_cloudwatch_metric_alarm (cdktf's TerraformResource: `addOverride` changes any argument). */
  public readonly alarm: TerraformResource;
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

    this.alarm = new AwsResource(this, 'Alarm', 'aws_cloudwatch_metric_alarm', {
      alarm_name: this.alarmName,
      alarm_description: props.description ?? `${this.extendedStatistic} of ${props.namespace} ${props.metricName}`,
      namespace: props.namespace,
      metric_name: props.metricName,
      dimensions: props.dimensions,
      // Only extended_statistic: `statistic` stays unset, or CloudWatch rejects the alarm.
      extended_statistic: this.extendedStatistic,
      period,
      evaluation_periods: evaluationPeriods,
      datapoints_to_alarm: props.datapointsToAlarm,
      threshold: props.threshold,
      comparison_operator: props.comparison ?? AlarmComparison.GREATER_THAN_THRESHOLD,
      treat_missing_data: props.treatMissingData ?? AlarmMissingData.NOT_BREACHING,
      alarm_actions: props.alarmActions,
    });
    this.alarmArn = this.alarm.getStringAttribute('arn');
  }
}
