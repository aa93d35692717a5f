'use strict';
// One measured synthesis, in its own process: node bench/cdk/child.js <size> <variant> <outdir> <report.json>
// variant: bare | ours | nag. Writes its phase timings and what it checked to <report.json>.
const fs = require('fs');
const path = require('path');

const [sizeArg, variant, outdir, reportFile] = process.argv.slice(2);
const size = Number(sizeArg);
const t0 = process.hrtime.bigint();
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

const cdk = require('aws-cdk-lib');
const { buildCdkApp, SUFFIX } = require('./app');
let checks;
if (variant === 'ours') {
  const { cdk: safe } = require('../../lib');
  checks = new safe.SafePatternsChecks({ environmentSuffix: SUFFIX });
} else if (variant === 'nag') {
  const { AwsSolutionsChecks } = require('cdk-nag');
  checks = new AwsSolutionsChecks();
} else if (variant !== 'bare') {
  throw new Error(`cdk child: unknown variant '${variant}'. Fix: use bare, ours or nag.`);
}
const requireMs = ms(t0);

const t1 = process.hrtime.bigint();
// As `cdk synth` runs an app: the cdk CLI turns on path metadata (aws:cdk:path on every resource) by default.
const app = new cdk.App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
const built = buildCdkApp(app, size);
if (variant === 'ours') {
  cdk.Aspects.of(app).add(checks);
} else if (variant === 'nag') {
  // aws-cdk-lib 2.257 does not pass the construct tree (appConstruct) to validation plugins yet,
  // which cdk-nag 3's validate() needs: hand it the app, as the CDK change it waits for will.
  cdk.Validations.of(app).addPlugins({
    name: checks.name,
    version: checks.version,
    ruleIds: checks.ruleIds,
    validate: (context) => checks.validate({ ...context, appConstruct: app }),
  });
}
const constructMs = ms(t1);

const t2 = process.hrtime.bigint();
let error;
try {
  app.synth();
} catch (e) {
  error = e.message.split('\n').slice(0, 3).join('\n');
}
const synthMs = ms(t2);

const result = { variant, size, stacks: built.stacks, requireMs, constructMs, synthMs, error };
if (variant === 'ours') {
  const file = path.join(outdir, 'safe-patterns-report.json');
  result.reportWritten = fs.existsSync(file);
  if (result.reportWritten) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    result.findings = report.findings.length;
    result.findingRules = [...new Set(report.findings.map((f) => f.ruleId))];
  }
} else if (variant === 'nag') {
  const file = path.join(outdir, 'policy-validation-report.json');
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    const plugin = (report.pluginReports ?? []).find((r) => r.summary?.pluginName === checks.name) ?? report.pluginReports?.[0];
    result.findings = (plugin?.violations ?? []).reduce((n, v) => n + (v.violatingResources?.length ?? v.violatingConstructs?.length ?? 1), 0);
    result.pluginError = plugin?.summary?.metadata?.error;
  }
  // Violations set a failing exit code after the report is written; the run itself completed.
  process.exitCode = 0;
}
fs.writeFileSync(reportFile, JSON.stringify(result));
