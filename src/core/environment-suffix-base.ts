import { Construct } from 'constructs';
import {
  appendSuffix,
  ENVIRONMENT_SUFFIX_CONTEXT_KEY,
  ENVIRONMENT_SUFFIX_METADATA_KEY,
  ENVIRONMENT_SUFFIX_VARIABLE,
  resolveSuffixFor,
} from './environment-suffix';
import { EnvironmentSuffixSource } from './environment-suffix-source';

/** Properties for `cdk.EnvironmentSuffix` and `tf.EnvironmentSuffix`. */
export interface EnvironmentSuffixProps {
  /**
   * The environment suffix: lowercase letters, digits and hyphens, or a token
   * (a `CfnParameter` or `TerraformVariable` value), which is used as it is, unvalidated.
   *
   * @default - the `environmentSuffix` context key, then the `ENVIRONMENT_SUFFIX` environment variable
   */
  readonly environmentSuffix?: string;
}

/**
 * What the aws-cdk-lib and cdktf suffix helpers share. Each subclass supplies
 * only its framework's token test: that is the one thing the two differ in.
 */
export abstract class EnvironmentSuffixBase extends Construct {
  /** The context key read when no prop is given. */
  public static readonly CONTEXT_KEY: string = ENVIRONMENT_SUFFIX_CONTEXT_KEY;
  /** The environment variable read when neither prop nor context is set. */
  public static readonly ENVIRONMENT_VARIABLE: string = ENVIRONMENT_SUFFIX_VARIABLE;

  /** The resolved suffix (a token when the suffix was given as one). */
  public readonly value: string;
  /** Where the suffix was found. */
  public readonly source: EnvironmentSuffixSource;

  protected constructor(scope: Construct, id: string, props: EnvironmentSuffixProps) {
    super(scope, id);
    const resolved = resolveSuffixFor(this, props.environmentSuffix, (value) => this.isUnresolved(value));
    this.value = resolved.value;
    this.source = resolved.source;
    if (!resolved.unresolved) {
      // Lets the checks (including plugin mode, which only sees the cloud assembly) use the same suffix.
      this.node.addMetadata(ENVIRONMENT_SUFFIX_METADATA_KEY, resolved.value);
    }
  }

  /**
   * Returns `<baseName>-<suffix>`.
   *
   * @param baseName the name without the suffix, e.g. `data`
   */
  public withSuffix(baseName: string): string {
    return appendSuffix(this.node.path, baseName, this.value);
  }

  /** The framework's token test. */
  protected abstract isUnresolved(value: any): boolean;
}
