import * as fs from 'fs';
import * as path from 'path';
import { fixProviderModules, readmeTranslations, renderReadme } from '../../scripts/readme-python';

const ROOT = path.join(__dirname, '..', '..');
const fence = '```';

describe('README Python examples (jsii-rosetta)', () => {
  test('GIVEN the tablet the build wrote WHEN rendering README.md THEN the committed README already holds every translation', () => {
    // GIVEN: test:all compiles (post-compile runs jsii-rosetta extract --strict) before jest runs
    const translations = readmeTranslations(path.join(ROOT, '.jsii.tabl.json'));
    const committed = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    // WHEN / THEN
    expect(renderReadme(committed, translations)).toBe(committed);
  });

  test('GIVEN a ts block WHEN rendering THEN its translation follows it, replacing the previous one', () => {
    const translations = new Map([["new Foo(this, 'x');", 'Foo(self, "x")']]);
    const readme = ['# t', `${fence}ts`, "new Foo(this, 'x');", fence, '', `${fence}python`, 'stale()', fence, 'after'].join('\n');
    expect(renderReadme(readme, translations)).toBe(
      ['# t', `${fence}ts`, "new Foo(this, 'x');", fence, '', `${fence}python`, 'Foo(self, "x")', fence, 'after'].join('\n'),
    );
  });

  test('GIVEN a ts block with a fixture and no python block WHEN rendering THEN a python block is added', () => {
    const translations = new Map([['a();', 'a()']]);
    const readme = [`${fence}ts fixture=tf`, 'a();', fence, 'text'].join('\n');
    expect(renderReadme(readme, translations)).toBe([`${fence}ts fixture=tf`, 'a();', fence, '', `${fence}python`, 'a()', fence, 'text'].join('\n'));
  });

  test('GIVEN the by-hand marker WHEN rendering THEN the hand-written python block is kept', () => {
    const readme = ['<!-- rosetta:python-by-hand -->', `${fence}ts`, 'a();', fence, '', `${fence}python`, 'by_hand()', fence].join('\n');
    expect(renderReadme(readme, new Map())).toBe(readme);
  });

  test('GIVEN a ts block rosetta has not seen WHEN rendering THEN the error names the README line and the fix', () => {
    const readme = ['x', `${fence}ts`, 'unknown();', fence].join('\n');
    expect(() => renderReadme(readme, new Map())).toThrow(/^README\.md:2: no rosetta translation .* Fix: run 'npx projen compile'/);
  });

  test('GIVEN a deep-path provider import WHEN fixing module names THEN the Python module is snake_case', () => {
    expect(fixProviderModules('from cdktf_cdktf_provider_aws.s3BucketPolicy import S3BucketPolicy')).toBe(
      'from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy',
    );
  });
});
