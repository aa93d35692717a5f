import * as fs from 'fs';
import * as path from 'path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, NestedStack, RemovalPolicy, Stack, Validations, aws_guardduty as guardduty, aws_lambda as lambda, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { App as TfApp, AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { tempDir, writeFile } from './helpers';
import { cdk, SafePatterns, tf } from '../../src';
import { Finding } from '../../src/core/engine/evaluate';
import { newApp, synthWithChecks } from '../cdk/helpers';
import { newTfApp, synthTfWithChecks } from '../tf/helpers';

/**
 * Realistic apps for the CLI tests, each built twice: synthesized with the in-app checks (their
 * report is what the CLI must agree with) and without (aws-cdk-lib writes no templates when the
 * checks fail synthesis), the latter's output being what the CLI reads.
 */
export const SUFFIX = 'pr7';

/** Lambda code that requires the AWS SDK v2, which Node.js 18+ runtimes do not ship. */
function sdkV2Handler(): string {
  const dir = tempDir('safe-patterns-cli-code-');
  writeFile(dir, 'index.js', "const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.S3().listBuckets().promise();\n");
  return dir;
}

function buildCdkApp(app: App): void {
  const stack = new Stack(app, 'Main');
  const suffix = new cdk.EnvironmentSuffix(stack, 'Suffix', { environmentSuffix: SUFFIX });
  new s3.Bucket(stack, 'Data', {
    bucketName: suffix.withSuffix('data'),
    encryption: s3.BucketEncryption.S3_MANAGED,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // physical-name-suffix (error), and retain-on-delete (acknowledged natively, on the stack)
  new s3.Bucket(stack, 'Logs', { bucketName: 'logs', encryption: s3.BucketEncryption.S3_MANAGED });
  Validations.of(stack).acknowledge({ id: 'SafePatterns::retain-on-delete', reason: 'log buckets outlive the stack on purpose' });
  const detector = new guardduty.CfnDetector(stack, 'Detector', { enable: true });
  SafePatterns.acknowledge(detector, 'guardduty-detector', 'this is the account baseline stack');
  new lambda.Function(stack, 'Thumbnailer', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(sdkV2Handler()),
  });
  new logs.LogGroup(stack, 'Audit', { removalPolicy: RemovalPolicy.DESTROY, retention: logs.RetentionDays.INFINITE });
  const nested = new NestedStack(stack, 'Network');
  new guardduty.CfnDetector(nested, 'NestedDetector', { enable: true });
}

function buildTfApp(app: TfApp): void {
  const stack = new TerraformStack(app, 'main');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const suffix = new tf.EnvironmentSuffix(stack, 'Suffix', { environmentSuffix: SUFFIX });
  new S3Bucket(stack, 'data', { bucket: suffix.withSuffix('data') });
  new S3Bucket(stack, 'logs', { bucket: 'logs' });
  const detector = new GuarddutyDetector(stack, 'detector', { enable: true });
  SafePatterns.acknowledge(detector, 'guardduty-detector', 'this is the account baseline stack');
  const role = new IamRole(stack, 'role', {
    name: suffix.withSuffix('thumbnailer'),
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  const code = new TerraformAsset(stack, 'code', { path: sdkV2Handler(), type: AssetType.ARCHIVE });
  new LambdaFunction(stack, 'thumbnailer', {
    functionName: suffix.withSuffix('thumbnailer'),
    role: role.arn,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename: code.path,
    sourceCodeHash: code.assetHash,
  });
  new CloudwatchLogGroup(stack, 'audit', { name: suffix.withSuffix('audit') });
}

export interface BuiltApp {
  /** The output the CLI reads: cdk.out or cdktf.out. */
  readonly outdir: string;
  /** What the in-app checks found on the same app. */
  readonly inApp: Finding[];
}

/** The aws-cdk-lib app: a stack with a nested stack, a Lambda asset, both kinds of acknowledgement. */
export function cdkApp(): BuiltApp {
  const checked = newApp();
  buildCdkApp(checked);
  const inApp = [...synthWithChecks(checked, { environmentSuffix: undefined }).report.findings];
  // The same outdir: assets are staged at the same place, so even messages naming them agree.
  const app = new App({ outdir: checked.outdir });
  buildCdkApp(app);
  app.synth();
  return { outdir: app.outdir, inApp };
}

/** The cdktf app: a TerraformAsset Lambda, an acknowledgement, the suffix helper. */
export function tfApp(): BuiltApp {
  const checked = newTfApp();
  buildTfApp(checked);
  const inApp = [...synthTfWithChecks(checked, { environmentSuffix: undefined }, 'main').report.findings];
  const app = newTfApp();
  buildTfApp(app);
  app.synth();
  return { outdir: app.outdir, inApp };
}

/** Copies a directory tree (to put an app's output where a test needs it). */
export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** The cdk.tf.json of a cdktf stack. */
export function tfJson(outdir: string, stack = 'main'): any {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}
