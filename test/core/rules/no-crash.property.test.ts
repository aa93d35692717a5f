import * as fc from 'fast-check';
import { CATALOGUE } from '../../../src/core/rules';
import { DEFAULT_LIMITS, EngineName, ResourceView, RuleContext, StackView } from '../../../src/core/rules/model';

// Random property values must never make a rule throw: the engine would turn a throw into a
// finding, so the evaluators are called directly here.

/** Resource types and property names the rules look at, taken from the catalogue's own examples. */
function vocabulary(engine: EngineName): { types: string[]; keys: string[] } {
  const types = new Set<string>();
  const keys = new Set<string>();
  const collectKeys = (value: unknown): void => {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        keys.add(k);
        collectKeys(v);
      }
    }
  };
  for (const rule of CATALOGUE) {
    if (engine === 'cloudformation') {
      const examples = rule.metadata.examples.cloudformation;
      for (const example of examples ? [examples.compliant, examples.nonCompliant] : []) {
        for (const resource of Object.values(example.resources)) {
          types.add(resource.Type);
          collectKeys(resource.Properties);
          collectKeys(resource);
        }
      }
    } else {
      const examples = rule.metadata.examples.terraform;
      for (const example of examples ? [examples.compliant, examples.nonCompliant] : []) {
        for (const [type, byName] of Object.entries(example.resource)) {
          types.add(type);
          collectKeys(byName);
        }
      }
    }
  }
  return { types: [...types], keys: [...keys] };
}

/** Any JSON, plus the reference shapes both engines produce. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('${aws_s3_bucket.b.id}', 'arn:aws:iam::aws:policy/x', 'nodejs20.x', 'Retain', 'true', '*', 'us-east-1', ''),
    fc.record({ Ref: fc.string() }),
    fc.record({ 'Fn::GetAtt': fc.array(fc.string(), { maxLength: 3 }) }),
    fc.record({ 'Fn::Join': fc.tuple(fc.string(), fc.array(tie('value'), { maxLength: 3 })) }),
    fc.record({ 'Fn::Sub': fc.string() }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe.each(['cloudformation', 'terraform'] as const)('every %s rule', (engine) => {
  const { types, keys } = vocabulary(engine);
  const rules = CATALOGUE.filter((rule) => rule[engine]);

  test('GIVEN random properties and options WHEN evaluating THEN no rule throws', () => {
    const resource = fc.record({
      type: fc.constantFrom(...types, 'AWS::Unknown::Thing', 'aws_unknown'),
      properties: fc.dictionary(fc.constantFrom(...keys, 'Other'), anyValue, { maxKeys: 6 }),
      options: fc.dictionary(fc.constantFrom('DeletionPolicy', 'UpdateReplacePolicy', 'lifecycle', 'count', 'Metadata'), anyValue, { maxKeys: 2 }),
      suffix: fc.option(fc.constantFrom('pr123', 'dev', ''), { nil: undefined }),
      region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(resource, { minLength: 1, maxLength: 3 }), (resources) => {
        const views: ResourceView[] = resources.map((r, i) => ({
          engine,
          type: r.type,
          logicalId: `R${i}`,
          path: `Stack/R${i}`,
          properties: r.properties,
          options: r.options,
        }));
        const stack: StackView = {
          id: 'Stack',
          name: 'Stack',
          region: resources[0].region,
          resources: views,
          // Random blocks too: whatever an override writes into terraform {} or provider {}.
          terraform: engine === 'terraform' ? { backend: resources[0].properties as any, requiredProviders: resources[0].properties, providers: resources[0].options } : undefined,
        };
        const context: RuleContext = {
          environmentSuffix: resources[0].suffix,
          limits: DEFAULT_LIMITS,
          stack,
          stacks: [stack],
          resourcesOfType: (type) => views.filter((v) => v.type === type),
          resourceInStack: (id) => views.find((v) => v.logicalId === id),
        };
        for (const view of views) {
          for (const rule of rules) {
            rule[engine]!(view, context);
          }
        }
        for (const rule of CATALOGUE) {
          if (engine === 'terraform') rule.terraformStack?.(stack, context);
        }
      }),
      { numRuns: 300 },
    );
  });
});
