import {
  CodeSource,
  exampleCfnLambdaRole,
  exampleTfLambdaRole,
  hasLayers,
  inlineCode,
  nodejsMajor,
  openCode,
  terraformCodePath,
  terraformInlineArchive,
} from './lambda-code';
import { NOT_APPLICABLE, RuleDefinition, RuleOutcome } from './model';
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
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: {
          resources: {
            ThumbnailerServiceRole: exampleCfnLambdaRole(),
            Thumbnailer: {
              Type: 'AWS::Lambda::Function',
              Properties: {
                Code: { ZipFile: V2_HANDLER },
                FunctionName: 'thumbnailer-pr123',
                Handler: 'index.handler',
                Role: { 'Fn::GetAtt': ['ThumbnailerServiceRole', 'Arn'] },
                Runtime: 'nodejs20.x',
              },
              DependsOn: ['ThumbnailerServiceRole'],
            },
          },
        },
        compliant: {
          resources: {
            ThumbnailerServiceRole: exampleCfnLambdaRole(),
            Thumbnailer: {
              Type: 'AWS::Lambda::Function',
              Properties: {
                Code: { ZipFile: V3_HANDLER },
                FunctionName: 'thumbnailer-pr123',
                Handler: 'index.handler',
                Role: { 'Fn::GetAtt': ['ThumbnailerServiceRole', 'Arn'] },
                Runtime: 'nodejs20.x',
              },
              DependsOn: ['ThumbnailerServiceRole'],
            },
          },
        },
      },
      terraform: {
        nonCompliant: terraformExample(V2_HANDLER),
        compliant: terraformExample(V3_HANDLER),
      },
    },
  },
  cloudformation: (resource) => {
    if (resource.type !== 'AWS::Lambda::Function') return NOT_APPLICABLE;
    const properties = asObject(resource.properties) ?? {};
    const runtime = applicableRuntime(properties.PackageType, properties.Runtime, properties.Layers);
    if (runtime === undefined) return NOT_APPLICABLE;
    const zipFile = asObject(properties.Code)?.ZipFile;
    if (zipFile !== undefined && zipFile !== null) {
      // Inline code: references inside it (Fn::Join, Fn::Sub) are kept as ${...} placeholders.
      const text = templateString(zipFile);
      return text === undefined ? NOT_APPLICABLE : scan(inlineCode({ 'index.js': text }), runtime, 'Properties/Code/ZipFile', () => 'Inline code (Code.ZipFile)');
    }
    const opened = openCode(resource.assetPath);
    return opened.status === 'ok' ? scan(opened.code, runtime, 'Properties/Code', inAsset(opened.code)) : NOT_APPLICABLE;
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

/** `where` names the file for the message. */
function scan(code: CodeSource, runtime: string, location: string, where: (file: string) => string): RuleOutcome {
  // A bundled node_modules/aws-sdk is what the function loads: it works on any runtime.
  if (code.bundles('aws-sdk')) return [];
  let budget = MAX_SCANNED_CHARACTERS;
  for (const file of code.files(SOURCE_EXTENSIONS)) {
    if (DECLARATION_FILE.test(file.path)) continue;
    const text = file.read();
    if (text === undefined) continue;
    const found = findAwsSdkV2Import(text);
    if (found) {
      return [
        {
          message:
            `${where(file.path)} loads the AWS SDK v2 at line ${found.line} (${show(found.statement)}), ` +
            `but runtime ${show(runtime)} includes only the v3 SDK (@aws-sdk/*) and the package does not bundle aws-sdk.`,
          location,
        },
      ];
    }
    budget -= text.length;
    if (budget <= 0) break;
  }
  return [];
}

/** Where a source loads `aws-sdk` (v2, or one of its `aws-sdk/...` paths). */
export interface SdkV2Import {
  /** 1-based line number. */
  readonly line: number;
  /** The statement found, e.g. `require('aws-sdk')`. */
  readonly statement: string;
}

// require('aws-sdk'), import('aws-sdk'), from 'aws-sdk', import 'aws-sdk', with an optional /subpath.
// The quote must sit right before `aws-sdk`, so `@aws-sdk/client-s3` and `aws-sdk-client-mock` never match.
const SDK_V2 =
  /\brequire\s*\(\s*(['"`])aws-sdk(?:\/[^'"`\n]*)?\1\s*\)|\bimport\s*\(\s*(['"`])aws-sdk(?:\/[^'"`\n]*)?\2|\bfrom\s*(['"])aws-sdk(?:\/[^'"\n]*)?\3|\bimport\s*(['"])aws-sdk(?:\/[^'"\n]*)?\4/;

/** The first place a JavaScript/TypeScript source loads the AWS SDK v2, ignoring comments. */
export function findAwsSdkV2Import(source: string): SdkV2Import | undefined {
  if (!source.includes('aws-sdk')) return undefined;
  const code = stripComments(source);
  const match = SDK_V2.exec(code);
  if (!match) return undefined;
  let line = 1;
  for (let i = code.indexOf('\n'); i !== -1 && i < match.index; i = code.indexOf('\n', i + 1)) {
    line++;
  }
  return { line, statement: match[0] };
}

/**
 * Blanks out // and /* comments (keeping line breaks, so line numbers hold) while
 * leaving strings alone, so a commented-out `require('aws-sdk')` is not a finding.
 * Regular expression literals are not parsed: at worst that hides code (no false finding).
 */
function stripComments(text: string): string {
  const out: string[] = [];
  let kept = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\'' || c === '"' || c === '`') {
      i = endOfString(text, i);
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      out.push(text.slice(kept, i), ' ');
      i = kept = end === -1 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      out.push(text.slice(kept, i), ' ', '\n'.repeat(countNewlines(text, i, end)));
      i = kept = end;
    } else {
      i++;
    }
  }
  out.push(text.slice(kept));
  return out.join('');
}

/** Index just past the string starting at `start`; '…' and "…" also end at a line break. */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (c === quote) {
      return i + 1;
    } else if (c === '\n' && quote !== '`') {
      return i;
    } else {
      i++;
    }
  }
  return text.length;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    count++;
  }
  return count;
}

/** A function whose code is an archive_file written inline, as Terraform configurations do for small handlers. */
function terraformExample(handler: string) {
  return {
    resource: {
      archive_file: {
        thumbnailer: {
          type: 'zip',
          output_path: 'thumbnailer.zip',
          source: [{ content: handler, filename: 'index.js' }],
        },
      },
      aws_iam_role: { thumbnailer: exampleTfLambdaRole('thumbnailer-role-pr123') },
      aws_lambda_function: {
        thumbnailer: {
          filename: '${archive_file.thumbnailer.output_path}',
          function_name: 'thumbnailer-pr123',
          handler: 'index.handler',
          role: '${aws_iam_role.thumbnailer.arn}',
          runtime: 'nodejs20.x',
          source_code_hash: '${archive_file.thumbnailer.output_base64sha256}',
        },
      },
    },
  };
}
