import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, TfExample } from './model';
import { exampleCfnFunction, exampleTfFunction } from './shared/examples';
import { cfnLambdaFunction } from './shared/lambda-code';
import { asNumber, show } from './values';

/**
 * Reserving concurrency takes it out of the account's unreserved pool, which must keep at
 * least 10; new and sandbox accounts often have a limit of 10 to 50 in total, so any large
 * reservation fails the deployment.
 */
export const lambdaReservedConcurrency: RuleDefinition = {
  metadata: {
    id: 'lambda-reserved-concurrency',
    title: 'Lambda reserved concurrency within the account\'s headroom',
    lesson: '000 "Lambda Reserved Concurrency Issues"',
    why:
      'Reserved concurrency is subtracted from the account\'s unreserved pool, which AWS keeps at a minimum of 10. ' +
      'Accounts with a low concurrency quota (new and sandbox accounts start at 10 to 50) reject the deployment with ' +
      '"Specified ReservedConcurrentExecutions for function decreases account\'s UnreservedConcurrentExecution below ' +
      'its minimum value of [10]", and the stack rolls back.',
    fix:
      'Remove reservedConcurrentExecutions and let the function use the unreserved pool; where a cap is really needed, ' +
      'keep it at or below the configured maximum (default 5) after checking the account\'s quota, or throttle upstream ' +
      '(SQS maxConcurrency on the event source, API Gateway throttling).',
    notReported: [
      'Reservations at or below the configured maximum (default 5), Terraform\'s -1 (no reservation), and values given by reference.',
      'SAM `Globals.Function` values: the views hold each function\'s own properties only, so a reservation set only in Globals is not seen.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample({ ReservedConcurrentExecutions: 100 }),
        compliant: cfnExample({}),
      },
      terraform: {
        nonCompliant: tfExample(100),
        compliant: tfExample(-1),
      },
    },
  },
  // AWS::Serverless::Function (SAM) names the property the same way.
  cloudformation: (resource, context) =>
    cfnLambdaFunction(resource)
      ? check(resource, context, 'ReservedConcurrentExecutions', 'Properties/ReservedConcurrentExecutions')
      : NOT_APPLICABLE,
  terraform: (resource, context) =>
    resource.type === 'aws_lambda_function'
      ? check(resource, context, 'reserved_concurrent_executions', 'reserved_concurrent_executions')
      : NOT_APPLICABLE,
};

function check(resource: ResourceView, context: RuleContext, property: string, location: string): RuleOutcome {
  const raw = resource.properties?.[property];
  if (raw === undefined || raw === null) {
    return [];
  }
  const value = asNumber(raw);
  if (value === undefined) {
    // A reference or something that is no number: nothing provable.
    return NOT_APPLICABLE;
  }
  const maximum = context.limits.reservedConcurrencyMaximum;
  // Terraform's -1 means "no reservation" (the provider's default): below any maximum, so never reported.
  if (value <= maximum) {
    return [];
  }
  return [
    {
      message: `${property} ${show(raw)} reserves more than the maximum of ${maximum} concurrent executions this app allows.`,
      location,
    },
  ];
}

/** An inline Node.js handler `orders-handler-pr123`, with more properties. */
function cfnExample(properties: Record<string, any>): CfnExample {
  return {
    resources: exampleCfnFunction('OrdersHandler', {
      Code: { ZipFile: 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });' },
      FunctionName: 'orders-handler-pr123',
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      ...properties,
    }),
  };
}

/** The same handler in cdktf, its code in S3, with this reservation (-1: none). */
function tfExample(reservedConcurrentExecutions: number): TfExample {
  return {
    resource: exampleTfFunction('orders_handler', 'orders-handler-role-pr123', {
      function_name: 'orders-handler-pr123',
      handler: 'index.handler',
      reserved_concurrent_executions: reservedConcurrentExecutions,
      runtime: 'nodejs22.x',
      s3_bucket: 'lambda-artifacts-pr123',
      s3_key: 'orders-handler/v1.zip',
    }),
  };
}
