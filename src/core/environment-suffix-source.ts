/** Where an environment suffix was found. */
export enum EnvironmentSuffixSource {
  /** The construct's `environmentSuffix` prop. */
  PROP = 'prop',
  /** The `environmentSuffix` context key. */
  CONTEXT = 'context',
  /** The `ENVIRONMENT_SUFFIX` environment variable. */
  ENVIRONMENT_VARIABLE = 'environment-variable',
}
