import { ResourceView } from './model';

/** What pseudo parameters resolve to in the target environment. */
export interface Pseudo {
  readonly account: string;
  readonly region: string;
}

export function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/**
 * The literal string a property holds in the target environment: a plain string, or a CloudFormation
 * Fn::Join / Fn::Sub of strings and pseudo parameters. References to other resources, parameters
 * and Terraform `${...}` interpolations are not known before deployment: undefined.
 */
export function literal(value: unknown, resource: Pick<ResourceView, 'engine'>, pseudo: Pseudo): string | undefined {
  if (typeof value === 'string') return resource.engine === 'terraform' && value.includes('${') ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [fn, args] = entries[0];
  if (fn === 'Ref' && typeof args === 'string') return pseudoValue(args, pseudo);
  if (fn === 'Fn::Join' && Array.isArray(args) && typeof args[0] === 'string' && Array.isArray(args[1])) {
    const parts = args[1].map((part: unknown) => literal(part, resource, pseudo));
    return parts.every((p): p is string => p !== undefined) ? parts.join(args[0]) : undefined;
  }
  if (fn === 'Fn::Sub' && typeof args === 'string') {
    let unresolved = false;
    const text = args.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
      const v = pseudoValue(name, pseudo);
      if (v === undefined) unresolved = true;
      return v ?? '';
    });
    return unresolved ? undefined : text;
  }
  return undefined;
}

function pseudoValue(name: string, pseudo: Pseudo): string | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return pseudo.account;
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::Partition':
      return partitionOf(pseudo.region);
    case 'AWS::URLSuffix':
      return pseudo.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    default:
      return undefined;
  }
}

/** A literal whole number (CloudFormation numbers may be strings), else undefined. */
export function literalNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}
