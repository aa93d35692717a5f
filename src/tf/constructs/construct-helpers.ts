// Internal helpers the cdktf constructs share; not exported from the package.
import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ENVIRONMENT_SUFFIX_METADATA_KEY, resolveSuffixFor } from '../../core/environment-suffix';
import { constructError, describeValue } from '../../core/errors';
import { NameRules } from '../../core/rules/physical-names';

/** Prefix of the warnings the constructs attach: `[cdk-safe-patterns:<id>] ...` (cdktf warnings carry no id of their own). */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarning(`[cdk-safe-patterns:${id}] ${message}`);
}

/**
 * The environment suffix for a construct (prop, context `environmentSuffix`, variable ENVIRONMENT_SUFFIX).
 * A literal suffix is recorded on the construct, as tf.EnvironmentSuffix does, so the checks
 * compare names with the suffix the construct used.
 */
export function constructSuffix(scope: IConstruct, explicit: string | undefined): { readonly value: string; readonly unresolved: boolean } {
  const resolved = resolveSuffixFor(scope, explicit, (v) => Token.isUnresolved(v));
  if (!resolved.unresolved) scope.node.addMetadata(ENVIRONMENT_SUFFIX_METADATA_KEY, resolved.value);
  return { value: resolved.value, unresolved: resolved.unresolved };
}

/** A non-empty literal base name (tokens are left alone: Terraform judges them at plan). */
export function requireBaseName(scope: IConstruct, prop: string, value: unknown, example: string): string {
  if (typeof value !== 'string' || (!Token.isUnresolved(value) && value.trim() === '')) {
    throw constructError(scope.node.path, `${prop} is required: it is the name the environment suffix is appended to.`, describeValue(value), `pass ${prop}: "${example}"`);
  }
  return value;
}

/**
 * Throws when a literal physical name breaks the service's rules; tokens are not judged.
 * `suffixed` says the name carries the environment suffix, which the message then counts in.
 */
export function validateName(scope: IConstruct, what: string, name: string, rules: NameRules, fix: string, suffixed = true): void {
  if (Token.isUnresolved(name)) return;
  if (name.length < rules.min || name.length > rules.max || !rules.pattern.test(name)) {
    throw constructError(
      scope.node.path,
      `The ${what} name must be ${rules.min}-${rules.max} characters of ${rules.describe} (${suffixed ? 'suffix included, ' : ''}${name.length} characters).`,
      describeValue(name),
      fix,
    );
  }
}

/** Throws unless a literal number is an integer within [min, max]; tokens are not judged. */
export function validateInteger(scope: IConstruct, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw constructError(scope.node.path, `${prop} must be a whole number from ${min} to ${max}.`, describeValue(value), `pass ${prop} between ${min} and ${max}`);
  }
}
