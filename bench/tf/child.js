'use strict';
// One measured cdktf synthesis, in its own process: node bench/tf/child.js <size> <variant> <outdir> <report.json>
// variant: bare | ours (applyTo) | aspect (the checks as an Aspect on each stack). Writes its phase timings and what it checked to <report.json>.
const fs = require('fs');
const path = require('path');

const [sizeArg, variant, outdir, reportFile] = process.argv.slice(2);
const size = Number(sizeArg);
const t0 = process.hrtime.bigint();
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

const { App, Aspects, TerraformStack } = require('cdktf');
const { buildTfApp, SUFFIX } = require('./app');
let tf;
if (variant === 'ours' || variant === 'aspect') {
  tf = require('../../lib').tf;
} else if (variant !== 'bare') {
  throw new Error(`tf child: unknown variant '${variant}'. Fix: use bare, ours or aspect.`);
}
const requireMs = ms(t0);

const t1 = process.hrtime.bigint();
const app = new App({ outdir });
const built = buildTfApp(app, size);
if (variant === 'ours') tf.SafePatternsChecks.applyTo(app, { environmentSuffix: SUFFIX });
if (variant === 'aspect') {
  const checks = new tf.SafePatternsChecks({ environmentSuffix: SUFFIX });
  for (const stack of app.node.children.filter((c) => TerraformStack.isStack(c))) Aspects.of(stack).add(checks);
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
if (tf) {
  const file = path.join(outdir, 'stacks', 'bench', 'safe-patterns-report.json');
  result.reportWritten = fs.existsSync(file);
  if (result.reportWritten) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    result.findings = report.findings.length;
    result.findingRules = [...new Set(report.findings.map((f) => f.ruleId))];
  }
}
fs.writeFileSync(reportFile, JSON.stringify(result));
