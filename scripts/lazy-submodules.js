#!/usr/bin/env node
/**
 * Makes the `cdk` and `tf` submodules of lib/index.js load on first use, as aws-cdk-lib does for
 * its own submodules. jsii compiles `export * as tf from './tf'` into an eager require, so every
 * aws-cdk-lib app would load cdktf and the provider classes (about 0.2 s) and every cdktf app the
 * aws-cdk-lib constructs. The exports stay the same names, with the same values, read through
 * getters; lib/index.d.ts and the .jsii assembly are untouched.
 *
 * The same for the constructs barrel of each submodule (lib/cdk/index.js, lib/tf/index.js): an app
 * that only adds `SafePatternsChecks` does not load the construct classes (and the aws-cdk-lib or
 * cdktf modules they use), about half of what requiring the submodule cost. Each construct is an
 * export of its own, read through a getter that loads the barrel on first use.
 *
 * Runs after every jsii compile (the compile task); fails loudly if jsii's output changes shape.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'lib', 'index.js');
const SUBMODULES = ['cdk', 'tf'];

function makeLazy(source) {
  let result = source;
  for (const name of SUBMODULES) {
    const eager = `exports.${name} = __importStar(require("./${name}"));`;
    const lazy = `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: () => __importStar(require("./${name}")) });`;
    if (result.includes(lazy)) continue;
    if (!result.includes(eager)) {
      throw new Error(`lazy-submodules: lib/index.js has no line '${eager}'. Fix: update scripts/lazy-submodules.js to the jsii output.`);
    }
    result = result.replace(eager, lazy);
  }
  // `exports.cdk = exports.tf = void 0` would define plain properties first; getters replace them.
  return result.replace(/^exports\.tf = exports\.cdk = void 0;\n/m, '');
}

const BARREL = 'constructs';

/** Replaces `__exportStar(require("./constructs"), exports);` with one getter per exported name. */
function makeBarrelLazy(source, names, where = 'lib/<submodule>/index.js') {
  const eager = `__exportStar(require("./${BARREL}"), exports);`;
  const marker = `// ${BARREL}: loaded on first use (scripts/lazy-submodules.js).`;
  if (source.includes(marker)) return source;
  if (!source.includes(eager)) {
    throw new Error(`lazy-submodules: ${where} has no line '${eager}'. Fix: update scripts/lazy-submodules.js to the jsii output.`);
  }
  const lazy = `${marker}\nfor (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => require("./${BARREL}")[name] });`;
  return source.replace(eager, lazy);
}

if (require.main === module) {
  fs.writeFileSync(file, makeLazy(fs.readFileSync(file, 'utf8')));
  for (const name of SUBMODULES) {
    const index = path.join(__dirname, '..', 'lib', name, 'index.js');
    // The names the barrel exports, from the compiled barrel itself (loaded here, at build time, only).
    const names = Object.keys(require(path.join(__dirname, '..', 'lib', name, BARREL))).filter((n) => n !== '__esModule' && n !== 'default');
    fs.writeFileSync(index, makeBarrelLazy(fs.readFileSync(index, 'utf8'), names, `lib/${name}/index.js`));
  }
}
module.exports = { makeLazy, makeBarrelLazy };
