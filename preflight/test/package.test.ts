import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './moto';
import { pool } from '../src/aws';
import { preflightActions } from '../src/rules';

describe('packaging and documentation', () => {
  test('GIVEN the rules\' calls WHEN reading the README policy THEN it lists exactly every action preflight calls', () => {
    // GIVEN
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    // WHEN
    const block = /"Sid": "CdkSafePatternsPreflight"[\s\S]*?"Action": \[([\s\S]*?)\]/.exec(readme);
    // THEN
    expect(block).not.toBeNull();
    const listed = [...block![1].matchAll(/"([a-z0-9-]+:[A-Za-z]+)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(preflightActions());
    expect(listed.every((a) => /:(Get|List|Describe)/.test(a))).toBe(true);
  });

  test('GIVEN the CLI without the preflight package WHEN preflight runs THEN one line names the install command, exit 2', () => {
    // GIVEN a copy of the installed CLI (bin/, lib/) with the repository's node_modules but no preflight package
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-missing-'));
    fs.cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true, dereference: true });
    fs.cpSync(path.join(ROOT, 'lib'), path.join(dir, 'lib'), { recursive: true, dereference: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 't.template.json'), '{"Resources":{}}');
    // WHEN
    let code = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [path.join(dir, 'bin', 'cdk-safe-patterns.js'), 'preflight', 't.template.json'], { cwd: dir, stdio: 'pipe' });
    } catch (error) {
      code = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    // THEN
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      'cdk-safe-patterns: preflight needs the cdk-safe-patterns-preflight package, which is not installed. Fix: npm install --save-dev cdk-safe-patterns-preflight (then run npx cdk-safe-patterns preflight again)',
    ]);
  });

  test('GIVEN the main package WHEN listing what npm would publish THEN preflight/ is not in it', () => {
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const files: string[] = listing[0].files.map((f: { path: string }) => f.path);
    expect(files.some((f) => f.startsWith('lib/cli/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('preflight/'))).toEqual([]);
    expect(files.some((f) => f.includes('@aws-sdk'))).toBe(false);
  });

  test.each([
    [['preflight', 'x.template.json', '--rule', 'retain-on-delete=off'], /^cdk-safe-patterns: --rule names "retain-on-delete", which is not a preflight rule: preflight's rules are preflight-singleton-exists, /],
    [['preflight', 'x.template.json', '--rule', 'preflight-name-taken=loud'], /^cdk-safe-patterns: --rule preflight-name-taken "loud" is not one of error, warning, off$/],
    [['preflight', 'x.template.json', '--endpoint-url', 'localhost'], /^cdk-safe-patterns: --endpoint-url "localhost" is not an http\(s\) URL/],
    [['check', 'x.template.json', '--region', 'us-east-1'], /^cdk-safe-patterns: --region is a preflight option/],
  ])('GIVEN bad options %j WHEN the CLI runs THEN one line says what is wrong, exit 2', (args, message) => {
    let code = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'bin', 'cdk-safe-patterns.js'), ...args], { cwd: os.tmpdir(), stdio: 'pipe' });
    } catch (error) {
      code = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(message);
  });

  test('GIVEN a pool of 4 WHEN 40 calls are started at once THEN at most 4 run at any time and all complete', async () => {
    const limit = pool(4);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(4);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
