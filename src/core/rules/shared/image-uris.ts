/** Container image URIs (`registry/path/name:tag`) and the repositories they name. */
import { escapeRegExp } from './names';
import { referenceEnd, templateString } from '../values';

/** Stands in for the characters of a `${...}` reference while the URI is split. */
const MASK = '\u0000';

/**
 * The repository path of an image URI (`registry/path/name:tag` or `@digest`), when it is
 * literal; undefined when a reference supplies any part of it.
 */
export function literalRepository(uri: string): string | undefined {
  const masked = maskReferences(uri);
  const start = masked.indexOf('/') + 1;
  const digest = masked.indexOf('@', start);
  const tag = masked.lastIndexOf(':');
  const end = digest !== -1 ? digest : tag >= start ? tag : masked.length;
  const repository = masked.slice(start, end);
  return repository === '' || repository.includes(MASK) ? undefined : repository;
}

/** True when a repository's name (literal, or with references standing for any text) can be `repository`. */
export function repositoryNameMatches(name: unknown, repository: string): boolean {
  const template = name === undefined || name === null ? undefined : templateString(name);
  if (template === undefined) return false;
  const masked = maskReferences(template);
  if (!masked.includes(MASK)) return masked === repository;
  const pattern = masked
    .split(new RegExp(`${MASK}+`))
    .map(escapeRegExp)
    .join('.+');
  return new RegExp(`^${pattern}$`).test(repository);
}

/**
 * Replaces every `${...}` (nested braces included) and CloudFormation dynamic reference
 * (`{{resolve:ssm:...}}`) by as many MASK characters.
 */
function maskReferences(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const close = text.startsWith('{{resolve:', i) ? text.indexOf('}}', i) : -1;
    if (close !== -1) {
      out += MASK.repeat(close + 2 - i);
      i = close + 2;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      const end = referenceEnd(text, i);
      out += MASK.repeat(end - i);
      i = end;
    } else {
      out += text[i++];
    }
  }
  return out;
}
