import * as fs from 'fs';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { codeDirectory, newStack, SUFFIX, warningsOf } from './helpers';
import { cdk } from '../../../src';

const NODE_HANDLER = { 'index.js': 'exports.handler = async () => ({ statusCode: 200 });\n' };

describe('cdk.LambdaZipAsset', () => {
  test('GIVEN an absolute directory WHEN adding a function THEN it runs the zipped asset with its own log group and a log-only role', () => {
    // GIVEN
    const stack = newStack();
    const dir = codeDirectory(NODE_HANDLER);
    // WHEN
    const code = new cdk.LambdaZipAsset(stack, 'Code', { path: dir, runtime: lambda.Runtime.NODEJS_24_X });
    code.addFunction('Handler', { baseName: 'orders' });
    // THEN
    expect([code.path, code.handler, code.runtime.name]).toEqual([dir, 'index.handler', 'nodejs24.x']);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `orders-${SUFFIX}`,
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Code: { S3Bucket: Match.anyValue(), S3Key: Match.stringLikeRegexp('\\.zip$') },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^CodeHandlerLogGroup') } },
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CodeHandlerRole'), 'Arn'] },
    });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete', Properties: { RetentionInDays: 7 } });
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CodeHandlerLogGroup'), 'Arn'] },
        }],
      },
    });
    expect(code.code.isInline).toBe(false);
  });

  test('GIVEN a relative path and baseDirectory WHEN constructing THEN the path is resolved from baseDirectory, not the working directory', () => {
    const stack = newStack();
    const dir = codeDirectory({ 'src/handler/index.js': NODE_HANDLER['index.js'] });
    const code = new cdk.LambdaZipAsset(stack, 'Code', { path: 'handler', baseDirectory: path.join(dir, 'src'), runtime: lambda.Runtime.NODEJS_24_X });
    expect(code.path).toBe(path.join(dir, 'src', 'handler'));
  });

  test('GIVEN Python code with a nested handler WHEN adding an unnamed function with a role THEN the handler is found and the role is used', () => {
    const stack = newStack();
    const dir = codeDirectory({ 'app/main.py': 'def handler(event, context):\n    return 1\n' });
    const role = new iam.Role(stack, 'Own', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new cdk.LambdaZipAsset(stack, 'Code', { path: dir, runtime: lambda.Runtime.PYTHON_3_13, handler: 'app/main.handler' })
      .addFunction('Handler', { role, memorySize: 256 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.absent(),
      Handler: 'app/main.handler',
      Runtime: 'python3.13',
      MemorySize: 256,
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] },
    });
    template.resourceCountIs('AWS::IAM::Role', 1);
  });

  test('GIVEN Node.js 24 code that requires aws-sdk WHEN constructing THEN a warning names the file and line', () => {
    const stack = newStack();
    const dir = codeDirectory({ 'index.js': '// v2\nconst AWS = require(\'aws-sdk\');\nexports.handler = async () => 1;\n' });
    new cdk.LambdaZipAsset(stack, 'Code', { path: dir, runtime: lambda.Runtime.NODEJS_24_X });
    expect(warningsOf(stack)).toEqual([
      ['cdk-safe-patterns:lambda-sdk-v2', expect.stringMatching(/^index\.js loads the AWS SDK v2 at line 2 \(require\('aws-sdk'\)\), but nodejs24\.x includes only the v3 SDK/)],
    ]);
  });

  test.each([
    ['Node.js 16 (which has v2)', lambda.Runtime.NODEJS_16_X, { 'index.js': 'require("aws-sdk");' }],
    ['a bundled node_modules/aws-sdk', lambda.Runtime.NODEJS_24_X, { 'index.js': 'require("aws-sdk");', 'node_modules/aws-sdk/package.json': '{}' }],
    ['SDK v3 only', lambda.Runtime.NODEJS_24_X, { 'index.mjs': 'import { S3Client } from "@aws-sdk/client-s3";' }],
  ])('GIVEN %s WHEN constructing THEN there is no SDK warning', (_name, runtime, files) => {
    const stack = newStack();
    new cdk.LambdaZipAsset(stack, 'Code', { path: codeDirectory(files), runtime });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('GIVEN a relative path without baseDirectory WHEN constructing THEN the error gives the fix for TypeScript and Python', () => {
    const stack = newStack();
    expect(() => new cdk.LambdaZipAsset(stack, 'Code', { path: 'lambda', runtime: lambda.Runtime.NODEJS_24_X })).toThrow(
      /^Stack\/Code: path is relative, so the code found would depend on the directory `cdk synth` runs in\. Received: "lambda"\. Fix: .*path\.join\(__dirname, "lambda"\) in TypeScript, os\.path\.join\(os\.path\.dirname\(__file__\), "lambda"\) in Python, or set baseDirectory/,
    );
  });

  test('GIVEN a relative baseDirectory WHEN constructing THEN the error asks for an absolute one', () => {
    const stack = newStack();
    expect(() => new cdk.LambdaZipAsset(stack, 'Code', { path: 'lambda', baseDirectory: 'src', runtime: lambda.Runtime.NODEJS_24_X })).toThrow(
      /^Stack\/Code: baseDirectory must be absolute.* Received: "src"\. Fix: pass __dirname/,
    );
  });

  test('GIVEN a missing directory WHEN constructing THEN the error shows the absolute path', () => {
    const stack = newStack();
    const missing = path.join(codeDirectory({}), 'gone');
    expect(() => new cdk.LambdaZipAsset(stack, 'Code', { path: missing, runtime: lambda.Runtime.NODEJS_24_X })).toThrow(
      `Stack/Code: The Lambda code directory does not exist. Received: ${JSON.stringify(missing)}. Fix: point path at the directory`,
    );
  });

  test('GIVEN a file instead of a directory WHEN constructing THEN the error says so', () => {
    const stack = newStack();
    const file = path.join(codeDirectory(NODE_HANDLER), 'index.js');
    expect(fs.statSync(file).isFile()).toBe(true);
    expect(() => new cdk.LambdaZipAsset(stack, 'Code', { path: file, runtime: lambda.Runtime.NODEJS_24_X })).toThrow(
      /^Stack\/Code: The Lambda code path is a file, not a directory\./,
    );
  });

  test('GIVEN a handler whose file is absent WHEN constructing THEN the error lists the files looked for', () => {
    const stack = newStack();
    expect(() => new cdk.LambdaZipAsset(stack, 'Code', { path: codeDirectory(NODE_HANDLER), handler: 'app.handler', runtime: lambda.Runtime.NODEJS_24_X })).toThrow(
      /^Stack\/Code: The handler's file is not in the code directory .*Runtime\.ImportModuleError\. Received: handler "app\.handler", looked for app\.js, app\.mjs or app\.cjs\. Fix: fix the handler/,
    );
  });

  test('GIVEN a malformed handler WHEN constructing THEN the error shows the expected form', () => {
    const stack = newStack();
    expect(() => new cdk.LambdaZipAsset(stack, 'Code', { path: codeDirectory({ 'app.py': '' }), handler: 'handler', runtime: lambda.Runtime.PYTHON_3_13 })).toThrow(
      /^Stack\/Code: The handler is not valid for python3\.13: it is not <module>\.<function>\. Received: "handler"\. Fix: use <module>\.<function>/,
    );
  });

  test('GIVEN an empty path WHEN constructing THEN the error asks for the directory', () => {
    const stack = newStack();
    expect(() => new cdk.LambdaZipAsset(stack, 'Code', { path: '', runtime: lambda.Runtime.NODEJS_24_X })).toThrow(/^Stack\/Code: path must name the directory.* Received: ""/);
  });

  test('GIVEN baseName and functionName WHEN adding a function THEN the error asks for one of them', () => {
    const stack = newStack();
    const code = new cdk.LambdaZipAsset(stack, 'Code', { path: codeDirectory(NODE_HANDLER), runtime: lambda.Runtime.NODEJS_24_X });
    expect(() => code.addFunction('Handler', { baseName: 'a', functionName: 'b' })).toThrow(
      /^Stack\/Code: baseName and functionName both name the function\. Received: baseName="a", functionName="b"\. Fix: pass baseName/,
    );
  });

  test('GIVEN a function base name too long for Lambda WHEN adding a function THEN the error says how long it may be', () => {
    const stack = newStack();
    const code = new cdk.LambdaZipAsset(stack, 'Code', { path: codeDirectory(NODE_HANDLER), runtime: lambda.Runtime.NODEJS_24_X });
    expect(() => code.addFunction('Handler', { baseName: 'f'.repeat(60) })).toThrow(
      /^Stack\/Code: The Lambda function name "f{60}-pr123" is 66 characters long; Lambda function names must be 1-64\..*Fix: shorten baseName to at most 58 characters/,
    );
  });
});
