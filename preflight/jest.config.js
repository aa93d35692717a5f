// The preflight tests run with the repository's jest and ts-jest (they synthesize real aws-cdk-lib and
// cdktf apps with the root's devDependencies) and this package's AWS SDK clients (preflight/node_modules).
const path = require('path');
const root = path.join(__dirname, '..');
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 180_000,
  transform: { '^.+\\.ts$': [require.resolve('ts-jest', { paths: [root] }), { tsconfig: path.join(root, 'test', 'tsconfig.json') }] },
  reporters: ['default', [require.resolve('jest-junit', { paths: [root] }), { outputDirectory: path.join(root, 'test-reports'), outputName: 'preflight-junit.xml' }]],
};
