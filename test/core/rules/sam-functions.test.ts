import { useTempDir, writeAssetDir } from './fixtures';
import { cfnFindings } from './helpers';
import { lambdaImageWithoutRepository } from '../../../src/core/rules/lambda-image-without-repository';
import { lambdaPackagePath } from '../../../src/core/rules/lambda-package-path';
import { lambdaReservedConcurrency } from '../../../src/core/rules/lambda-reserved-concurrency';
import { lambdaSdkV2Runtime } from '../../../src/core/rules/lambda-sdk-v2-runtime';
import { CfnExample } from '../../../src/core/rules/model';
import { cfnLambdaFunction } from '../../../src/core/rules/shared/lambda-code';

// AWS::Serverless::Function (SAM, and aws-cdk-lib's aws_sam.CfnFunction) is a Lambda function under SAM's
// property names: InlineCode, CodeUri, ImageUri, Handler, Runtime, PackageType, ReservedConcurrentExecutions.
const V2 = "const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.S3().listBuckets().promise();\n";
const V3 = "const { S3Client } = require('@aws-sdk/client-s3');\nexports.handler = async () => new S3Client({});\n";

const tmp = useTempDir('sam-');

function sam(properties: Record<string, unknown>, extra: CfnExample['resources'] = {}): CfnExample {
  return { resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', ...properties } }, ...extra } };
}

describe('cfnLambdaFunction (SAM mapping)', () => {
  test('GIVEN SAM properties WHEN mapped THEN InlineCode, ImageUri and CodeUri become Lambda\'s Code and the rest keep their names', () => {
    const view = (properties: Record<string, unknown>) => cfnLambdaFunction({ type: 'AWS::Serverless::Function', properties })!.properties;
    expect(view({ InlineCode: 'x', Handler: 'index.h' })).toEqual({ Handler: 'index.h', Code: { ZipFile: 'x' } });
    expect(view({ CodeUri: 's3://artifacts/fn.zip' })).toEqual({ Code: { S3Bucket: 'artifacts', S3Key: 'fn.zip' } });
    expect(view({ CodeUri: { Bucket: 'b', Key: 'k.zip' }, PackageType: 'Zip' })).toEqual({ PackageType: 'Zip', Code: { S3Bucket: 'b', S3Key: 'k.zip' } });
    expect(view({ ImageUri: 'repo:latest', PackageType: 'Image' })).toEqual({ PackageType: 'Image', Code: { ImageUri: 'repo:latest' } });
    expect(cfnLambdaFunction({ type: 'AWS::SQS::Queue', properties: {} })).toBeUndefined();
  });
});

describe('lambda-reserved-concurrency on SAM functions', () => {
  test('GIVEN ReservedConcurrentExecutions 100 WHEN evaluated THEN it is reported; 2 is not', () => {
    expect(cfnFindings(lambdaReservedConcurrency, sam({ InlineCode: V3, ReservedConcurrentExecutions: 100 })).map((f) => f.location)).toEqual([
      'Properties/ReservedConcurrentExecutions',
    ]);
    expect(cfnFindings(lambdaReservedConcurrency, sam({ InlineCode: V3, ReservedConcurrentExecutions: 2 }))).toEqual([]);
  });
});

describe('lambda-sdk-v2-runtime on SAM functions', () => {
  test('GIVEN InlineCode requiring aws-sdk on nodejs22.x WHEN evaluated THEN it is reported at InlineCode; v3 is not', () => {
    const findings = cfnFindings(lambdaSdkV2Runtime, sam({ InlineCode: V2 }));
    expect(findings.map((f) => f.location)).toEqual(['Properties/InlineCode']);
    expect(findings[0].message).toContain('Inline code (InlineCode)');
    expect(cfnFindings(lambdaSdkV2Runtime, sam({ InlineCode: V3 }))).toEqual([]);
  });

  test('GIVEN a CodeUri asset whose file imports aws-sdk WHEN evaluated THEN it is reported at CodeUri; a v3 asset is not', () => {
    const v2 = writeAssetDir(tmp(), { 'index.js': V2 });
    const v3 = writeAssetDir(tmp(), { 'index.js': V3 });
    const code = { CodeUri: { Bucket: 'cdk-assets', Key: 'abc.zip' } };
    expect(cfnFindings(lambdaSdkV2Runtime, sam(code), { assetPaths: { Fn: v2 } }).map((f) => f.location)).toEqual(['Properties/CodeUri']);
    expect(cfnFindings(lambdaSdkV2Runtime, sam(code), { assetPaths: { Fn: v3 } })).toEqual([]);
  });
});

describe('lambda-package-path on SAM functions', () => {
  test('GIVEN InlineCode with a handler in another file WHEN evaluated THEN it is reported naming InlineCode; index.handler is not', () => {
    const findings = cfnFindings(lambdaPackagePath, sam({ InlineCode: V3, Handler: 'app.handler' }));
    expect(findings.map((f) => f.location)).toEqual(['Properties/Handler']);
    expect(findings[0].message).toContain('inline code (InlineCode) is stored as index.js');
    expect(cfnFindings(lambdaPackagePath, sam({ InlineCode: V3 }))).toEqual([]);
  });

  test('GIVEN a CodeUri asset without the handler file WHEN evaluated THEN it is reported; with it, not', () => {
    const without = writeAssetDir(tmp(), { 'other.js': V3 });
    const withHandler = writeAssetDir(tmp(), { 'index.js': V3 });
    const code = { CodeUri: { Bucket: 'cdk-assets', Key: 'abc.zip' } };
    expect(cfnFindings(lambdaPackagePath, sam(code), { assetPaths: { Fn: without } })).toHaveLength(1);
    expect(cfnFindings(lambdaPackagePath, sam(code), { assetPaths: { Fn: withHandler } })).toEqual([]);
  });

  test('GIVEN a local CodeUri (replaced by sam build) and no handler in the template (Globals) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(lambdaPackagePath, sam({ CodeUri: 'src/', Handler: 'app.handler' }))).toEqual([]);
    expect(cfnFindings(lambdaPackagePath, { resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'src/' } } } })).toEqual([]);
  });
});

describe('lambda-image-without-repository on SAM functions', () => {
  test('GIVEN PackageType Image with an ImageUri no repository provides WHEN evaluated THEN it is reported at ImageUri; one the app provides is not', () => {
    const image = (uri: unknown) => sam({ PackageType: 'Image', ImageUri: uri, Handler: undefined, Runtime: undefined });
    const findings = cfnFindings(lambdaImageWithoutRepository, image('123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api-pr123:latest'));
    expect(findings.map((f) => f.location)).toEqual(['Properties/ImageUri']);
    const provided = sam(
      { PackageType: 'Image', ImageUri: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Repo', 'RepositoryUri'] }, ':latest']] } },
      { Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'orders-api-pr123', EmptyOnDelete: true } } },
    );
    expect(cfnFindings(lambdaImageWithoutRepository, provided)).toEqual([]);
  });
});
