import { DEFAULT_LIMITS, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome } from './model';
import { asNumber, asObject, containsReference, show } from './values';

function maximumDays(context: RuleContext): number {
  const limit = context.limits?.logRetentionMaximumDays;
  return typeof limit === 'number' && Number.isFinite(limit) ? limit : DEFAULT_LIMITS.logRetentionMaximumDays;
}

/**
 * Judges one retention value. `neverExpires` tells which literal means "keep forever"
 * (Terraform's 0; CloudFormation has none besides leaving the property out).
 */
function judge(raw: unknown, property: string, location: string, limit: number, neverExpires: (days: number) => boolean): RuleOutcome {
  if (raw === undefined) {
    return [{ message: `${property} is not set: the logs never expire (the maximum is ${limit} days).`, location }];
  }
  if (containsReference(raw)) {
    return NOT_APPLICABLE;
  }
  const days = asNumber(raw);
  if (days === undefined) {
    // Not a number at all: the service rejects it, which is not this rule's finding.
    return NOT_APPLICABLE;
  }
  if (neverExpires(days)) {
    return [{ message: `${property} is ${show(raw)}, which means the logs never expire (the maximum is ${limit} days).`, location }];
  }
  if (days > limit) {
    return [{ message: `${property} is ${show(raw)} days, above the maximum of ${limit} days.`, location }];
  }
  return [];
}

function cloudformation(resource: ResourceView, context: RuleContext): RuleOutcome {
  // Custom::LogRetention is what aws-cdk-lib synthesizes for a function's `logRetention` prop.
  if (resource.type !== 'AWS::Logs::LogGroup' && resource.type !== 'Custom::LogRetention') {
    return NOT_APPLICABLE;
  }
  const properties = asObject(resource.properties) ?? {};
  return judge(properties.RetentionInDays, 'RetentionInDays', 'Properties/RetentionInDays', maximumDays(context), () => false);
}

function terraform(resource: ResourceView, context: RuleContext): RuleOutcome {
  if (resource.type !== 'aws_cloudwatch_log_group') {
    return NOT_APPLICABLE;
  }
  const properties = asObject(resource.properties) ?? {};
  return judge(properties.retention_in_days, 'retention_in_days', 'retention_in_days', maximumDays(context), (days) => days === 0);
}

/** Logs kept forever (or for years) outlive the environment that wrote them and keep costing money. */
export const logRetention: RuleDefinition = {
  metadata: {
    id: 'log-retention',
    title: 'Log groups expire their logs',
    lesson: '000 "Use Lifecycle Policies" ("CloudWatch Logs: Set retention periods (7-14 days for synthetic)")',
    why:
      'A log group without a retention keeps every log event forever, and CloudWatch Logs charges for storage every month. ' +
      'aws-cdk-lib\'s LogGroup defaults to two years (731 days) and Terraform\'s aws_cloudwatch_log_group to never expire, so ' +
      'short-lived environments pile up log storage long after they are gone.',
    fix:
      'Set a retention at or below the configured maximum (default 14 days): `retention: logs.RetentionDays.ONE_WEEK` on a ' +
      'LogGroup (with `removalPolicy: RemovalPolicy.DESTROY`), or `retention_in_days = 7` on aws_cloudwatch_log_group; give ' +
      'functions an explicit log group (`logGroup`) instead of the implicit one, which never expires. Raise the limit ' +
      'through the rules\' `limits.logRetentionMaximumDays` where longer retention is required.',
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            OrdersLogs: {
              Type: 'AWS::Logs::LogGroup',
              Properties: { LogGroupName: '/app/orders-pr123', RetentionInDays: 731 },
              UpdateReplacePolicy: 'Delete',
              DeletionPolicy: 'Delete',
            },
          },
        },
        compliant: {
          resources: {
            OrdersLogs: {
              Type: 'AWS::Logs::LogGroup',
              Properties: { LogGroupName: '/app/orders-pr123', RetentionInDays: 7 },
              UpdateReplacePolicy: 'Delete',
              DeletionPolicy: 'Delete',
            },
          },
        },
      },
      terraform: {
        nonCompliant: { resource: { aws_cloudwatch_log_group: { orders: { name: '/app/orders-pr123' } } } },
        compliant: { resource: { aws_cloudwatch_log_group: { orders: { name: '/app/orders-pr123', retention_in_days: 7 } } } },
      },
    },
  },
  cloudformation,
  terraform,
};
