import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeLazy, makeBarrelLazy } = require('../../scripts/lazy-submodules');

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib', 'index.js');

function loadedAfter(script: string): string[] {
  // A fresh process: the test runner itself has loaded everything already.
  const out = execFileSync(process.execPath, ['-e', `${script}; console.log(JSON.stringify(Object.keys(require.cache)))`], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('lazy submodules in lib/index.js', () => {
  beforeAll(() => {
    if (!fs.existsSync(LIB)) throw new Error('lib/index.js is missing. Fix: run npx projen compile first.');
  });

  test('GIVEN an aws-cdk-lib app WHEN it uses cdk.SafePatternsChecks THEN neither cdktf nor the provider is loaded', () => {
    const loaded = loadedAfter("require('./lib').cdk.SafePatternsChecks");
    expect(loaded.some((f) => f.includes(`${path.sep}lib${path.sep}cdk${path.sep}`))).toBe(true);
    expect(loaded.filter((f) => /node_modules[\\/](cdktf|@cdktf)[\\/]/.test(f))).toEqual([]);
  });

  test('GIVEN a cdktf app WHEN it uses tf.SafePatternsChecks THEN the aws-cdk-lib adapter is not loaded', () => {
    const loaded = loadedAfter("require('./lib').tf.SafePatternsChecks");
    expect(loaded.some((f) => f.includes(`${path.sep}lib${path.sep}tf${path.sep}`))).toBe(true);
    expect(loaded.filter((f) => f.includes(`${path.sep}lib${path.sep}cdk${path.sep}`))).toEqual([]);
  });

  test('GIVEN the lazy exports WHEN read twice THEN they are the submodules themselves, enumerable', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "const m = require('./lib'); console.log(JSON.stringify([m.cdk === require('./lib/cdk'), m.tf === require('./lib/tf'), Object.keys(m).includes('tf')]))"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });

  test('GIVEN an app that only adds the checks WHEN it loads them THEN no construct class of the library is loaded', () => {
    for (const submodule of ['cdk', 'tf']) {
      const loaded = loadedAfter(`require('./lib').${submodule}.SafePatternsChecks`);
      expect(loaded.some((f) => f.includes(`${path.sep}lib${path.sep}${submodule}${path.sep}safe-patterns-checks.js`))).toBe(true);
      expect(loaded.filter((f) => f.includes(`${path.sep}lib${path.sep}${submodule}${path.sep}constructs${path.sep}`))).toEqual([]);
    }
  });

  test('GIVEN the lazy constructs WHEN read THEN they are the barrel\'s own classes, enumerable, and each loads the barrel', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', [
        "const m = require('./lib');",
        "const names = Object.keys(require('./lib/cdk/constructs'));",
        "console.log(JSON.stringify([m.cdk.SuffixedBucket === require('./lib/cdk/constructs').SuffixedBucket, m.tf.S3BackendWithLockfile === require('./lib/tf/constructs').S3BackendWithLockfile, names.every((n) => Object.keys(m.cdk).includes(n))]))",
      ].join(' ')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });

  test('GIVEN a submodule index without the constructs barrel line WHEN rewriting THEN the error names the line and the fix', () => {
    expect(() => makeBarrelLazy('exports.x = 1;', ['X'], 'lib/cdk/index.js')).toThrow(/lazy-submodules: lib\/cdk\/index\.js has no line '__exportStar\(require\("\.\/constructs"\), exports\);'\. Fix:/);
  });

  test('GIVEN jsii output of another shape WHEN rewriting THEN the error names the line it expected and the fix', () => {
    expect(() => makeLazy('exports.cdk = require("./cdk");')).toThrow(/lazy-submodules: lib\/index\.js has no line 'exports\.cdk = __importStar\(require\("\.\/cdk"\)\);'\. Fix:/);
  });
});
