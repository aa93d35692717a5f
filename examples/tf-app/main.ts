// A CDK for Terraform app as a user (or a code model) would write it, using cdk-safe-patterns.
// In your own app: import { tf } from 'cdk-safe-patterns';
// Provider resources by deep path: the @cdktf/provider-aws root barrel costs seconds per require.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { tf } from '../../lib';

export class OrdersStack extends TerraformStack {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: process.env.AWS_REGION ?? 'us-east-1' });
    // One suffix for every name: prop, else context "environmentSuffix", else $ENVIRONMENT_SUFFIX.
    const suffix = new tf.EnvironmentSuffix(this, 'environment_suffix');

    const receipts = new S3Bucket(this, 'receipts', { bucket: suffix.withSuffix('orders-receipts'), forceDestroy: true });
    // AWS provider v4+: encryption is a resource of its own.
    new S3BucketServerSideEncryptionConfigurationA(this, 'receipts_encryption', {
      bucket: receipts.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new SqsQueue(this, 'orders', { name: suffix.withSuffix('orders') });
  }
}

/**
 * Builds an app around one stack class with the checks applied and synthesizes it (throwing on
 * error findings). `outdir` defaults to CDKTF_OUTDIR or cdktf.out, as with `cdktf synth`.
 */
export function synthesize(outdir?: string, stack: new (scope: Construct, id: string) => TerraformStack = OrdersStack, id = 'orders'): void {
  const app = new App({ outdir });
  // cdktf runs no Aspect added to the App: applyTo covers every stack, even ones created later.
  tf.SafePatternsChecks.applyTo(app);
  new stack(app, id);
  app.synth();
}

if (require.main === module) {
  synthesize();
}
