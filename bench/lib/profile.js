'use strict';
// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time,
// and the share of the whole run spent in each package (aws-cdk-lib, cdktf, this library...).
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const OWN = `${ROOT}/lib/`;
const isOwn = (url) => url.replace(/^file:\/\//, '').startsWith(OWN);

function packageOf(url) {
  if (!url) return '(native/vm)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (isOwn(url)) return 'cdk-safe-patterns';
  if (url.includes('/bench/')) return 'bench app';
  if (url.startsWith('node:')) return 'node';
  return 'other';
}

function shortUrl(url) {
  const file = url.replace(/^file:\/\//, '');
  if (file.includes('node_modules/')) return file.replace(/^.*node_modules\//, '');
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
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
  // Time with this library's code anywhere on the stack: the checks' own cost, split by the
  // package of the innermost frame (what the checks spend it in) and by the library's entry function.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownEntry = new Map();
  for (const n of profile.nodes) {
    let outer;
    for (let id = n.id; id !== undefined; id = parent.get(id)) if (isOwn(byId.get(id).callFrame.url)) outer = byId.get(id).callFrame;
    if (outer) ownEntry.set(n.id, `${outer.functionName || '(anonymous)'} ${shortUrl(outer.url)}:${outer.lineNumber + 1}`);
  }
  let insideUs = 0;
  const insideByPackage = new Map();
  const insideByEntry = new Map();
  for (const [id, us] of selfUs) {
    const entry = ownEntry.get(id);
    if (!entry) continue;
    insideUs += us;
    const pkg = packageOf(byId.get(id).callFrame.url);
    insideByPackage.set(pkg, (insideByPackage.get(pkg) ?? 0) + us);
    insideByEntry.set(entry, (insideByEntry.get(entry) ?? 0) + us);
  }
  const byFunction = new Map();
  const byPackage = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const key = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const pkg = packageOf(callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const pct = (us) => Math.round((1000 * us) / totalUs) / 10;
  return {
    totalMs: Math.round(totalUs / 1000),
    topSelf: [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, us]) => ({ function: fn, selfMs: Math.round(us / 1000), percent: pct(us) })),
    insideLibrary: {
      ms: Math.round(insideUs / 1000),
      percent: pct(insideUs),
      byPackage: [...insideByPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([pkg, us]) => ({ package: pkg, selfMs: Math.round(us / 1000), percent: pct(us) })),
      byEntry: [...insideByEntry.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([fn, us]) => ({ function: fn, ms: Math.round(us / 1000), percent: pct(us) })),
    },
    byPackage: [...byPackage.entries()].sort((a, b) => b[1] - a[1]).map(([pkg, us]) => ({ package: pkg, selfMs: Math.round(us / 1000), percent: pct(us) })),
  };
}

module.exports = { profileSummary };

if (require.main === module) {
  process.stdout.write(JSON.stringify(profileSummary(process.argv[2], Number(process.argv[3] ?? 20)), null, 2) + '\n');
}
