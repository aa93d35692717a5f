import * as fs from 'fs';
import * as path from 'path';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { DataAwsIamPolicy } from '@cdktf/provider-aws/lib/data-aws-iam-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { App, S3Backend, TerraformStack } from 'cdktf';
import { newTfApp, synthTfWithChecks } from './helpers';
import { RuleSeverity, SafePatterns } from '../../src';
import { JsonReport } from '../../src/core/engine/reports';
import { lines, requireCompiledCli, runCli } from '../cli/helpers';

// The policy rules on a real cdktf app written the idiomatic way (aws_iam_policy_document data sources,
// managed policies attached by ARN or looked up with data aws_iam_policy), in the in-app checks and, on the
// cdktf.out the failed check leaves behind (stacks written, no manifest.json), in the CLI.

const POLICY_RULES = ['iam-wildcard-admin', 'hardcoded-region', 'config-role-policy', 'unknown-managed-policy'];
const ONLY_POLICY_RULES = Object.fromEntries(SafePatterns.ruleIds().filter((id) => !POLICY_RULES.includes(id)).map((id) => [id, RuleSeverity.OFF]));
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/** Every kind the issue names, each once as a finding and once as what must not be one. */
function build(app: App): void {
  const stack = new TerraformStack(app, 'main');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new S3Backend(stack, { bucket: 'tf-state-pr123', key: 'main.tfstate', region: 'eu-west-1' });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
  const role = new IamRole(stack, 'app', { name: 'app-pr123', assumeRolePolicy: TRUST });

  // iam-wildcard-admin through a policy document data source: reported (s3:* on *), and a scoped one not.
  const admin = new DataAwsIamPolicyDocument(stack, 'admin', { statement: [{ sid: 'All', actions: ['s3:*'], resources: ['*'] }] });
  new IamPolicy(stack, 'admin_policy', { name: 'admin-pr123', policy: admin.json });
  const scoped = new DataAwsIamPolicyDocument(stack, 'scoped', { statement: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data-pr123/*'] }] });
  new IamPolicy(stack, 'scoped_policy', { name: 'scoped-pr123', policy: scoped.json });
  // hardcoded-region through a document: reported on the policy using it.
  const logs = new DataAwsIamPolicyDocument(stack, 'logs', { statement: [{ actions: ['logs:PutLogEvents'], resources: ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app-pr123:*'] }] });
  new IamPolicy(stack, 'logs_policy', { name: 'logs-pr123', policy: logs.json });
  // A VPC endpoint's Allow * on * grants nothing: not reported.
  const everything = new DataAwsIamPolicyDocument(stack, 'endpoint', { statement: [{ actions: ['*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }] }] });
  new VpcEndpoint(stack, 's3_endpoint', { vpcId: 'vpc-0123456789abcdef0', serviceName: 'com.amazonaws.vpce.s3', policy: everything.json });
  // AWS managed policies: AdministratorAccess attached is reported; ReadOnlyAccess is not.
  new IamRolePolicyAttachment(stack, 'admin_attachment', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  new IamRolePolicyAttachment(stack, 'read_attachment', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
  // unknown-managed-policy through data aws_iam_policy: a misspelt ARN is reported where it is attached.
  const misspelt = new DataAwsIamPolicy(stack, 'lambda_basic', { arn: 'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole' });
  new IamRolePolicyAttachment(stack, 'basic_attachment', { role: role.name, policyArn: misspelt.arn });
  // CloudFront takes its WAF web ACL from us-east-1 only: not reported.
  new CloudfrontDistribution(stack, 'cdn', {
    enabled: true,
    webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn-pr123/a1b2c3d4',
    origin: [{ originId: 's3', domainName: 'assets-pr123.s3.eu-west-1.amazonaws.com' }],
    defaultCacheBehavior: { targetOriginId: 's3', viewerProtocolPolicy: 'redirect-to-https', allowedMethods: ['GET', 'HEAD'], cachedMethods: ['GET', 'HEAD'] },
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
  });
}

const found = (findings: JsonReport['findings']) => findings.map((f) => `${f.ruleId} ${f.path} ${f.location} ${f.message}`).sort();

describe('policy rules on a real cdktf app', () => {
  let outdir: string;
  let report: JsonReport;
  let error: Error | undefined;

  beforeAll(() => {
    // GIVEN the app, WHEN synthesized with the in-app checks
    const app = newTfApp();
    build(app);
    ({ outdir, report, error } = synthTfWithChecks(app, { ruleSeverities: ONLY_POLICY_RULES }, 'main'));
  });

  test('THEN each finding the issue asks for is reported, at the resource using the data source', () => {
    expect(error?.message).toContain('[iam-wildcard-admin]');
    expect(report.findings.map((f) => [f.ruleId, f.path, f.location])).toEqual(
      expect.arrayContaining([
        ['iam-wildcard-admin', 'main/admin_policy', 'policy'],
        ['iam-wildcard-admin', 'main/admin_attachment', 'policy_arn'],
        ['hardcoded-region', 'main/logs_policy', 'policy'],
        ['unknown-managed-policy', 'main/basic_attachment', 'policy_arn'],
      ]),
    );
    expect(report.findings.find((f) => f.path === 'main/admin_policy')?.message).toContain('(Sid "All") allows Action ["s3:*"] on Resource ["*"]');
  });

  test('THEN nothing else is reported: scoped documents, the VPC endpoint, ReadOnlyAccess, the us-east-1 WAF ACL, the S3 origin', () => {
    expect(report.findings).toHaveLength(4);
    const paths = report.findings.map((f) => f.path);
    for (const quiet of ['main/scoped_policy', 'main/s3_endpoint', 'main/read_attachment', 'main/cdn']) expect(paths).not.toContain(quiet);
  });

  test('WHEN the CLI checks the cdktf.out the failed check left (no manifest.json) THEN it checks the stacks, finds the same, and notes the manifest', async () => {
    // GIVEN
    requireCompiledCli();
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(false);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'main', 'cdk.tf.json'))).toBe(true);
    // WHEN
    const run = await runCli(['check', outdir, '--suffix', 'pr123', '--format', 'json', ...Object.keys(ONLY_POLICY_RULES).flatMap((id) => ['--rule', `${id}=off`])]);
    // THEN: the in-app findings, a one-line note, and the exit code of the findings alone
    const cli = JSON.parse(run.stdout) as JsonReport;
    expect(found(cli.findings)).toEqual(found(report.findings));
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^cdk-safe-patterns: note: .*: has no manifest\.json \(cdktf writes it last.*\); checked the 1 stacks\/\*\/cdk\.tf\.json it holds$/),
    ]);
    expect(run.code).toBe(1);
  });
});
