import { IConstruct } from 'constructs';
import { EnvironmentSuffixSource } from './environment-suffix-source';
import { constructError, describeValue } from './errors';

/** Context key read when no suffix is passed as a prop. */
export const ENVIRONMENT_SUFFIX_CONTEXT_KEY = 'environmentSuffix';
/** Environment variable read when neither the prop nor the context key is set. */
export const ENVIRONMENT_SUFFIX_VARIABLE = 'ENVIRONMENT_SUFFIX';

/** Metadata type the suffix helpers record, so the checks can find the suffix an app uses. */
export const ENVIRONMENT_SUFFIX_METADATA_KEY = 'cdk-safe-patterns:environment-suffix';

/** Lowercase letters, digits and hyphens: valid inside S3, IAM, Lambda, SQS and Terraform names alike. */
const SUFFIX_PATTERN = /^[a-z0-9-]+$/;

/** What a framework adapter hands the core: the raw values of the three sources. */
export interface SuffixSources {
  /** Construct path, for error messages. */
  readonly path: string;
  readonly prop?: unknown;
  readonly context?: unknown;
  readonly environmentVariable?: unknown;
  /** The framework's own token test (aws-cdk-lib and cdktf each have one). */
  readonly isUnresolved: (value: unknown) => boolean;
}

export interface ResolvedSuffix {
  readonly value: string;
  readonly source: EnvironmentSuffixSource;
  /** True when the value is a token (a CloudFormation parameter, a Terraform variable) and was not validated. */
  readonly unresolved: boolean;
}

/**
 * Resolves the environment suffix: prop, then context, then environment variable.
 * Empty or blank values count as unset, because generated code often writes
 * `process.env.X ?? ''`; a value that is set but malformed is an error, never skipped.
 */
export function resolveEnvironmentSuffix(sources: SuffixSources): ResolvedSuffix {
  const candidates: Array<[EnvironmentSuffixSource, unknown]> = [
    [EnvironmentSuffixSource.PROP, sources.prop],
    [EnvironmentSuffixSource.CONTEXT, sources.context],
    [EnvironmentSuffixSource.ENVIRONMENT_VARIABLE, sources.environmentVariable],
  ];
  for (const [source, raw] of candidates) {
    if (isUnset(raw)) {
      continue;
    }
    if (sources.isUnresolved(raw)) {
      return { value: raw as string, source, unresolved: true };
    }
    const value = typeof raw === 'number' ? String(raw) : raw;
    if (typeof value !== 'string' || !SUFFIX_PATTERN.test(value)) {
      throw constructError(
        sources.path,
        `The environment suffix from ${describeSource(source)} is not valid: it must be lowercase letters, digits and hyphens, because it becomes part of resource names.`,
        describeValue(raw),
        `use a value such as "dev", "pr123" or "synth-4f2a" in ${describeSource(source)}`,
      );
    }
    return { value, source, unresolved: false };
  }
  throw constructError(
    sources.path,
    'No environment suffix is set, so resource names cannot be made unique per environment.',
    `prop environmentSuffix=${describeValue(sources.prop)}, context "${ENVIRONMENT_SUFFIX_CONTEXT_KEY}"=${describeValue(sources.context)}, ` +
      `environment variable ${ENVIRONMENT_SUFFIX_VARIABLE}=${describeValue(sources.environmentVariable)}`,
    `pass the environmentSuffix prop, or set the context key "${ENVIRONMENT_SUFFIX_CONTEXT_KEY}" (e.g. -c ${ENVIRONMENT_SUFFIX_CONTEXT_KEY}=dev), ` +
      `or export ${ENVIRONMENT_SUFFIX_VARIABLE}=dev`,
  );
}

/** Appends the suffix to a base name: `<baseName>-<suffix>`. */
export function appendSuffix(path: string, baseName: string, suffix: string): string {
  if (typeof baseName !== 'string' || baseName.trim() === '') {
    throw constructError(path, 'A base name is required to build a suffixed name.', describeValue(baseName), 'pass a non-empty base name such as "data"');
  }
  return `${baseName}-${suffix}`;
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function describeSource(source: EnvironmentSuffixSource): string {
  switch (source) {
    case EnvironmentSuffixSource.PROP:
      return 'the environmentSuffix prop';
    case EnvironmentSuffixSource.CONTEXT:
      return `the context key "${ENVIRONMENT_SUFFIX_CONTEXT_KEY}"`;
    case EnvironmentSuffixSource.ENVIRONMENT_VARIABLE:
      return `the environment variable ${ENVIRONMENT_SUFFIX_VARIABLE}`;
  }
}

/** Reads the three sources for a scope and resolves them. */
export function resolveSuffixFor(
  scope: IConstruct,
  prop: string | undefined,
  isUnresolved: (value: unknown) => boolean,
): ResolvedSuffix {
  return resolveEnvironmentSuffix({
    path: scope.node.path,
    prop,
    context: scope.node.tryGetContext(ENVIRONMENT_SUFFIX_CONTEXT_KEY),
    environmentVariable: process.env[ENVIRONMENT_SUFFIX_VARIABLE],
    isUnresolved,
  });
}
