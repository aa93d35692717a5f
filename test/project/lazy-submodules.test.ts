import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeLazy } = require('../../scripts/lazy-submodules');

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

  test('GIVEN jsii output of another shape WHEN rewriting THEN the error names the line it expected and the fix', () => {
    expect(() => makeLazy('exports.cdk = require("./cdk");')).toThrow(/lazy-submodules: lib\/index\.js has no line 'exports\.cdk = __importStar\(require\("\.\/cdk"\)\);'\. Fix:/);
  });
});
