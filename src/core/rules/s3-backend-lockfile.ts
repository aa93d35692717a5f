import { RuleDefinition, Violation } from './model';
import { asBoolean, asObject, isSet, show } from './values';

/** The S3 backend locks state with a lock file in the bucket; the DynamoDB lock table is deprecated. */
export const s3BackendLockfile: RuleDefinition = {
  metadata: {
    id: 's3-backend-lockfile',
    title: 'S3 state backend locks with use_lockfile and has no DynamoDB lock table',
    lesson: '002 Failure #4 "Invalid S3 Backend Configuration", 003 Issue 1 "DynamoDB State Lock Table Missing"',
    why:
      'Terraform 1.10+ locks S3 state natively with `use_lockfile = true`; `dynamodb_table` is deprecated and fails with ' +
      '"ResourceNotFoundException" when the lock table does not exist in the account. Without either, two runs can write the ' +
      'same state at once and corrupt it.',
    fix:
      'Use this library\'s S3BackendWithLockfile, or set `use_lockfile = true` on the S3 backend and drop `dynamodb_table` ' +
      '(cdktf 0.21: `new S3Backend(stack, {...})` then `stack.addOverride(\'terraform.backend.s3.use_lockfile\', true)`). ' +
      'With a partial backend, pass `-backend-config=use_lockfile=true` to `terraform init`, or write it in the stack.',
    notReported: [
      'A missing or false `encrypt`: the state object is still encrypted at rest, because S3 applies SSE-S3 to every new ' +
        'object by default since January 2023 (`encrypt = true` only asks for server-side encryption explicitly).',
      'The lock of a partial backend (`backend "s3" {}`, or one without `bucket` or `key`, completed with ' +
        '`terraform init -backend-config`): `use_lockfile` may come from there, so it is a warning that it cannot be judged, not an error.',
    ],
    defaultSeverity: 'error',
    examples: {
      terraform: {
        nonCompliant: {
          blocks: { terraform: { backend: { s3: { bucket: 'tf-state-pr123', key: 'pr123/orders.tfstate', region: 'us-east-1', dynamodb_table: 'terraform-state-lock' } } } },
          resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } },
        },
        compliant: {
          blocks: { terraform: { backend: { s3: { bucket: 'tf-state-pr123', key: 'pr123/orders.tfstate', region: 'us-east-1', use_lockfile: true } } } },
          resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } },
        },
      },
    },
  },
  terraformStack: (stack) => {
    const s3 = asObject(asObject(stack.terraform?.backend)?.s3);
    if (!s3) return [];
    const violations: Violation[] = [];
    // bucket and key are required: without them the block is a partial configuration completed at `terraform init`.
    const partial = !isSet(s3.bucket) || !isSet(s3.key);
    if (partial && (s3.use_lockfile === undefined || s3.use_lockfile === null)) {
      violations.push({
        message:
          'The S3 backend is a partial configuration (no bucket or key here: they are given to terraform init with -backend-config), ' +
          'so whether it locks with use_lockfile cannot be judged from the stack.',
        location: 'terraform.backend.s3.use_lockfile',
        severity: 'warning',
      });
    } else if (asBoolean(s3.use_lockfile) !== true) {
      violations.push({ message: `The S3 backend has use_lockfile ${show(s3.use_lockfile)}: state is not locked by S3's lock file.`, location: 'terraform.backend.s3.use_lockfile' });
    }
    if (s3.dynamodb_table !== undefined && s3.dynamodb_table !== null) {
      violations.push({ message: `The S3 backend names the deprecated lock table dynamodb_table ${show(s3.dynamodb_table)}.`, location: 'terraform.backend.s3.dynamodb_table' });
    }
    return violations;
  },
};
