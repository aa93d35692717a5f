/**
 * Terraform data sources as the rules need them: cdktf's idiomatic IAM policy is a
 * `data "aws_iam_policy_document"` whose document a resource takes as `${data.aws_iam_policy_document.x.json}`,
 * and an AWS managed policy is often looked up as `data "aws_iam_policy" { arn = "..." }`. A resource
 * attribute that is exactly such a reference is replaced by what Terraform will put there: the policy
 * document rendered as JSON (the form every policy rule already reads), or the literal ARN. Whatever
 * cannot be rendered from literals stays the reference it was.
 */
import { isRecord } from './input-files';

/** Replaces whole-value data source references in a resource's attributes; the same object when nothing changes. */
export type DataSourceResolver = <T>(value: T) => T;

// Statement attributes of aws_iam_policy_document, as written in cdk.tf.json, and the IAM element each renders to.
const LIST_ELEMENTS: ReadonlyArray<[attribute: string, element: string]> = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/**
 * The resolver for a stack's `data` block, or undefined when it holds no data source the rules read
 * through (the common case costs nothing).
 */
export function dataSourceResolver(data: unknown): DataSourceResolver | undefined {
  if (!isRecord(data)) return undefined;
  const documents = isRecord(data.aws_iam_policy_document) ? data.aws_iam_policy_document : {};
  const policies = isRecord(data.aws_iam_policy) ? data.aws_iam_policy : {};
  if (Object.keys(documents).length === 0 && Object.keys(policies).length === 0) return undefined;

  const replacements = new Map<string, string>();
  const rendering = new Set<string>();
  /** The JSON of one policy document data source, or undefined when it cannot be rendered from what is written. */
  const renderDocument = (name: string): string | undefined => {
    const key = `\${data.aws_iam_policy_document.${name}.json}`;
    if (replacements.has(key)) return replacements.get(key);
    if (rendering.has(name) || !isRecord(documents[name])) return undefined;
    rendering.add(name);
    const json = policyDocumentJson(documents[name], resolveDocumentText);
    rendering.delete(name);
    if (json !== undefined) {
      replacements.set(key, json);
      replacements.set(`\${data.aws_iam_policy_document.${name}.minified_json}`, json);
    }
    return json;
  };
  /** A document given to source/override_policy_documents: another data source's JSON, or a literal JSON string. */
  const resolveDocumentText = (value: unknown): Record<string, any> | undefined => {
    if (typeof value !== 'string') return undefined;
    const reference = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.(?:minified_)?json\}$/.exec(value);
    const text = reference ? renderDocument(reference[1]) : value.includes('${') ? undefined : value;
    if (text === undefined) return undefined;
    try {
      const parsed = JSON.parse(text);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  };
  Object.keys(documents).forEach(renderDocument);
  for (const [name, block] of Object.entries<any>(policies)) {
    // Only a literal ARN is known before apply; a lookup by name may find a customer policy of that name.
    const arn = isRecord(block) ? block.arn : undefined;
    if (typeof arn === 'string' && arn.startsWith('arn:') && !arn.includes('${')) replacements.set(`\${data.aws_iam_policy.${name}.arn}`, arn);
  }
  if (replacements.size === 0) return undefined;
  return <T>(value: T): T => substitute(value, replacements, 0) as T;
}

/** The value with every string that is exactly a known reference replaced; unchanged parts keep their identity. */
function substitute(value: unknown, replacements: ReadonlyMap<string, string>, depth: number): unknown {
  if (typeof value === 'string') {
    return value.startsWith('${data.') ? replacements.get(value) ?? value : value;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) {
    let changed: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = substitute(item, replacements, depth + 1);
      if (next !== item) (changed ??= [...value])[i] = next;
    });
    return changed ?? value;
  }
  let changed: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = substitute(item, replacements, depth + 1);
    if (next !== item) (changed ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return changed ?? value;
}

/**
 * The IAM JSON an aws_iam_policy_document block renders (AWS provider docs, data source aws_iam_policy_document):
 * source_policy_documents first, then the block's own statements (replacing a source statement with the same
 * sid), then override_policy_documents (replacing by sid, else appended). Undefined when an override cannot be
 * read (it may replace any statement) or when nothing is literal enough to render.
 */
export function policyDocumentJson(block: Record<string, any>, resolve: (value: unknown) => Record<string, any> | undefined): string | undefined {
  const statements: Array<Record<string, any>> = [];
  const merge = (statement: Record<string, any>) => {
    const sid = typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
    const index = sid === undefined ? -1 : statements.findIndex((s) => s.Sid === sid);
    if (index >= 0) statements[index] = statement;
    else statements.push(statement);
  };
  // A source that cannot be read only adds statements: what can be read is still granted.
  for (const source of list(block.source_policy_documents)) {
    list(resolve(source)?.Statement).filter(isRecord).forEach(merge);
  }
  for (const statement of list(block.statement)) {
    if (isRecord(statement)) merge(renderStatement(statement));
  }
  for (const override of list(block.override_policy_documents)) {
    const document = resolve(override);
    if (document === undefined) return undefined;
    list(document.Statement).filter(isRecord).forEach(merge);
  }
  if (statements.length === 0) return undefined;
  const document: Record<string, unknown> = { Version: typeof block.version === 'string' ? block.version : '2012-10-17' };
  if (typeof block.policy_id === 'string') document.Id = block.policy_id;
  document.Statement = statements;
  return JSON.stringify(document);
}

/** One `statement` block as an IAM statement; `effect` defaults to Allow, as the provider's does. */
function renderStatement(block: Record<string, any>): Record<string, any> {
  const statement: Record<string, any> = {};
  if (typeof block.sid === 'string' && block.sid !== '') statement.Sid = block.sid;
  statement.Effect = block.effect === undefined || block.effect === null ? 'Allow' : block.effect;
  for (const [attribute, element] of LIST_ELEMENTS) {
    if (block[attribute] !== undefined && block[attribute] !== null) statement[element] = list(block[attribute]);
  }
  for (const [attribute, element] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const principals = renderPrincipals(block[attribute]);
    if (principals !== undefined) statement[element] = principals;
  }
  const conditions = list(block.condition).filter(isRecord);
  if (conditions.length > 0) {
    const condition: Record<string, Record<string, unknown>> = {};
    for (const c of conditions) {
      (condition[keyText(c.test)] ??= {})[keyText(c.variable)] = list(c.values);
    }
    statement.Condition = condition;
  }
  return statement;
}

/** `principals { type, identifiers }` blocks as a Principal: `{ AWS: [...] }`, or `"*"` for type `*`. */
function renderPrincipals(value: unknown): unknown {
  const blocks = list(value).filter(isRecord);
  if (blocks.length === 0) return undefined;
  const principal: Record<string, unknown[]> = {};
  for (const block of blocks) {
    if (block.type === '*' && list(block.identifiers).every((i) => i === '*')) return '*';
    (principal[keyText(block.type)] ??= []).push(...list(block.identifiers));
  }
  return principal;
}

/** A key for the rendered document: strings as they are, anything else as its JSON (never a throw). */
function keyText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return 'invalid';
  }
}

function list(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
