// Synthesizes the bundled example apps through the compiled library and prints what it found.
// Run by `npx projen examples` (README, quick start command 1).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdkApp from './cdk-app/main';
import * as tfApp from './tf-app/main';

const DEFAULT_SUFFIX = 'example';

function main(): void {
  if (!process.env.ENVIRONMENT_SUFFIX) {
    process.env.ENVIRONMENT_SUFFIX = DEFAULT_SUFFIX;
  }
  console.log(`Environment suffix: "${process.env.ENVIRONMENT_SUFFIX}" (from ENVIRONMENT_SUFFIX)\n`);

  const cdkOut = path.join(__dirname, 'cdk-app', 'cdk.out');
  const assembly = cdkApp.synthesize(cdkOut);
  for (const stack of assembly.stacks) {
    console.log(`aws-cdk-lib  ${stack.stackName}  -> ${path.relative(process.cwd(), stack.templateFullPath)}`);
    printNames(Object.values<any>(stack.template.Resources ?? {}).map((r) => [r.Type, physicalName(r.Properties ?? {})]));
  }

  const tfOut = path.join(__dirname, 'tf-app', 'cdktf.out');
  tfApp.synthesize(tfOut);
  for (const stackDir of fs.readdirSync(path.join(tfOut, 'stacks'))) {
    const file = path.join(tfOut, 'stacks', stackDir, 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    console.log(`cdktf        ${stackDir}  -> ${path.relative(process.cwd(), file)}`);
    const rows: Array<[string, string | undefined]> = [];
    for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
      for (const attrs of Object.values<any>(byName)) rows.push([type, attrs.bucket ?? attrs.name]);
    }
    printNames(rows);
  }

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

function physicalName(properties: Record<string, unknown>): string | undefined {
  const value = properties.BucketName ?? properties.QueueName;
  return typeof value === 'string' ? value : undefined;
}

function printNames(rows: Array<[string, string | undefined]>): void {
  const suffix = process.env.ENVIRONMENT_SUFFIX!;
  for (const [type, name] of rows) {
    if (name === undefined) continue;
    const mark = name.endsWith(`-${suffix}`) ? 'suffixed' : 'NOT SUFFIXED';
    console.log(`  ${type.padEnd(34)} ${name.padEnd(32)} ${mark}`);
  }
  console.log('');
}

main();
