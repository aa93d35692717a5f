import { RuleDefinition, Violation } from './model';
import { asBoolean, asObject, show } from './values';

/** The S3 backend locks state with a lock file in the bucket; the DynamoDB lock table is deprecated. */
export const s3BackendLockfile: RuleDefinition = {
  metadata: {
    id: 's3-backend-lockfile',
    title: 'S3 state backend locks with use_lockfile, encrypts, and has no DynamoDB lock table',
    lesson: '002 Failure #4 "Invalid S3 Backend Configuration", 003 Issue 1 "DynamoDB State Lock Table Missing"',
    why:
      'Terraform 1.10+ locks S3 state natively with `use_lockfile = true`; `dynamodb_table` is deprecated and fails with ' +
      '"ResourceNotFoundException" when the lock table does not exist in the account. Without `encrypt = true` the state, ' +
      'which holds every secret the stack handles, is stored unencrypted.',
    fix:
      'Use this library\'s S3BackendWithLockfile, or set `use_lockfile = true` and `encrypt = true` on the S3 backend and drop ' +
      '`dynamodb_table` (cdktf 0.21: `new S3Backend(stack, {...})` then `stack.addOverride(\'terraform.backend.s3.use_lockfile\', true)`).',
    defaultSeverity: 'error',
    examples: {
      terraform: {
        nonCompliant: {
          blocks: { terraform: { backend: { s3: { bucket: 'tf-state-pr123', key: 'pr123/orders.tfstate', region: 'us-east-1', dynamodb_table: 'terraform-state-lock' } } } },
          resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } },
        },
        compliant: {
          blocks: { terraform: { backend: { s3: { bucket: 'tf-state-pr123', key: 'pr123/orders.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } } } },
          resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } },
        },
      },
    },
  },
  terraformStack: (stack) => {
    const s3 = asObject(asObject(stack.terraform?.backend)?.s3);
    if (!s3) return [];
    const violations: Violation[] = [];
    if (asBoolean(s3.use_lockfile) !== true) {
      violations.push({ message: `The S3 backend has use_lockfile ${show(s3.use_lockfile)}: state is not locked by S3's lock file.`, location: 'terraform.backend.s3.use_lockfile' });
    }
    if (asBoolean(s3.encrypt) !== true) {
      violations.push({ message: `The S3 backend has encrypt ${show(s3.encrypt)}: state is stored unencrypted.`, location: 'terraform.backend.s3.encrypt' });
    }
    if (s3.dynamodb_table !== undefined && s3.dynamodb_table !== null) {
      violations.push({ message: `The S3 backend names the deprecated lock table dynamodb_table ${show(s3.dynamodb_table)}.`, location: 'terraform.backend.s3.dynamodb_table' });
    }
    return violations;
  },
};
