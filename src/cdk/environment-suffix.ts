import { Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { EnvironmentSuffixBase, EnvironmentSuffixProps, resolveSuffixFor } from '../core';

/**
 * The environment suffix of an aws-cdk-lib app, resolved once and shared by
 * every name that needs it.
 *
 * The suffix comes from the `environmentSuffix` prop, then the
 * `environmentSuffix` context key, then the `ENVIRONMENT_SUFFIX` environment
 * variable. When none is set, or the value is not lowercase letters, digits and
 * hyphens, construction fails with an error naming all three sources.
 *
 * @example
 * import * as s3 from 'aws-cdk-lib/aws-s3';
 * import { cdk } from 'cdk-safe-patterns';
 *
 * const suffix = new cdk.EnvironmentSuffix(this, 'Suffix');
 * new s3.Bucket(this, 'Data', { bucketName: suffix.withSuffix('data') });
 */
export class EnvironmentSuffix extends EnvironmentSuffixBase {
  /**
   * Resolves the suffix for a scope without adding a construct to the tree.
   *
   * @param scope the construct whose context is read; its path appears in errors
   * @param environmentSuffix an explicit suffix, which wins over context and environment
   */
  public static resolve(scope: IConstruct, environmentSuffix?: string): string {
    return resolveSuffixFor(scope, environmentSuffix, (value) => Token.isUnresolved(value)).value;
  }

  public constructor(scope: Construct, id: string, props: EnvironmentSuffixProps = {}) {
    super(scope, id, props);
  }

  protected isUnresolved(value: any): boolean {
    return Token.isUnresolved(value);
  }
}
