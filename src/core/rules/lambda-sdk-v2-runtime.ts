import { CfnExample, NOT_APPLICABLE, RuleDefinition, RuleOutcome, TfExample, Violation } from './model';
import { exampleCfnFunction, exampleTfArchiveFunction } from './shared/examples';
import {
  cfnLambdaFunction,
  CodeSource,
  DEFAULT_CODE_LIMITS,
  hasLayers,
  nodejsMajor,
  openCode,
  SAM_FUNCTION_TYPE,
  terraformCodePath,
  terraformInlineArchive,
} from './shared/lambda-code';
import { findAwsSdkV2Import, SdkV2Import } from './shared/sdk-imports';
import { asObject, literalString, show, templateString } from './values';

/** The first Node.js version whose Lambda runtime ships the AWS SDK v3 only. */
const FIRST_RUNTIME_WITHOUT_V2 = 18;

/** What the scan reads: JavaScript and TypeScript sources (declaration files are types only). */
const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const DECLARATION_FILE = /\.d\.[mc]?ts$/;

/** Characters of source read per function at most, across files. */
const MAX_SCANNED_CHARACTERS = 64 * 1024 * 1024;

const V2_HANDLER =
  "const AWS = require('aws-sdk');\n" +
  'const s3 = new AWS.S3();\n' +
  'exports.handler = async (event) => {\n' +
  '  const { bucket, object } = event.Records[0].s3;\n' +
  '  const head = await s3.headObject({ Bucket: bucket.name, Key: object.key }).promise();\n' +
  '  return head.ContentLength;\n' +
  '};\n';

const V3_HANDLER =
  "const { S3Client, HeadObjectCommand } = require('@aws-sdk/client-s3');\n" +
  'const s3 = new S3Client({});\n' +
  'exports.handler = async (event) => {\n' +
  '  const { bucket, object } = event.Records[0].s3;\n' +
  '  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: object.key }));\n' +
  '  return head.ContentLength;\n' +
  '};\n';

/** Node.js 18+ runtimes include only the AWS SDK v3: code that loads `aws-sdk` (v2) fails on its first invocation. */
export const lambdaSdkV2Runtime: RuleDefinition = {
  metadata: {
    id: 'lambda-sdk-v2-runtime',
    title: 'No AWS SDK v2 (aws-sdk) in Node.js 18+ functions',
    lesson: '000 "Lambda Runtime - AWS SDK Missing"',
    why:
      'The Node.js 18 and later Lambda runtimes ship only the AWS SDK for JavaScript v3 (@aws-sdk/*). A function that ' +
      'requires or imports "aws-sdk" (v2) without bundling it deploys fine and then fails on every invocation with ' +
      '"Runtime.ImportModuleError: Error: Cannot find module \'aws-sdk\'".',
    fix:
      'Use the v3 clients (`const { S3Client } = require(\'@aws-sdk/client-s3\')`), or read what you need from the event ' +
      'instead of calling the SDK; if v2 is unavoidable, bundle it into the package (node_modules/aws-sdk) or a layer.',
    notReported: [
      'Functions with layers: a layer may provide aws-sdk v2.',
      'Code that bundles its own node_modules/aws-sdk, requires inside node_modules, .d.ts files, and runtimes before Node.js 18 (which include v2).',
      'Code the checks cannot read (an S3 object, a SAM CodeUri that `sam build` replaces, an image): nothing there is provable.',
      'SAM functions whose Runtime is set only in `Globals.Function`: the views hold each function\'s own properties only.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample(V2_HANDLER),
        compliant: cfnExample(V3_HANDLER),
      },
      terraform: {
        nonCompliant: terraformExample(V2_HANDLER),
        compliant: terraformExample(V3_HANDLER),
      },
    },
  },
  cloudformation: (resource) => {
    // AWS::Serverless::Function (SAM) too, its InlineCode / CodeUri read as Code.ZipFile / Code.
    const fn = cfnLambdaFunction(resource);
    if (!fn) return NOT_APPLICABLE;
    const properties = fn.properties;
    const runtime = applicableRuntime(properties.PackageType, properties.Runtime, properties.Layers);
    if (runtime === undefined) return NOT_APPLICABLE;
    const zipFile = asObject(properties.Code)?.ZipFile;
    if (zipFile !== undefined && zipFile !== null) {
      // Inline code: references inside it (Fn::Join, Fn::Sub) are kept as ${...} placeholders.
      const text = templateString(zipFile);
      const what = resource.type === SAM_FUNCTION_TYPE ? 'Inline code (InlineCode)' : 'Inline code (Code.ZipFile)';
      return text === undefined ? NOT_APPLICABLE : scanInline(text, runtime, fn.locations.zipFile, what);
    }
    const opened = openCode(resource.assetPath);
    return opened.status === 'ok' ? scan(opened.code, runtime, fn.locations.code, inAsset(opened.code)) : NOT_APPLICABLE;
  },
  terraform: (resource, context) => {
    if (resource.type !== 'aws_lambda_function') return NOT_APPLICABLE;
    const properties = asObject(resource.properties) ?? {};
    const runtime = applicableRuntime(properties.package_type, properties.runtime, properties.layers);
    if (runtime === undefined) return NOT_APPLICABLE;
    const codePath = terraformCodePath(resource.assetPath, properties.filename);
    if (codePath !== undefined) {
      const opened = openCode(codePath);
      return opened.status === 'ok' ? scan(opened.code, runtime, 'filename', inAsset(opened.code)) : NOT_APPLICABLE;
    }
    const archive = terraformInlineArchive(properties.filename, context);
    // Sources from disk next to the inline ones could bundle aws-sdk: only a complete archive is provable.
    return archive?.complete
      ? scan(archive.code, runtime, 'filename', (file) => `${show(file)} in ${archive.address}`)
      : NOT_APPLICABLE;
  },
};

/** The literal runtime when the rule applies: a zip-packaged Node.js 18+ function without layers (which may provide v2). */
function applicableRuntime(packageType: unknown, runtime: unknown, layers: unknown): string | undefined {
  if (literalString(packageType) === 'Image' || hasLayers(layers)) return undefined;
  const major = nodejsMajor(runtime);
  return major !== undefined && major >= FIRST_RUNTIME_WITHOUT_V2 ? (runtime as string) : undefined;
}

function inAsset(code: CodeSource): (file: string) => string {
  return (file) => `${show(file)} in the asset ${show(code.location)}`;
}

/**
 * Inline code (`Code.ZipFile`), which Lambda stores as index.js: what `scan(inlineCode({ 'index.js': text }), ...)`
 * finds, without building a code package per function (a large app's functions often share one inline handler).
 */
function scanInline(text: string, runtime: string, location: string, where: string): RuleOutcome {
  // scan() skips files above the size limit; UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (text.length * 3 > DEFAULT_CODE_LIMITS.maxFileBytes && Buffer.byteLength(text, 'utf8') > DEFAULT_CODE_LIMITS.maxFileBytes) return [];
  const found = findAwsSdkV2Import(text);
  return found ? [v2Violation(where, found, runtime, location)] : [];
}

function v2Violation(where: string, found: { line: number; statement: string }, runtime: string, location: string): Violation {
  return {
    message:
      `${where} loads the AWS SDK v2 at line ${found.line} (${show(found.statement)}), ` +
      `but runtime ${show(runtime)} includes only the v3 SDK (@aws-sdk/*) and the package does not bundle aws-sdk.`,
    location,
  };
}

/** `where` names the file for the message. */
function scan(code: CodeSource, runtime: string, location: string, where: (file: string) => string): RuleOutcome {
  const first = firstV2Import(code);
  return first ? [v2Violation(where(first.path), first.found, runtime, location)] : [];
}

/**
 * What scanning a package finds, by package: the functions of an app often share one (a cdktf TerraformAsset,
 * a zip), and each function listed, statted, read and scanned its files again. A package object stands for
 * one evaluation's view of an asset directory, or one unchanged zip (see openCode), so its answer holds as long as it does.
 */
const SCANNED = new WeakMap<CodeSource, { path: string; found: SdkV2Import } | undefined>();

/** The first source file of the package that loads the AWS SDK v2; undefined when none does, or the package bundles aws-sdk. */
function firstV2Import(code: CodeSource): { path: string; found: SdkV2Import } | undefined {
  if (SCANNED.has(code)) return SCANNED.get(code);
  const first = scanFiles(code);
  SCANNED.set(code, first);
  return first;
}

function scanFiles(code: CodeSource): { path: string; found: SdkV2Import } | undefined {
  // A bundled node_modules/aws-sdk is what the function loads: it works on any runtime.
  if (code.bundles('aws-sdk')) return undefined;
  let budget = MAX_SCANNED_CHARACTERS;
  for (const file of code.files(SOURCE_EXTENSIONS)) {
    if (DECLARATION_FILE.test(file.path)) continue;
    const text = file.read();
    if (text === undefined) continue;
    const found = findAwsSdkV2Import(text);
    if (found) return { path: file.path, found };
    budget -= text.length;
    if (budget <= 0) break;
  }
  return undefined;
}

/** The thumbnailer with `handler` as inline code. */
function cfnExample(handler: string): CfnExample {
  return {
    resources: exampleCfnFunction('Thumbnailer', {
      Code: { ZipFile: handler },
      FunctionName: 'thumbnailer-pr123',
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
    }),
  };
}

/** The same in cdktf: the code is an archive_file written inline, as Terraform configurations do for small handlers. */
function terraformExample(handler: string): TfExample {
  return {
    resource: exampleTfArchiveFunction('thumbnailer', 'thumbnailer-role-pr123', { filename: 'index.js', content: handler }, {
      function_name: 'thumbnailer-pr123',
      handler: 'index.handler',
      runtime: 'nodejs22.x',
    }),
  };
}
