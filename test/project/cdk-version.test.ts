import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { cdk } from '../../src';
import { newApp } from '../cdk/helpers';
import { CDK_VERSION } from '../helpers/cdk-version';

// CI runs jest twice: on the floor (package.json) and on the newest tested aws-cdk-lib
// (`npx projen test:cdk-latest`, which maps aws-cdk-lib to .cache/cdk-latest and sets
// SAFE_PATTERNS_EXPECTED_CDK_VERSION). A mapping that reached the tests but not the library code,
// cdk-nag or the apps the tests start would test two aws-cdk-libs at once without saying so.
const ROOT = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FLOOR: string = require('../../package.json').devDependencies['aws-cdk-lib'];
const EXPECTED = process.env.SAFE_PATTERNS_EXPECTED_CDK_VERSION ?? FLOOR;

describe(`this run's aws-cdk-lib: ${CDK_VERSION}`, () => {
  test(`GIVEN this jest run WHEN aws-cdk-lib loads THEN it is ${EXPECTED} (${process.env.SAFE_PATTERNS_EXPECTED_CDK_VERSION ? 'newest tested' : 'the floor'})`, () => {
    expect(CDK_VERSION).toBe(EXPECTED);
  });

  test('GIVEN a construct of the library WHEN the tests inspect it THEN both loaded the same aws-cdk-lib (instanceof holds)', () => {
    // GIVEN
    const stack = new Stack(newApp({ context: { environmentSuffix: 'pr123' } }), 'Stack');
    // WHEN
    const { bucket } = new cdk.SuffixedBucket(stack, 'Data', { baseName: 'data' });
    // THEN
    expect(Stack.of(bucket)).toBe(stack);
    expect(bucket).toBeInstanceOf(s3.Bucket);
    expect(bucket.node.defaultChild).toBeInstanceOf(s3.CfnBucket);
  });

  test('GIVEN a bucket without server access logs WHEN cdk-nag runs THEN it recognizes the resource (cdk-nag loaded the same aws-cdk-lib)', () => {
    const stack = new Stack(newApp(), 'Stack');
    new s3.Bucket(stack, 'Bucket');
    const rules = new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(rules).toContain('AwsSolutions-S1');
  });

  test('GIVEN a Node process started by a test WHEN it loads aws-cdk-lib THEN it gets the same version', () => {
    const script = "process.stdout.write(require('aws-cdk-lib/package.json').version + ' ' + require('constructs/package.json').version)";
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(out).toBe(`${CDK_VERSION} ${require('constructs/package.json').version}`);
  });
});

test('GIVEN the second jest run skips test/tf WHEN reading those tests THEN none loads aws-cdk-lib or cdk-nag (the floor run alone covers them)', () => {
  const files = fs.readdirSync(path.join(ROOT, 'test', 'tf'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const loading = files.filter((f) => /from '(aws-cdk-lib|cdk-nag)[/']|require\('(aws-cdk-lib|cdk-nag)|from '\.\.\/(\.\.\/)?cdk\//.test(fs.readFileSync(path.join(ROOT, 'test', 'tf', f), 'utf8')));
  expect(files.length).toBeGreaterThan(5);
  expect(loading).toEqual([]);
});
