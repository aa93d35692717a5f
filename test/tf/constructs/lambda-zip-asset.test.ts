import * as fs from 'fs';
import * as path from 'path';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { TerraformAsset, TerraformVariable } from 'cdktf';
import { newStack, onlyBlock } from './helpers';
import { tf } from '../../../src';

const FIXTURES = path.join(__dirname, 'fixtures');
const NODE_DIR = path.join(FIXTURES, 'node-handler');

describe('tf.LambdaZipAsset', () => {
  test('GIVEN an absolute directory and a Node.js handler WHEN synthesizing THEN path and sourceCodeHash point at the zip Terraform hashes itself', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    const code = new tf.LambdaZipAsset(stack, 'Code', { path: NODE_DIR, handler: 'index.handler' });
    new LambdaFunction(stack, 'fn', {
      functionName: 'fn-pr123',
      role: '${aws_iam_role.fn.arn}',
      runtime: 'nodejs22.x',
      handler: code.handler!,
      filename: code.path,
      sourceCodeHash: code.sourceCodeHash,
    });
    app.synth();
    const fn = onlyBlock(JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8')), 'aws_lambda_function');
    // THEN the asset is the directory, archived
    expect(code.asset).toBeInstanceOf(TerraformAsset);
    expect(code.sourceDirectory).toBe(NODE_DIR);
    expect(code.handler).toBe('index.handler');
    const resolvedPath = fn.filename;
    expect(resolvedPath).toMatch(/^assets\/Code_Asset_[0-9A-F]{8}\/[0-9A-F]{32}\/archive\.zip$/);
    expect(fn.source_code_hash).toBe(`\${filebase64sha256("${resolvedPath}")}`);
    // and the zip exists beside cdk.tf.json, where Terraform reads it
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'stack', resolvedPath))).toBe(true);
  });

  test('GIVEN a relative path and baseDirectory WHEN constructing THEN it is resolved from baseDirectory (the caller\'s directory)', () => {
    const { stack } = newStack();
    const code = new tf.LambdaZipAsset(stack, 'Code', { path: 'fixtures/python-handler', baseDirectory: __dirname, handler: 'pkg/app.lambda_handler' });
    expect(code.sourceDirectory).toBe(path.join(FIXTURES, 'python-handler'));
  });

  test('GIVEN a dotted Python handler WHEN constructing THEN the package module is found', () => {
    const { stack } = newStack();
    expect(new tf.LambdaZipAsset(stack, 'Code', { path: path.join(FIXTURES, 'python-handler'), handler: 'pkg.app.lambda_handler' }).handler).toBe('pkg.app.lambda_handler');
  });

  test('GIVEN no handler WHEN constructing THEN nothing is checked and handler is undefined', () => {
    const { stack } = newStack();
    expect(new tf.LambdaZipAsset(stack, 'Code', { path: NODE_DIR }).handler).toBeUndefined();
  });

  describe('bad input', () => {
    test.each<[string, tf.LambdaZipAssetProps, string]>([
      [
        'a relative path without baseDirectory',
        { path: 'lambda' },
        'stack/Code: path is relative and no baseDirectory is given: it would depend on the directory synth runs in. Received: "lambda". ' +
          'Fix: pass an absolute path, or baseDirectory: __dirname (Python: os.path.dirname(__file__)) to resolve it from the calling file',
      ],
      ['a relative baseDirectory', { path: 'lambda', baseDirectory: 'src' }, 'stack/Code: baseDirectory must be absolute. Received: "src". Fix: pass baseDirectory: __dirname'],
      ['an empty path', { path: '' }, 'stack/Code: path must be a literal directory path: the archive is built at synthesis. Received: "".'],
      [
        'a missing directory',
        { path: path.join(FIXTURES, 'missing') },
        `stack/Code: The code directory ${path.join(FIXTURES, 'missing')} does not exist. Received: "${path.join(FIXTURES, 'missing')}". Fix: point path at the directory holding the handler file`,
      ],
      [
        'a file instead of a directory',
        { path: path.join(NODE_DIR, 'index.js') },
        `stack/Code: The code directory ${path.join(NODE_DIR, 'index.js')} is not a directory.`,
      ],
      [
        'a handler whose file is absent',
        { path: NODE_DIR, handler: 'main.handler' },
        `stack/Code: The handler's file is not in ${NODE_DIR}: Lambda would fail with Runtime.ImportModuleError. Expected main.js, main.mjs or main.cjs, or main.py. ` +
          'Received: "main.handler". Fix: fix the handler (<file>.<function>) or point path at the directory that holds the file',
      ],
      ['a malformed handler', { path: NODE_DIR, handler: 'handler' }, 'stack/Code: The handler is malformed: it is not <file>.<export>. Received: "handler". Fix: pass handler: "index.handler"'],
    ])('GIVEN %s WHEN constructing THEN it throws naming the path, the value and the fix', (_, props, message) => {
      const { stack } = newStack();
      expect(() => new tf.LambdaZipAsset(stack, 'Code', props)).toThrow(message);
    });

    test('GIVEN a path from a Terraform variable WHEN constructing THEN it throws: the archive is built at synthesis', () => {
      const { stack } = newStack();
      const dir = new TerraformVariable(stack, 'dir', { type: 'string' }).stringValue;
      expect(() => new tf.LambdaZipAsset(stack, 'Code', { path: dir })).toThrow(/^stack\/Code: path must be a literal directory path/);
    });
  });
});
