#!/usr/bin/env node
// Thin launcher: the CLI lives in lib/cli (compiled by jsii with the rest of the library).
require('../lib/cli/main').run(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // run() reports its own errors; reaching here is a bug in the CLI itself.
    process.stderr.write(`cdk-safe-patterns: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
