// Synthesizes the bundled example apps through the compiled library and prints what the
// checks find. Run by `npx projen examples` (README, quick start command 1).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GeneratedStack } from './cdk-app/generated';
import { GeneratedFixedStack } from './cdk-app/generated-fixed';
import * as cdkApp from './cdk-app/main';
import { GeneratedTfStack } from './tf-app/generated';
import * as tfApp from './tf-app/main';

const DEFAULT_SUFFIX = 'example';

function main(): void {
  if (!process.env.ENVIRONMENT_SUFFIX) {
    process.env.ENVIRONMENT_SUFFIX = DEFAULT_SUFFIX;
  }
  console.log(`Environment suffix: "${process.env.ENVIRONMENT_SUFFIX}" (from ENVIRONMENT_SUFFIX)\n`);

  const cdkOut = (name: string) => path.join(__dirname, 'cdk-app', 'cdk.out', name);
  check('aws-cdk-lib', 'OrdersStack (examples/cdk-app/main.ts)', cdkOut('orders'), cdkOut('orders'), () => cdkApp.synthesize(cdkOut('orders')));
  check('aws-cdk-lib', 'GeneratedStack (examples/cdk-app/generated.ts)', cdkOut('generated'), cdkOut('generated'),
    () => cdkApp.synthesize(cdkOut('generated'), GeneratedStack));
  check('aws-cdk-lib', 'GeneratedFixedStack (examples/cdk-app/generated-fixed.ts)', cdkOut('generated-fixed'), cdkOut('generated-fixed'),
    () => cdkApp.synthesize(cdkOut('generated-fixed'), GeneratedFixedStack));

  const tfOut = (name: string) => path.join(__dirname, 'tf-app', 'cdktf.out', name);
  check('cdktf', 'orders (examples/tf-app/main.ts)', tfOut('orders'), path.join(tfOut('orders'), 'stacks', 'orders'), () => tfApp.synthesize(tfOut('orders')));
  check('cdktf', 'generated (examples/tf-app/generated.ts)', tfOut('generated'), path.join(tfOut('generated'), 'stacks', 'generated'),
    () => tfApp.synthesize(tfOut('generated'), GeneratedTfStack, 'generated'));

  // What the helper does when no suffix is set: one clear line, no stack trace.
  const saved = process.env.ENVIRONMENT_SUFFIX;
  delete process.env.ENVIRONMENT_SUFFIX;
  try {
    cdkApp.synthesize(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-out-')));
  } catch (error) {
    console.log(`Without a suffix the app stops at construction:\n  ${(error as Error).message}`);
  } finally {
    process.env.ENVIRONMENT_SUFFIX = saved;
  }
}

/** Synthesizes one example app and prints the findings from the report it wrote. */
function check(framework: string, title: string, outdir: string, reportDir: string, synth: () => unknown): void {
  fs.rmSync(outdir, { recursive: true, force: true });
  // cdktf creates its outdir but not the folders above it.
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  let failure: Error | undefined;
  try {
    synth();
  } catch (error) {
    failure = error as Error;
  }
  const reportFile = path.join(reportDir, 'safe-patterns-report.json');
  if (!fs.existsSync(reportFile)) {
    // Synthesis stopped before the checks ran: show why, in one line.
    console.log(`${framework} ${title}: synthesis failed before the checks ran: ${failure?.message.split('\n')[0]}\n`);
    process.exitCode = 1;
    return;
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const { errors, warnings, acknowledged } = report.summary;
  console.log(`${framework} ${title}: synthesis ${failure ? 'FAILED' : 'passed'} ` +
    `(${errors} errors, ${warnings} warnings, ${acknowledged} acknowledged) -> ${path.relative(process.cwd(), reportFile)}`);
  for (const f of report.findings) {
    const status = f.acknowledgement ? 'acknowledged' : f.severity;
    const tail = f.acknowledgement ? `reason: ${f.acknowledgement.reason}` : f.message;
    console.log(`  ${status.padEnd(12)} ${f.ruleId.padEnd(26)} ${f.path}\n  ${' '.repeat(40)}${tail}`);
  }
  console.log('');
}

main();
