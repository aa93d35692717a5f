// The second jest run of CI (`npx projen test:cdk-latest`): the project's jest configuration
// (package.json, written by projen), with aws-cdk-lib, constructs and cdk-nag resolved to the
// newest tested aws-cdk-lib installed in .cache/cdk-latest, for the tests and for the library code
// under test alike (one instance, so `instanceof` and Stack.isStack hold across both).
'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const base = require(path.join(root, 'package.json')).jest;
const modules = path.join(root, '.cache', 'cdk-latest', 'node_modules');

module.exports = {
  ...base,
  rootDir: root,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^(aws-cdk-lib|constructs|cdk-nag)$': path.join(modules, '$1'),
    '^(aws-cdk-lib|constructs|cdk-nag)/(.*)$': path.join(modules, '$1', '$2'),
  },
  // The cdktf tests load no aws-cdk-lib (test/project/cdk-version.test.ts keeps it so): the floor run covers them.
  // The benchmark harness test measures against the floor, as BENCHMARKS.md does (from 2.262 its cdk-nag
  // variant would throw at synth, cdk-nag 3 being a validation plugin that reports errors).
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '<rootDir>/test/tf/', '<rootDir>/test/bench/'],
  // Coverage is the floor run's job; this run answers only "does it still pass on the newest".
  collectCoverage: false,
  reporters: [
    'default',
    ['jest-junit', { outputDirectory: 'test-reports', outputName: 'junit-cdk-latest.xml' }],
  ],
};
