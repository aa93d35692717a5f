'use strict';
// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time,
// and the share of the whole run spent in each package (aws-cdk-lib, cdktf, this library...).
const fs = require('fs');

function packageOf(url) {
  if (!url) return '(native/vm)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.includes('/lib/')) return 'cdk-safe-patterns';
  if (url.includes('/bench/')) return 'bench app';
  if (url.startsWith('node:')) return 'node';
  return 'other';
}

function profileSummary(file, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  // timeDeltas[i] is the time before samples[i]; attribute it to that sample's node.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  const byPackage = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const file = callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '').replace(/^.*\/(lib|bench)\//, '$1/');
    const key = `${callFrame.functionName || '(anonymous)'} ${file}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const pkg = packageOf(callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const pct = (us) => Math.round((1000 * us) / totalUs) / 10;
  return {
    totalMs: Math.round(totalUs / 1000),
    topSelf: [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, us]) => ({ function: fn, selfMs: Math.round(us / 1000), percent: pct(us) })),
    byPackage: [...byPackage.entries()].sort((a, b) => b[1] - a[1]).map(([pkg, us]) => ({ package: pkg, selfMs: Math.round(us / 1000), percent: pct(us) })),
  };
}

module.exports = { profileSummary };

if (require.main === module) {
  process.stdout.write(JSON.stringify(profileSummary(process.argv[2], Number(process.argv[3] ?? 20)), null, 2) + '\n');
}
