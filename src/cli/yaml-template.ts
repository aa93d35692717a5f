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

/**
 * Parses a YAML template; invalid YAML is an InputError naming the line and column.
 *
 * CloudFormation reads YAML more leniently than YAML 1.2 (its parser behaves like PyYAML): a mapping key given
 * twice keeps the last value, and a quoted scalar may continue on a line indented no deeper than its key.
 * Templates relying on that deploy, so they are read the same way, and `onNote` hears one line saying what was
 * lenient. Anything else that does not parse is still refused.
 */
export function parseYamlTemplate(file: string, text: string, onNote: (note: string) => void = () => {}): unknown {
  customTags ??= FUNCTIONS.flatMap(tagsFor);
  const options = { customTags, schema: 'core' as const, prettyErrors: true, logLevel: 'silent' as const };
  let source = text;
  let document = yaml().parseDocument(source, { ...options, uniqueKeys: true });
  let reindented: number[] = [];
  if (document.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
    // Re-indenting keeps line numbers: an error that remains is shown where it is in the file.
    const repaired = reindentQuotedScalars(source);
    if (repaired.lines.length > 0) {
      const again = yaml().parseDocument(repaired.text, { ...options, uniqueKeys: true });
      if (!again.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
        source = repaired.text;
        document = again;
        reindented = repaired.lines;
      }
    }
  }
  const duplicates = document.errors.filter((e) => e.code === 'DUPLICATE_KEY');
  if (duplicates.length > 0 && duplicates.length === document.errors.length) {
    document = yaml().parseDocument(source, { ...options, uniqueKeys: false });
  }
  if (document.errors.length > 0) {
    // Repairs keep line numbers: the error shown is one the lenient reading could not get past.
    const first = document.errors.find((e) => e.code !== 'DUPLICATE_KEY') ?? document.errors[0];
    const where = first.linePos ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    throw new InputError(file, `is not valid YAML (${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}${where})`);
  }
  const lenient: string[] = [];
  if (duplicates.length > 0) {
    const keys = duplicates.map((e) => `${duplicateKey(source, e.pos[0])}at line ${e.linePos?.[0].line ?? '?'}`);
    lenient.push(`a mapping key given twice (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', ...' : ''}: the last value wins)`);
  }
  if (reindented.length > 0) {
    const lines = reindented.map((l) => `line ${l}`);
    lenient.push(`a quoted scalar continued at its key's indentation (${lines.slice(0, 3).join(', ')}${lines.length > 3 ? ', ...' : ''})`);
  }
  if (lenient.length > 0) {
    onNote(`read as CloudFormation reads it, though strict YAML 1.2 refuses ${lenient.join(' and ')}`);
  }
  return document.toJS({ maxAliasCount: 1000 });
}

/** `"Type" ` for the key starting at `offset`, or nothing when it is not a plain one-line key. */
function duplicateKey(text: string, offset: number): string {
  const match = /^[^\s:#][^:\n]*?(?=\s*:)/.exec(text.slice(offset, offset + 200));
  return match ? `${JSON.stringify(match[0].trim())} ` : '';
}

/**
 * The text with every quoted scalar that continues on a line indented no deeper than its key (which PyYAML and
 * CloudFormation accept, YAML 1.2 does not) re-indented past its opening quote, and the lines where such scalars
 * start. Leading white space of a continuation line is not part of a quoted scalar's value (YAML line folding), so
 * values are unchanged. A quote never closed is left alone: that is really broken.
 */
function reindentQuotedScalars(text: string): { text: string; lines: number[] } {
  const lines = text.split('\n');
  const started: number[] = [];
  let blockIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.length - line.replace(/^ +/, '').length;
    // Inside a block scalar (`|`, `>`), quotes are text.
    if (blockIndent >= 0 && (line.trim() === '' || indent > blockIndent)) continue;
    blockIndent = /(^|[\s:-])[|>][+-]?\d*\s*(#.*)?$/.test(line) ? indent : -1;
    const open = unclosedQuote(line);
    if (!open) continue;
    // The key's column: past a sequence dash (`- Key: "...`).
    const keyColumn = line.length - line.replace(/^[ -]+/, '').length;
    let end = -1;
    let shallow = false;
    for (let j = i + 1; j < lines.length && end < 0; j++) {
      if (/^(---|\.\.\.)(\s|$)/.test(lines[j])) break;
      const content = lines[j].replace(/^[ \t]+/, '');
      if (content !== '' && lines[j].length - content.length <= keyColumn) shallow = true;
      if (closingIndex(content, 0, open.quote) >= 0) end = j;
    }
    if (end < 0) continue;
    if (shallow) {
      const pad = ' '.repeat(open.column + 1);
      for (let j = i + 1; j <= end; j++) {
        const content = lines[j].replace(/^[ \t]+/, '');
        if (content !== '') lines[j] = pad + content;
      }
      started.push(i + 1);
    }
    i = end;
  }
  return { text: lines.join('\n'), lines: started };
}

/** The quote that opens a scalar on this line and is not closed on it, with its column. */
function unclosedQuote(line: string): { quote: string; column: number } | undefined {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return undefined;
    if ((c === '"' || c === "'") && (i === 0 || /[\s:\-[{,]/.test(line[i - 1]))) {
      const end = closingIndex(line, i + 1, c);
      if (end < 0) return { quote: c, column: i };
      i = end;
    }
  }
  return undefined;
}

/** Index of the closing quote from `from` (`\"` escapes in double quotes, `''` in single quotes), or -1. */
function closingIndex(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++;
    } else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
