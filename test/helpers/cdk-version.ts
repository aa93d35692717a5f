/**
 * The aws-cdk-lib these tests run on, and what differs between the versions CI tests: the floor
 * (package.json devDependencies) and the newest tested (`npx projen test:cdk-latest`, which maps
 * aws-cdk-lib to .cache/cdk-latest). Each fact below was observed on the published versions.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';

/** The version of the aws-cdk-lib that `import ... from 'aws-cdk-lib'` loads in this run. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CDK_VERSION: string = require('aws-cdk-lib/package.json').version;

/** Whether the loaded aws-cdk-lib is at least `version` (x.y.z, numeric compare). */
export function cdkAtLeast(version: string): boolean {
  const [a, b] = [CDK_VERSION, version].map((v) => v.split('.').map((n) => parseInt(n, 10)));
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return true;
}

/**
 * From 2.262 every synth runs aws-cdk-lib's built-in CloudFormation validator, and a failing
 * validation plugin makes `app.synth()` throw when the app is not run by the CDK CLI
 * (`CDK_APP_MODE=process`); up to 2.261 a failing plugin only sets `process.exitCode = 1`.
 */
export const BUILTIN_VALIDATOR_SINCE = '2.262.0';
export const PLUGIN_FAILURE_THROWS_SINCE = '2.262.0';
/** Up to 2.257 the report is `policy-validation-report.json`; from 2.258 `validation-report.json`. */
export const VALIDATION_REPORT_RENAMED_IN = '2.258.0';

/** The built-in validator's plugin name as acknowledgement ids spell it (`CloudFormation-Validate::W2531`). */
export const BUILTIN_VALIDATOR = 'CloudFormation-Validate';

/** The validation report aws-cdk-lib writes into the cloud assembly (plugin mode, built-in validator). */
export function validationReportPath(app: App): string {
  const name = cdkAtLeast(VALIDATION_REPORT_RENAMED_IN) ? 'validation-report.json' : 'policy-validation-report.json';
  return path.join(app.outdir, name);
}

/**
 * The report of one plugin from the validation report, or undefined when it reported nothing.
 * Up to 2.257 the plugin name is under `summary`; later reports name it at the top, with spaces
 * (`CloudFormation Validate`) where acknowledgement ids have dashes.
 */
export function pluginReport(app: App, pluginName: string): any {
  const file = validationReportPath(app);
  if (!fs.existsSync(file)) return undefined;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dashed = (name: string) => name.replace(/ /g, '-');
  return report.pluginReports.find((r: any) => dashed(r.summary?.pluginName ?? r.pluginName) === dashed(pluginName));
}

/**
 * `[ruleName, construct path, severity]` of each finding of aws-cdk-lib's built-in CloudFormation
 * validator that is not acknowledged, after `app.synth()`; [] on versions without the validator.
 * A clean run leaves no report of the plugin at all, so this throws when the validator cannot
 * have run (CDK_VALIDATION=false, or no validation report written): a test asserting zero findings
 * must not pass because nothing ran.
 */
export function builtinValidatorFindings(app: App): Array<[string, string, string]> {
  if (!cdkAtLeast(BUILTIN_VALIDATOR_SINCE)) return [];
  if (process.env.CDK_VALIDATION === 'false' || !fs.existsSync(validationReportPath(app))) {
    throw new Error(`aws-cdk-lib ${CDK_VERSION} did not run its ${BUILTIN_VALIDATOR} validator for ${app.outdir} ` +
      `(CDK_VALIDATION=${process.env.CDK_VALIDATION ?? 'unset'}; no ${path.basename(validationReportPath(app))}).`);
  }
  const report = pluginReport(app, BUILTIN_VALIDATOR);
  // Acknowledged findings are listed apart, under suppressedViolations.
  return (report?.violations ?? []).flatMap((v: any) => (v.violatingConstructs ?? [{}]).map((c: any): [string, string, string] =>
    [v.ruleName, c.constructPath ?? c.cloudFormationResource?.logicalId ?? '', v.severity]));
}
