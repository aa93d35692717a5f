import { awscdk, javascript, JsonFile } from 'projen';

/**
 * aws-cdk-lib floor. 2.252.0 is the first release with `Validations.of(scope)`
 * (`addPlugins`, `acknowledge`, the `aws:cdk:acknowledged-rules` metadata) that
 * the checks build on; cdk-nag 3, which the tests and benchmarks run beside our
 * checks, needs ^2.257.0. Choosing 2.257.0 means one aws-cdk-lib serves both.
 */
const CDK_FLOOR = '2.257.0';
/** constructs floor: aws-cdk-lib 2.257 and cdk-nag 3 both ask for ^10.5.1. */
const CONSTRUCTS_FLOOR = '10.5.1';
/**
 * The newest aws-cdk-lib 2.x the project has tested: `test:cdk-latest` runs jest again against it
 * (README, Compatibility). Bump it deliberately: change it here, run `npx projen`, then
 * `npm install --package-lock-only --prefix compat/cdk-latest`, and commit both files of compat/cdk-latest.
 */
const CDK_LATEST_TESTED = '2.276.0';
/** cdk-nag, run beside the checks in tests and benchmarks, on both aws-cdk-lib versions. */
const CDK_NAG_VERSION = '3.0.2';
/** cdktf 0.21 is the last release line. */
const CDKTF_FLOOR = '0.21.0';
/**
 * @cdktf/provider-aws is no dependency of the library (its Python package alone costs 16 s and 590 MB per import):
 * the tf constructs write their resources on cdktf's core classes. It stays a devDependency, pinned, as the tests'
 * oracle (test/tf/equivalence) and for mixed stacks; 21.x is the line built for cdktf 0.21 (AWS provider 6.0).
 */
const PROVIDER_AWS_ORACLE = '21.0.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-safe-patterns',
  description:
    'Constructs with safe defaults and synth-time checks for AWS CDK and CDK for Terraform stacks: ' +
    'environment suffixes, destroyable resources, correct Config roles, p99 alarms, Lambda packaging, state locking, one NAT gateway.',
  keywords: ['cdk', 'aws-cdk', 'cdktf', 'terraform', 'aspects', 'policy-validation', 'compliance'],
  author: 'Seed 23efc125 maintainers',
  authorAddress: 'maintainers@users.noreply.b-seed-23efc125.example',
  repositoryUrl: 'https://github.com/cdk-safe-patterns/cdk-safe-patterns.git',
  defaultReleaseBranch: 'main',
  license: 'Apache-2.0',

  cdkVersion: CDK_FLOOR,
  constructsVersion: CONSTRUCTS_FLOOR,
  // Peer dependencies, pinned in devDependencies to the floor (projen's default for peers).
  peerDeps: [`cdktf@^${CDKTF_FLOOR}`],
  devDeps: [
    `@cdktf/provider-aws@${PROVIDER_AWS_ORACLE}`,
    '@types/node@^20',
    // Property-based tests: random resource properties must never crash a rule.
    'fast-check@^4',
    // SARIF 2.1.0 JSON schema (bundled) with a jest matcher: reports are validated, not eyeballed.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'tslib@^2', // required by @microsoft/jest-sarif but not declared there
    // The constructs' default output must pass cdk-nag's AwsSolutions pack; benchmarks compare against it.
    `cdk-nag@${CDK_NAG_VERSION}`,
  ],
  // The CLI reads YAML templates (with CloudFormation's short-form tags); jsii requires non-jsii deps bundled.
  bundledDeps: ['yaml@^2.8.0'],
  bin: { 'cdk-safe-patterns': 'bin/cdk-safe-patterns.js' },
  jsiiVersion: '~6.0.0',
  // ts-jest and @typescript-eslint do not accept TypeScript 7 yet; jsii brings its own compiler.
  typescriptVersion: '~5.9.0',
  packageManager: javascript.NodePackageManager.NPM,
  // projen's release tooling defaults to commit-and-tag-version ^13, whose tree requires Node 22 and
  // makes every `npm ci` on the project's Node 20 print EBADENGINE warnings; 12.7 is the last line for Node 18+.
  bumpPackage: 'commit-and-tag-version@~12.7.3',
  projenrcTs: true,
  github: false,
  sampleCode: false,

  publishToPypi: {
    distName: 'cdk-safe-patterns',
    module: 'cdk_safe_patterns',
  },

  // Source maps beside lib/*.js, not inside: inline ones triple what every process that loads the
  // library reads and scans (2.3 MB against 0.7 MB), some 5 ms of each CLI run and synth.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false, sourceMap: true } },

  jestOptions: {
    jestVersion: '^29', // see eslint-import-resolver-typescript below
    // A run that finds no test is a broken run, not a green one.
    passWithNoTests: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/python/', '<rootDir>/examples/'],
      // Synthesizing real apps that load provider-aws modules is slow on 2 cores.
      testTimeout: 120_000,
    },
  },

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts'],
  },

  gitignore: [
    '.jsii.tabl.json',
    '/examples/**/cdk.out/',
    '/examples/**/cdktf.out/',
    // An app synthesized from the repository root by mistake must never be committed.
    '/cdk.out/',
    '/cdktf.out/',
    '.venv/',
    '__pycache__/',
    '.pytest_cache/',
  ],
});

// 3.8 is the last line on enhanced-resolve: later ones (and jest 30) pull unrs-resolver, whose
// per-platform optional packages the npm registry mirror here does not serve, and `npm ci` then
// rejects the lock file. Added after construction because the eslint component adds it unpinned.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.8.0');

for (const p of ['/examples/', '/scripts/', '/.ci/', '/.cache/', '/bench/', '/compat/']) {
  project.addPackageIgnore(p);
}

// jsii's Node 20 end-of-life banner repeats on every compile and Python import; it says nothing about this project.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// ts-jest transpiles test files one by one (isolatedModules) and so skips type errors; check them once here.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json', { name: 'type-check tests' });

// cfn-lint and checkov (PyPI) run on synthesized output in tests and benchmarks; installed into .cache/tools-venv.
const pythonTools = project.addTask('tools:python', {
  description: 'Install cfn-lint and checkov (scripts/requirements-tools.txt) into .cache/tools-venv',
  exec: 'bash scripts/python-tools.sh',
});
project.testTask.prependSpawn(pythonTools);

// `cdk` and `tf` load on first use (as aws-cdk-lib's submodules do): an aws-cdk-lib app never loads cdktf.
project.compileTask.exec('node scripts/lazy-submodules.js');

// RULES.md is generated from the rule metadata on every build.
const rulesDocs = project.addTask('rules:docs', {
  description: 'Generate RULES.md from the rule metadata in src/core/rules',
  exec: 'ts-node --project scripts/tsconfig.json scripts/rules-md.ts',
});
project.postCompileTask.spawn(rulesDocs);

// README examples: jsii-rosetta compiles every ```ts block (fixtures in rosetta/) and fails the build on an
// error; its Python translations are written after each block (checked, not written, under CI). The tablet
// (.jsii.tabl.json) also gives jsii-pacmak the translations for the PyPI README and docstrings.
// Strict: pacmak too refuses examples that do not compile. Examples call path.join(__dirname, ...), as users
// must, so they compile with Node's types.
// Examples that show the constructs beside provider classes compile against the provider, which is no dependency.
project.package.addField('jsiiRosetta', { strict: true, exampleDependencies: { '@types/node': '^20', '@cdktf/provider-aws': `^${PROVIDER_AWS_ORACLE}` } });
const readmeDocs = project.addTask('docs:readme', {
  description: 'Compile the README and doc-comment examples with jsii-rosetta (strict) and put their Python translations in README.md',
});
readmeDocs.exec('jsii-rosetta extract --strict --cache .cache/rosetta-cache.tabl.json');
readmeDocs.exec('ts-node --project scripts/tsconfig.json scripts/readme-python.ts');
project.postCompileTask.spawn(readmeDocs);

// ---------------------------------------------------------------------------
// Tasks that the README's two commands run.
// ---------------------------------------------------------------------------

// 1. The main job: build the library, then synthesize the bundled example apps through it.
const examples = project.addTask('examples', {
  description: 'Compile the library and synthesize the example apps in examples/, printing what the checks find',
});
examples.spawn(project.compileTask);
examples.exec('ts-node --project examples/tsconfig.json examples/run.ts');

// 2. The whole test suite: TypeScript (jest, eslint), packages for npm and PyPI, then Python.

// jest again on the newest tested aws-cdk-lib (CI tests both it and the floor). What it installs, from
// the registry with `npm ci`, into the git-ignored .cache/cdk-latest: compat/cdk-latest/package.json
// (written here) and the package-lock.json committed beside it.
new JsonFile(project, 'compat/cdk-latest/package.json', {
  obj: {
    name: 'cdk-safe-patterns-cdk-latest',
    private: true,
    description: 'The newest aws-cdk-lib the tests run against (npx projen test:cdk-latest); the floor is in the root package.json.',
    dependencies: {
      'aws-cdk-lib': CDK_LATEST_TESTED,
      'constructs': CONSTRUCTS_FLOOR,
      'cdk-nag': CDK_NAG_VERSION,
    },
  },
});
const testCdkLatest = project.addTask('test:cdk-latest', {
  description: `Run jest again with aws-cdk-lib ${CDK_LATEST_TESTED} (the newest tested), installed into .cache/cdk-latest from compat/cdk-latest`,
  exec: 'node scripts/test-cdk-latest.js',
  receiveArgs: true,
});
const testPython = project.addTask('test:python', {
  description: 'Create a fresh venv, install the built wheel with aws-cdk-lib and cdktf from PyPI, run pytest',
  exec: 'bash scripts/test-python.sh',
});

// `preflight` (issue 15) is a second, npm-only package in preflight/ (it carries the AWS SDK clients, so library
// users never install them). Its tests run the compiled CLI against moto's server (tools venv) and real synthesized apps.
const testPreflight = project.addTask('test:preflight', {
  description: 'Install and build preflight/ (cdk-safe-patterns-preflight), then run its tests against moto (needs the compiled lib/)',
});
testPreflight.exec('npm ci --prefix preflight --no-audit --no-fund');
testPreflight.exec('npm run build --prefix preflight');
testPreflight.spawn(pythonTools);
testPreflight.exec('jest --config preflight/jest.config.js --coverage=false --maxWorkers=1');
project.addPackageIgnore('/preflight/');

const testAll = project.addTask('test:all', {
  description: 'Build, test TypeScript, package for npm and PyPI, test the Python wheel, print one summary line',
});
testAll.exec('rm -rf test-reports');
testAll.spawn(project.defaultTask!);
testAll.spawn(project.preCompileTask);
testAll.spawn(project.compileTask);
testAll.spawn(project.postCompileTask);
testAll.spawn(project.testTask);
testAll.spawn(testCdkLatest);
// Both targets explicitly: projen's `package` builds only JS when CI is set.
testAll.spawn(project.tasks.tryFind('package-all')!);
testAll.spawn(testPython);
testAll.spawn(testPreflight);
testAll.exec('node scripts/test-summary.js test-reports');

// Benchmarks (issue 8): not part of test:all; `npm run bench` installs what it needs and writes bench/results and BENCHMARKS.md.
project.addTask('bench', {
  description: 'Run the benchmarks in bench/ (synth cost of the checks, CLI against checkov/cfn-lint, Python) and write BENCHMARKS.md',
  exec: 'bash bench/run.sh',
});

project.synth();
