import { NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome } from './model';
import { ownNameSpec, segmentPattern, SEPARATOR_CLASS } from './physical-name-suffix';
import { asObject, show, templateString } from './values';

/** Literal words that name an environment. */
const ENVIRONMENT_WORDS = new Set(['prod', 'production', 'dev', 'development', 'stage', 'staging', 'test']);

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

/** One piece of a possibly partly referenced string: literal text, or a reference standing for unknown text. */
export type TemplatePart = { readonly literal: string } | { readonly reference: string };

/**
 * Splits a value into literal text and references: `orders-${var.env}` (Terraform),
 * `{ Fn::Sub: 'orders-${Env}' }` or an `Fn::Join` with a `Ref` (CloudFormation). Braces are
 * matched, so `${join("-", ["a", "b"])}` is one reference. Undefined when the value is not
 * string-like. Lets a rule judge the literal parts of a name without guessing the references.
 */
export function templateParts(value: unknown): TemplatePart[] | undefined {
  const text = templateString(value);
  if (text === undefined) {
    return undefined;
  }
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('${', i)) {
      let depth = 0;
      let end = i + 1;
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}' && --depth === 0) break;
      }
      if (literal) parts.push({ literal });
      literal = '';
      // An unclosed `${` swallows the rest: it cannot be proven literal.
      parts.push({ reference: text.slice(i, end + 1) });
      i = end + 1;
    } else {
      literal += text[i++];
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** A character that can never occur in a name: marks where a reference's unknown text goes. */
const UNKNOWN = '\u0000';

/**
 * The environment words among the provably literal segments of a name, without segments equal
 * to the configured suffix. A segment touching a reference is unknown (`prod${var.x}` may be `production-x`).
 */
export function environmentSegments(value: unknown, suffix: string | undefined): string[] {
  const parts = templateParts(value);
  if (!parts) {
    return [];
  }
  let text = parts.map((p) => ('literal' in p ? p.literal.split(UNKNOWN).join('') : UNKNOWN)).join('');
  if (typeof suffix === 'string' && suffix !== '') {
    // The suffix is the environment's own name: "data-dev" is right when the suffix is "dev".
    text = text.replace(segmentPattern(suffix, 'gi'), UNKNOWN);
  }
  const found = text
    .split(new RegExp(SEPARATOR_CLASS))
    .filter((segment) => !segment.includes(UNKNOWN))
    .map((segment) => segment.toLowerCase())
    .filter((segment) => ENVIRONMENT_WORDS.has(segment));
  return [...new Set(found)];
}

function evaluate(engine: 'cloudformation' | 'terraform', resource: ResourceView, context: RuleContext): RuleOutcome {
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
      location: engine === 'cloudformation' ? `Properties/${property}` : property,
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
