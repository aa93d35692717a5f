import type { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '../core/engine/input-files';

// yaml costs ~70 ms to load: only runs with a YAML template pay for it.
let yamlModule: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof import('yaml'));
}

/**
 * CloudFormation's YAML short forms, turned into the long JSON forms rules read:
 * `!Ref X` -> `{ Ref: X }`, `!GetAtt A.B` -> `{ 'Fn::GetAtt': ['A', 'B'] }`, `!If [...]` -> `{ 'Fn::If': [...] }`.
 */
const FUNCTIONS = [
  'And', 'Base64', 'Cidr', 'Condition', 'Equals', 'FindInMap', 'ForEach', 'GetAtt', 'GetAZs', 'If', 'ImportValue',
  'Join', 'Length', 'Not', 'Or', 'Ref', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
];

function longName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : name === 'ForEach' ? 'Fn::ForEach' : `Fn::${name}`;
}

function tagsFor(name: string): Array<ScalarTag | CollectionTag> {
  const key = longName(name);
  const scalar: ScalarTag = {
    tag: `!${name}`,
    // `!GetAtt Resource.Attribute` is the one short form whose scalar is split: at the first dot.
    resolve: (value: string) =>
      name === 'GetAtt' && value.includes('.') ? { [key]: [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] } : { [key]: value },
  };
  const seq: CollectionTag = { tag: `!${name}`, collection: 'seq', resolve: (value) => ({ [key]: (value as YAMLSeq).toJSON() }) };
  const map: CollectionTag = { tag: `!${name}`, collection: 'map', resolve: (value) => ({ [key]: (value as YAMLMap).toJSON() }) };
  return [scalar, seq, map];
}

let customTags: Array<ScalarTag | CollectionTag> | undefined;

/** Parses a YAML template; invalid YAML is an InputError naming the line and column. */
export function parseYamlTemplate(file: string, text: string): unknown {
  customTags ??= FUNCTIONS.flatMap(tagsFor);
  const document = yaml().parseDocument(text, { customTags, schema: 'core', uniqueKeys: true, prettyErrors: true, logLevel: 'silent' });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const where = first.linePos ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    throw new InputError(file, `is not valid YAML (${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}${where})`);
  }
  return document.toJS({ maxAliasCount: 1000 });
}
