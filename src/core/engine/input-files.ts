import * as fs from 'fs';

/**
 * Reading synthesized output from disk, framework-free: the policy validation plugin and the
 * command line both read cloud assemblies and cdk.tf.json files through here.
 */

/** Something wrong with one input file: reported as one line, never as a stack trace. */
export class InputError extends Error {
  public constructor(public readonly file: string, public readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'InputError';
  }
}

/** One input problem, as collected while the other inputs are still read. */
export interface InputProblem {
  readonly file: string;
  readonly problem: string;
  /**
   * A note, not a problem: the input was read in full, leniently (a YAML key given twice, a cdktf.out without its
   * manifest). Shown on one line; it does not make the run incomplete or change the exit code.
   */
  readonly note?: boolean;
}

/** Reads a text file; any failure becomes an InputError that says what is wrong in words. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, describeFsError(error));
  }
}

/** Reads and parses a JSON file; invalid JSON is an InputError with the line and column. */
export function readJsonFile(file: string): unknown {
  return parseJson(file, readTextFile(file));
}

/** Parses JSON text read from `file`. */
export function parseJson(file: string, text: string): unknown {
  try {
    // A byte order mark is valid in a file but not in JSON.parse.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InputError(file, `is not valid JSON (${jsonErrorDetail(text, (error as Error).message)})`);
  }
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    default:
      return `cannot be read (${(error as Error).message})`;
  }
}

/** Node's JSON errors give a character position; people want a line and column. */
function jsonErrorDetail(text: string, message: string): string {
  const trimmed = message.replace(/^JSON\.parse: /, '');
  if (/line \d+ column \d+/.test(trimmed)) return trimmed;
  const position = /at position (\d+)/.exec(trimmed);
  // "Unexpected end of JSON input" gives no position: the end is where it is.
  if (!position && !/end of JSON input/.test(trimmed)) return trimmed;
  const before = position ? text.slice(0, Number(position[1])) : text;
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${trimmed}, line ${line} column ${column}`;
}
