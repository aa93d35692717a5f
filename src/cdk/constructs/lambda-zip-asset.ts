import * as fs from 'fs';
import * as path from 'path';
import { Annotations, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { suffixedName } from './suffixed-name';
import { constructError, describeValue } from '../../core/errors';
import { handlerTarget, nodejsMajor, openCode, runtimeFamily } from '../../core/rules/shared/lambda-code';
import { findAwsSdkV2Import } from '../../core/rules/shared/sdk-imports';
import { EnvironmentSuffix } from '../environment-suffix';
import { SECURE_DEFAULTS } from '../secure-defaults';

/** The first Node.js runtime without the AWS SDK v2 (seed 000 "Lambda Runtime - AWS SDK Missing"). */
const FIRST_NODEJS_WITHOUT_SDK_V2 = 18;
const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const DECLARATION_FILE = /\.d\.[mc]?ts$/;
/** Warning id for code that loads the AWS SDK v2 on a runtime without it. */
const SDK_V2_WARNING = 'cdk-safe-patterns:lambda-sdk-v2';

/** Properties for `LambdaZipAsset`. */
export interface LambdaZipAssetProps {
  /**
   * The directory holding the function's code, zipped as it is. An absolute path, or a path
   * relative to `baseDirectory`; never relative to the working directory, which differs
   * between `cdk synth`, tests and CI. Build it from your module's own directory:
   * `path.join(__dirname, 'lambda')` (TypeScript), `os.path.join(os.path.dirname(__file__), "lambda")` (Python).
   */
  readonly path: string;

  /**
   * The absolute directory a relative `path` is resolved against, usually the calling module's directory.
   *
   * @default - none: `path` must be absolute
   */
  readonly baseDirectory?: string;

  /** The runtime the code is for: the handler's file is looked up with its rules. */
  readonly runtime: lambda.Runtime;

  /**
   * The handler, `<file>.<export>` for Node.js (`index.handler` -> index.js, .mjs or .cjs) or
   * `<module>.<function>` for Python (`app.handler` -> app.py).
   *
   * @default 'index.handler'
   */
  readonly handler?: string;

  /**
   * Glob patterns of files left out of the zip.
   *
   * @default - nothing is left out
   */
  readonly exclude?: string[];

  /**
   * The environment suffix, for functions named with `baseName`.
   *
   * @default - resolved by `cdk.EnvironmentSuffix` when a function is named: the `environmentSuffix` context key, then `ENVIRONMENT_SUFFIX`
   */
  readonly environmentSuffix?: string;
}

/** Options for `LambdaZipAsset.addFunction`. */
export interface LambdaZipFunctionOptions extends lambda.FunctionOptions {
  /**
   * The function name without the suffix: the function is named `<baseName>-<suffix>`.
   * Cannot be combined with `functionName`.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly baseName?: string;
}

/**
 * A Lambda function's code as a zip asset of a source directory, checked when it is created:
 * the directory must exist and hold the handler's file, and Node.js 18+ code that loads the
 * AWS SDK v2 (`aws-sdk`, absent from those runtimes) gets a warning.
 *
 * @example
 * import * as path from 'path';
 * import * as lambda from 'aws-cdk-lib/aws-lambda';
 * import { cdk } from 'cdk-safe-patterns';
 *
 * const code = new cdk.LambdaZipAsset(this, 'Code', {
 *   path: path.join(__dirname, 'lambda'),
 *   runtime: lambda.Runtime.NODEJS_24_X,
 * });
 * code.addFunction('Handler', { baseName: 'orders-handler' });
 */
export class LambdaZipAsset extends Construct {
  /** The absolute path of the code directory. */
  public readonly path: string;
  /** The code, for `lambda.Function`'s `code`. */
  public readonly code: lambda.AssetCode;
  /** The handler, for `lambda.Function`'s `handler`. */
  public readonly handler: string;
  /** The runtime, for `lambda.Function`'s `runtime`. */
  public readonly runtime: lambda.Runtime;

  private readonly environmentSuffixProp?: string;
  private suffix?: EnvironmentSuffix;

  public constructor(scope: Construct, id: string, props: LambdaZipAssetProps) {
    super(scope, id);
    this.handler = props.handler ?? SECURE_DEFAULTS.lambdaHandler;
    this.runtime = props.runtime;
    this.environmentSuffixProp = props.environmentSuffix;
    this.path = this.resolvePath(props.path, props.baseDirectory);
    if (!Token.isUnresolved(this.path)) {
      this.checkDirectory();
    }
    this.code = lambda.Code.fromAsset(this.path, { exclude: props.exclude });
  }

  /**
   * Adds a function running this code. Unless `logGroup` or `logRetention` is given, the function
   * logs to its own log group, kept one week and removed with the stack, and (unless `role` is
   * given) gets a role that may write only to that log group.
   *
   * @param id the function's construct id, below this construct
   * @param options the function's options; `code`, `handler` and `runtime` come from this asset
   */
  public addFunction(id: string, options: LambdaZipFunctionOptions = {}): lambda.Function {
    const { baseName, ...functionOptions } = options;
    if (baseName !== undefined && options.functionName !== undefined) {
      throw constructError(
        this.node.path,
        'baseName and functionName both name the function.',
        `baseName=${describeValue(baseName)}, functionName=${describeValue(options.functionName)}`,
        'pass baseName (the suffix is added) or functionName, not both',
      );
    }
    const functionName = baseName === undefined
      ? options.functionName
      : suffixedName(this, this.environmentSuffix(), baseName, 'AWS::Lambda::Function', 'baseName');
    let logGroup = options.logGroup;
    let role = options.role;
    if (logGroup === undefined && options.logRetention === undefined) {
      const created = new logs.LogGroup(this, `${id}LogGroup`, {
        retention: SECURE_DEFAULTS.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      logGroup = created;
      if (!role) {
        const ownRole = new iam.Role(this, `${id}Role`, {
          assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
          description: `Role of the Lambda function ${this.node.path}/${id}`,
        });
        // Only its own log group, instead of AWSLambdaBasicExecutionRole's logs permissions on every log group.
        created.grantWrite(ownRole);
        role = ownRole;
      }
    }
    return new lambda.Function(this, id, {
      ...functionOptions,
      functionName,
      logGroup,
      role,
      code: this.code,
      handler: this.handler,
      runtime: this.runtime,
    });
  }

  private environmentSuffix(): EnvironmentSuffix {
    // Resolved only when a name needs it: an unnamed function needs no suffix.
    this.suffix ??= new EnvironmentSuffix(this, 'EnvironmentSuffix', { environmentSuffix: this.environmentSuffixProp });
    return this.suffix;
  }

  private resolvePath(given: string, baseDirectory: string | undefined): string {
    if (typeof given !== 'string' || given.trim() === '') {
      throw constructError(this.node.path, 'path must name the directory holding the function\'s code.', describeValue(given), 'pass path.join(__dirname, \'lambda\')');
    }
    if (Token.isUnresolved(given) || path.isAbsolute(given)) {
      return given;
    }
    if (baseDirectory === undefined) {
      throw constructError(
        this.node.path,
        'path is relative, so the code found would depend on the directory `cdk synth` runs in.',
        describeValue(given),
        'pass an absolute path built from your module\'s directory: path.join(__dirname, ' +
          `${describeValue(given)}) in TypeScript, os.path.join(os.path.dirname(__file__), ${describeValue(given)}) in Python, ` +
          'or set baseDirectory to that directory',
      );
    }
    if (!path.isAbsolute(baseDirectory)) {
      throw constructError(
        this.node.path,
        'baseDirectory must be absolute: it is what makes a relative path independent of the working directory.',
        describeValue(baseDirectory),
        'pass __dirname (TypeScript) or os.path.dirname(__file__) (Python)',
      );
    }
    return path.resolve(baseDirectory, given);
  }

  private checkDirectory(): void {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(this.path);
    } catch {
      stat = undefined;
    }
    if (!stat?.isDirectory()) {
      throw constructError(
        this.node.path,
        stat ? 'The Lambda code path is a file, not a directory.' : 'The Lambda code directory does not exist.',
        describeValue(this.path),
        'point path at the directory holding the handler\'s file (build it first if it is generated)',
      );
    }
    const family = runtimeFamily(this.runtime.name);
    const opened = openCode(this.path);
    if (family === undefined || opened.status !== 'ok') {
      return;
    }
    const target = handlerTarget(this.handler, family);
    if (target.kind === 'malformed') {
      throw constructError(
        this.node.path,
        `The handler is not valid for ${this.runtime.name}: ${target.reason}.`,
        describeValue(this.handler),
        family === 'nodejs' ? 'use <file>.<export>, e.g. "index.handler"' : 'use <module>.<function>, e.g. "app.handler"',
      );
    }
    if (target.kind === 'module' && !target.foundIn(opened.code)) {
      throw constructError(
        this.node.path,
        `The handler's file is not in the code directory ${describeValue(this.path)}: Lambda would fail every invocation with Runtime.ImportModuleError.`,
        `handler ${describeValue(this.handler)}, looked for ${target.expected}`,
        'fix the handler, or point path at the directory that holds the file (build output, not sources, if you compile)',
      );
    }
    const major = nodejsMajor(this.runtime.name);
    if (major !== undefined && major >= FIRST_NODEJS_WITHOUT_SDK_V2 && !opened.code.bundles('aws-sdk')) {
      for (const file of opened.code.files(SOURCE_EXTENSIONS)) {
        if (DECLARATION_FILE.test(file.path)) continue;
        const found = findAwsSdkV2Import(file.read() ?? '');
        if (found) {
          Annotations.of(this).addWarningV2(
            SDK_V2_WARNING,
            `${file.path} loads the AWS SDK v2 at line ${found.line} (${found.statement}), but ${this.runtime.name} includes only ` +
              'the v3 SDK: the function fails with "Cannot find module \'aws-sdk\'". Use @aws-sdk/client-* (v3) or bundle aws-sdk.',
          );
          return;
        }
      }
    }
  }
}
