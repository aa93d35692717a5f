import { EngineName, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome } from './model';
import { environmentSegments, ownNameSpec } from './shared/names';
import { propertyLocation } from './shared/views';
import { asObject, show, templateString } from './values';

/** Stage names: not physical names (no uniqueness rules), but the place environment names are most often hardcoded. */
const CFN_STAGE_NAMES = new Map<string, string>([
  ['AWS::ApiGateway::Stage', 'StageName'],
  ['AWS::ApiGatewayV2::Stage', 'StageName'],
  // A deployment with StageName creates that stage too.
  ['AWS::ApiGateway::Deployment', 'StageName'],
]);
const TF_STAGE_NAMES = new Map<string, string>([
  ['aws_api_gateway_stage', 'stage_name'],
  ['aws_apigatewayv2_stage', 'name'],
]);

function evaluate(engine: EngineName, resource: ResourceView, context: RuleContext): RuleOutcome {
  const type = typeof resource.type === 'string' ? resource.type : '';
  const property = ownNameSpec(engine, type)?.property ?? (engine === 'cloudformation' ? CFN_STAGE_NAMES : TF_STAGE_NAMES).get(type);
  if (!property) {
    return NOT_APPLICABLE;
  }
  const raw = asObject(resource.properties)?.[property];
  if (raw === undefined || raw === null) {
    return NOT_APPLICABLE;
  }
  const words = environmentSegments(raw, context.environmentSuffix);
  if (words.length === 0) {
    return [];
  }
  const shown = templateString(raw) ?? show(raw);
  const fromSuffix = context.environmentSuffix ? ` (here ${show(context.environmentSuffix)})` : '';
  return [
    {
      message:
        `${property} ${show(shown)} has the literal environment segment${words.length > 1 ? 's' : ''} ${words.map((w) => show(w)).join(', ')}; ` +
        `every environment deploys it under that name instead of its own suffix${fromSuffix}.`,
      location: propertyLocation(engine, property),
    },
  ];
}

/** A literal `prod`/`dev`/`staging` in a name is the same in every environment: the suffix is what tells them apart. */
export const hardcodedEnvironmentName: RuleDefinition = {
  metadata: {
    id: 'hardcoded-environment-name',
    title: 'No hardcoded environment names in physical or stage names',
    lesson: '000 "Quick Reference Commands" ("Find hardcoded values"), 001 "Issue 4: API Gateway Stage Naming Pattern"',
    why:
      'A name with a literal prod, dev, stage, staging or test segment is copied into every environment: a pull-request ' +
      'deployment creates "orders-prod-..." and an API stage called "prod", which misleads whoever reads logs, alarms ' +
      'and URLs, and collides with the real environment of that name when the rest of the name is not unique.',
    fix:
      'Take the environment part of the name from the environment suffix instead (the library\'s EnvironmentSuffix, ' +
      '`suffix.withSuffix(\'orders\')`; SuffixedBucket for buckets); name API stages after the suffix, e.g. ' +
      '`deployOptions: { stageName: suffix.value }` or `name: environmentSuffix` on an aws_apigatewayv2_stage.',
    notReported: [
      'Environment words inside a longer word (`product`, `devices`, `testing`): only a whole segment between - _ . or / counts.',
      'A segment equal to the configured suffix itself (`data-dev` when the suffix is `dev`): that is the environment\'s own name.',
      'Segments that touch a reference (`prod${var.x}`): the reference may make it another word.',
    ],
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            OrdersApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'orders-api-pr123', ProtocolType: 'HTTP' } },
            OrdersApiStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'OrdersApi' }, StageName: 'prod', AutoDeploy: true } },
          },
        },
        compliant: {
          resources: {
            OrdersApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'orders-api-pr123', ProtocolType: 'HTTP' } },
            OrdersApiStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'OrdersApi' }, StageName: 'pr123', AutoDeploy: true } },
          },
        },
      },
      terraform: {
        nonCompliant: {
          resource: {
            aws_apigatewayv2_api: { orders_api: { name: 'orders-api-pr123', protocol_type: 'HTTP' } },
            aws_apigatewayv2_stage: { orders_stage: { api_id: '${aws_apigatewayv2_api.orders_api.id}', name: 'prod', auto_deploy: true } },
          },
        },
        compliant: {
          resource: {
            aws_apigatewayv2_api: { orders_api: { name: 'orders-api-pr123', protocol_type: 'HTTP' } },
            aws_apigatewayv2_stage: { orders_stage: { api_id: '${aws_apigatewayv2_api.orders_api.id}', name: 'pr123', auto_deploy: true } },
          },
        },
      },
    },
  },
  cloudformation: (resource, context) => evaluate('cloudformation', resource, context),
  terraform: (resource, context) => evaluate('terraform', resource, context),
};
