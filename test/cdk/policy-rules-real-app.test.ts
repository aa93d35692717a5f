import {
  Aws,
  CfnCondition,
  Fn,
  Stack,
  aws_backup as backup,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_ec2 as ec2,
  aws_iam as iam,
  aws_kms as kms,
  aws_rds as rds,
} from 'aws-cdk-lib';
import { newApp, synthWithChecks } from './helpers';
import { RuleSeverity, SafePatterns } from '../../src';
import { JsonReport } from '../../src/core/engine/reports';

// The policy rules on a real aws-cdk-lib app: what issue 13 says must be reported, and what must not.

const POLICY_RULES = ['iam-wildcard-admin', 'hardcoded-region', 'config-role-policy', 'unknown-managed-policy'];
const ONLY_POLICY_RULES = Object.fromEntries(SafePatterns.ruleIds().filter((id) => !POLICY_RULES.includes(id)).map((id) => [id, RuleSeverity.OFF]));
const lambdaPrincipal = () => new iam.ServicePrincipal('lambda.amazonaws.com');

describe('policy rules on a real aws-cdk-lib app', () => {
  let report: JsonReport;
  let error: Error | undefined;

  beforeAll(() => {
    // GIVEN a region-agnostic stack
    const app = newApp();
    const stack = new Stack(app, 'Main');
    // AWS managed policies judged from their documents: AdministratorAccess and AmazonS3FullAccess attached,
    // ReadOnlyAccess attached and AdministratorAccess as a permissions boundary.
    new iam.Role(stack, 'Admin', { assumedBy: lambdaPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
    new iam.Role(stack, 'S3Full', { assumedBy: lambdaPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')] });
    new iam.Role(stack, 'Reader', {
      assumedBy: lambdaPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      permissionsBoundary: iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'),
    });
    // A VPC endpoint policy allowing everything (the default one): grants nothing.
    new ec2.CfnVPCEndpoint(stack, 'S3Endpoint', {
      vpcId: 'vpc-0123456789abcdef0',
      serviceName: 'com.amazonaws.vpce.s3',
      policyDocument: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'], principals: [new iam.AnyPrincipal()] })] }),
    });
    // unknown-managed-policy inside an Fn::If branch.
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(Aws.ACCOUNT_ID, '123456789012') });
    new iam.CfnRole(stack, 'Conditional', {
      assumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] },
      managedPolicyArns: Fn.conditionIf(isProd.logicalId, [`arn:${Aws.PARTITION}:iam::aws:policy/AWSLambdaBasicExecutionRole`], Aws.NO_VALUE) as any,
    });
    // CloudFront: the us-east-1 WAF web ACL and the S3 origin's regional domain name are right as written.
    new cloudfront.Distribution(stack, 'Cdn', {
      defaultBehavior: { origin: new origins.HttpOrigin('assets-pr123.s3.eu-west-1.amazonaws.com') },
      webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn-pr123/a1b2c3d4',
    });
    // Cross-region by design: a replica's source, a copy action's destination, a replica key's primary.
    new rds.CfnDBInstance(stack, 'Replica', { dbInstanceClass: 'db.t3.micro', sourceDbInstanceIdentifier: 'arn:aws:rds:us-east-1:123456789012:db:orders-pr123' });
    new backup.CfnBackupPlan(stack, 'Plan', {
      backupPlan: {
        backupPlanName: 'daily-pr123',
        backupPlanRule: [{ ruleName: 'daily', targetBackupVault: 'main', copyActions: [{ destinationBackupVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr-pr123' }] }],
      },
    });
    new kms.CfnReplicaKey(stack, 'ReplicaKey', { primaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd', keyPolicy: {} });
    // A literal region where the stack's own belongs: still reported.
    new iam.Role(stack, 'Logs', {
      assumedBy: lambdaPrincipal(),
      inlinePolicies: {
        logs: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['arn:aws:logs:us-east-1:123456789012:log-group:app-pr123:*'] })] }),
      },
    });
    // WHEN
    ({ report, error } = synthWithChecks(app, { ruleSeverities: ONLY_POLICY_RULES }));
  });

  test('THEN the attached wildcard-admin managed policies, the Fn::If branch and the literal region are reported', () => {
    expect(error?.message).toContain('[iam-wildcard-admin]');
    expect(report.findings.map((f) => [f.ruleId, f.path, f.location]).sort()).toEqual([
      ['hardcoded-region', 'Main/Logs/Resource', 'Properties/Policies/0/PolicyDocument/Statement/0/Resource'],
      ['iam-wildcard-admin', 'Main/Admin/Resource', 'Properties/ManagedPolicyArns/0'],
      ['iam-wildcard-admin', 'Main/S3Full/Resource', 'Properties/ManagedPolicyArns/0'],
      ['unknown-managed-policy', 'Main/Conditional', 'Properties/ManagedPolicyArns/Fn::If/1/0'],
    ]);
    expect(report.findings.find((f) => f.path === 'Main/S3Full/Resource')?.message).toContain('AmazonS3FullAccess, whose document allows Action ["s3:*","s3-object-lambda:*"] on Resource "*"');
  });

  test('THEN the VPC endpoint, the boundary, ReadOnlyAccess, CloudFront and the cross-region references are not', () => {
    const paths = report.findings.map((f) => f.path);
    for (const quiet of ['Main/Reader/Resource', 'Main/S3Endpoint', 'Main/Cdn/Resource', 'Main/Replica', 'Main/Plan', 'Main/ReplicaKey']) expect(paths).not.toContain(quiet);
  });
});
