// Loaded with `node --require` (NODE_OPTIONS) by `npx projen test:cdk-latest` so that every Node
// process the tests start (apps run as `cdk synth` runs them, the examples, the CLI) loads the same
// aws-cdk-lib as the tests do inside jest (compat/cdk-latest/jest.config.js maps them there):
// the newest tested aws-cdk-lib, installed in .cache/cdk-latest. Node has no public hook for
// require() resolution before Node 22, so this wraps Module._resolveFilename for these packages only.
'use strict';
const Module = require('module');
const path = require('path');

const INSTALL_DIR = path.resolve(__dirname, '..', '..', '.cache', 'cdk-latest');
const REDIRECTED = /^(aws-cdk-lib|constructs|cdk-nag)(\/.*)?$/;
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function (request, parent, isMain, options) {
  if (REDIRECTED.test(request)) {
    return resolveFilename.call(this, request, parent, isMain, { ...options, paths: [INSTALL_DIR] });
  }
  return resolveFilename.call(this, request, parent, isMain, options);
};
