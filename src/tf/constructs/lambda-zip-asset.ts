import * as fs from 'fs';
import * as path from 'path';
import { AssetType, Fn, TerraformAsset, Token } from 'cdktf';
import { Construct } from 'constructs';
import { constructError, describeValue } from '../../core/errors';
import { handlerTarget, openCode } from '../../core/rules/shared/lambda-code';

/** Properties of `LambdaZipAsset`. */
export interface LambdaZipAssetProps {
  /**
   * The directory holding the function's code. An absolute path, or a path relative to
   * `baseDirectory`. A relative path without `baseDirectory` is an error: it would be
   * resolved against the directory `cdktf synth` happens to run in.
   */
  readonly path: string;

  /**
   * The directory a relative `path` is resolved from: `__dirname` in TypeScript,
   * `os.path.dirname(__file__)` in Python, so the path is relative to the calling file.
   *
   * @default - `path` must be absolute
   */
  readonly baseDirectory?: string;

  /**
   * The function's handler, e.g. `index.handler` (Node.js: index.js, index.mjs or index.cjs)
   * or `app.lambda_handler` (Python: app.py). The directory must hold its file.
   *
   * @default - not checked
   */
  readonly handler?: string;
}

/**
 * A function's code as a cdktf TerraformAsset zip archive of a directory, ready for
 * aws_lambda_function: pass `path` as `filename` and `sourceCodeHash` as `source_code_hash`.
 *
 * The directory is resolved once, at construction, from an absolute path or from
 * `baseDirectory` (the caller's own directory: `__dirname`, or `os.path.dirname(__file__)`
 * in Python, where jsii gives the library no way to find the calling file). A missing
 * directory, or a handler whose file is not in it, fails construction: Terraform would
 * otherwise deploy a package Lambda cannot load.
 */
export class LambdaZipAsset extends Construct {
  /** The TerraformAsset. */
  public readonly asset: TerraformAsset;
  /** The zip's path, relative to the stack's directory: aws_lambda_function's `filename`. */
  public readonly path: string;
  /** `filebase64sha256(<zip>)`, computed by Terraform: aws_lambda_function's `source_code_hash`. */
  public readonly sourceCodeHash: string;
  /** The absolute directory the archive is made from. */
  public readonly sourceDirectory: string;
  /** The handler, when one was given (and found in the directory). */
  public readonly handler?: string;

  public constructor(scope: Construct, id: string, props: LambdaZipAssetProps) {
    super(scope, id);
    this.sourceDirectory = this.resolveDirectory(props?.path, props?.baseDirectory);
    if (props.handler !== undefined) {
      this.checkHandler(props.handler);
      this.handler = props.handler;
    }
    this.asset = new TerraformAsset(this, 'Asset', { path: this.sourceDirectory, type: AssetType.ARCHIVE });
    this.path = this.asset.path;
    // The hash of the zip itself, as the AWS provider documents: a hash of anything else shows a change on every plan.
    this.sourceCodeHash = Fn.filebase64sha256(this.asset.path);
  }

  private resolveDirectory(given: unknown, baseDirectory: unknown): string {
    if (typeof given !== 'string' || given.trim() === '' || Token.isUnresolved(given)) {
      throw constructError(this.node.path, 'path must be a literal directory path: the archive is built at synthesis.', describeValue(given), 'pass path: path.join(__dirname, "lambda") (Python: os.path.join(os.path.dirname(__file__), "lambda"))');
    }
    let directory: string;
    if (path.isAbsolute(given)) {
      directory = given;
    } else if (typeof baseDirectory === 'string' && baseDirectory !== '') {
      if (!path.isAbsolute(baseDirectory)) {
        throw constructError(this.node.path, 'baseDirectory must be absolute.', describeValue(baseDirectory), 'pass baseDirectory: __dirname (Python: os.path.dirname(__file__))');
      }
      directory = path.resolve(baseDirectory, given);
    } else {
      throw constructError(
        this.node.path,
        'path is relative and no baseDirectory is given: it would depend on the directory synth runs in.',
        describeValue(given),
        'pass an absolute path, or baseDirectory: __dirname (Python: os.path.dirname(__file__)) to resolve it from the calling file',
      );
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(directory);
    } catch {
      stat = undefined;
    }
    if (!stat?.isDirectory()) {
      throw constructError(
        this.node.path,
        `The code directory ${directory} ${stat ? 'is not a directory' : 'does not exist'}.`,
        describeValue(given),
        'point path at the directory holding the handler file (build it before synth if it is generated)',
      );
    }
    return path.normalize(directory);
  }

  private checkHandler(handler: string): void {
    if (Token.isUnresolved(handler)) return;
    const opened = openCode(this.sourceDirectory);
    const node = handlerTarget(handler, 'nodejs');
    const python = handlerTarget(handler, 'python');
    if (node.kind === 'malformed' && python.kind === 'malformed') {
      throw constructError(this.node.path, `The handler is malformed: ${node.reason}.`, describeValue(handler), 'pass handler: "index.handler" (file index.js, function handler)');
    }
    if (opened.status !== 'ok') return;
    const targets = [node, python].filter((t) => t.kind === 'module');
    if (targets.length === 0 || targets.some((t) => t.kind === 'module' && t.foundIn(opened.code))) return;
    const expected = targets.map((t) => (t.kind === 'module' ? t.expected : '')).join(', or ');
    throw constructError(
      this.node.path,
      `The handler's file is not in ${this.sourceDirectory}: Lambda would fail with Runtime.ImportModuleError. Expected ${expected}.`,
      describeValue(handler),
      'fix the handler (<file>.<function>) or point path at the directory that holds the file',
    );
  }
}
