import { LocalBackend, S3Backend, TerraformBackend, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { constructSuffix, validateName, warn } from './construct-helpers';
import { constructError, describeValue } from '../../core/errors';
import { TF_NAME_SPECS } from '../../core/rules/physical-names';
import { TF_SECURE_DEFAULTS } from '../secure-defaults';

/** Properties of `S3BackendWithLockfile`. */
export interface S3BackendWithLockfileProps {
  /**
   * The S3 bucket holding the state. It must exist before `terraform init`.
   *
   * @default - the context key `terraformStateBucket`, then the environment variable
   * `TERRAFORM_STATE_BUCKET`; when none is set the stack falls back to the local backend, with a warning
   */
  readonly bucket?: string;

  /**
   * The Region of the state bucket.
   *
   * @default - not written: Terraform takes it from AWS_REGION / AWS_DEFAULT_REGION or the AWS profile at `terraform init`
   */
  readonly region?: string;

  /**
   * The environment suffix, the first segment of the state key `<suffix>/<stack name>.tfstate`.
   * It must be a literal: Terraform backends cannot read variables.
   *
   * @default - `tf.EnvironmentSuffix.resolve`: the context key `environmentSuffix`, then the environment variable `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;
}

/**
 * The stack's state backend: S3 with `use_lockfile = true` (native S3 locking, Terraform 1.10+),
 * `encrypt = true`, no `dynamodb_table`, and the key `<environment suffix>/<stack name>.tfstate`,
 * so each environment of each stack keeps its own state.
 *
 * The bucket comes from the `bucket` prop, then the context key `terraformStateBucket`, then the
 * environment variable `TERRAFORM_STATE_BUCKET`. With none of them set the stack keeps local state
 * (cdktf's default) and a `[cdk-safe-patterns:state-bucket-missing]` warning says so; the checks'
 * `local-backend` warning is left standing, because local state in CI is the real problem it names.
 *
 * Add it once per stack, and no other backend.
 */
export class S3BackendWithLockfile extends Construct {
  /** Context key read for the state bucket when no `bucket` prop is given. */
  public static readonly BUCKET_CONTEXT_KEY: string = 'terraformStateBucket';
  /** Environment variable read for the state bucket when neither the prop nor the context key is set. */
  public static readonly BUCKET_ENVIRONMENT_VARIABLE: string = 'TERRAFORM_STATE_BUCKET';

  /** The backend added to the stack: an S3Backend, or a LocalBackend when no bucket is configured. */
  public readonly backend: TerraformBackend;
  /** True when the state is stored in S3; false after the local fallback. */
  public readonly isRemote: boolean;
  /** The state bucket, when one is configured. */
  public readonly bucket?: string;
  /** The state key, `<environment suffix>/<stack name>.tfstate` (also computed for the local fallback). */
  public readonly key: string;

  public constructor(scope: Construct, id: string, props: S3BackendWithLockfileProps = {}) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const existing = stack.node.findAll().filter((c) => TerraformBackend.isBackend(c));
    if (existing.length > 0) {
      throw constructError(
        this.node.path,
        'The stack already has a backend; Terraform accepts one backend per configuration.',
        `backend at ${existing[0].node.path}`,
        'remove the other backend and let S3BackendWithLockfile configure the state',
      );
    }

    const suffix = constructSuffix(this, props.environmentSuffix);
    if (suffix.unresolved) {
      throw constructError(
        this.node.path,
        'The environment suffix is a token, but the state key is read at `terraform init`, before any variable exists.',
        describeValue(props.environmentSuffix ?? suffix.value),
        'pass a literal environmentSuffix (or set the context key environmentSuffix / ENVIRONMENT_SUFFIX)',
      );
    }
    this.key = `${suffix.value}/${stack.node.id}.tfstate`;

    this.bucket = this.stateBucket(props.bucket);
    if (this.bucket === undefined) {
      this.isRemote = false;
      this.backend = new LocalBackend(this, {});
      warn(
        this,
        'state-bucket-missing',
        `No state bucket is configured (prop bucket, context key "${S3BackendWithLockfile.BUCKET_CONTEXT_KEY}", environment variable ` +
          `${S3BackendWithLockfile.BUCKET_ENVIRONMENT_VARIABLE}): the stack falls back to the local backend and keeps its state on this machine, ` +
          `which CI loses after each run. Fix: export ${S3BackendWithLockfile.BUCKET_ENVIRONMENT_VARIABLE}=<existing bucket>.`,
      );
      return;
    }

    if (props.region !== undefined) this.validateRegion(props.region);
    this.isRemote = true;
    const backend = new S3Backend(this, {
      bucket: this.bucket,
      key: this.key,
      region: props.region,
      encrypt: TF_SECURE_DEFAULTS.backend.encrypt,
    });
    // cdktf 0.21's S3BackendConfig has no useLockfile: write it as an override.
    backend.addOverride('use_lockfile', TF_SECURE_DEFAULTS.backend.useLockfile);
    this.backend = backend;

    // A backend added to the stack after this one would make Terraform reject the configuration.
    this.node.addValidation({
      validate: () => {
        const backends = stack.node.findAll().filter((c) => TerraformBackend.isBackend(c));
        return backends.length > 1
          ? [`${this.node.path}: the stack has ${backends.length} backends (${backends.map((b) => b.node.path).join(', ')}); keep only S3BackendWithLockfile's.`]
          : [];
      },
    });
  }

  /** The bucket from the prop, the context key or the environment variable; blank values count as unset. */
  private stateBucket(prop: string | undefined): string | undefined {
    const sources: Array<[string, unknown]> = [
      ['the bucket prop', prop],
      [`the context key "${S3BackendWithLockfile.BUCKET_CONTEXT_KEY}"`, this.node.tryGetContext(S3BackendWithLockfile.BUCKET_CONTEXT_KEY)],
      [`the environment variable ${S3BackendWithLockfile.BUCKET_ENVIRONMENT_VARIABLE}`, process.env[S3BackendWithLockfile.BUCKET_ENVIRONMENT_VARIABLE]],
    ];
    for (const [source, value] of sources) {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue;
      if (typeof value !== 'string' || Token.isUnresolved(value)) {
        throw constructError(
          this.node.path,
          `The state bucket from ${source} must be a literal bucket name: Terraform reads the backend before any variable or resource exists.`,
          describeValue(value),
          'pass the name of an existing S3 bucket',
        );
      }
      validateName(this, 'state bucket', value, TF_NAME_SPECS.aws_s3_bucket, `set ${source} to the name of an existing S3 bucket`, false);
      return value;
    }
    return undefined;
  }

  private validateRegion(region: string): void {
    if (Token.isUnresolved(region) || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      throw constructError(
        this.node.path,
        'region must be a literal AWS Region name: Terraform reads the backend before any variable or data source exists.',
        describeValue(region),
        'pass a Region such as "eu-west-1", or leave region out and set AWS_REGION',
      );
    }
  }
}
