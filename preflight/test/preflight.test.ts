import * as ecr from '@aws-sdk/client-ecr';
import * as iam from '@aws-sdk/client-iam';
import * as rds from '@aws-sdk/client-rds';
import * as s3 from '@aws-sdk/client-s3';
import * as cfn from '@aws-sdk/client-cloudformation';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as sqs from '@aws-sdk/client-sqs';
import * as fs from 'fs';
import * as path from 'path';
import { cdkApp, ownedCdkApp, tfApp } from './apps';
import { findings, pairs, REGION, runCli } from './helpers';
import { actionOf, Moto, resetMoto, startMoto, startRecording, stopRecording } from './moto';
import { clients, Clients, fullQuotas, leftovers, role, singletons, snapshot, zipFunction } from './seed';

let moto: Moto;
let c: Clients;

beforeAll(async () => {
  // AWS managed policies are loaded only on request: preflight asks for them by ARN.
  moto = await startMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
  c = clients(moto.endpoint);
});
afterAll(async () => moto?.stop());
beforeEach(async () => resetMoto(moto));

const preflight = (path: string, ...more: string[]) => runCli(['preflight', path, '--endpoint-url', moto.endpoint, '--format', 'json', ...more]);

/** The account state behind every finding of the aws-cdk-lib app with prefix `pf`. */
async function seedNoncompliant(prefix: string): Promise<void> {
  await leftovers(c, prefix);
  await singletons(c);
  await fullQuotas(c);
  // 985 of the 1,000 concurrent executions reserved elsewhere: a further 6 leaves 9, below the minimum of 10.
  await zipFunction(c, 'greedy', await role(c, 'greedy-role'), 985);
}

/** What the compliant app refers to: an image, a code object, a monitoring role, a global cluster. */
async function seedReferences(prefix: string): Promise<void> {
  await c.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: `${prefix}-images` }));
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1, digest: 'sha256:' + 'a'.repeat(64) }, layers: [] });
  await c.ecr.send(new ecr.PutImageCommand({ repositoryName: `${prefix}-images`, imageTag: 'v1', imageManifest: manifest }));
  await c.s3.send(new s3.CreateBucketCommand({ Bucket: `${prefix}-code` }));
  await c.s3.send(new s3.PutObjectCommand({ Bucket: `${prefix}-code`, Key: 'fn.zip', Body: 'zip' }));
  await role(c, `${prefix}-rds-monitoring`);
  await c.rds.send(new rds.CreateGlobalClusterCommand({ GlobalClusterIdentifier: `${prefix}-global`, Engine: 'aurora-postgresql' }));
}

describe('aws-cdk-lib app', () => {
  test('GIVEN an account holding every singleton, name and quota the app needs and none of its references WHEN preflight runs THEN each is reported, exit 1', async () => {
    // GIVEN
    await seedNoncompliant('pf');
    const out = cdkApp({ prefix: 'pf', managedPolicy: 'service-role/AWSLambdaBasicExecutionRoleTypo' });
    // WHEN
    const run = await preflight(out);
    // THEN
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(pairs(run)).toEqual(
      [
        'preflight-singleton-exists Preflight/Detector',
        'preflight-singleton-exists Preflight/Recorder',
        'preflight-singleton-exists Preflight/Channel',
        'preflight-singleton-exists Preflight/Hub',
        'preflight-name-taken Preflight/Role/Resource',
        'preflight-name-taken Preflight/Policy/Resource',
        'preflight-name-taken Preflight/Profile',
        'preflight-name-taken Preflight/Bucket/Resource',
        'preflight-name-taken Preflight/Fn/Resource',
        'preflight-name-taken Preflight/Logs/Resource',
        'preflight-name-taken Preflight/Table/Resource',
        'preflight-name-taken Preflight/Queue/Resource',
        'preflight-name-taken Preflight/Nested/NestedQueue/Resource',
        'preflight-name-taken Preflight/Topic/Resource',
        'preflight-name-taken Preflight/Secret/Resource',
        'preflight-name-taken Preflight/Repo/Resource',
        'preflight-quota-exceeded Preflight/Vpc',
        'preflight-quota-exceeded Preflight/Eip',
        'preflight-quota-exceeded Preflight/Fn/Resource',
        'preflight-reference-missing Preflight/Role/Resource',
        'preflight-reference-missing Preflight/ImageFn',
        'preflight-reference-missing Preflight/S3Fn/Resource',
        'preflight-reference-missing Preflight/Db',
        'preflight-reference-missing Preflight/Secondary',
      ].sort(),
    );
    const byPath = (rule: string, path: string) => findings(run).find((f) => f.ruleId === rule && f.path === path)!;
    expect(byPath('preflight-name-taken', 'Preflight/Role/Resource').message).toMatch(/IAM role name "pf-role" is taken: account 123456789012 \(us-east-1\) holds role arn:aws:iam::123456789012:role\/pf-role/);
    expect(byPath('preflight-name-taken', 'Preflight/Role/Resource').stack).toBe('Preflight');
    expect(byPath('preflight-singleton-exists', 'Preflight/Detector').message).toMatch(/already has a GuardDuty detector/);
    expect(byPath('preflight-quota-exceeded', 'Preflight/Vpc').message).toMatch(/has 5 VPCs of a quota of 5 .*adds 1, 1 over/);
    expect(byPath('preflight-quota-exceeded', 'Preflight/Fn/Resource').message).toMatch(/has 15 unreserved .*would leave 9, below Lambda's minimum of 10/);
    expect(byPath('preflight-reference-missing', 'Preflight/Role/Resource').message).toContain('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRoleTypo does not exist');
    expect(byPath('preflight-reference-missing', 'Preflight/ImageFn').message).toContain('repository pf-images does not exist');
    expect(byPath('preflight-reference-missing', 'Preflight/S3Fn/Resource').message).toContain('s3://pf-code/fn.zip does not exist');
    expect(byPath('preflight-reference-missing', 'Preflight/Secondary').message).toContain('Global cluster "pf-global" does not exist');
    for (const f of findings(run)) expect(f.fix.length).toBeGreaterThan(20);
  });

  test('GIVEN an empty account holding everything the app refers to WHEN preflight runs THEN nothing is reported, exit 0', async () => {
    // GIVEN
    await seedReferences('ok');
    const out = cdkApp({ prefix: 'ok' });
    // WHEN
    const run = await preflight(out);
    // THEN
    expect(run.stderr).toBe('');
    expect(pairs(run)).toEqual([]);
    expect(run.code).toBe(0);
  });

  test('GIVEN names that exist and belong to the CloudFormation stack WHEN preflight runs THEN only the name owned elsewhere is reported', async () => {
    // GIVEN a deployed stack "owned-stack" holding the role and bucket, and a queue of the same name left outside it
    const { outdir, template } = ownedCdkApp('owned-stack', 'own');
    const deployed = JSON.parse(template);
    for (const id of Object.keys(deployed.Resources)) if (id.startsWith('Other')) delete deployed.Resources[id];
    await c.cfn.send(new cfn.CreateStackCommand({ StackName: 'owned-stack', TemplateBody: JSON.stringify(deployed) }));
    const { Stacks } = await c.cfn.send(new cfn.DescribeStacksCommand({ StackName: 'owned-stack' }));
    expect(Stacks?.[0].StackStatus).toBe('CREATE_COMPLETE');
    await c.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'own-other' }));
    // WHEN
    const run = await preflight(outdir);
    // THEN
    expect(pairs(run)).toEqual(['preflight-name-taken Owned/Other/Resource']);
    expect(findings(run)[0].message).toContain('which is not in CloudFormation stack owned-stack');
  });

  test('GIVEN an acknowledgement and --rule overrides WHEN preflight runs THEN the finding is acknowledged and the rule switched off is gone', async () => {
    // GIVEN
    await leftovers(c, 'ack');
    await fullQuotas(c);
    await seedReferences('ack');
    const out = cdkApp({ prefix: 'ack', acknowledgeRole: true });
    // WHEN
    const run = await preflight(out, '--rule', 'preflight-quota-exceeded=off', '--rule', 'preflight-singleton-exists=warning');
    // THEN
    const role = findings(run).find((f) => f.path === 'Preflight/Role/Resource')!;
    expect(role.acknowledgement?.reason).toBe('the role is adopted by a later import step');
    expect(findings(run).filter((f) => f.ruleId === 'preflight-quota-exceeded')).toEqual([]);
    expect(run.code).toBe(1);
  });

  test('GIVEN a run WHEN it is over THEN the account holds exactly what it held before', async () => {
    // GIVEN
    await seedNoncompliant('ro');
    const before = await snapshot(c);
    const out = cdkApp({ prefix: 'ro' });
    await startRecording(moto);
    // WHEN
    const run = await preflight(out);
    // THEN
    const requests = await stopRecording(moto);
    expect(run.code).toBe(1);
    expect(await snapshot(c)).toEqual(before);
    // AND every request it made was a read: Get/List/Describe/Head actions, REST GETs and HEADs
    const actions = requests.map(actionOf);
    expect(actions).toEqual(expect.arrayContaining(['GetCallerIdentity', 'ListStackResources', 'GetRole', 'DescribeTable', 'GetQueueUrl', 'DescribeVpcs']));
    expect(actions.filter((a) => !/^(Get|List|Describe|GET |HEAD )/.test(a))).toEqual([]);
  });

  test('GIVEN text, markdown and SARIF WHEN preflight runs THEN each carries the findings', async () => {
    await leftovers(c, 'fmt');
    const out = cdkApp({ prefix: 'fmt' });
    const text = await runCli(['preflight', out, '--endpoint-url', moto.endpoint]);
    expect(text.stdout).toMatch(/error +preflight-name-taken Preflight\/Role\/Resource/);
    expect(text.stdout).toMatch(/failed \(--fail-on error\)\n$/);
    const markdown = await runCli(['preflight', out, '--endpoint-url', moto.endpoint, '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^## cdk-safe-patterns preflight: /);
    expect(markdown.stdout).toContain('| **error** | `preflight-name-taken` | `Preflight/Role/Resource` |');
    const sarif = JSON.parse((await runCli(['preflight', out, '--endpoint-url', moto.endpoint, '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('preflight-name-taken');
    expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'preflight-name-taken')).toBe(true);
  });
});

describe('cdktf app', () => {
  test('GIVEN leftovers, singletons, full quotas, missing references and no state bucket WHEN preflight runs THEN each is reported', async () => {
    // GIVEN
    await leftovers(c, 'tf');
    await role(c, 'tf-owned-role');
    await singletons(c);
    await fullQuotas(c);
    await zipFunction(c, 'greedy', await role(c, 'greedy-role'), 985);
    const out = tfApp({ prefix: 'tf', managedPolicy: 'ReadOnlyAccessTypo', lockTable: 'tf-locks' });
    // WHEN
    const run = await preflight(out);
    // THEN every finding of the stack; the state bucket does not exist, so tf-owned-role is nobody's either
    expect(run.stderr).toBe('');
    expect(pairs(run)).toEqual(
      [
        'preflight-reference-missing tfpf',
        'preflight-reference-missing tfpf',
        'preflight-singleton-exists tfpf/detector',
        'preflight-singleton-exists tfpf/recorder',
        'preflight-name-taken tfpf/role',
        'preflight-name-taken tfpf/owned_role',
        'preflight-name-taken tfpf/bucket',
        'preflight-name-taken tfpf/logs',
        'preflight-name-taken tfpf/queue',
        'preflight-name-taken tfpf/topic',
        'preflight-quota-exceeded tfpf/vpc',
        'preflight-quota-exceeded tfpf/eip',
        'preflight-quota-exceeded tfpf/image_fn',
        'preflight-reference-missing tfpf/attach',
        'preflight-reference-missing tfpf/image_fn',
        'preflight-reference-missing tfpf/secondary',
      ].sort(),
    );
    const messages = findings(run).map((f) => f.message).join('\n');
    expect(messages).toContain('state bucket "tf-state" does not exist');
    expect(messages).toContain('dynamodb_table "tf-locks" does not exist');
    expect(messages).toMatch(/SNS topic name "tf-topic" is taken.*Terraform either takes the existing one over silently/);
  });

  test('GIVEN the state in the S3 backend holds a role WHEN preflight runs THEN that role is the stack\'s own, the others are not', async () => {
    // GIVEN
    await seedReferences('tfok');
    await c.s3.send(new s3.CreateBucketCommand({ Bucket: 'tfok-state' }));
    await role(c, 'tfok-owned-role');
    const state = { version: 4, resources: [{ mode: 'managed', type: 'aws_iam_role', name: 'owned_role', instances: [{ attributes: { id: 'tfok-owned-role', name: 'tfok-owned-role' } }] }] };
    await c.s3.send(new s3.PutObjectCommand({ Bucket: 'tfok-state', Key: 'tfpf.tfstate', Body: JSON.stringify(state) }));
    await c.dynamodb.send(
      new dynamodb.CreateTableCommand({ TableName: 'tfok-locks', AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    const out = tfApp({ prefix: 'tfok', managedPolicy: 'ReadOnlyAccess', lockTable: 'tfok-locks' });
    // WHEN
    const run = await preflight(out);
    // THEN
    expect(run.stderr).toBe('');
    expect(pairs(run)).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('cdktf app with local state', () => {
  test('GIVEN a local state file holding a role WHEN preflight runs THEN that role is the stack\'s own and a leftover one is not', async () => {
    // GIVEN
    await seedReferences('tfl');
    await role(c, 'tfl-owned-role');
    await role(c, 'tfl-role');
    const out = tfApp({ prefix: 'tfl', managedPolicy: 'ReadOnlyAccess', backend: 'local' });
    const state = { version: 4, resources: [{ mode: 'managed', type: 'aws_iam_role', name: 'owned_role', instances: [{ attributes: { id: 'tfl-owned-role', name: 'tfl-owned-role' } }] }] };
    fs.writeFileSync(path.join(out, 'terraform.tfpf.tfstate'), JSON.stringify(state));
    // WHEN
    const run = await preflight(out);
    // THEN
    expect(run.stderr).toBe('');
    expect(pairs(run)).toEqual(['preflight-name-taken tfpf/role']);
    expect(findings(run)[0].message).toContain('which is not in the Terraform state of this stack');
  });
});

describe('what cannot be asked', () => {
  test('GIVEN an endpoint nobody listens on WHEN preflight runs THEN one line says so, exit 2', async () => {
    const out = cdkApp({ prefix: 'net' });
    const run = await runCli(['preflight', out, '--endpoint-url', 'http://127.0.0.1:9', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cdk-safe-patterns: cannot reach the AWS endpoint \(ECONNREFUSED/)]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('GIVEN no credentials anywhere WHEN preflight runs THEN one line names the fix, exit 2', async () => {
    const out = cdkApp({ prefix: 'nocred' });
    const run = await runCli(['preflight', out, '--endpoint-url', moto.endpoint], {});
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cdk-safe-patterns: no AWS credentials found .*Fix: set AWS_PROFILE or --profile/)]);
  });

  test('GIVEN no region in the stack, the options or the environment WHEN preflight runs THEN one line asks for --region, exit 2', async () => {
    // GIVEN a region-agnostic template
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'preflight-noregion-'));
    fs.writeFileSync(path.join(dir, 'Agnostic.template.json'), JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q' } } } }));
    // WHEN
    const run = await runCli(['preflight', dir, '--endpoint-url', moto.endpoint, '--format', 'json']);
    // THEN
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cdk-safe-patterns: Agnostic: no region: .*Fix: pass --region/)]);
    // AND with --region it is checked
    const withRegion = await runCli(['preflight', dir, '--endpoint-url', moto.endpoint, '--region', REGION, '--format', 'json']);
    expect(withRegion.code).toBe(0);
  });
});

describe('the target account', () => {
  test('GIVEN a stack bound to another account WHEN preflight runs THEN one line says so and it is not checked; bound to this account, it is', async () => {
    await leftovers(c, 'acct');
    const other = await runCli(['preflight', cdkApp({ prefix: 'acct', account: '111111111111' }), '--endpoint-url', moto.endpoint, '--format', 'json']);
    expect(other.code).toBe(2);
    expect(other.stderr.trim().split('\n')).toEqual([
      'cdk-safe-patterns: Preflight: the stack targets account 111111111111, but the credentials are for account 123456789012: not checked. Fix: run preflight with credentials for 111111111111 (--profile)',
    ]);
    expect(pairs(other)).toEqual([]);
    const same = await runCli(['preflight', cdkApp({ prefix: 'acct', account: '123456789012' }), '--endpoint-url', moto.endpoint, '--format', 'json']);
    expect(pairs(same)).toContain('preflight-name-taken Preflight/Role/Resource');
  });
});

describe('profiles', () => {
  test('GIVEN keys and a region only in a named profile WHEN preflight runs with --profile THEN it uses both', async () => {
    // GIVEN a region-agnostic template with a leftover queue name, and no AWS_* variables
    const home = fs.mkdtempSync(path.join(require('os').tmpdir(), 'preflight-profile-'));
    fs.writeFileSync(path.join(home, 'credentials'), '[ci]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
    fs.writeFileSync(path.join(home, 'config'), `[profile ci]\nregion = ${REGION}\n`);
    fs.writeFileSync(path.join(home, 'Agnostic.template.json'), JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'profile-queue' } } } }));
    await c.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'profile-queue' }));
    const env = { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials') };
    // WHEN
    const run = await runCli(['preflight', path.join(home, 'Agnostic.template.json'), '--profile', 'ci', '--endpoint-url', moto.endpoint, '--format', 'json'], env);
    // THEN
    expect(run.stderr).toBe('');
    expect(pairs(run)).toEqual(['preflight-name-taken Agnostic/Q']);
    expect(findings(run)[0].message).toContain(`(${REGION})`);
  });
});

describe('credentials and permissions (moto enforcing IAM)', () => {
  let secured: Moto;
  let keys: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };
  let noStackRead: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };

  beforeAll(async () => {
    // The first 9 requests are not authenticated (the seeding below), every later one is.
    secured = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: '9' });
    const s = clients(secured.endpoint);
    const user = async (name: string, denied: string) => {
      await s.iam.send(new iam.CreateUserCommand({ UserName: name }));
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: denied, Resource: '*' }] };
      await s.iam.send(new iam.PutUserPolicyCommand({ UserName: name, PolicyName: `all-but-${denied}`, PolicyDocument: JSON.stringify(policy) }));
      const key = (await s.iam.send(new iam.CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
      return { AWS_ACCESS_KEY_ID: key.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey! };
    };
    keys = await user('preflight', 'iam:GetRole');
    noStackRead = await user('no-stack-read', 'cloudformation:ListStackResources');
    await s.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'auth-queue' }));
    await s.iam.send(new iam.CreateRoleCommand({ RoleName: 'auth-role', AssumeRolePolicyDocument: '{}' }));
  });
  afterAll(async () => secured?.stop());

  test('GIVEN a policy that denies iam:GetRole WHEN preflight runs THEN one line names the permission, exit 2, and the rest is still checked', async () => {
    const out = cdkApp({ prefix: 'auth' });
    const run = await runCli(['preflight', out, '--endpoint-url', secured.endpoint, '--format', 'json'], keys);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cdk-safe-patterns: iam:GetRole was denied \(AccessDenied\): add iam:GetRole to the policy/)]);
    expect(pairs(run)).toContain('preflight-name-taken Preflight/Queue/Resource');
  });

  test('GIVEN a policy that denies reading the stack WHEN preflight runs THEN names are not judged (no false errors), references still are', async () => {
    const out = cdkApp({ prefix: 'auth', managedPolicy: 'NoSuchManagedPolicy' });
    const run = await runCli(['preflight', out, '--endpoint-url', secured.endpoint, '--format', 'json'], noStackRead);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^cdk-safe-patterns: Preflight: cloudformation:ListStackResources was denied \(AccessDenied\): .*\(names, singletons and quotas of this stack not checked\)$/),
    ]);
    expect(pairs(run).filter((p) => !p.startsWith('preflight-reference-missing'))).toEqual([]);
    expect(pairs(run)).toContain('preflight-reference-missing Preflight/Role/Resource');
  });

  test('GIVEN keys the account does not know WHEN preflight runs THEN one line says they were rejected, exit 2', async () => {
    const out = cdkApp({ prefix: 'badkey' });
    const run = await runCli(['preflight', out, '--endpoint-url', secured.endpoint], { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000', AWS_SECRET_ACCESS_KEY: 'nope' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cdk-safe-patterns: the AWS credentials were rejected \(InvalidClientTokenId/)]);
  });
});
