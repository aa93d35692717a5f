import { Duration, Stack, aws_sam as sam } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RuleSeverity, SafePatterns } from '../src';
import { checkExample, newApp, synthWithChecks } from './cdk/helpers';
import { checkTfExample } from './tf/helpers';
import { JsonReport } from '../src/core/engine/reports';
import { CfnExample, TfExample } from '../src/core/rules/model';

// The findings issue 13 made true, each as a case that must be reported and one that must not, checked
// through real synthesized apps: aws-cdk-lib (template fragments as CfnResources, and L2 constructs) and cdktf.
const ONLY = (id: string) => ({
  ruleSeverities: Object.fromEntries(SafePatterns.ruleIds().filter((r) => r !== id).map((r) => [r, RuleSeverity.OFF])),
});
const mine = (report: JsonReport, id: string) => report.findings.filter((f) => f.ruleId === id);
const one = (type: string, properties: Record<string, any>, options: Record<string, any> = { DeletionPolicy: 'Delete' }): CfnExample => ({
  resources: { Res: { Type: type, Properties: properties, ...options } },
});
const tfOne = (type: string, attributes: Record<string, any>): TfExample => ({ resource: { [type]: { res: attributes } } });

type Case = [name: string, id: string, example: CfnExample | TfExample, reported: boolean];
const titled = (cases: Case[]) => cases.map(([name, id, example, reported]) => [name, id, reported ? 'reports it' : 'reports nothing', example, reported] as const);

const CFN_CASES: Case[] = [
  ['an S3 bucket declaring no encryption (SSE-S3 by default)', 'encryption-at-rest', one('AWS::S3::Bucket', { BucketName: 'data-pr123' }), false],
  ['a DocumentDB cluster without StorageEncrypted', 'encryption-at-rest', one('AWS::DocDB::DBCluster', { MasterUsername: 'admin', MasterUserPassword: 'x-secret-1' }), true],
  ['a Neptune cluster with StorageEncrypted true', 'encryption-at-rest', one('AWS::Neptune::DBCluster', { StorageEncrypted: true }), false],
  ['a Neptune cluster with StorageEncrypted false', 'encryption-at-rest', one('AWS::Neptune::DBCluster', { StorageEncrypted: false }), true],
  ['an Aurora cluster with StorageEncrypted false (encrypted by default since 2026-02-18)', 'encryption-at-rest', one('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', StorageEncrypted: false }), false],
  ['an Aurora Serverless v1 cluster with StorageEncrypted false', 'encryption-at-rest', one('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', EngineMode: 'serverless', StorageEncrypted: false }), false],
  ['a Redis replication group without a KMS key or at-rest encryption', 'encryption-at-rest', one('AWS::ElastiCache::ReplicationGroup', { ReplicationGroupDescription: 'c', Engine: 'redis' }), true],
  ['a Valkey replication group with at-rest encryption unset (on by default)', 'encryption-at-rest', one('AWS::ElastiCache::ReplicationGroup', { ReplicationGroupDescription: 'c', Engine: 'valkey' }), false],
  ['an RDS read replica under CloudFormation\'s Snapshot default', 'retain-on-delete', one('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: 'orders-pr123', DBInstanceClass: 'db.t3.micro' }, {}), false],
  ['a standalone DB instance under the Snapshot default', 'retain-on-delete', one('AWS::RDS::DBInstance', { Engine: 'postgres', DBInstanceClass: 'db.t3.micro' }, {}), true],
  ['a Network Firewall with DeleteProtection', 'retain-on-delete', one('AWS::NetworkFirewall::Firewall', { FirewallName: 'egress-pr123', FirewallPolicyArn: 'arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/p', VpcId: 'vpc-1', SubnetMappings: [{ SubnetId: 'subnet-1' }], DeleteProtection: true }), true],
  ['a Network Firewall without DeleteProtection', 'retain-on-delete', one('AWS::NetworkFirewall::Firewall', { FirewallName: 'egress-pr123', FirewallPolicyArn: 'arn:aws:network-firewall:us-east-1:111122223333:firewall-policy/p', VpcId: 'vpc-1', SubnetMappings: [{ SubnetId: 'subnet-1' }] }), false],
  ['a CodeCommit repository named "orders.git"', 'name-length', one('AWS::CodeCommit::Repository', { RepositoryName: 'orders-pr123.git' }), true],
  ['a CodeCommit repository named "orders-pr123"', 'name-length', one('AWS::CodeCommit::Repository', { RepositoryName: 'orders-pr123' }), false],
];

const TF_CASES: Case[] = [
  ['an aws_s3_bucket with no encryption configuration', 'encryption-at-rest', tfOne('aws_s3_bucket', { bucket: 'data-pr123' }), false],
  ['an aws_docdb_cluster without storage_encrypted', 'encryption-at-rest', tfOne('aws_docdb_cluster', { cluster_identifier: 'docs-pr123', skip_final_snapshot: true }), true],
  ['an aws_neptune_cluster with storage_encrypted', 'encryption-at-rest', tfOne('aws_neptune_cluster', { cluster_identifier: 'graph-pr123', skip_final_snapshot: true, storage_encrypted: true }), false],
  ['a redis aws_elasticache_replication_group without at-rest encryption', 'encryption-at-rest', tfOne('aws_elasticache_replication_group', { replication_group_id: 'c-pr123', description: 'c', engine: 'redis' }), true],
  ['a valkey aws_elasticache_replication_group with it unset', 'encryption-at-rest', tfOne('aws_elasticache_replication_group', { replication_group_id: 'c-pr123', description: 'c', engine: 'valkey' }), false],
  ['an Aurora aws_rds_cluster with storage_encrypted false', 'encryption-at-rest', tfOne('aws_rds_cluster', { cluster_identifier: 'o-pr123', engine: 'aurora-postgresql', storage_encrypted: false, skip_final_snapshot: true }), false],
  ['a replicate_source_db replica without skip_final_snapshot', 'retain-on-delete', tfOne('aws_db_instance', { identifier: 'r-pr123', replicate_source_db: 'orders-pr123', instance_class: 'db.t3.micro' }), true],
  ['an aws_networkfirewall_firewall with delete_protection', 'retain-on-delete', tfOne('aws_networkfirewall_firewall', { name: 'egress-pr123', firewall_policy_arn: 'arn:p', vpc_id: 'vpc-1', delete_protection: true }), true],
  ['an aws_networkfirewall_firewall without it', 'retain-on-delete', tfOne('aws_networkfirewall_firewall', { name: 'egress-pr123', firewall_policy_arn: 'arn:p', vpc_id: 'vpc-1' }), false],
  ['an aws_codecommit_repository named with a space', 'name-length', tfOne('aws_codecommit_repository', { repository_name: 'orders repo' }), true],
  ['an aws_codecommit_repository named orders-pr123', 'name-length', tfOne('aws_codecommit_repository', { repository_name: 'orders-pr123' }), false],
  [
    'a function without a log group',
    'log-retention',
    tfOne('aws_lambda_function', { function_name: 'fn-pr123', role: 'arn:aws:iam::111122223333:role/r', handler: 'index.handler', runtime: 'nodejs22.x', s3_bucket: 'b', s3_key: 'k.zip' }),
    true,
  ],
  [
    'a function with its /aws/lambda group by reference',
    'log-retention',
    {
      resource: {
        aws_lambda_function: { fn: { function_name: 'fn-pr123', role: 'arn:aws:iam::111122223333:role/r', handler: 'index.handler', runtime: 'nodejs22.x', s3_bucket: 'b', s3_key: 'k.zip' } },
        aws_cloudwatch_log_group: { fn: { name: '/aws/lambda/${aws_lambda_function.fn.function_name}', retention_in_days: 7 } },
      },
    },
    false,
  ],
];

describe('issue 13 cases on a synthesized aws-cdk-lib app', () => {
  test.each(titled(CFN_CASES))('GIVEN %s WHEN synthesizing with the checks THEN %s %s', (_, id, __, example, reported) => {
    const { report } = checkExample(example as CfnExample, ONLY(id));
    expect(mine(report, id).length > 0).toBe(reported);
  });

  test('GIVEN a lambda.Function with no log group WHEN synthesizing THEN log-retention warns; with logRetention or logGroup THEN not', () => {
    const build = (props: Partial<lambda.FunctionProps>) => {
      const app = newApp();
      new lambda.Function(new Stack(app, 'Stack'), 'Fn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => 1;'),
        ...props,
      });
      return mine(synthWithChecks(app, ONLY('log-retention')).report, 'log-retention');
    };
    expect(build({}).map((f) => [f.severity, f.path, f.location])).toEqual([['warning', 'Stack/Fn/Resource', 'Properties/LoggingConfig']]);
    // The LogRetention provider's own function is aws-cdk-lib's: not reported (see the rule's notReported).
    expect(build({ logRetention: logs.RetentionDays.ONE_WEEK }).filter((f) => f.location === 'Properties/LoggingConfig')).toEqual([]);
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_WEEK }),
      timeout: Duration.seconds(3),
    });
    expect(mine(synthWithChecks(app, ONLY('log-retention')).report, 'log-retention').filter((f) => f.path.startsWith('Stack/Fn'))).toEqual([]);
  });

  test('GIVEN an s3.Bucket without `encryption` WHEN synthesizing THEN encryption-at-rest reports nothing', () => {
    const app = newApp();
    new s3.Bucket(new Stack(app, 'Stack'), 'Data');
    expect(mine(synthWithChecks(app, ONLY('encryption-at-rest')).report, 'encryption-at-rest')).toEqual([]);
  });

  test('GIVEN an aws_sam.CfnFunction WHEN its inline code requires aws-sdk and it reserves 100 THEN both lambda rules report it; v3 and 2 are clean', () => {
    const build = (code: string, reserved: number) => {
      const app = newApp();
      const stack = new Stack(app, 'Stack');
      stack.addTransform('AWS::Serverless-2016-10-31');
      new sam.CfnFunction(stack, 'Fn', { runtime: 'nodejs22.x', handler: 'index.handler', inlineCode: code, reservedConcurrentExecutions: reserved });
      const { report } = synthWithChecks(app, {
        ruleSeverities: Object.fromEntries(
          SafePatterns.ruleIds().filter((r) => r !== 'lambda-sdk-v2-runtime' && r !== 'lambda-reserved-concurrency').map((r) => [r, RuleSeverity.OFF]),
        ),
      });
      return report.findings.map((f) => [f.ruleId, f.location]).sort();
    };
    expect(build("const AWS = require('aws-sdk');\nexports.handler = async () => AWS;", 100)).toEqual([
      ['lambda-reserved-concurrency', 'Properties/ReservedConcurrentExecutions'],
      ['lambda-sdk-v2-runtime', 'Properties/InlineCode'],
    ]);
    expect(build("const { S3Client } = require('@aws-sdk/client-s3');\nexports.handler = async () => S3Client;", 2)).toEqual([]);
  });
});

describe('issue 13 cases on a synthesized cdktf app', () => {
  test.each(titled(TF_CASES))('GIVEN %s WHEN synthesizing with the checks THEN %s %s', (_, id, __, example, reported) => {
    const { report } = checkTfExample(example as TfExample, ONLY(id));
    expect(mine(report, id).length > 0).toBe(reported);
  });

  test('GIVEN an S3 backend without encrypt WHEN synthesizing THEN s3-backend-lockfile says nothing of encryption', () => {
    const example: TfExample = {
      blocks: { terraform: { backend: { s3: { bucket: 'tf-state-pr123', key: 'pr123/orders.tfstate', region: 'us-east-1', use_lockfile: true } } } },
      resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } },
    };
    expect(mine(checkTfExample(example, ONLY('s3-backend-lockfile')).report, 's3-backend-lockfile')).toEqual([]);
  });

  test('GIVEN an empty backend "s3" {} (partial configuration) WHEN synthesizing THEN one warning says its lock cannot be judged, and synthesis passes', () => {
    const example: TfExample = { blocks: { terraform: { backend: { s3: {} } } }, resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } } };
    const { error, report } = checkTfExample(example, ONLY('s3-backend-lockfile'));
    expect(mine(report, 's3-backend-lockfile').map((f) => [f.severity, f.location])).toEqual([['warning', 'terraform.backend.s3.use_lockfile']]);
    expect(error).toBeUndefined();
  });
});
