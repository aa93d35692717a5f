import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import { cdk, SafePatternsChecksProps } from '../../src';
import { JsonReport } from '../../src/core/engine/reports';
import { CfnExample, EXAMPLE_SUFFIX } from '../../src/core/rules/model';

/** A fresh App writing into its own temporary cloud assembly directory. */
export function newApp(props: AppProps = {}): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-cdk-')), ...props });
}

/** Adds a template fragment to a stack as real CfnResources, keeping the example's logical IDs. */
export function addExampleResources(stack: Stack, example: CfnExample): void {
  for (const [logicalId, { Type, Properties, ...options }] of Object.entries(example.resources)) {
    const resource = new CfnResource(stack, logicalId, { type: Type, properties: Properties });
    resource.overrideLogicalId(logicalId);
    for (const [key, value] of Object.entries(options)) {
      resource.addOverride(key, value);
    }
  }
}

export interface CheckedSynth {
  /** What app.synth() threw, if it threw. */
  readonly error?: Error;
  /** safe-patterns-report.json from the cloud assembly. */
  readonly report: JsonReport;
  readonly outdir: string;
}

/** Applies the checks as an Aspect to the app, synthesizes, and reads the report back. */
export function synthWithChecks(app: App, props: SafePatternsChecksProps = {}): CheckedSynth {
  Aspects.of(app).add(new cdk.SafePatternsChecks({ environmentSuffix: EXAMPLE_SUFFIX, ...props }));
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  }
  const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'safe-patterns-report.json'), 'utf8'));
  return { error, report, outdir: app.outdir };
}

/** Builds an app with one stack holding the example, runs the checks, returns the result. */
export function checkExample(example: CfnExample, props: SafePatternsChecksProps = {}): CheckedSynth {
  const app = newApp();
  const stack = new Stack(app, 'Stack', example.region ? { env: { region: example.region } } : undefined);
  addExampleResources(stack, example);
  return synthWithChecks(app, props);
}
