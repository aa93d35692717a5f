/**
 * Builds the error every construct of this library throws for bad input: one
 * line that names the construct path, what was received and how to fix it, so
 * that a user never has to read a stack trace from deep inside a framework.
 */
export function constructError(path: string, problem: string, received: string, fix: string): Error {
  const error = new Error(`${path || '<root>'}: ${problem} Received: ${received}. Fix: ${fix}`);
  error.name = 'SafePatternsError';
  return error;
}

/** Renders a received value for an error message, quoting strings so that '' and ' ' stay visible. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
