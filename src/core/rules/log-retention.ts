import { CfnExample, DEFAULT_LIMITS, EngineName, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, TfExample } from './model';
import { exampleCfnFunction, exampleTfFunction } from './shared/examples';
import { cfnLambdaFunction, SAM_FUNCTION_TYPE } from './shared/lambda-code';
import { stackResources } from './shared/views';
import { asList, asNumber, asObject, containsReference, isSet, show, templateString } from './values';

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

// ---------------------------------------------------------------- a function's own log group

/**
 * aws-cdk-lib's framework functions, by construct path: singleton providers whose id ends in a 32-digit uuid
 * (LogRetention..., AWS679f53fac002430cb0da5b7982bd2287 for AwsCustomResource) and `Custom::` providers
 * (autoDeleteObjects, BucketDeployment). They do get a group from Lambda, but no prop lets the app own it.
 */
const AWS_CDK_PROVIDER_PATH = /(^|\/)(Custom::[^/]+|[A-Za-z]*[0-9a-fA-F]{32})(\/|$)/;

/** Lambda's default log group for a function: `/aws/lambda/<function name>`. */
const LAMBDA_PREFIX = '/aws/lambda/';

/** The log groups a stack holds, by name, indexed once per stack (a scan per function would make large stacks quadratic). */
interface LogGroupIndex {
  /** Names as text, references kept as `${...}` placeholders. */
  readonly names: Set<string>;
  /** Resources referenced inside a `/aws/lambda/...` name: CloudFormation logical IDs, Terraform `aws_lambda_function` names. */
  readonly referenced: Set<string>;
  /** Some group's name is wholly a reference (a parameter, a variable): it may be any function's. */
  readonly unknown: boolean;
}

const LOG_GROUP_INDEXES = new WeakMap<readonly ResourceView[], LogGroupIndex>();

/** Where each engine keeps log groups and names them. */
const GROUPS: Record<EngineName, { readonly types: readonly string[]; readonly name: string; readonly reference: RegExp }> = {
  // Custom::LogRetention (aws-cdk-lib's `logRetention`) creates the function's group, or adopts the one Lambda made, and sets its retention.
  cloudformation: { types: ['AWS::Logs::LogGroup', 'Custom::LogRetention'], name: 'LogGroupName', reference: /\$\{([^.}]+)[.}]/g },
  terraform: { types: ['aws_cloudwatch_log_group'], name: 'name', reference: /aws_lambda_function\.([\w-]+)[.\[]/g },
};

function logGroupIndex(engine: EngineName, context: RuleContext): LogGroupIndex {
  const resources = stackResources(context);
  let index = LOG_GROUP_INDEXES.get(resources);
  if (index) return index;
  const spec = GROUPS[engine];
  const names = new Set<string>();
  const referenced = new Set<string>();
  let unknown = false;
  for (const group of resources) {
    if (!spec.types.includes(group.type)) continue;
    const raw = asObject(group.properties)?.[spec.name];
    // No name: CloudFormation / Terraform generate one, which is never /aws/lambda/<function>.
    if (raw === undefined || raw === null) continue;
    const text = templateString(raw);
    if (text === undefined) {
      unknown = true;
      continue;
    }
    names.add(text);
    if (text.includes(LAMBDA_PREFIX)) {
      for (const match of text.matchAll(spec.reference)) referenced.add(match[1]);
    } else if (text.startsWith('${')) {
      unknown = true;
    }
  }
  index = { names, referenced, unknown };
  LOG_GROUP_INDEXES.set(resources, index);
  return index;
}

/**
 * A function with no log group of its own in the stack: Lambda creates `/aws/lambda/<name>` on its first
 * invocation, with no retention, outside the stack (lesson 003 Issue 9).
 */
function functionLogGroup(engine: EngineName, resource: ResourceView, context: RuleContext): RuleOutcome {
  const cfn = engine === 'cloudformation';
  if (cfn && AWS_CDK_PROVIDER_PATH.test(typeof resource.path === 'string' ? resource.path : '')) {
    // aws-cdk-lib's own provider functions: nothing in the app can give them a log group.
    return NOT_APPLICABLE;
  }
  const properties = (cfn ? cfnLambdaFunction(resource)?.properties : asObject(resource.properties)) ?? {};
  const rawConfig = properties[cfn ? 'LoggingConfig' : 'logging_config'];
  const loggingConfig = asObject(asList(rawConfig)[0]);
  if (isSet(loggingConfig?.[cfn ? 'LogGroup' : 'log_group']) || (isSet(rawConfig) && containsReference(rawConfig) && !loggingConfig)) {
    // Logs go to the group named there (or the whole block is a reference: unknown).
    return [];
  }
  const index = logGroupIndex(engine, context);
  const rawName = properties[cfn ? 'FunctionName' : 'function_name'];
  const name = rawName === undefined || rawName === null ? undefined : templateString(rawName);
  const candidates = [
    ...(name !== undefined ? [LAMBDA_PREFIX + name] : []),
    // CloudFormation: a Ref to the function is its name.
    ...(cfn ? [`${LAMBDA_PREFIX}\${${resource.logicalId}}`] : []),
  ];
  if (candidates.some((c) => index.names.has(c)) || index.referenced.has(resource.logicalId) || index.unknown) {
    return [];
  }
  if (rawName !== undefined && rawName !== null && name === undefined) {
    // A name we cannot render (Fn::If...): its group cannot be matched.
    return NOT_APPLICABLE;
  }
  const shown = name !== undefined ? show(LAMBDA_PREFIX + name) : `/aws/lambda/<the generated name of ${resource.logicalId}>`;
  const where = cfn ? 'LoggingConfig.LogGroup' : 'logging_config.log_group';
  return [{
    message:
      `The stack holds no log group for this function (no ${where}, no log group named ${shown}): Lambda creates that group ` +
      'on the first invocation with no retention, so its logs never expire, it outlives the stack, and adding the group to the ' +
      'stack later fails with "already exists".',
    location: cfn ? 'Properties/LoggingConfig' : 'logging_config',
  }];
}

function cloudformation(resource: ResourceView, context: RuleContext): RuleOutcome {
  if (resource.type === 'AWS::Lambda::Function' || resource.type === SAM_FUNCTION_TYPE) {
    return functionLogGroup('cloudformation', resource, context);
  }
  // Custom::LogRetention is what aws-cdk-lib synthesizes for a function's `logRetention` prop.
  if (resource.type !== 'AWS::Logs::LogGroup' && resource.type !== 'Custom::LogRetention') {
    return NOT_APPLICABLE;
  }
  const properties = asObject(resource.properties) ?? {};
  return judge(properties.RetentionInDays, 'RetentionInDays', 'Properties/RetentionInDays', maximumDays(context), () => false);
}

function terraform(resource: ResourceView, context: RuleContext): RuleOutcome {
  if (resource.type === 'aws_lambda_function') {
    return functionLogGroup('terraform', resource, context);
  }
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
    title: 'Log groups expire their logs, and every function has one in its stack',
    lesson: '000 "Use Lifecycle Policies" ("CloudWatch Logs: Set retention periods (7-14 days for synthetic)"), 003 Issue 9 (log group already exists)',
    why:
      'A log group without a retention keeps every log event forever, and CloudWatch Logs charges for storage every month. ' +
      'aws-cdk-lib\'s LogGroup defaults to two years (731 days) and Terraform\'s aws_cloudwatch_log_group to never expire, so ' +
      'short-lived environments pile up log storage long after they are gone. A Lambda function whose stack holds no log ' +
      'group for it gets one from Lambda on its first invocation (`/aws/lambda/<function name>`, or the LoggingConfig group): ' +
      'created outside the stack, with no retention, it is never deleted with the stack, and adding it to the stack later fails ' +
      'with "already exists" (lesson 003 Issue 9).',
    fix:
      'Set a retention at or below the configured maximum (default 14 days): `retention: logs.RetentionDays.ONE_WEEK` on a ' +
      'LogGroup (with `removalPolicy: RemovalPolicy.DESTROY`), or `retention_in_days = 7` on aws_cloudwatch_log_group. Give ' +
      'every function a log group of its own in the stack: aws-cdk-lib `logGroup: new logs.LogGroup(...)` on the Function ' +
      '(LoggingConfig.LogGroup); cdktf an aws_cloudwatch_log_group named `/aws/lambda/${aws_lambda_function.x.function_name}` ' +
      '(or `logging_config { log_group = ... }`). Raise the limit through the rules\' `limits.logRetentionMaximumDays` where ' +
      'longer retention is required.',
    notReported: [
      'A function whose logs go to a group named in LoggingConfig.LogGroup / logging_config.log_group, wherever that group is ' +
        'made: Lambda writes there and makes no /aws/lambda group.',
      'A function whose log group aws-cdk-lib\'s `logRetention` prop manages (Custom::LogRetention naming `/aws/lambda/<function>`): ' +
        'the custom resource creates the group, or adopts the one Lambda made, and sets its retention, so it neither fails with ' +
        '"already exists" nor keeps logs forever; its retention is judged like a log group\'s. (The group stays after the stack ' +
        'is deleted unless the LogRetention removal policy is destroy.)',
      'aws-cdk-lib\'s own provider functions (the LogRetention and AwsCustomResource singletons, the autoDeleteObjects and ' +
        'BucketDeployment providers, recognised by their construct paths): Lambda does make never-expiring groups for them, but ' +
        'no construct prop lets the app own those groups, so the finding could not be fixed.',
      'A function while some log group of the stack is named wholly by a reference (a parameter, a variable): it may be that ' +
        'function\'s group. A function whose name cannot be rendered (Fn::If): its group cannot be matched.',
      'CloudFormation has no "never expires" value besides leaving RetentionInDays out, so only the absent value and values ' +
        'above the maximum are reported there; Terraform\'s 0 means never expire and is reported.',
    ],
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample(731, false),
        compliant: cfnExample(7, true),
      },
      terraform: {
        nonCompliant: tfExample(undefined, false),
        compliant: tfExample(7, true),
      },
    },
  },
  cloudformation,
  terraform,
};

/** An orders log group with this retention, and a function with (or without) its own `/aws/lambda/` group. */
function cfnExample(retentionInDays: number, functionGroup: boolean): CfnExample {
  const group = (name: unknown, days: number) => ({
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: name, RetentionInDays: days },
    UpdateReplacePolicy: 'Delete',
    DeletionPolicy: 'Delete',
  });
  return {
    resources: {
      OrdersLogs: group('/app/orders-pr123', retentionInDays),
      ...exampleCfnFunction('OrdersHandler', {
        Code: { ZipFile: 'exports.handler = async () => ({ statusCode: 200 });' },
        FunctionName: 'orders-handler-pr123',
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
      }),
      ...(functionGroup ? { OrdersHandlerLogs: group({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'OrdersHandler' }]] }, 7) } : {}),
    },
  };
}

/** The same in cdktf: the function's group named from its function_name reference. */
function tfExample(retentionInDays: number | undefined, functionGroup: boolean): TfExample {
  const orders = { name: '/app/orders-pr123', ...(retentionInDays !== undefined ? { retention_in_days: retentionInDays } : {}) };
  return {
    resource: {
      ...exampleTfFunction('orders_handler', 'orders-handler-role-pr123', {
        function_name: 'orders-handler-pr123',
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        s3_bucket: 'lambda-artifacts-pr123',
        s3_key: 'orders-handler/v1.zip',
      }),
      aws_cloudwatch_log_group: {
        orders,
        ...(functionGroup ? { orders_handler: { name: '/aws/lambda/${aws_lambda_function.orders_handler.function_name}', retention_in_days: 7 } } : {}),
      },
    },
  };
}
