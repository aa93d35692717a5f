// An aws-cdk-lib app as a user (or a code model) would write it, using cdk-safe-patterns.
// In your own app: import { cdk } from 'cdk-safe-patterns';
import { App, Aspects, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { cdk } from '../../lib';

export class OrdersStack extends Stack {
  public constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // One suffix for every name: prop, else context "environmentSuffix", else $ENVIRONMENT_SUFFIX.
    const suffix = new cdk.EnvironmentSuffix(this, 'EnvironmentSuffix');

    new s3.Bucket(this, 'Receipts', {
      bucketName: suffix.withSuffix('orders-receipts'),
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    new sqs.Queue(this, 'Orders', { queueName: suffix.withSuffix('orders') });
  }
}

/**
 * Builds an app around one stack class with the checks applied, and synthesizes it
 * (throwing on error findings). `outdir` defaults to CDK_OUTDIR or cdk.out, as with `cdk synth`.
 */
export function synthesize(outdir?: string, stack: new (scope: Construct, id: string) => Stack = OrdersStack): CloudAssembly {
  const app = new App({ outdir });
  new stack(app, stack.name);
  Aspects.of(app).add(new cdk.SafePatternsChecks());
  return app.synth();
}

if (require.main === module) {
  synthesize();
}
