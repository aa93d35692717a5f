/**
 * Physical names and their segments: which property names a resource, and how a word
 * (the environment suffix, `prod`) stands in a name. Shared by physical-name-suffix,
 * hardcoded-environment-name and name-length, for both engines.
 */
import { EngineName } from '../model';
import { NameSpec, nameSpecFor } from '../physical-names';
import { templateParts, templateString } from '../values';

/**
 * A regular-expression character class for what separates the words of a physical name:
 * `data-pr123`, `data_pr123`, `data.pr123`, `/aws/lambda/fn-pr123`.
 */
export const SEPARATOR_CLASS = '[\\-_.\\/]';

/** Literal words that name an environment. */
const ENVIRONMENT_WORDS = new Set(['prod', 'production', 'dev', 'development', 'stage', 'staging', 'test']);

/** Every environment word holds one of these (prod, production, dev, development, stage, staging, test). */
const ENVIRONMENT_STEM = /prod|dev|stag|test/i;

/** A character that can never occur in a name: marks where a reference's unknown text goes. */
const UNKNOWN = '\u0000';

/**
 * True when `word` is a whole segment of `name` (bounded by a separator or an end), compared
 * case-insensitively. A suffix may itself hold hyphens (`pr-12`), so this matches positions,
 * not split segments.
 */
export function hasNameSegment(name: string, word: string): boolean {
  return word !== '' && segmentPattern(word).test(name);
}

/** The last pattern segmentPattern gave. */
let lastSegment: { word?: string; flags?: string; pattern: RegExp } = { pattern: /$^/ };

/** Compiled segment patterns: the same few words (the suffix, environment names) are matched against every name. */
const SEGMENT_PATTERNS = new Map<string, RegExp>();

/**
 * A case-insensitive pattern for `word` as a whole segment; pass `gi` to replace every occurrence.
 * The pattern is shared: use it with `test` or `replace` (which reset a global pattern's
 * lastIndex), never with `exec` loops.
 */
export function segmentPattern(word: string, flags = 'i'): RegExp {
  // The same word (the suffix) is asked for name after name: the last answer is kept at hand.
  if (word === lastSegment.word && flags === lastSegment.flags) return lastSegment.pattern;
  const pattern = cachedSegmentPattern(word, flags);
  lastSegment = { word, flags, pattern };
  return pattern;
}

function cachedSegmentPattern(word: string, flags: string): RegExp {
  const key = `${flags}\u0000${word}`;
  let pattern = SEGMENT_PATTERNS.get(key);
  if (!pattern) {
    pattern = new RegExp(`(?<=^|${SEPARATOR_CLASS})${escapeRegExp(word)}(?=$|${SEPARATOR_CLASS})`, flags);
    // Bounded: a long-lived process (watch mode, a test runner) may see many suffixes.
    if (SEGMENT_PATTERNS.size > 1000) SEGMENT_PATTERNS.clear();
    SEGMENT_PATTERNS.set(key, pattern);
  }
  return pattern;
}

const SEPARATOR = new RegExp(SEPARATOR_CLASS);

/** The text as a pattern that matches it literally: names are matched inside larger patterns. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * The name spec for a resource, or undefined. Guards against types such as `constructor`
 * or `__proto__`, which an index lookup would answer with Object's own members.
 */
export function ownNameSpec(engine: EngineName, type: unknown): NameSpec | undefined {
  if (typeof type !== 'string') {
    return undefined;
  }
  const spec = nameSpecFor(engine, type);
  return spec && typeof spec === 'object' && typeof spec.property === 'string' && spec.pattern instanceof RegExp ? spec : undefined;
}

/**
 * The environment words among the provably literal segments of a name, without segments equal
 * to the configured suffix. A segment touching a reference is unknown (`prod${var.x}` may be `production-x`).
 */
export function environmentSegments(value: unknown, suffix: string | undefined): string[] {
  // Every name of every resource passes here, and almost none holds an environment word: a segment is a
  // substring of the rendered text, so without one of the words' stems (ASCII, any case) there is none.
  const rendered = templateString(value);
  if (rendered === undefined || (!ENVIRONMENT_STEM.test(rendered) && !rendered.includes(UNKNOWN))) {
    return [];
  }
  const parts = templateParts(rendered);
  if (!parts) {
    return [];
  }
  let text = parts.map((p) => ('literal' in p ? p.literal.split(UNKNOWN).join('') : UNKNOWN)).join('');
  if (typeof suffix === 'string' && suffix !== '') {
    // The suffix is the environment's own name: "data-dev" is right when the suffix is "dev".
    text = text.replace(segmentPattern(suffix, 'gi'), UNKNOWN);
  }
  const found = text
    .split(SEPARATOR)
    .filter((segment) => !segment.includes(UNKNOWN))
    .map((segment) => segment.toLowerCase())
    .filter((segment) => ENVIRONMENT_WORDS.has(segment));
  return [...new Set(found)];
}
