/** IAM policy documents as cdktf and CloudFormation hold them in strings. */

/**
 * A policy document held in a string: plain JSON (`JSON.stringify` in cdktf, a CloudFormation
 * JSON-string property), or cdktf's `Fn.jsonencode(...)`, which arrives as the HCL expression
 * `${jsonencode({"Version" = "2012-10-17", ...})}`. Undefined for anything else (a whole-value
 * reference such as `${data.aws_iam_policy_document.x.json}`, invalid JSON or HCL).
 */
export function parsePolicyString(text: string): unknown {
  // Called for every string of every resource: the cheap test first.
  if (!text.includes('Statement')) {
    return undefined;
  }
  const trimmed = text.trim();
  try {
    const jsonencode = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(trimmed);
    if (jsonencode) {
      return new HclReader(jsonencode[1]).document();
    }
    return trimmed.startsWith('{') ? JSON.parse(trimmed) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the HCL literal cdktf renders inside jsonencode: quoted keys with `=`, strings, numbers,
 * booleans, tuples and objects. Any other expression (`aws_s3_bucket.b.arn`, `join("", [...])`)
 * becomes the string `${expression}`: a reference, never a literal. Throws on what it cannot read;
 * parsePolicyString turns that into undefined.
 */
class HclReader {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): unknown {
    const value = this.value();
    this.space();
    if (this.i !== this.s.length) throw new Error('trailing input');
    return value;
  }

  private value(): unknown {
    this.space();
    const c = this.s[this.i];
    if (c === '"') return this.string();
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    const start = this.i;
    this.skipExpression();
    const text = this.s.slice(start, this.i).trim();
    if (text === '') throw new Error('empty value');
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
    if (text === 'true' || text === 'false') return text === 'true';
    if (text === 'null') return null;
    return '${' + text + '}';
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.space();
      if (this.s[this.i] === '}') {
        this.i++;
        return result;
      }
      const key = this.s[this.i] === '"' ? this.string() : this.identifier();
      this.space();
      if (this.s[this.i] !== '=' && this.s[this.i] !== ':') throw new Error('expected =');
      this.i++;
      result[key] = this.value();
      this.separator('}');
    }
  }

  private tuple(): unknown[] {
    const result: unknown[] = [];
    this.i++;
    for (;;) {
      this.space();
      if (this.s[this.i] === ']') {
        this.i++;
        return result;
      }
      result.push(this.value());
      this.separator(']');
    }
  }

  private separator(close: string): void {
    this.space();
    if (this.s[this.i] === ',') this.i++;
    else if (this.s[this.i] !== close) throw new Error(`expected , or ${close}`);
  }

  /** A quoted string; a `${...}` template inside it is kept as written (so it reads as a reference). */
  private string(): string {
    const escapes: Record<string, string> = { 'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\' };
    let result = '';
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      const c = this.s[this.i];
      if (c === '\\') {
        const next = this.s[this.i + 1] ?? '';
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
          result += String.fromCharCode(parseInt(this.s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else {
          result += escapes[next] ?? next;
          this.i += 2;
        }
      } else if (this.s.startsWith('${', this.i)) {
        const start = this.i;
        this.skipTemplate();
        this.i++;
        result += this.s.slice(start, this.i);
      } else {
        result += c;
        this.i++;
      }
    }
    if (this.i >= this.s.length) throw new Error('unterminated string');
    this.i++;
    return result;
  }

  private identifier(): string {
    const match = /^[A-Za-z_][\w-]*/.exec(this.s.slice(this.i));
    if (!match) throw new Error('expected a key');
    this.i += match[0].length;
    return match[0];
  }

  /** Moves to the `}` closing the template opened at this.i. */
  private skipTemplate(): void {
    this.i += 2;
    let depth = 1;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === '{') depth++;
      if (c === '}' && --depth === 0) return;
      this.i++;
    }
    throw new Error('unterminated template');
  }

  /** Moves past an expression to the `,`, `]` or `}` that ends it at this nesting level. */
  private skipExpression(): void {
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.string();
        continue;
      }
      if (depth === 0 && (c === ',' || c === ']' || c === '}')) return;
      if (c === '(' || c === '[' || c === '{') depth++;
      if (c === ')' || c === ']' || c === '}') depth--;
      this.i++;
    }
  }

  private space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
}
