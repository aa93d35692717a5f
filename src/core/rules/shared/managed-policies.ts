/**
 * AWS managed policies as resources attach them: where a resource names one, how its ARN
 * reads, and which real policies are closest to a name that does not exist. Shared by
 * unknown-managed-policy and config-role-policy.
 */
import { ResourceView } from '../model';
import { asObject, templateString } from '../values';
import { propertyLocation } from './views';

/** A managed-policy ARN a resource attaches, and where it sits. */
export interface PolicyAttachment {
  readonly value: unknown;
  /** `Properties/ManagedPolicyArns/0`, `policy_arn`, `Properties/ManagedPolicyArns/Fn::If/1/0`, ... */
  readonly location: string;
  /** A permissions boundary: it limits what the principal may do and grants nothing itself. */
  readonly boundary: boolean;
  /** Inside a branch of an Fn::If: deployed only when its condition picks that branch. */
  readonly inCondition: boolean;
}

/** An ARN of the form `arn:<partition>:iam::aws:policy/<path+name>`, read through templateString. */
export interface AwsManagedPolicyArn {
  /** The ARN with references rendered as `${...}`, for messages. */
  readonly text: string;
  /** The literal partition (`aws`, `aws-cn`, ...), or undefined when it is a reference. */
  readonly partition?: string;
  /** The path+name after `policy/` (e.g. `service-role/AWS_ConfigRole`); undefined when any part of it is a reference. */
  readonly policy?: string;
}

/**
 * The bundled data, loaded at first use: the lists are the largest modules the checks load (a tenth of the
 * command line's start), and most apps name no AWS managed policy at all.
 */
export function managedPolicyData(): typeof import('../data/aws-managed-policies') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../data/aws-managed-policies');
}

/** AWS managed policy path+name -> its wildcard-admin statements; loaded at first use, like managedPolicyData. */
export function managedPolicyWildcardGrants(): typeof import('../data/aws-managed-policy-grants').AWS_MANAGED_POLICY_WILDCARD_GRANTS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../data/aws-managed-policy-grants').AWS_MANAGED_POLICY_WILDCARD_GRANTS;
}

// CloudFormation: where a resource names managed policies, by type; lists and single values.
const CFN_LISTS: Record<string, string[]> = {
  'AWS::IAM::Role': ['ManagedPolicyArns'],
  'AWS::IAM::User': ['ManagedPolicyArns'],
  'AWS::IAM::Group': ['ManagedPolicyArns'],
  'AWS::SSO::PermissionSet': ['ManagedPolicies'],
  // SAM: Policies mixes managed policy ARNs (or bare AWS managed policy names, which SAM turns into ARNs),
  // policy templates and inline documents; only the strings are attachments.
  'AWS::Serverless::Function': ['Policies'],
  'AWS::Serverless::StateMachine': ['Policies'],
};
// A permissions boundary is a managed policy too, and must exist as much as an attached one.
const CFN_SINGLE: Record<string, string[]> = {
  'AWS::IAM::Role': ['PermissionsBoundary'],
  'AWS::IAM::User': ['PermissionsBoundary'],
  'AWS::Serverless::Function': ['PermissionsBoundary'],
  'AWS::Serverless::StateMachine': ['PermissionsBoundary'],
};
const TF_LISTS: Record<string, string[]> = {
  aws_iam_role: ['managed_policy_arns'],
  aws_iam_role_policy_attachments_exclusive: ['policy_arns'],
};
const TF_SINGLE: Record<string, string[]> = {
  aws_iam_role: ['permissions_boundary'],
  aws_iam_user: ['permissions_boundary'],
  aws_iam_role_policy_attachment: ['policy_arn'],
  aws_iam_policy_attachment: ['policy_arn'],
  aws_iam_user_policy_attachment: ['policy_arn'],
  aws_iam_group_policy_attachment: ['policy_arn'],
  aws_ssoadmin_managed_policy_attachment: ['managed_policy_arn'],
};

/**
 * Every managed-policy ARN the resource attaches (or uses as a permissions boundary), with its
 * location; an empty list for resources that attach none.
 */
export function managedPolicyAttachments(resource: ResourceView): PolicyAttachment[] {
  const cfn = resource.engine === 'cloudformation';
  const lists = (cfn ? CFN_LISTS : TF_LISTS)[resource.type] ?? [];
  const singles = (cfn ? CFN_SINGLE : TF_SINGLE)[resource.type] ?? [];
  // Most resources attach no policy: nothing to read (asked of every resource by three rules).
  if (lists.length === 0 && singles.length === 0) return [];
  const properties = asObject(resource.properties) ?? {};
  const sam = resource.type.startsWith('AWS::Serverless::');
  const found: PolicyAttachment[] = [];
  const add = (value: unknown, path: string, list: boolean, boundary: boolean, inCondition: boolean, depth = 0): void => {
    // Every branch of an Fn::If is judged: either may be deployed, and a branch is a list or one ARN like the property.
    const branches = fnIfBranches(value);
    if (branches && depth < 8) {
      branches.forEach((branch, i) => add(branch, `${path}/Fn::If/${i + 1}`, list, boundary, true, depth + 1));
    } else if (list && Array.isArray(value)) {
      value.forEach((item, i) => add(item, `${path}/${i}`, false, boundary, inCondition, depth + 1));
    } else if (value !== undefined && value !== null && !(sam && !list && isInlineSamPolicy(value))) {
      // Any other list-valued intrinsic (a parameter, Fn::Split) is one opaque value, not a list.
      found.push({ value, location: propertyLocation(resource.engine, path), boundary, inCondition });
    }
  };
  for (const key of lists) add(properties[key], key, true, false, false);
  for (const key of singles) add(properties[key], key, false, /^(PermissionsBoundary|permissions_boundary)$/.test(key), false);
  return found;
}

/** A SAM Policies entry that is an inline document or a policy template (`S3CrudPolicy: {...}`), not an ARN. */
function isInlineSamPolicy(value: unknown): boolean {
  return asObject(value) !== undefined;
}

/**
 * A bare AWS managed policy name as SAM's Policies takes it (`AmazonS3FullAccess`): SAM turns it into the policy's
 * ARN. The path+name it names, or undefined for anything else (an ARN, a reference, a template).
 */
export function samManagedPolicyName(resource: ResourceView, value: unknown): string | undefined {
  if (!resource.type.startsWith('AWS::Serverless::') || typeof value !== 'string' || !/^[\w+=,.@-]+$/.test(value)) return undefined;
  const { AWS_MANAGED_POLICIES } = managedPolicyData();
  if (AWS_MANAGED_POLICIES.has(value)) return value;
  return [...AWS_MANAGED_POLICIES].find((entry) => entry.endsWith(`/${value}`));
}

/** The two branches of `{ "Fn::If": [condition, a, b] }`, else undefined. */
function fnIfBranches(value: unknown): [unknown, unknown] | undefined {
  const args = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1
    ? (value as Record<string, unknown>)['Fn::If']
    : undefined;
  return Array.isArray(args) && args.length === 3 ? [args[1], args[2]] : undefined;
}

// The partition is a literal or one reference: `${AWS::Partition}` holds colons, hence the alternation.
const AWS_MANAGED_ARN = /^arn:(\$\{[^}]*\}|[a-z][a-z0-9-]*):iam::aws:policy\/(.*)$/s;

/** Reads `arn:<partition>:iam::aws:policy/...` from a literal, an Fn::Join/Fn::Sub or a cdktf string; else undefined. */
export function parseAwsManagedPolicyArn(value: unknown): AwsManagedPolicyArn | undefined {
  const text = templateString(value);
  if (text === undefined) {
    return undefined;
  }
  const match = AWS_MANAGED_ARN.exec(text);
  if (!match) {
    return undefined;
  }
  const partition = match[1].startsWith('${') ? undefined : match[1];
  // Any reference in the path or name (`${var.policy}`, a Ref inside a Join) leaves it unknown.
  const policy = match[2].includes('${') || match[2] === '' ? undefined : match[2];
  return { text, partition, policy };
}

/** The bundled list split once into path, name and normalised name, for closestManagedPolicies. */
let indexed: ReadonlyArray<{ entry: string; dir: string; key: string }> | undefined;

/** The real policies closest to a name that does not exist, best first (at most `max`). */
export function closestManagedPolicies(policy: string, max = 3): string[] {
  indexed ??= [...managedPolicyData().AWS_MANAGED_POLICIES].map((entry) => {
    const { dir, name } = splitPolicy(entry);
    return { entry, dir, key: normalise(name) };
  });
  const { dir, name } = splitPolicy(policy);
  const wanted = normalise(name);
  // Names differ by a typo, a prefix (`AWS_`), a missing path or a cut-off end (`AmazonS3ReadOnly`):
  // rank on the name, then the path.
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored: Array<{ entry: string; nameDistance: number; pathDistance: number; rawDistance: number }> = [];
  for (const candidate of indexed) {
    let nameDistance: number;
    if (wanted.length >= 6 && candidate.key.startsWith(wanted)) {
      nameDistance = candidate.key === wanted ? 0 : 1;
    } else if (wanted.length >= 8 && candidate.key.includes(wanted)) {
      nameDistance = limit;
    } else if (Math.abs(candidate.key.length - wanted.length) > limit) {
      continue;
    } else {
      nameDistance = levenshtein(wanted, candidate.key, limit);
    }
    if (nameDistance > limit) continue;
    const pathDistance = candidate.dir === dir ? 0 : 1;
    scored.push({ entry: candidate.entry, nameDistance, pathDistance, rawDistance: levenshtein(policy, candidate.entry) });
  }
  scored.sort(
    (a, b) => a.nameDistance - b.nameDistance || a.pathDistance - b.pathDistance || a.rawDistance - b.rawDistance || (a.entry < b.entry ? -1 : 1),
  );
  return scored.slice(0, max).map((s) => s.entry);
}

/** A policy's path (`service-role`) and name, split at the last slash. */
function splitPolicy(policy: string): { dir: string; name: string } {
  const slash = policy.lastIndexOf('/');
  return slash < 0 ? { dir: '', name: policy } : { dir: policy.slice(0, slash), name: policy.slice(slash + 1) };
}

// Case, `_` and `-` are what hallucinated names get wrong most (AWSConfigRole vs AWS_ConfigRole).
function normalise(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Edit distance; stops early (returning a value above `bound`) once every path exceeds `bound`. */
function levenshtein(a: string, b: string, bound = Infinity): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > bound) return rowMin;
    previous = current;
  }
  return previous[b.length];
}
