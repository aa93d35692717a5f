'use strict';
// The floor for checking synthesized output: read and JSON.parse every template
// (*.template.json in a cdk.out) or cdk.tf.json (in a cdktf.out) under the given
// directories, in one process, and nothing else.
//   node bench/cli/parse-floor.js <dir...>
const fs = require('fs');
const path = require('path');

function templates(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'assets' && !entry.name.startsWith('asset.')) found.push(...templates(full));
    } else if (entry.name.endsWith('.template.json') || entry.name === 'cdk.tf.json') {
      found.push(full);
    }
  }
  return found;
}

let resources = 0;
let files = 0;
for (const dir of process.argv.slice(2)) {
  for (const file of templates(dir)) {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    files++;
    if (doc.Resources) resources += Object.keys(doc.Resources).length;
    for (const byName of Object.values(doc.resource ?? {})) resources += Object.keys(byName).length;
  }
}
process.stdout.write(JSON.stringify({ files, resources }) + '\n');
