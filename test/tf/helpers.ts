import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, S3Backend, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SafePatternsChecksProps, tf } from '../../src';
import { JsonReport } from '../../src/core/engine/reports';
import { EXAMPLE_SUFFIX, TfExample } from '../../src/core/rules/model';

/** A provider block for providers the examples use besides aws (archive, random). */
class GenericProvider extends TerraformProvider {
  public constructor(scope: Construct, name: string) {
    super(scope, name, { terraformResourceType: name, terraformGeneratorMetadata: { providerName: name } });
  }
}

/** A fresh cdktf App writing into its own temporary directory. */
export function newTfApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-tf-')) });
}

/** Adds a cdk.tf.json fragment to a stack as real cdktf resources and overrides. */
export function addTfExample(stack: TerraformStack, example: TfExample): void {
  const providers = new Set<string>();
  for (const [type, byName] of Object.entries(example.resource)) {
    const providerName = type.split('_')[0];
    providers.add(providerName);
    for (const [name, attributes] of Object.entries(byName)) {
      // Terraform allows one name under several types; construct ids must be unique, so keep the name as logical ID only.
      const resource = new TerraformResource(stack, `${type}.${name}`, { terraformResourceType: type, terraformGeneratorMetadata: { providerName } });
      resource.overrideLogicalId(name);
      for (const [key, value] of Object.entries(attributes)) resource.addOverride(key, value);
    }
  }
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  for (const name of providers) if (name !== 'aws') new GenericProvider(stack, name);
  const { terraform, ...blocks } = example.blocks ?? {};
  const { backend, ...terraformBlock } = terraform ?? {};
  if (backend?.s3) {
    // A real S3Backend replaces cdktf's default local one; the example's attributes are written over it.
    new S3Backend(stack, { bucket: backend.s3.bucket, key: backend.s3.key });
    stack.addOverride('terraform.backend.s3', backend.s3);
  }
  for (const [key, value] of Object.entries(terraformBlock)) stack.addOverride(`terraform.${key}`, value);
  for (const [key, value] of Object.entries(blocks)) stack.addOverride(key, value);
}

export interface CheckedTfSynth {
  readonly error?: Error;
  /** The stack's safe-patterns-report.json. */
  readonly report: JsonReport;
  readonly outdir: string;
}

/** Applies the checks to the app, synthesizes, and reads one stack's report back. */
export function synthTfWithChecks(app: App, props: SafePatternsChecksProps = {}, stackName = 'stack'): CheckedTfSynth {
  tf.SafePatternsChecks.applyTo(app, { environmentSuffix: EXAMPLE_SUFFIX, ...props });
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  }
  const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stackName, 'safe-patterns-report.json'), 'utf8'));
  return { error, report, outdir: app.outdir };
}

/** One stack holding the example, checked through a real cdktf synth. */
export function checkTfExample(example: TfExample, props: SafePatternsChecksProps = {}): CheckedTfSynth {
  const app = newTfApp();
  addTfExample(new TerraformStack(app, 'stack'), example);
  return synthTfWithChecks(app, props);
}
