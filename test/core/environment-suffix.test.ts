import { EnvironmentSuffixSource, resolveEnvironmentSuffix, appendSuffix } from '../../src/core';

const neverToken = (): boolean => false;

describe('resolveEnvironmentSuffix', () => {
  test('GIVEN all three sources WHEN resolving THEN the prop wins', () => {
    // WHEN
    const resolved = resolveEnvironmentSuffix({ path: 'App/S', prop: 'pr1', context: 'ctx', environmentVariable: 'env', isUnresolved: neverToken });
    // THEN
    expect(resolved).toEqual({ value: 'pr1', source: EnvironmentSuffixSource.PROP, unresolved: false });
  });

  test('GIVEN no prop WHEN resolving THEN context wins over the environment variable', () => {
    const resolved = resolveEnvironmentSuffix({ path: 'App/S', context: 'ctx', environmentVariable: 'env', isUnresolved: neverToken });
    expect(resolved.value).toBe('ctx');
    expect(resolved.source).toBe(EnvironmentSuffixSource.CONTEXT);
  });

  test('GIVEN only the environment variable WHEN resolving THEN it is used', () => {
    const resolved = resolveEnvironmentSuffix({ path: 'App/S', environmentVariable: 'ci-42', isUnresolved: neverToken });
    expect(resolved.value).toBe('ci-42');
    expect(resolved.source).toBe(EnvironmentSuffixSource.ENVIRONMENT_VARIABLE);
  });

  test('GIVEN blank prop and context WHEN resolving THEN they count as unset', () => {
    const resolved = resolveEnvironmentSuffix({ path: 'App/S', prop: '', context: '  ', environmentVariable: 'env1', isUnresolved: neverToken });
    expect(resolved.value).toBe('env1');
  });

  test('GIVEN a numeric context value WHEN resolving THEN it is used as digits', () => {
    const resolved = resolveEnvironmentSuffix({ path: 'App/S', context: 42, isUnresolved: neverToken });
    expect(resolved.value).toBe('42');
  });

  test('GIVEN a token WHEN resolving THEN it is returned unvalidated and marked unresolved', () => {
    const resolved = resolveEnvironmentSuffix({ path: 'App/S', prop: '${Token[X.1]}', isUnresolved: (v) => v === '${Token[X.1]}' });
    expect(resolved).toEqual({ value: '${Token[X.1]}', source: EnvironmentSuffixSource.PROP, unresolved: true });
  });

  test('GIVEN nothing set WHEN resolving THEN the error names the path, all three sources and what each held', () => {
    expect(() => resolveEnvironmentSuffix({ path: 'App/Stack/Suffix', prop: '', isUnresolved: neverToken })).toThrow(
      /^App\/Stack\/Suffix: No environment suffix is set.*Received: prop environmentSuffix="", context "environmentSuffix"=nothing, environment variable ENVIRONMENT_SUFFIX=nothing\. Fix: pass the environmentSuffix prop, or set the context key "environmentSuffix".*or export ENVIRONMENT_SUFFIX=dev$/,
    );
  });

  test.each([
    ['Prod', 'uppercase'],
    ['dev_1', 'underscore'],
    ['dev 1', 'space'],
    ['dév', 'non-ascii'],
  ])('GIVEN the suffix %j (%s) WHEN resolving THEN the error names the source and the value', (value) => {
    expect(() => resolveEnvironmentSuffix({ path: 'App/S', context: value, isUnresolved: neverToken })).toThrow(
      `App/S: The environment suffix from the context key "environmentSuffix" is not valid: it must be lowercase letters, digits and hyphens, because it becomes part of resource names. Received: ${JSON.stringify(value)}.`,
    );
  });

  test('GIVEN an object in context WHEN resolving THEN the error shows the object', () => {
    expect(() => resolveEnvironmentSuffix({ path: 'App/S', context: { env: 'dev' }, isUnresolved: neverToken })).toThrow(/Received: \{"env":"dev"\}/);
  });

  test('GIVEN a malformed prop and a valid environment variable WHEN resolving THEN the prop error is not skipped', () => {
    expect(() => resolveEnvironmentSuffix({ path: 'App/S', prop: 'BAD', environmentVariable: 'good', isUnresolved: neverToken })).toThrow(/from the environmentSuffix prop is not valid/);
  });
});

describe('appendSuffix', () => {
  test('GIVEN a base name WHEN appending THEN the result is base-suffix', () => {
    expect(appendSuffix('App/S', 'data', 'pr1')).toBe('data-pr1');
  });

  test('GIVEN an empty base name WHEN appending THEN the error names the path', () => {
    expect(() => appendSuffix('App/S', ' ', 'pr1')).toThrow('App/S: A base name is required to build a suffixed name. Received: " ". Fix: pass a non-empty base name such as "data"');
  });
});
