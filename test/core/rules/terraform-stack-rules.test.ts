import { tfFindings } from './helpers';
import { localBackend } from '../../../src/core/rules/local-backend';
import { providerVersionConstraint } from '../../../src/core/rules/provider-version-constraint';
import { s3BackendLockfile } from '../../../src/core/rules/s3-backend-lockfile';
import { singleRegionMultiRegion } from '../../../src/core/rules/single-region-multi-region';

const queue = { aws_sqs_queue: { orders: { name: 'orders-pr123' } } };
const s3Backend = (s3: Record<string, unknown>) => ({ blocks: { terraform: { backend: { s3 } } }, resource: queue });

describe('s3-backend-lockfile', () => {
  test('GIVEN the deprecated DynamoDB lock table and no lock file WHEN evaluated THEN each problem is one finding on the stack', () => {
    // WHEN
    const findings = tfFindings(s3BackendLockfile, s3BackendLockfile.metadata.examples.terraform!.nonCompliant);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([
      ['stack', 'terraform.backend.s3.use_lockfile'],
      ['stack', 'terraform.backend.s3.dynamodb_table'],
    ]);
    expect(findings[1].message).toContain('"terraform-state-lock"');
  });

  test('GIVEN no encrypt, or encrypt false WHEN evaluated THEN nothing claims the state is unencrypted (SSE-S3 is the default)', () => {
    expect(tfFindings(s3BackendLockfile, s3Backend({ bucket: 'b', key: 'k', use_lockfile: true }))).toEqual([]);
    expect(tfFindings(s3BackendLockfile, s3Backend({ bucket: 'b', key: 'k', use_lockfile: true, encrypt: false }))).toEqual([]);
    expect(tfFindings(s3BackendLockfile, s3Backend({ bucket: 'b', key: 'k' })).map((f) => f.message).join(' ')).not.toContain('unencrypted');
  });

  test.each([[{}], [{ region: 'us-east-1' }], [{ bucket: 'tf-state' }]])('GIVEN the partial backend %j WHEN evaluated THEN one warning says its lock cannot be judged', (s3) => {
    const findings = tfFindings(s3BackendLockfile, s3Backend(s3));
    expect(findings.map((f) => [f.severity, f.location])).toEqual([['warning', 'terraform.backend.s3.use_lockfile']]);
    expect(findings[0].message).toContain('partial configuration');
    expect(findings[0].message).toContain('cannot be judged');
  });

  test('GIVEN a partial backend that names dynamodb_table or use_lockfile false WHEN evaluated THEN those are errors', () => {
    expect(tfFindings(s3BackendLockfile, s3Backend({ dynamodb_table: 'lock' })).map((f) => [f.severity, f.location])).toEqual([
      ['warning', 'terraform.backend.s3.use_lockfile'],
      ['error', 'terraform.backend.s3.dynamodb_table'],
    ]);
    expect(tfFindings(s3BackendLockfile, s3Backend({ use_lockfile: false })).map((f) => f.severity)).toEqual(['error']);
  });

  test('GIVEN use_lockfile written as a string by an override WHEN evaluated THEN they count as true', () => {
    expect(tfFindings(s3BackendLockfile, s3Backend({ bucket: 'b', key: 'k', use_lockfile: 'true' }))).toEqual([]);
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(s3BackendLockfile, s3BackendLockfile.metadata.examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN a local backend WHEN evaluated THEN this rule says nothing (local-backend does)', () => {
    expect(tfFindings(s3BackendLockfile, localBackend.metadata.examples.terraform!.nonCompliant)).toEqual([]);
  });
});

describe('local-backend', () => {
  test('GIVEN cdktf\'s default local backend WHEN evaluated THEN a warning points at the stack', () => {
    const findings = tfFindings(localBackend, localBackend.metadata.examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([['local-backend', 'warning', 'stack', 'terraform.backend.local']]);
  });

  test('GIVEN no backend block at all WHEN evaluated THEN it is reported as local state', () => {
    const findings = tfFindings(localBackend, { resource: queue });
    expect(findings.map((f) => f.message)).toEqual(['The stack has no backend: Terraform keeps its state in a local file.']);
  });

  test('GIVEN an S3 backend WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(localBackend, localBackend.metadata.examples.terraform!.compliant)).toEqual([]);
  });
});

describe('provider-version-constraint', () => {
  test('GIVEN a required provider without version WHEN evaluated THEN it is named', () => {
    const findings = tfFindings(providerVersionConstraint, providerVersionConstraint.metadata.examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      ['terraform.required_providers.random', 'Required provider "random" has no version constraint ({"source":"hashicorp/random"}).'],
    ]);
  });

  const constraints: Array<[unknown]> = [['~> 3.6'], [{ source: 'hashicorp/random', version: '>= 3' }]];
  test.each(constraints)('GIVEN the constraint %j WHEN evaluated THEN nothing is reported', (spec) => {
    expect(tfFindings(providerVersionConstraint, { blocks: { terraform: { required_providers: { random: spec } } }, resource: queue })).toEqual([]);
  });

  test.each([[{ version: '' }], [{ version: 3 }], [null]])('GIVEN the malformed entry %j WHEN evaluated THEN it is reported, not a crash', (spec) => {
    const example = { blocks: { terraform: { required_providers: { random: spec } } }, resource: queue };
    expect(tfFindings(providerVersionConstraint, example)).toHaveLength(1);
  });
});

describe('single-region-multi-region (Terraform providers)', () => {

  const withProviders = (aws: unknown) => ({ blocks: { provider: { aws } }, resource: queue });

  test('GIVEN a primary and a secondary provider in the same region WHEN evaluated THEN the stack is reported', () => {
    const findings = tfFindings(singleRegionMultiRegion, withProviders([{ region: 'us-east-1' }, { alias: 'secondary', region: 'us-east-1' }]));
    expect(findings.map((f) => [f.path, f.location, f.message])).toEqual([
      ['stack', 'provider.aws', 'The stack\'s 2 aws providers ((default), secondary) all use region "us-east-1".'],
    ]);
  });

  test.each([
    ['two regions', [{ region: 'us-east-1' }, { alias: 'secondary', region: 'us-west-2' }]],
    ['one provider', { region: 'us-east-1' }],
    ['a region from a variable', [{ region: 'us-east-1' }, { alias: 'secondary', region: '${var.secondary_region}' }]],
  ])('GIVEN %s WHEN evaluated THEN nothing is reported', (_, aws) => {
    expect(tfFindings(singleRegionMultiRegion, withProviders(aws))).toEqual([]);
  });
});
