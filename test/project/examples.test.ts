import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// README quick start command 1 synthesizes the examples through the compiled library (lib/,
// which the build compiles before the tests). Run it as that command does, from empty output folders.
const root = path.join(__dirname, '..', '..');

test('GIVEN no earlier output WHEN the examples run THEN every app reports its findings and the run exits 0', () => {
  // GIVEN
  for (const out of ['examples/cdk-app/cdk.out', 'examples/tf-app/cdktf.out']) {
    fs.rmSync(path.join(root, out), { recursive: true, force: true });
  }
  // WHEN
  const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', 'examples/tsconfig.json', 'examples/run.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ENVIRONMENT_SUFFIX: 'example', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
  });
  // THEN
  // On stderr, as the cdktf checks print them: the quick start's warning (a local backend), then the
  // generated app's warning (its function has no log group; its errors are in its report, below).
  expect(run.stderr).toMatch(new RegExp(
    '^tf\\.SafePatternsChecks: 1 warning \\(they do not fail synthesis\\):\\n {2}orders \\[local-backend\\] The stack uses the local backend: [^\\n]*\\n' +
    'tf\\.SafePatternsChecks: 1 warning \\(they do not fail synthesis\\):\\n {2}generated/handler \\[log-retention\\] The stack holds no log group for this function [^\\n]*\\n$',
  ));
  expect(run.status).toBe(0);
  const summaries = run.stdout.split('\n').filter((line) => /^(aws-cdk-lib|cdktf) /.test(line)).map((line) => line.replace(/ -> .*$/, ''));
  expect(summaries).toEqual([
    'aws-cdk-lib OrdersStack (examples/cdk-app/main.ts): synthesis passed (0 errors, 0 warnings, 0 acknowledged)',
    'aws-cdk-lib GeneratedStack (examples/cdk-app/generated.ts): synthesis FAILED (8 errors, 2 warnings, 0 acknowledged)',
    'aws-cdk-lib GeneratedFixedStack (examples/cdk-app/generated-fixed.ts): synthesis passed (0 errors, 0 warnings, 1 acknowledged)',
    'cdktf orders (examples/tf-app/main.ts): synthesis passed (0 errors, 1 warnings, 0 acknowledged)',
    'cdktf generated (examples/tf-app/generated.ts): synthesis FAILED (9 errors, 1 warnings, 0 acknowledged)',
  ]);
  expect(run.stdout).toContain('Without a suffix the app stops at construction:');
});
