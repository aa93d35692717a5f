import * as fs from 'fs';
import * as path from 'path';
import { useTempDir, writeAssetDir, writeZip } from './fixtures';
import { cfnFindings, tfFindings } from './helpers';
import { lambdaSdkV2Runtime } from '../../../src/core/rules/lambda-sdk-v2-runtime';
import { CfnExample, TfExample } from '../../../src/core/rules/model';
import { findAwsSdkV2Import } from '../../../src/core/rules/shared/sdk-imports';

const examples = lambdaSdkV2Runtime.metadata.examples;
const V2 = "const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.S3().listBuckets().promise();\n";
const V3 = "const { S3Client } = require('@aws-sdk/client-s3');\nexports.handler = async () => new S3Client({});\n";

const tmp = useTempDir('sdk-v2-');

function cfnFunction(properties: Record<string, unknown>): CfnExample {
  return { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', ...properties } } } };
}

function tfFunction(attributes: Record<string, unknown>): TfExample {
  return {
    resource: {
      aws_lambda_function: {
        fn: { function_name: 'fn-pr123', handler: 'index.handler', runtime: 'nodejs20.x', source_code_hash: '${filebase64sha256("fn.zip")}', ...attributes },
      },
    },
  };
}

describe('findAwsSdkV2Import', () => {
  test.each([
    ["const AWS = require('aws-sdk');", 1, "require('aws-sdk')"],
    ['const S3 = require("aws-sdk/clients/s3");', 1, 'require("aws-sdk/clients/s3")'],
    ['const AWS = require ( `aws-sdk` );', 1, 'require ( `aws-sdk` )'],
    ["import AWS from 'aws-sdk';", 1, "from 'aws-sdk'"],
    ['import * as AWS from "aws-sdk";', 1, 'from "aws-sdk"'],
    ["import { S3 } from 'aws-sdk/clients/s3';", 1, "from 'aws-sdk/clients/s3'"],
    ["import {\n  DynamoDB,\n} from 'aws-sdk';", 3, "from 'aws-sdk'"],
    ["import 'aws-sdk';", 1, "import 'aws-sdk'"],
    ["'use strict';\n\nconst AWS = await import('aws-sdk');", 3, "import('aws-sdk'"],
    ["export { S3 } from 'aws-sdk';", 1, "from 'aws-sdk'"],
    ["import AWS = require('aws-sdk');", 1, "require('aws-sdk')"],
    ["const url = 'https://example.com'; const AWS = require('aws-sdk');", 1, "require('aws-sdk')"],
    ["const s = 'unterminated // string\nconst AWS = require('aws-sdk');", 2, "require('aws-sdk')"],
  ])('GIVEN %p WHEN scanned THEN it is found at line %p as %p', (source, line, statement) => {
    expect(findAwsSdkV2Import(source)).toEqual({ line, statement });
  });

  test.each([
    ["const { S3Client } = require('@aws-sdk/client-s3');"],
    ["import { DynamoDBClient } from '@aws-sdk/client-dynamodb';"],
    ["import { mockClient } from 'aws-sdk-client-mock';"],
    ["// const AWS = require('aws-sdk');"],
    ["/* const AWS = require('aws-sdk'); */"],
    ["/**\n * import AWS from 'aws-sdk';\n */"],
    ["const x = 1; // require('aws-sdk') used to be here"],
    ["const name = 'aws-sdk';"],
    ["require.resolve('aws-sdk');"],
    ['const AWS = require(sdkName);'],
  ])('GIVEN %p WHEN scanned THEN nothing is found', (source) => {
    expect(findAwsSdkV2Import(source)).toBeUndefined();
  });

  test('GIVEN a require after comments and strings with comment markers WHEN scanned THEN its line number is right', () => {
    const source = [
      '/* header',
      "   require('aws-sdk') in a comment */",
      "const a = 'it\\'s // not a comment';",
      'const b = "/* nor this */";',
      'const t = `multi',
      'line // template`;',
      "const AWS = require('aws-sdk');",
    ].join('\n');
    expect(findAwsSdkV2Import(source)).toEqual({ line: 7, statement: "require('aws-sdk')" });
  });
});

describe('lambda-sdk-v2-runtime (CloudFormation)', () => {
  test('GIVEN the non-compliant example (inline require of aws-sdk on nodejs22.x) WHEN evaluated THEN one error with line and statement', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(lambdaSdkV2Runtime, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'lambda-sdk-v2-runtime', severity: 'error', path: 'Stack/Thumbnailer', location: 'Properties/Code/ZipFile' });
    expect(findings[0].message).toBe(
      'Inline code (Code.ZipFile) loads the AWS SDK v2 at line 1 ("require(\'aws-sdk\')"), but runtime "nodejs22.x" includes only ' +
      'the v3 SDK (@aws-sdk/*) and the package does not bundle aws-sdk.',
    );
  });

  test('GIVEN the compliant example (v3 client) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(lambdaSdkV2Runtime, examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    ['nodejs18.x', 1],
    ['nodejs22.x', 1],
    ['nodejs24.x', 1],
    ['nodejs26.x', 1],
    ['nodejs16.x', 0],
    ['nodejs14.x', 0],
    ['nodejs', 0],
    ['python3.12', 0],
    ['provided.al2023', 0],
  ])('GIVEN runtime %p with inline v2 code WHEN evaluated THEN %p findings', (runtime, count) => {
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({ Runtime: runtime, Code: { ZipFile: V2 } }))).toHaveLength(count);
  });

  test('GIVEN a runtime reference WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({ Runtime: { Ref: 'Runtime' }, Code: { ZipFile: V2 } }))).toEqual([]);
  });

  test('GIVEN layers (one may provide aws-sdk) WHEN evaluated THEN nothing is reported', () => {
    const example = cfnFunction({ Code: { ZipFile: V2 }, Layers: [{ Ref: 'SdkV2Layer' }] });
    expect(cfnFindings(lambdaSdkV2Runtime, example)).toEqual([]);
  });

  test('GIVEN inline code built with Fn::Join around a reference WHEN evaluated THEN the literal require is still found', () => {
    const zipFile = { 'Fn::Join': ['', ["const bucket = '", { Ref: 'Bucket' }, "';\nconst AWS = require('aws-sdk');\n"]] };
    const findings = cfnFindings(lambdaSdkV2Runtime, cfnFunction({ Code: { ZipFile: zipFile } }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('at line 2')]);
  });

  test('GIVEN an asset directory whose nested file imports aws-sdk WHEN evaluated THEN the file and line are named', () => {
    // GIVEN
    const asset = writeAssetDir(tmp(), { 'index.js': V3, 'src/legacy.mjs': "// v2 client\n\nimport AWS from 'aws-sdk';\n" });
    // WHEN
    const findings = cfnFindings(lambdaSdkV2Runtime, cfnFunction({ Code: { S3Bucket: 'b', S3Key: 'k.zip' } }), { assetPaths: { Fn: asset } });
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0].location).toBe('Properties/Code');
    expect(findings[0].message).toContain(`"src/legacy.mjs" in the asset ${JSON.stringify(asset)} loads the AWS SDK v2 at line 3`);
    expect(findings[0].message).toContain('"from \'aws-sdk\'"');
  });

  test('GIVEN an asset directory that bundles node_modules/aws-sdk WHEN evaluated THEN nothing is reported', () => {
    const asset = writeAssetDir(tmp(), { 'index.js': V2, 'node_modules/aws-sdk/package.json': '{"name":"aws-sdk"}' });
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: asset } })).toEqual([]);
  });

  test('GIVEN aws-sdk required only inside node_modules, a .d.ts or a non-source file WHEN evaluated THEN nothing is reported', () => {
    const asset = writeAssetDir(tmp(), {
      'index.js': V3,
      'node_modules/some-lib/index.js': V2,
      'types/index.d.ts': "import AWS from 'aws-sdk';\n",
      'README.md': "const AWS = require('aws-sdk');\n",
    });
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: asset } })).toEqual([]);
  });

  test('GIVEN a TypeScript source importing aws-sdk WHEN evaluated THEN it is reported', () => {
    const asset = writeAssetDir(tmp(), { 'handler.ts': "import { S3 } from 'aws-sdk';\n" });
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: asset } }).map((f) => f.message)).toEqual([
      expect.stringContaining('"handler.ts"'),
    ]);
  });

  test('GIVEN a source file over 5 MB WHEN evaluated THEN it is skipped', () => {
    const big = "const AWS = require('aws-sdk');\n" + '// padding\n'.repeat(500_000);
    const asset = writeAssetDir(tmp(), { 'index.js': big });
    expect(Buffer.byteLength(big)).toBeGreaterThan(5 * 1024 * 1024);
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: asset } })).toEqual([]);
  });

  test('GIVEN a file nested deeper than the walk goes WHEN evaluated THEN it is not read (bounded walk)', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/');
    const asset = writeAssetDir(tmp(), { 'index.js': V3, [`${deep}/x.js`]: V2, 'shallow/y.js': V3 });
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: asset } })).toEqual([]);
    const shallow = writeAssetDir(tmp(), { 'a/b/c/x.js': V2 });
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: shallow } })).toHaveLength(1);
  });

  test('GIVEN a zip asset with a deflated ESM file importing aws-sdk WHEN evaluated THEN it is reported from the archive', () => {
    const zip = writeZip(path.join(tmp(), 'fn.zip'), { 'index.mjs': "import AWS from 'aws-sdk';\nexport const handler = async () => 1;\n" });
    const findings = cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: zip } });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`"index.mjs" in the asset ${JSON.stringify(zip)}`)]);
  });

  test('GIVEN a zip whose v2 file fails its CRC check WHEN evaluated THEN that file is skipped and the others are still read', () => {
    // GIVEN: two files; the first one's CRC in the central directory is damaged.
    const zip = writeZip(path.join(tmp(), 'fn.zip'), { 'a.js': V2, 'b.js': "import 'aws-sdk';\n" });
    const bytes = fs.readFileSync(zip);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE((bytes.readUInt32LE(central + 16) + 1) % 0x100000000, central + 16);
    fs.writeFileSync(zip, bytes);
    // WHEN
    const findings = cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: zip } });
    // THEN
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"b.js"')]);
  });

  test('GIVEN symlinks (a linked file, a directory loop) in an asset directory WHEN evaluated THEN linked files are read and loops are not followed', () => {
    const asset = writeAssetDir(tmp(), { 'index.js': V3, 'real/legacy.js': V2 });
    fs.symlinkSync(path.join(asset, 'real', 'legacy.js'), path.join(asset, 'linked.js'));
    fs.symlinkSync(asset, path.join(asset, 'loop'));
    fs.rmSync(path.join(asset, 'real'), { recursive: true });
    fs.mkdirSync(path.join(asset, 'real'));
    fs.writeFileSync(path.join(asset, 'real', 'legacy.js'), V2);
    const findings = cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: asset } });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"linked.js"')]);
  });

  test('GIVEN a zip asset that bundles node_modules/aws-sdk WHEN evaluated THEN nothing is reported', () => {
    const zip = writeZip(path.join(tmp(), 'fn.zip'), { 'index.js': V2, 'node_modules/aws-sdk/lib/aws.js': 'module.exports = {};' });
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: zip } })).toEqual([]);
  });

  test.each([
    ['a missing path', () => path.join(tmp(), 'gone')],
    ['a corrupt zip', () => {
      fs.writeFileSync(path.join(tmp(), 'bad.zip'), "const AWS = require('aws-sdk'); not a zip");
      return path.join(tmp(), 'bad.zip');
    }],
  ])('GIVEN %s as the asset WHEN evaluated THEN nothing is reported and nothing throws', (_name, asset) => {
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({}), { assetPaths: { Fn: asset() } })).toEqual([]);
  });

  test('GIVEN a container image function WHEN evaluated THEN it is not applicable', () => {
    expect(cfnFindings(lambdaSdkV2Runtime, cfnFunction({ PackageType: 'Image', Code: { ZipFile: V2 } }))).toEqual([]);
  });
});

describe('lambda-sdk-v2-runtime (Terraform)', () => {
  test('GIVEN the non-compliant example (inline archive_file with require of aws-sdk) WHEN evaluated THEN one error', () => {
    const findings = tfFindings(lambdaSdkV2Runtime, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.path, f.location])).toEqual([['lambda-sdk-v2-runtime', 'stack/thumbnailer', 'filename']]);
    expect(findings[0].message).toContain('"index.js" in archive_file.thumbnailer loads the AWS SDK v2 at line 1');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(lambdaSdkV2Runtime, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN an archive_file that also takes files from disk WHEN evaluated THEN nothing is provable', () => {
    const example = JSON.parse(JSON.stringify(examples.terraform!.nonCompliant));
    example.resource.archive_file.thumbnailer.source_dir = 'lambda/vendor';
    expect(tfFindings(lambdaSdkV2Runtime, example)).toEqual([]);
  });

  test('GIVEN an archive traced by the adapter (assetPath) WHEN its code requires aws-sdk THEN it is reported on filename', () => {
    const zip = writeZip(path.join(tmp(), 'archive.zip'), { 'src/index.js': V2 });
    const example = tfFunction({ filename: 'assets/fn/HASH/archive.zip' });
    const findings = tfFindings(lambdaSdkV2Runtime, example, { assetPaths: { fn: zip } });
    expect(findings.map((f) => [f.location, f.message])).toEqual([['filename', expect.stringContaining('"src/index.js"')]]);
  });

  test('GIVEN an absolute literal filename that exists WHEN its code requires aws-sdk THEN it is reported', () => {
    const zip = writeZip(path.join(tmp(), 'fn.zip'), { 'index.js': V2 });
    expect(tfFindings(lambdaSdkV2Runtime, tfFunction({ filename: zip }))).toHaveLength(1);
  });

  test('GIVEN a directory asset with v3 code WHEN evaluated THEN nothing is reported', () => {
    const asset = writeAssetDir(tmp(), { 'index.js': V3 });
    expect(tfFindings(lambdaSdkV2Runtime, tfFunction({ filename: 'assets/fn/HASH' }), { assetPaths: { fn: asset } })).toEqual([]);
  });

  test('GIVEN a reference filename with no asset WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(lambdaSdkV2Runtime, tfFunction({ filename: '${var.package}' }))).toEqual([]);
  });

  test('GIVEN nodejs16.x or layers WHEN the archive requires aws-sdk THEN nothing is reported', () => {
    const zip = writeZip(path.join(tmp(), 'fn.zip'), { 'index.js': V2 });
    expect(tfFindings(lambdaSdkV2Runtime, tfFunction({ filename: zip, runtime: 'nodejs16.x' }))).toEqual([]);
    expect(tfFindings(lambdaSdkV2Runtime, tfFunction({ filename: zip, layers: ['${aws_lambda_layer_version.sdk.arn}'] }))).toEqual([]);
  });
});

describe('lambda-sdk-v2-runtime (odd input)', () => {
  const junk: unknown[] = [null, 5, 'x', [], [null, {}], {}, { ZipFile: 7 }, { ZipFile: ['a'] }, { ZipFile: { 'Fn::Join': 3 } }, true, '${x}'];

  test.each(junk.map((j) => [j]))('GIVEN %p in every property the rule reads WHEN evaluated THEN no rule error', (value) => {
    const broken = fs.mkdtempSync(path.join(tmp(), 'junk-'));
    fs.writeFileSync(path.join(broken, 'x.zip'), Buffer.from([0x50, 0x4b, 0x05, 0x06, 1, 2, 3]));
    for (const assetPath of [undefined, path.join(broken, 'x.zip'), broken, '/dev/null', '']) {
      const cfn = cfnFindings(lambdaSdkV2Runtime, { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: value, Code: value, Layers: value, PackageType: value } } } }, { assetPaths: { Fn: assetPath as string } });
      const cfnRuntime = cfnFindings(lambdaSdkV2Runtime, cfnFunction({ Code: value }), { assetPaths: { Fn: assetPath as string } });
      const tfExample = tfFunction({ filename: value, layers: value, package_type: value });
      const tf = tfFindings(lambdaSdkV2Runtime, tfExample, { assetPaths: { fn: assetPath as string } });
      expect([...cfn, ...cfnRuntime, ...tf].filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
    }
  });
});
