// A CDK for Terraform app as a user (or a code model) would write it, using cdk-safe-patterns.
// In your own app: import { tf } from 'cdk-safe-patterns';
// Provider resources by deep path: the @cdktf/provider-aws root barrel costs seconds per require.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
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

    new S3Bucket(this, 'receipts', { bucket: suffix.withSuffix('orders-receipts'), forceDestroy: true });
    new SqsQueue(this, 'orders', { name: suffix.withSuffix('orders') });
  }
}

/** Builds and synthesizes the app; `outdir` defaults to CDKTF_OUTDIR or cdktf.out as with `cdktf synth`. */
export function synthesize(outdir?: string): void {
  const app = new App({ outdir });
  new OrdersStack(app, 'orders');
  app.synth();
}

if (require.main === module) {
  synthesize();
}
