import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Smoke test of the benchmark harness at a tiny size: the generated apps synthesize (bare and
// with the checks, which pass on them) and the result JSON and BENCHMARKS.md have their shape.
// The measured children load lib/ (compiled JS), so this needs `npx projen compile` first.
const ROOT = path.resolve(__dirname, '..', '..');
const libBuilt = fs.existsSync(path.join(ROOT, 'lib', 'index.js'));
const maybe = libBuilt ? test : test.skip;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { linearFit, isLinear, median } = require('../../bench/lib/stats');

describe('bench statistics', () => {
  test('median of an odd and an even sample, ignoring missing values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
  });

  test('a linear series fits with R^2 1 and marginal growth 1; a quadratic one is not linear', () => {
    const linear = linearFit([500, 2000, 8000].map((x) => ({ x, y: 100 + 2 * x })));
    expect(linear.slopeMsPerResource).toBeCloseTo(2);
    expect(linear.interceptMs).toBeCloseTo(100);
    expect(linear.r2).toBeCloseTo(1);
    expect(linear.marginalGrowth).toBeCloseTo(1);
    expect(isLinear(linear)).toBe(true);
    const quadratic = linearFit([500, 2000, 8000].map((x) => ({ x, y: x * x / 100 })));
    expect(quadratic.marginalGrowth).toBeCloseTo(4);
    expect(isLinear(quadratic)).toBe(false);
  });
});

describe('bench run at a tiny size', () => {
  maybe('writes a result with medians, ratios, targets and linearity for cdk and tf, and BENCHMARKS.md from it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
    const out = path.join(dir, 'latest.json');
    const md = path.join(dir, 'BENCHMARKS.md');
    const env = { ...process.env, BENCH_SIZES: '12,24,36', BENCH_REPEATS: '1', BENCH_ONLY: 'cdk,tf', BENCH_OUT: out, BENCH_MD: md };

    const run = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'main.js')], { env, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const report = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'report.js'), out], { env, encoding: 'utf8' });
    expect(report.status).toBe(0);

    const result = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.versions['aws-cdk-lib']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.results.cdk.sizes.map((e: any) => e.size)).toEqual([12, 24, 36]);
    const cdk36 = result.results.cdk.sizes[2];
    expect(Object.keys(cdk36.variants)).toEqual(['bare', 'ours', 'nag']);
    expect(cdk36.variants.ours.findings).toBe(0);
    expect(cdk36.variants.ours.reportWritten).toBe(true);
    expect(cdk36.variants.nag.findings).toBeGreaterThan(0);
    expect(cdk36.variants.bare.samples).toHaveLength(1);
    expect(cdk36.variants.bare.medianWallMs).toBeGreaterThan(0);
    expect(cdk36.variants.bare.medianMaxRssMb).toBeGreaterThan(10);
    expect(typeof cdk36.added.ours.percentOfBare).toBe('number');
    const tf36 = result.results.tf.sizes[2];
    expect(tf36.variants.ours.findings).toBe(0);
    expect(tf36.variants.ours.reportWritten).toBe(true);
    expect(result.results.tf.linearity.ours.r2).toEqual(expect.any(Number));
    expect(result.targets.map((t: any) => t.id)).toEqual(expect.arrayContaining(['cdk-added-percent', 'cdk-over-nag', 'tf-added-percent-36']));

    const text = fs.readFileSync(md, 'utf8');
    expect(text).toContain('## aws-cdk-lib synthesis');
    expect(text).toContain('## cdktf synthesis');
    expect(text).toContain('![Synthesis: median wall time against size](synth-time.svg)');
    expect(fs.readFileSync(path.join(dir, 'synth-time.svg'), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  }, 60000);
});
