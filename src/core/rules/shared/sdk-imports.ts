/** Where JavaScript and TypeScript sources load the AWS SDK for JavaScript v2. */

/** Where a source loads `aws-sdk` (v2, or one of its `aws-sdk/...` paths). */
export interface SdkV2Import {
  /** 1-based line number. */
  readonly line: number;
  /** The statement found, e.g. `require('aws-sdk')`. */
  readonly statement: string;
}

// require('aws-sdk'), import('aws-sdk'), from 'aws-sdk', import 'aws-sdk', with an optional /subpath.
// The quote must sit right before `aws-sdk`, so `@aws-sdk/client-s3` and `aws-sdk-client-mock` never match.
const SDK_V2 =
  /\brequire\s*\(\s*(['"`])aws-sdk(?:\/[^'"`\n]*)?\1\s*\)|\bimport\s*\(\s*(['"`])aws-sdk(?:\/[^'"`\n]*)?\2|\bfrom\s*(['"])aws-sdk(?:\/[^'"\n]*)?\3|\bimport\s*(['"])aws-sdk(?:\/[^'"\n]*)?\4/;

/** The first place a JavaScript/TypeScript source loads the AWS SDK v2, ignoring comments. */
export function findAwsSdkV2Import(source: string): SdkV2Import | undefined {
  if (!source.includes('aws-sdk')) return undefined;
  const code = stripComments(source);
  const match = SDK_V2.exec(code);
  if (!match) return undefined;
  let line = 1;
  for (let i = code.indexOf('\n'); i !== -1 && i < match.index; i = code.indexOf('\n', i + 1)) {
    line++;
  }
  return { line, statement: match[0] };
}

/**
 * Blanks out // and /* comments (keeping line breaks, so line numbers hold) while
 * leaving strings alone, so a commented-out `require('aws-sdk')` is not a finding.
 * Regular expression literals are not parsed: at worst that hides code (no false finding).
 */
function stripComments(text: string): string {
  const out: string[] = [];
  let kept = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\'' || c === '"' || c === '`') {
      i = endOfString(text, i);
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      out.push(text.slice(kept, i), ' ');
      i = kept = end === -1 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      out.push(text.slice(kept, i), ' ', '\n'.repeat(countNewlines(text, i, end)));
      i = kept = end;
    } else {
      i++;
    }
  }
  out.push(text.slice(kept));
  return out.join('');
}

/** Index just past the string starting at `start`; '…' and "…" also end at a line break. */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (c === quote) {
      return i + 1;
    } else if (c === '\n' && quote !== '`') {
      return i;
    } else {
      i++;
    }
  }
  return text.length;
}

/** Line breaks in text[from, to): what a blanked-out block comment must keep. */
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    count++;
  }
  return count;
}
