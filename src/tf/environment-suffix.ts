import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { OutputMetadata } from './output-metadata';
import { EnvironmentSuffixBase, EnvironmentSuffixProps, resolveSuffixFor } from '../core';

/**
 * The environment suffix of a cdktf app, resolved once and shared by
 * every name that needs it.
 *
 * The suffix comes from the `environmentSuffix` prop, then the
 * `environmentSuffix` context key, then the `ENVIRONMENT_SUFFIX` environment
 * variable. When none is set, or the value is not lowercase letters, digits and
 * hyphens, construction fails with an error naming all three sources.
 *
 * @example
 * import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
 * import { tf } from 'cdk-safe-patterns';
 *
 * const suffix = new tf.EnvironmentSuffix(this, 'Suffix');
 * new S3Bucket(this, 'Data', { bucket: suffix.withSuffix('data') });
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
    // cdktf writes no construct metadata to cdk.tf.json: record the suffix there for the command line.
    OutputMetadata.recordFor(this);
  }

  protected isUnresolved(value: any): boolean {
    return Token.isUnresolved(value);
  }
}
