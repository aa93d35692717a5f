import { RuleDefinition } from './model';
import { asObject } from './values';

/** Local state is lost between CI runs; the next deploy then collides with what already exists. */
export const localBackend: RuleDefinition = {
  metadata: {
    id: 'local-backend',
    title: 'Stack state is kept remotely',
    lesson: '003 Issue 9 "Idempotency Issues with Local Backend"',
    why:
      'With a local backend (cdktf\'s default when no backend is configured) the state file lives on the machine that ran ' +
      'Terraform. In CI it is gone after the run, the next deployment no longer knows the resources it created, and fails with ' +
      '"already exists" errors.',
    fix:
      'Configure a remote backend: this library\'s S3BackendWithLockfile (which falls back to local, with a warning, only when ' +
      'no state bucket is configured), or cdktf\'s S3Backend with use_lockfile.',
    notReported: [
      'Remote backends of any kind (s3, remote, gcs, azurerm, http...): state lives outside the machine; s3-backend-lockfile judges the S3 one.',
    ],
    defaultSeverity: 'warning',
    examples: {
      terraform: {
        nonCompliant: {
          blocks: { terraform: { backend: { local: { path: 'terraform.orders.tfstate' } } } },
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
    const backend = asObject(stack.terraform?.backend);
    if (!backend || Object.keys(backend).length === 0) {
      return [{ message: 'The stack has no backend: Terraform keeps its state in a local file.', location: 'terraform.backend' }];
    }
    if (backend.local !== undefined) {
      return [{ message: 'The stack uses the local backend: its state stays on the machine that ran Terraform.', location: 'terraform.backend.local' }];
    }
    return [];
  },
};
