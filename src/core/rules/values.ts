/**
 * Reading synthesized values without guessing: a CloudFormation intrinsic
 * (`{ Ref }`, `{ Fn::GetAtt }`, `{ Fn::Sub }`...) or a Terraform reference
 * (`${aws_x.y.z}`, `${var.x}`) is a reference, never a literal. Every helper
 * returns undefined for what it cannot prove, and none throws on odd input.
 */

/** True for a CloudFormation intrinsic function object: one key, `Ref` or `Fn::*`. */
export function isCfnIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  // Every rule asks this of every resource's properties: the own keys are counted, not listed (no array made).
  let only: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (only !== undefined) return false;
    only = key;
  }
  return only !== undefined && (only === 'Ref' || only.startsWith('Fn::') || only === 'Condition');
}

/** True for a Terraform string that holds an interpolation (`${...}`). */
export function isTfInterpolation(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** True when the value is, or contains, a reference of either engine. */
export function containsReference(value: unknown): boolean {
  if (isCfnIntrinsic(value) || isTfInterpolation(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsReference);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some(containsReference);
  }
  return false;
}

/**
 * The value as a literal string, when it provably is one: a plain string without
 * interpolation, a number, or an `Fn::Join` of literal parts. Otherwise undefined.
 */
export function literalString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return isTfInterpolation(value) ? undefined : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  const join = joinArgs(value);
  if (join) {
    const parts = join.parts.map(literalString);
    return parts.every((p): p is string => p !== undefined) ? parts.join(join.separator) : undefined;
  }
  return undefined;
}

/**
 * The value as a string with references rendered as `${...}` placeholders, e.g.
 * `{ Fn::Join: ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] }` -> `arn:${AWS::Partition}:s3:::b`.
 * Lets a rule look at the literal parts of a partly referenced value. Undefined for non-strings.
 */
export function templateString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (!isCfnIntrinsic(value)) {
    return undefined;
  }
  const [key, arg] = Object.entries(value as Record<string, unknown>)[0];
  switch (key) {
    case 'Ref':
      return typeof arg === 'string' ? '${' + arg + '}' : undefined;
    case 'Fn::GetAtt':
      return Array.isArray(arg) ? '${' + arg.map(String).join('.') + '}' : typeof arg === 'string' ? '${' + arg + '}' : undefined;
    case 'Fn::Sub':
      return typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    case 'Fn::Join': {
      const join = joinArgs(value);
      if (!join) return undefined;
      const parts = join.parts.map((p) => templateString(p) ?? '${?}');
      return parts.join(join.separator);
    }
    default:
      return '${' + key + '}';
  }
}

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
      const end = referenceEnd(text, i);
      if (literal) parts.push({ literal });
      literal = '';
      // An unclosed `${` swallows the rest: it cannot be proven literal.
      parts.push({ reference: text.slice(i, end) });
      i = end;
    } else {
      literal += text[i++];
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/**
 * Index just past the `}` that closes the `${` at `start`, nested braces included
 * (`${join("-", [{a}])}`); the text's length when it is never closed. The one place
 * that decides where a reference inside a string ends.
 */
export function referenceEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** True when a property is given at all: not absent, null or the empty string (which the services treat as absent). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A boolean, accepting the string forms overrides and Python users write ("true", "False"). */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** A finite number, accepting numeric strings. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value === 'string' && value.trim() !== '' && !isTfInterpolation(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A list: arrays as they are, a single value as a one-element list, nothing as empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** A plain object (not an array, not an intrinsic), else undefined. */
export function asObject(value: unknown): Record<string, any> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isCfnIntrinsic(value)) {
    return undefined;
  }
  return value as Record<string, any>;
}

/** Calls `visit` for every string inside a value, with its path (`Policies/0/PolicyDocument`). */
export function walkStrings(value: unknown, visit: (text: string, path: string) => void, path = ''): void {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (value !== null && typeof value === 'object') {
    // Every string of every resource passes here: plain loops, and no path built for numbers or booleans.
    const array = Array.isArray(value);
    const keys = array ? undefined : Object.keys(value);
    const length = array ? (value as unknown[]).length : keys!.length;
    for (let i = 0; i < length; i++) {
      const key = array ? String(i) : keys![i];
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'string' || (item !== null && typeof item === 'object')) walkStrings(item, visit, path ? `${path}/${key}` : key);
    }
  }
}

/**
 * The path walkStrings and walkObjects give for a list of keys: `Policies/0/PolicyDocument`, '' at the root.
 * The keyed walks below hand out their key stack instead of a path, so rules that look at every string or
 * object build a path only for the few they report.
 */
export function keyPath(keys: readonly string[]): string {
  let path = '';
  for (const key of keys) path = path ? `${path}/${key}` : key;
  return path;
}

/**
 * One walk for walkStringKeys and walkObjectKeys, or both at once: every plain object (the value itself
 * first) to `onObject` and every string to `onString`, in the order each walk alone would visit them, with
 * the keys leading to it (a stack that changes as the walk goes on: copy it to keep it).
 */
export function walkKeys(
  value: unknown,
  keys: string[],
  onObject: ((object: Record<string, any>, keys: readonly string[]) => void) | undefined,
  onString: ((text: string, keys: readonly string[]) => void) | undefined,
): void {
  if (typeof value === 'string') {
    onString?.(value, keys);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const array = Array.isArray(value);
  if (!array && onObject) onObject(value as Record<string, any>, keys);
  const objectKeys = array ? undefined : Object.keys(value);
  const length = array ? (value as unknown[]).length : objectKeys!.length;
  for (let i = 0; i < length; i++) {
    const key = array ? String(i) : objectKeys![i];
    const item = (value as Record<string, unknown>)[key];
    if ((onString !== undefined && typeof item === 'string') || (item !== null && typeof item === 'object')) {
      keys.push(key);
      walkKeys(item, keys, onObject, onString);
      keys.pop();
    }
  }
}

/** walkStrings with the keys leading to each string (a stack that changes as the walk goes on: copy it to keep it). */
export function walkStringKeys(value: unknown, visit: (text: string, keys: readonly string[]) => void, keys: string[] = []): void {
  walkKeys(value, keys, undefined, visit);
}

/** walkObjects with the keys leading to each object (a stack that changes as the walk goes on: copy it to keep it). */
export function walkObjectKeys(value: unknown, visit: (object: Record<string, any>, keys: readonly string[]) => void, keys: string[] = []): void {
  walkKeys(value, keys, visit, undefined);
}

/** Calls `visit` for every plain object inside a value (the value itself first), with its path. */
export function walkObjects(value: unknown, visit: (object: Record<string, any>, path: string) => void, path = ''): void {
  if (value === null || typeof value !== 'object') return;
  const array = Array.isArray(value);
  if (!array) visit(value as Record<string, any>, path);
  // Plain loops, and no path built for strings, numbers or booleans: no object is below them.
  const keys = array ? undefined : Object.keys(value);
  const length = array ? (value as unknown[]).length : keys!.length;
  for (let i = 0; i < length; i++) {
    const key = array ? String(i) : keys![i];
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object') walkObjects(item, visit, path ? `${path}/${key}` : key);
  }
}

/** Renders a value for a message: strings quoted, references shown as they are. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 120 ? text.slice(0, 117) + '...' : text;
  } catch {
    return String(value);
  }
}

function joinArgs(value: unknown): { separator: string; parts: unknown[] } | undefined {
  if (!isCfnIntrinsic(value)) {
    return undefined;
  }
  const arg = (value as Record<string, unknown>)['Fn::Join'];
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
    return undefined;
  }
  return { separator: arg[0], parts: arg[1] };
}
