import * as fs from 'fs';
import * as path from 'path';
import { Aws, CallProblem, errorCode } from './aws';
import { CheckUnit, StackView } from './model';

/**
 * What already belongs to a stack: for CloudFormation its resources (ListStackResources, the
 * paginated DescribeStackResources), for Terraform the resources in its state (S3 backend, or a
 * local state file beside the output). A name that exists and belongs to the stack is an update,
 * not a clash.
 */
export interface Owned {
  /** Resource type -> physical ids (names, ARNs, URLs) the stack already holds. */
  readonly byType: ReadonlyMap<string, ReadonlySet<string>>;
  /** `type|logicalId` of resources that exist already (not new in this deployment). */
  readonly logical: ReadonlySet<string>;
}

export const NOTHING_OWNED: Owned = { byType: new Map(), logical: new Set() };

/** True when the stack already holds a resource of `type` named `name`. */
export function owns(owned: Owned, type: string, name: string): boolean {
  for (const id of owned.byType.get(type) ?? []) {
    if (id === name || id.endsWith('/' + name) || id.endsWith(':' + name) || id.includes(`:secret:${name}-`)) return true;
  }
  return false;
}

class Builder {
  public readonly byType = new Map<string, Set<string>>();
  public readonly logical = new Set<string>();
  public add(type: string, logicalId: string | undefined, ids: ReadonlyArray<string | undefined>): void {
    if (logicalId) this.logical.add(`${type}|${logicalId}`);
    let set = this.byType.get(type);
    if (!set) this.byType.set(type, (set = new Set()));
    for (const id of ids) if (typeof id === 'string' && id !== '') set.add(id);
  }
  public result(): Owned {
    return { byType: this.byType, logical: this.logical };
  }
}

/** A CloudFormation stack's resources, nested stacks included; a stack that does not exist yet owns nothing. */
export async function cloudFormationOwned(aws: Aws, region: string, stackName: string): Promise<Owned> {
  const builder = new Builder();
  await addStackResources(aws, region, stackName, builder, 0);
  return builder.result();
}

async function addStackResources(aws: Aws, region: string, stackName: string, builder: Builder, depth: number): Promise<void> {
  let token: string | undefined;
  do {
    let page: { StackResourceSummaries?: Array<{ LogicalResourceId?: string; PhysicalResourceId?: string; ResourceType?: string }>; NextToken?: string };
    try {
      page = await aws.call('cloudformation', region, 'ListStackResourcesCommand', { StackName: stackName, ...(token ? { NextToken: token } : {}) }, 'cloudformation:ListStackResources');
    } catch (error) {
      if (!(error instanceof CallProblem) && errorCode(error) === 'ValidationError' && /does not exist/.test((error as Error).message)) return;
      throw error;
    }
    for (const r of page.StackResourceSummaries ?? []) {
      if (!r.ResourceType) continue;
      builder.add(r.ResourceType, r.LogicalResourceId, [r.PhysicalResourceId]);
      if (r.ResourceType === 'AWS::CloudFormation::Stack' && r.PhysicalResourceId && depth < 5) {
        await addStackResources(aws, region, r.PhysicalResourceId, builder, depth + 1);
      }
    }
    token = page.NextToken;
  } while (token);
}

const STATE_ID_ATTRIBUTES = ['id', 'name', 'bucket', 'function_name', 'arn', 'url', 'identifier', 'cluster_identifier'];

/** Resources in a Terraform state document. */
export function terraformOwned(state: unknown): Owned {
  const builder = new Builder();
  const resources = (state as { resources?: unknown })?.resources;
  for (const r of Array.isArray(resources) ? resources : []) {
    if (r?.mode !== 'managed' || typeof r.type !== 'string') continue;
    const ids: string[] = [];
    for (const instance of Array.isArray(r.instances) ? r.instances : []) {
      for (const key of STATE_ID_ATTRIBUTES) {
        const value = instance?.attributes?.[key];
        if (typeof value === 'string') ids.push(value);
      }
    }
    builder.add(r.type, typeof r.name === 'string' ? r.name : undefined, ids);
  }
  return builder.result();
}

/** Where a Terraform stack keeps its state. */
export type StateLocation =
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string; readonly region?: string; readonly lockTable?: string }
  | { readonly kind: 'local'; readonly file: string }
  | { readonly kind: 'unknown'; readonly why: string };

export function stateLocation(unit: CheckUnit, stack: StackView): StateLocation {
  const backend = stack.terraform?.backend;
  const s3 = backend?.s3;
  if (s3 && typeof s3 === 'object') {
    if (typeof s3.bucket !== 'string' || typeof s3.key !== 'string' || s3.bucket.includes('${') || s3.key.includes('${')) {
      return { kind: 'unknown', why: 'its S3 backend has no literal bucket and key (partial configuration at terraform init)' };
    }
    return {
      kind: 's3',
      bucket: s3.bucket,
      key: s3.key,
      region: typeof s3.region === 'string' ? s3.region : undefined,
      lockTable: typeof s3.dynamodb_table === 'string' ? s3.dynamodb_table : undefined,
    };
  }
  const file = unit.files[stack.name];
  const directory = file ? path.dirname(file) : unit.input;
  if (backend?.local && typeof backend.local === 'object') {
    const p = typeof backend.local.path === 'string' ? backend.local.path : 'terraform.tfstate';
    return { kind: 'local', file: path.resolve(directory, p) };
  }
  if (backend && Object.keys(backend).length > 0) return { kind: 'unknown', why: `its ${Object.keys(backend)[0]} backend is not read by preflight` };
  return { kind: 'local', file: path.resolve(directory, 'terraform.tfstate') };
}

/** A local state file; none yet (first deployment) owns nothing. */
export function localState(file: string): Owned {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return NOTHING_OWNED;
  }
  try {
    return terraformOwned(JSON.parse(text));
  } catch {
    return NOTHING_OWNED;
  }
}
