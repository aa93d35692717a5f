#!/usr/bin/env node
/**
 * Makes the `cdk` and `tf` submodules of lib/index.js load on first use, as aws-cdk-lib does for
 * its own submodules. jsii compiles `export * as tf from './tf'` into an eager require, so every
 * aws-cdk-lib app would load cdktf and the provider classes (about 0.2 s) and every cdktf app the
 * aws-cdk-lib constructs. The exports stay the same names, with the same values, read through
 * getters; lib/index.d.ts and the .jsii assembly are untouched.
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

if (require.main === module) {
  fs.writeFileSync(file, makeLazy(fs.readFileSync(file, 'utf8')));
}
module.exports = { makeLazy };
