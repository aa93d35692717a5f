import * as fc from 'fast-check';
import { terraformStackView } from '../../../src/core/engine/terraform-json';
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
  // Inputs the examples do not show: SAM functions (the lambda rules read them) and the types issue 13 added.
  if (engine === 'cloudformation') {
    ['AWS::Serverless::Function', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster', 'AWS::ElastiCache::ReplicationGroup',
      'AWS::NetworkFirewall::Firewall', 'AWS::CodeCommit::Repository', 'AWS::Logs::LogGroup', 'Custom::LogRetention'].forEach((t) => types.add(t));
    ['CodeUri', 'InlineCode', 'Handler', 'Runtime', 'PackageType', 'ImageUri', 'Events', 'Policies', 'AutoPublishAlias', 'LoggingConfig',
      'StorageEncrypted', 'AtRestEncryptionEnabled', 'KmsKeyId', 'DeleteProtection', 'RepositoryName', 'SourceDBInstanceIdentifier'].forEach((k) => keys.add(k));
  } else {
    ['aws_docdb_cluster', 'aws_neptune_cluster', 'aws_elasticache_replication_group', 'aws_networkfirewall_firewall',
      'aws_codecommit_repository', 'aws_cloudwatch_log_group', 'aws_db_instance'].forEach((t) => types.add(t));
    ['storage_encrypted', 'at_rest_encryption_enabled', 'kms_key_id', 'delete_protection', 'repository_name', 'replicate_source_db',
      'logging_config'].forEach((k) => keys.add(k));
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
    // Fn::If: well-formed with any branches, and malformed.
    fc.record({ 'Fn::If': fc.tuple(fc.string(), tie('value'), tie('value')) }),
    fc.record({ 'Fn::If': tie('value') }),
    fc.constantFrom('${data.aws_iam_policy_document.d0.json}', '${data.aws_iam_policy.p0.arn}'),
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

describe('every terraform rule on stacks with data sources', () => {
  const { types, keys } = vocabulary('terraform');
  const reference = fc.constantFrom(
    '${data.aws_iam_policy_document.d0.json}',
    '${data.aws_iam_policy_document.d1.minified_json}',
    '${data.aws_iam_policy_document.missing.json}',
    '${data.aws_iam_policy.p0.arn}',
  );
  const listOf = <T>(item: fc.Arbitrary<T>) => fc.oneof(item, fc.array(item, { maxLength: 3 }), anyValue);
  const statement = fc.dictionary(
    fc.constantFrom('sid', 'effect', 'actions', 'not_actions', 'resources', 'not_resources', 'principals', 'not_principals', 'condition', 'dynamic'),
    fc.oneof(
      anyValue,
      listOf(fc.constantFrom('*', 's3:*', 'arn:aws:*:*:*:*', 'arn:aws:logs:us-east-1:1:x', 'Allow', 'Deny')),
      listOf(fc.record({ type: fc.constantFrom('*', 'AWS', 'Service'), identifiers: listOf(fc.constantFrom('*', 'config.amazonaws.com')) })),
      listOf(fc.record({ test: fc.string(), variable: fc.string(), values: anyValue })),
    ),
    { maxKeys: 5 },
  );
  const document = fc.dictionary(
    fc.constantFrom('statement', 'source_policy_documents', 'override_policy_documents', 'version', 'policy_id'),
    fc.oneof(listOf(statement), listOf(reference), listOf(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v))), anyValue),
    { maxKeys: 3 },
  );

  test('GIVEN random aws_iam_policy_document and aws_iam_policy data sources referenced by random resources WHEN evaluating THEN no rule throws', () => {
    const attributes = fc.dictionary(fc.constantFrom(...keys, 'policy', 'assume_role_policy', 'policy_arn', 'managed_policy_arns'), fc.oneof(anyValue, reference, fc.array(reference, { maxLength: 2 })), { maxKeys: 5 });
    const json = fc.record({
      resource: fc.dictionary(fc.constantFrom(...types, 'aws_iam_role', 'aws_iam_role_policy_attachment'), fc.dictionary(fc.constantFrom('a', 'b'), attributes, { maxKeys: 2 }), { maxKeys: 3 }),
      data: fc.oneof(
        fc.record({
          aws_iam_policy_document: fc.dictionary(fc.constantFrom('d0', 'd1'), fc.oneof(document, anyValue), { maxKeys: 2 }),
          aws_iam_policy: fc.dictionary(fc.constantFrom('p0'), fc.oneof(fc.record({ arn: fc.constantFrom('arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/Nope', '${var.x}') }), anyValue), { maxKeys: 1 }),
        }),
        anyValue,
      ),
    });
    fc.assert(
      fc.property(json, (content) => {
        const stack = terraformStackView(content as Record<string, any>, { id: 'stack', name: 'stack', assetPathOf: () => undefined });
        const context: RuleContext = {
          limits: DEFAULT_LIMITS,
          stack,
          stacks: [stack],
          resourcesOfType: (type) => stack.resources.filter((v) => v.type === type),
          resourceInStack: (id) => stack.resources.find((v) => v.logicalId === id),
        };
        for (const view of stack.resources) {
          for (const rule of CATALOGUE) rule.terraform?.(view, context);
        }
        for (const rule of CATALOGUE) rule.terraformStack?.(stack, context);
      }),
      { numRuns: 300 },
    );
  });
});
