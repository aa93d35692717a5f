import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { TerraformStack } from 'cdktf';
import { newStack, SUFFIX } from './helpers';
import { tf } from '../../../src';
import { synthTfWithChecks } from '../helpers';
import { canValidate, pinAwsToMirror, reportValidateSkip, terraformValidate } from '../terraform-cli';

const NODE_DIR = path.join(__dirname, 'fixtures', 'node-handler');

/** The remote backend every stack here uses, so local-backend stays quiet. */
function withBackend(stack: TerraformStack): void {
  new tf.S3BackendWithLockfile(stack, 'State', { bucket: 'tf-state-pr123', environmentSuffix: SUFFIX });
}

/** A function deployed from a LambdaZipAsset: lambda-package-path judges the pair. */
function functionFromAsset(stack: TerraformStack): void {
  const code = new tf.LambdaZipAsset(stack, 'Code', { path: NODE_DIR, handler: 'index.handler' });
  const role = new IamRole(stack, 'FunctionRole', {
    name: 'orders-fn-pr123',
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  new LambdaFunction(stack, 'Function', {
    functionName: 'orders-fn-pr123',
    role: role.arn,
    runtime: 'nodejs22.x',
    handler: code.handler!,
    filename: code.path,
    sourceCodeHash: code.sourceCodeHash,
  });
}

/** Each construct with its defaults (the suffix from context, as an app would set it). */
const DEFAULTS: Array<[string, (stack: TerraformStack) => void]> = [
  ['S3BackendWithLockfile', () => undefined],
  ['SuffixedBucket', (stack) => new tf.SuffixedBucket(stack, 'Data', { baseName: 'orders-data' })],
  ['ConfigRecorderWithCorrectRole', (stack) => new tf.ConfigRecorderWithCorrectRole(stack, 'Config')],
  ['P99Alarm', (stack) => new tf.P99Alarm(stack, 'Latency', { baseName: 'orders-latency', namespace: 'AWS/Lambda', metricName: 'Duration', threshold: 1000 })],
  ['LambdaZipAsset', functionFromAsset],
  ['SingleNatVpc', (stack) => new tf.SingleNatVpc(stack, 'Network')],
];

/** One stack holding every construct, as terraform validate and checkov see it. */
function everything(stack: TerraformStack): void {
  withBackend(stack);
  for (const [, add] of DEFAULTS) add(stack);
}

describe('the default output passes tf.SafePatternsChecks', () => {
  test.each(DEFAULTS)('GIVEN %s with its defaults WHEN synthesizing with every rule THEN no finding is left unacknowledged', (name, add) => {
    // GIVEN
    const { app, stack } = newStack({ environmentSuffix: SUFFIX });
    withBackend(stack);
    add(stack);
    // WHEN
    const { error, report } = synthTfWithChecks(app);
    // THEN
    expect(error).toBeUndefined();
    expect(report.findings.filter((f) => !f.acknowledgement)).toEqual([]);
    // Only the Config recorder's account singletons are acknowledged, by the construct, with its reason.
    expect(report.findings.map((f) => [f.ruleId, f.path])).toEqual(
      name === 'ConfigRecorderWithCorrectRole'
        ? [['account-singleton', 'stack/Config/Recorder'], ['account-singleton', 'stack/Config/DeliveryChannel']]
        : [],
    );
  });

  test('GIVEN every construct in one stack WHEN synthesizing THEN the same holds', () => {
    const { app, stack } = newStack({ environmentSuffix: SUFFIX });
    everything(stack);
    const { error, report } = synthTfWithChecks(app);
    expect(error).toBeUndefined();
    expect(report.findings.filter((f) => !f.acknowledgement)).toEqual([]);
  });

  test('GIVEN the backend without a state bucket WHEN synthesizing THEN local-backend is reported as the warning it is, not hidden', () => {
    const saved = process.env.TERRAFORM_STATE_BUCKET;
    delete process.env.TERRAFORM_STATE_BUCKET;
    try {
      const { app, stack } = newStack({ environmentSuffix: SUFFIX });
      new tf.S3BackendWithLockfile(stack, 'State');
      const { error, report } = synthTfWithChecks(app);
      expect(error).toBeUndefined();
      expect(report.findings.map((f) => [f.ruleId, f.severity, f.acknowledgement])).toEqual([['local-backend', 'warning', undefined]]);
    } finally {
      if (saved !== undefined) process.env.TERRAFORM_STATE_BUCKET = saved;
    }
  });
});

reportValidateSkip('terraform validate of the tf constructs');

(canValidate ? test : test.skip)('GIVEN a stack holding every construct WHEN terraform validate runs THEN Terraform accepts it', () => {
  // GIVEN
  const { app, stack } = newStack({ environmentSuffix: SUFFIX });
  everything(stack);
  // The mirror holds one provider version (5.x); the constructs write only arguments both it and 6.x accept.
  pinAwsToMirror(stack);
  const { error, outdir } = synthTfWithChecks(app);
  expect(error).toBeUndefined();
  // WHEN
  const result = terraformValidate(path.join(outdir, 'stacks', 'stack'));
  // THEN
  expect(result.output).toContain('Success! The configuration is valid.');
  expect(result.status).toBe(0);
});

/**
 * checkov checks in the lessons' areas, each of which must run on the stack and pass:
 * evaluated-and-passed, so a check that silently stops applying fails this test too.
 */
const LESSON_CHECKS: Record<string, string> = {
  // Encryption at rest (000 "Encryption", 001 Issue 2): the S3 encryption resource is seen.
  CKV_AWS_19: 'S3 data encrypted at rest',
  // Public access (SuffixedBucket's public access block and ownership controls).
  CKV2_AWS_6: 'S3 bucket has a public access block',
  CKV_AWS_53: 'block public ACLs',
  CKV_AWS_54: 'block public policy',
  CKV_AWS_55: 'ignore public ACLs',
  CKV_AWS_56: 'restrict public buckets',
  CKV_AWS_20: 'no public-read ACL',
  CKV_AWS_57: 'no public-write ACL',
  CKV2_AWS_65: 'ACLs disabled (BucketOwnerEnforced)',
  CKV_AWS_93: 'the TLS-only bucket policy does not lock out the account',
  // Logging retention (000 "Use Lifecycle Policies"): log groups set a retention.
  CKV_AWS_66: 'CloudWatch log group specifies retention days',
  // The VPC (000 "NAT Gateway Costs"): flow logs, default security group, no public IPs, NAT for the private default route.
  CKV2_AWS_11: 'VPC flow logging enabled',
  CKV2_AWS_12: 'default security group restricts all traffic',
  CKV_AWS_130: 'subnets do not assign public IPs by default',
  CKV2_AWS_35: 'NAT gateway used for the private default route',
  // IAM least privilege (000 "IAM Least Privilege"): no wildcard admin, scoped trust and resources.
  CKV_AWS_1: 'no "*:*" admin policy document',
  CKV_AWS_49: 'no "*" actions in policy documents',
  CKV_AWS_62: 'no "*:*" admin inline policy',
  CKV_AWS_63: 'no "*" actions in inline policies',
  CKV_AWS_60: 'roles assumable only by specific services',
  CKV_AWS_61: 'no assume-role across all services',
  CKV_AWS_111: 'no write access without constraints',
  CKV_AWS_356: 'no "*" resource for restrictable actions',
  CKV_AWS_283: 'no policy allowing any AWS principal',
  CKV2_AWS_40: 'no full IAM privileges',
  CKV_AWS_274: 'no AdministratorAccess',
  // AWS Config (000 "AWS Config IAM Role"): the recorder records everything and is enabled.
  CKV2_AWS_45: 'Config recorder enabled for all supported resources',
  CKV2_AWS_48: 'Config records all possible resources',
};

const CHECKOV = path.join(__dirname, '..', '..', '..', '.cache', 'tools-venv', 'bin', 'checkov');

test('GIVEN a stack holding every construct WHEN checkov runs its terraform_json framework THEN the lessons\' checks run and pass', () => {
  // GIVEN
  if (!fs.existsSync(CHECKOV)) {
    throw new Error(`checkov is not installed at ${CHECKOV}: run \`npx projen tools:python\` to create .cache/tools-venv`);
  }
  const { app, stack } = newStack({ environmentSuffix: SUFFIX });
  everything(stack);
  const { error, outdir } = synthTfWithChecks(app);
  expect(error).toBeUndefined();
  // WHEN (--skip-download: no network for guidelines)
  const run = spawnSync(CHECKOV, ['-f', 'cdk.tf.json', '--framework', 'terraform_json', '-o', 'json', '--skip-download'], {
    cwd: path.join(outdir, 'stacks', 'stack'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // THEN (exit 1 only means some check failed; the output says which)
  expect(run.stderr).not.toMatch(/Traceback/);
  const parsed = JSON.parse(run.stdout);
  const results = (Array.isArray(parsed) ? parsed[0] : parsed).results;
  expect(results.parsing_errors ?? []).toEqual([]);
  const failed = results.failed_checks.filter((c: any) => c.check_id in LESSON_CHECKS).map((c: any) => `${c.check_id} ${c.resource}`);
  expect(failed).toEqual([]);
  const passed = new Set(results.passed_checks.map((c: any) => c.check_id));
  expect(Object.keys(LESSON_CHECKS).filter((id) => !passed.has(id))).toEqual([]);
  // The other findings, for the record (see docs/tf-constructs.md).
  const others = [...new Set(results.failed_checks.map((c: any) => `${c.check_id} ${c.check_name}`))].sort();
  console.log(`checkov findings outside the lessons' areas:\n  ${others.join('\n  ')}`);
});
