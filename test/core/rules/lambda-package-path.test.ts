import * as fs from 'fs';
import * as path from 'path';
import { useTempDir, writeAssetDir, writeZip } from './fixtures';
import { cfnFindings, tfFindings } from './helpers';
import { lambdaPackagePath } from '../../../src/core/rules/lambda-package-path';
import { CfnExample, TfExample } from '../../../src/core/rules/model';

const examples = lambdaPackagePath.metadata.examples;

const tmp = useTempDir('package-path-');

function cfnFunction(properties: Record<string, unknown>): CfnExample {
  return {
    resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: 'abc.zip' }, ...properties },
      },
    },
  };
}

function tfFunction(attributes: Record<string, unknown>, extra: Record<string, Record<string, Record<string, unknown>>> = {}): TfExample {
  return {
    resource: {
      ...extra,
      aws_lambda_function: { fn: { function_name: 'fn-pr123', handler: 'index.handler', runtime: 'nodejs20.x', ...attributes } },
    },
  };
}

describe('lambda-package-path (CloudFormation)', () => {
  test('GIVEN the non-compliant example (inline Python code, handler app.handler) WHEN evaluated THEN one error names both files', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(lambdaPackagePath, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'lambda-package-path', severity: 'error', path: 'Stack/HealthCheck', location: 'Properties/Handler' });
    expect(findings[0].message).toBe(
      'Handler "app.handler" needs app.py, but inline code (Code.ZipFile) is stored as index.py, so the handler must be index.<function>.',
    );
  });

  test('GIVEN the compliant example (index.handler) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(lambdaPackagePath, examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    ['nodejs20.x', 'index.handler', 0],
    ['nodejs20.x', 'index.handlers.main', 0],
    ['nodejs20.x', 'handler.main', 1],
    ['python3.12', 'index.lambda_handler', 0],
    ['python3.12', 'index.sub.handler', 1],
    ['ruby3.3', 'app.handler', 0],
    ['java21', 'com.example.Handler::handleRequest', 0],
  ])('GIVEN inline code on %p with handler %p WHEN evaluated THEN %p findings', (runtime, handler, count) => {
    expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: runtime, Handler: handler, Code: { ZipFile: 'x' } }))).toHaveLength(count);
  });

  test('GIVEN a Node.js inline handler in another file WHEN evaluated THEN the message lists the three extensions', () => {
    const findings = cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'nodejs22.x', Handler: 'handler.main', Code: { ZipFile: 'x' } }));
    expect(findings[0].message).toContain('needs handler.js, handler.mjs or handler.cjs, but inline code (Code.ZipFile) is stored as index.js');
  });

  test.each([
    ['nodejs20.x', 'index'],
    ['nodejs20.x', 'index.'],
    ['nodejs20.x', '.handler'],
    ['nodejs20.x', 'lambda/'],
    ['python3.12', 'handler'],
    ['python3.12', 'pkg..handler'],
    ['python3.12', '/app.handler'],
  ])('GIVEN %p with the malformed handler %p WHEN evaluated THEN it is reported as malformed', (runtime, handler) => {
    const findings = cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: runtime, Handler: handler, Code: { ZipFile: 'x' } }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([['Properties/Handler', expect.stringContaining('is malformed')]]);
  });

  test('GIVEN a handler or runtime reference WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'python3.12', Handler: { Ref: 'Handler' }, Code: { ZipFile: 'x' } }))).toEqual([]);
    expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: { Ref: 'Runtime' }, Handler: 'app.handler', Code: { ZipFile: 'x' } }))).toEqual([]);
  });

  test('GIVEN layers (which may provide the module) WHEN the handler file is missing THEN nothing is reported', () => {
    const example = cfnFunction({ Runtime: 'python3.12', Handler: 'app.handler', Code: { ZipFile: 'x' }, Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:shared:3'] });
    expect(cfnFindings(lambdaPackagePath, example)).toEqual([]);
  });

  describe('with an asset directory', () => {
    test.each([
      ['python3.12', 'app.handler', { 'app.py': '' }],
      ['python3.12', 'lambda/app.handler', { 'lambda/app.py': '' }],
      ['python3.12', 'pkg.mod.handler', { 'pkg/mod.py': '' }],
      ['python3.12', 'pkg/mod.handler', { 'pkg/__init__.py': '', 'pkg/mod.py': '' }],
      ['python3.12', 'pkg.handler', { 'pkg/__init__.py': '' }],
      ['python3.12', 'fast.handler', { 'fast.cpython-312-x86_64-linux-gnu.so': '' }],
      ['python3.12', 'compiled.handler', { 'compiled.pyc': '' }],
      ['nodejs20.x', 'index.handler', { 'index.js': '' }],
      ['nodejs20.x', 'index.handler', { 'index.mjs': '' }],
      ['nodejs20.x', 'index.handler', { 'index.cjs': '' }],
      ['nodejs20.x', 'dist/lambda/app.handler', { 'dist/lambda/app.js': '' }],
      ['nodejs20.x', './index.handler', { 'index.js': '' }],
      ['nodejs20.x', 'app.handler', { 'app/index.js': '' }],
      ['nodejs20.x', 'app.handler', { 'node_modules/app/index.js': '' }],
      ['nodejs20.x', 'src/app.handler', { 'node_modules/app.js': '' }],
    ])('GIVEN %p, handler %p and files %j WHEN evaluated THEN the handler is found', (runtime, handler, files) => {
      const asset = writeAssetDir(tmp(), files);
      expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: runtime, Handler: handler }), { assetPaths: { Fn: asset } })).toEqual([]);
    });

    test.each([
      ['python3.12', 'app.handler', { 'main.py': '' }, 'app.py'],
      ['python3.12', 'lambda/app.handler', { 'app.py': '' }, 'lambda/app.py'],
      ['python3.12', 'app.handler', { 'app.txt': '' }, 'app.py'],
      ['nodejs20.x', 'index.handler', { 'index.ts': '' }, 'index.js, index.mjs or index.cjs'],
      ['nodejs20.x', 'index.handler', { 'src/index.js': '' }, 'index.js, index.mjs or index.cjs'],
      ['nodejs20.x', 'lambda/app.handler', { 'app.js': '' }, 'lambda/app.js, lambda/app.mjs or lambda/app.cjs'],
    ])('GIVEN %p, handler %p and files %j WHEN evaluated THEN it is reported as needing %p', (runtime, handler, files, expected) => {
      // GIVEN
      const asset = writeAssetDir(tmp(), files);
      // WHEN
      const findings = cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: runtime, Handler: handler }), { assetPaths: { Fn: asset } });
      // THEN
      expect(findings).toHaveLength(1);
      expect(findings[0].location).toBe('Properties/Handler');
      expect(findings[0].message).toBe(`Handler ${JSON.stringify(handler)} needs ${expected}, but the asset ${JSON.stringify(asset)} has no such file.`);
    });

    test('GIVEN a handler path that leaves the package WHEN evaluated THEN nothing is provable', () => {
      const asset = writeAssetDir(tmp(), { 'index.js': '' });
      expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'nodejs20.x', Handler: '../shared/app.handler' }), { assetPaths: { Fn: asset } })).toEqual([]);
      expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'nodejs20.x', Handler: '/opt/nodejs/app.handler' }), { assetPaths: { Fn: asset } })).toEqual([]);
    });
  });

  describe('with a zip asset', () => {
    test('GIVEN a zip holding the handler (entries named ./ and in folders) WHEN evaluated THEN nothing is reported', () => {
      const zip = writeZip(path.join(tmp(), 'fn.zip'), { './lambda/app.py': 'def handler(e, c): pass\n', 'requirements.txt': '' });
      expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'python3.12', Handler: 'lambda/app.handler' }), { assetPaths: { Fn: zip } })).toEqual([]);
    });

    test('GIVEN a zip where the code sits one folder too deep (zipped the folder, not its content) WHEN evaluated THEN it is reported', () => {
      const zip = writeZip(path.join(tmp(), 'fn.zip'), { 'health_check/app.py': '' });
      const findings = cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'python3.12', Handler: 'app.handler' }), { assetPaths: { Fn: zip } });
      expect(findings.map((f) => f.message)).toEqual([`Handler "app.handler" needs app.py, but the asset ${JSON.stringify(zip)} has no such file.`]);
    });

    test('GIVEN an empty zip WHEN evaluated THEN the handler is missing', () => {
      const zip = writeZip(path.join(tmp(), 'empty.zip'), {});
      expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'nodejs20.x', Handler: 'index.handler' }), { assetPaths: { Fn: zip } })).toHaveLength(1);
    });

    test('GIVEN a corrupt zip WHEN evaluated THEN it is reported as unreadable, on Properties/Code', () => {
      const file = path.join(tmp(), 'broken.zip');
      fs.writeFileSync(file, 'PK this is not really a zip archive, only text');
      const findings = cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'nodejs20.x', Handler: 'index.handler' }), { assetPaths: { Fn: file } });
      expect(findings.map((f) => f.location)).toEqual(['Properties/Code']);
      expect(findings[0].message).toContain(`The code package ${JSON.stringify(file)} is not a readable zip archive (no end-of-central-directory record`);
    });

    test('GIVEN an asset path that does not exist WHEN evaluated THEN nothing is provable', () => {
      expect(cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'nodejs20.x', Handler: 'index.handler' }), { assetPaths: { Fn: path.join(tmp(), 'gone.zip') } })).toEqual([]);
    });
  });

  test('GIVEN a container image function WHEN evaluated THEN it is not applicable', () => {
    expect(cfnFindings(lambdaPackagePath, cfnFunction({ PackageType: 'Image', Runtime: 'nodejs20.x', Handler: 'nope', Code: { ImageUri: 'x' } }))).toEqual([]);
  });
});

describe('lambda-package-path (Terraform)', () => {
  test('GIVEN the non-compliant example (relative filename) WHEN evaluated THEN one error on filename', () => {
    // GIVEN
    const example = examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(lambdaPackagePath, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.path, f.location])).toEqual([['lambda-package-path', 'stack/health_check', 'filename']]);
    expect(findings[0].message).toContain('filename "lambda/health_check.zip" is a relative path');
  });

  test('GIVEN the compliant example (inline archive_file holding the handler) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(lambdaPackagePath, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN the compliant example with a handler the archive lacks WHEN evaluated THEN it is reported on handler', () => {
    const example = JSON.parse(JSON.stringify(examples.terraform!.compliant));
    example.resource.aws_lambda_function.health_check.handler = 'app.handler';
    const findings = tfFindings(lambdaPackagePath, example);
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['handler', 'Handler "app.handler" needs app.py, but archive_file.health_check has no such file.'],
    ]);
  });

  test('GIVEN an archive_file that also packs a directory WHEN the handler is not inline THEN nothing is provable', () => {
    const example = JSON.parse(JSON.stringify(examples.terraform!.compliant));
    example.resource.aws_lambda_function.health_check.handler = 'app.handler';
    example.resource.archive_file.health_check.source_dir = 'lambda';
    expect(tfFindings(lambdaPackagePath, example)).toEqual([]);
  });

  test('GIVEN a relative filename the adapter traced to a TerraformAsset WHEN evaluated THEN the path is not reported', () => {
    const asset = writeZip(path.join(tmp(), 'archive.zip'), { 'index.js': '' });
    const example = tfFunction({ filename: 'assets/fn/0123abcd/archive.zip', source_code_hash: '0123abcd' });
    expect(tfFindings(lambdaPackagePath, example, { assetPaths: { fn: asset } })).toEqual([]);
  });

  test('GIVEN a traced archive without the handler WHEN evaluated THEN the handler is reported', () => {
    const asset = writeZip(path.join(tmp(), 'archive.zip'), { 'lambda/app.js': '' });
    const example = tfFunction({ filename: 'assets/fn/0123abcd/archive.zip', source_code_hash: '0123abcd' });
    const findings = tfFindings(lambdaPackagePath, example, { assetPaths: { fn: asset } });
    expect(findings.map((f) => f.location)).toEqual(['handler']);
  });

  test('GIVEN filename references WHEN evaluated THEN they are not judged as paths', () => {
    const hash = '${filebase64sha256("x.zip")}';
    expect(tfFindings(lambdaPackagePath, tfFunction({ filename: '${path.module}/lambda.zip', source_code_hash: hash }))).toEqual([]);
    expect(tfFindings(lambdaPackagePath, tfFunction({ filename: '${var.package}', source_code_hash: hash }))).toEqual([]);
  });

  test('GIVEN an absolute filename that does not exist WHEN evaluated THEN it is reported as missing', () => {
    const missing = path.join(tmp(), 'dist', 'fn.zip');
    const findings = tfFindings(lambdaPackagePath, tfFunction({ filename: missing, source_code_hash: '${filebase64sha256("x")}' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([['filename', `filename ${JSON.stringify(missing)} does not exist on this machine.`]]);
  });

  test('GIVEN an absolute filename that exists with the handler WHEN evaluated THEN nothing is reported; without the handler THEN it is', () => {
    const zip = writeZip(path.join(tmp(), 'fn.zip'), { 'index.js': '' });
    const hash = '${filebase64sha256("x")}';
    expect(tfFindings(lambdaPackagePath, tfFunction({ filename: zip, source_code_hash: hash }))).toEqual([]);
    const findings = tfFindings(lambdaPackagePath, tfFunction({ filename: zip, source_code_hash: hash, handler: 'main.handler' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['handler', `Handler "main.handler" needs main.js, main.mjs or main.cjs, but the asset ${JSON.stringify(zip)} has no such file.`],
    ]);
  });

  test('GIVEN an absolute filename that is not a zip WHEN evaluated THEN it is reported as unreadable', () => {
    const file = path.join(tmp(), 'index.js');
    fs.writeFileSync(file, 'exports.handler = async () => 1;');
    const findings = tfFindings(lambdaPackagePath, tfFunction({ filename: file, source_code_hash: '${filebase64sha256("x")}' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([['filename', expect.stringContaining('is not a readable zip archive')]]);
  });

  test('GIVEN filename without source_code_hash WHEN evaluated THEN it is reported on source_code_hash', () => {
    const findings = tfFindings(lambdaPackagePath, tfFunction({ filename: '${archive_file.fn.output_path}' }));
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['source_code_hash', expect.stringContaining('filename "${archive_file.fn.output_path}" is set without source_code_hash')],
    ]);
  });

  test('GIVEN a relative filename without hash WHEN evaluated THEN both problems are reported', () => {
    const findings = tfFindings(lambdaPackagePath, tfFunction({ filename: 'lambda_functions.zip' }));
    expect(findings.map((f) => f.location)).toEqual(['filename', 'source_code_hash']);
  });

  test('GIVEN a Windows absolute path WHEN evaluated on any platform THEN it is not called relative', () => {
    const findings = tfFindings(lambdaPackagePath, tfFunction({ filename: 'C:\\build\\fn.zip', source_code_hash: 'abc' }));
    expect(findings.filter((f) => f.message.includes('relative'))).toEqual([]);
  });

  test('GIVEN an S3 or image package WHEN evaluated THEN it is not applicable', () => {
    expect(tfFindings(lambdaPackagePath, tfFunction({ s3_bucket: 'artifacts-pr123', s3_key: 'fn.zip', handler: 'x' }))).toEqual([]);
    expect(tfFindings(lambdaPackagePath, tfFunction({ package_type: 'Image', filename: 'rel.zip', image_uri: 'x' }))).toEqual([]);
  });

  test('GIVEN a malformed handler WHEN evaluated THEN it is reported', () => {
    const findings = tfFindings(lambdaPackagePath, tfFunction({ filename: '${var.zip}', source_code_hash: '${var.hash}', handler: 'handler', runtime: 'python3.12' }));
    expect(findings.map((f) => f.location)).toEqual(['handler']);
  });
});

describe('lambda-package-path (odd input)', () => {
  const junk: unknown[] = [null, 0, 12, '', 'x', '.', '..', '/', [], ['a.zip'], {}, { ZipFile: null }, { ZipFile: 5 }, { Ref: 'X' }, true, '${', '${x}'];

  test.each(junk.map((j) => [j]))('GIVEN %p in every property the rule reads WHEN evaluated THEN no rule error', (value) => {
    const broken = path.join(tmp(), 'x.zip');
    // An end record whose counts and offsets are all 0xff: a zip in name only.
    fs.writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(16, 0xff), Buffer.alloc(2)]));
    for (const assetPath of [undefined, broken, tmp(), '/dev/null', '']) {
      const findings = [
        ...cfnFindings(
          lambdaPackagePath,
          { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: value, Handler: value, Code: value, Layers: value, PackageType: value } } } },
          { assetPaths: { Fn: assetPath as string } },
        ),
        ...cfnFindings(lambdaPackagePath, cfnFunction({ Runtime: 'python3.12', Handler: value, Code: value }), { assetPaths: { Fn: assetPath as string } }),
        ...tfFindings(
          lambdaPackagePath,
          tfFunction({ filename: value, source_code_hash: value, handler: value, runtime: value, layers: value }),
          { assetPaths: { fn: assetPath as string } },
        ),
        ...tfFindings(lambdaPackagePath, tfFunction({ filename: '${archive_file.a.output_path}' }, { archive_file: { a: { source: value, source_content: value, source_content_filename: value } } })),
      ];
      expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
    }
  });
});
