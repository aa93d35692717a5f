import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, StackView, TfExample, Violation } from './model';
import { exampleTfTable } from './shared/examples';
import { asList, asObject, isCfnIntrinsic, isTfInterpolation, literalString, show } from './values';

/** A region a resource names, resolved as far as it provably goes. */
interface NamedRegion {
  /** A literal region, or `${AWS::Region}` for the stack's own region token when the stack has no literal region. */
  readonly key: string;
  /** How to say it in a message. */
  readonly display: string;
  readonly location: string;
}

const OWN_REGION_TOKEN = '${AWS::Region}';
/** Key prefix of a region that is a reference: comparable with the same reference only. */
const SAME_REFERENCE = 'reference:';

/**
 * A CloudFormation region value as far as it is provable: a literal, or `{ Ref: AWS::Region }` (the
 * stack's own region: its literal region when the stack has one, else the token itself). Any other
 * reference is unknown, but equal to itself: the same parameter twice is one region twice.
 */
function cfnRegion(value: unknown, context: RuleContext): string | undefined {
  const literal = literalString(value);
  if (literal !== undefined) {
    return literal.trim() !== '' ? literal.trim() : undefined;
  }
  if (!isCfnIntrinsic(value)) {
    return undefined;
  }
  return (value as Record<string, unknown>).Ref === 'AWS::Region' ? context.stack.region ?? OWN_REGION_TOKEN : SAME_REFERENCE + JSON.stringify(value);
}

/**
 * A Terraform region value: a literal, or a `${...}` reference that is only equal to itself
 * (`${data.aws_region...}` depends on the data source's provider, which views do not carry).
 */
function tfRegion(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  return isTfInterpolation(value) ? SAME_REFERENCE + value : value.trim();
}

function describe(key: string): string {
  if (key === OWN_REGION_TOKEN) return 'the stack\'s own region (${AWS::Region})';
  return key.startsWith(SAME_REFERENCE) ? `the same reference ${key.slice(SAME_REFERENCE.length)}` : key;
}

/** Regions named more than once, as one violation each, naming every place. */
function duplicates(regions: readonly NamedRegion[], what: string): Violation[] {
  const byKey = new Map<string, NamedRegion[]>();
  for (const region of regions) {
    const list = byKey.get(region.key) ?? [];
    list.push(region);
    byKey.set(region.key, list);
  }
  const violations: Violation[] = [];
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    violations.push({
      message: `${what} name ${describe(key)} ${list.length} times (${list.map((r) => `${r.location} = ${r.display}`).join(', ')}): every copy is in the same region.`,
      location: list[1].location,
    });
  }
  return violations;
}

/** Replica regions that are the resource's own (home) region, which a replica can never be. */
function homeRegionReplicas(regions: readonly NamedRegion[], home: string | undefined, homeSource: string, what: string): Violation[] {
  if (home === undefined) {
    return [];
  }
  return regions
    .filter((r) => r.key === home)
    .map((r) => ({ message: `${what} ${r.location} = ${r.display} is ${homeSource} ${describe(home)}: a replica there is not in another region.`, location: r.location }));
}

/** The regions of a CloudFormation replica list (`[{ Region }, ...]`), each located at its `Region`. */
function cfnReplicaRegions(properties: Record<string, any>, property: string, context: RuleContext): NamedRegion[] {
  const regions: NamedRegion[] = [];
  const replicas = properties[property];
  if (Array.isArray(replicas)) {
    replicas.forEach((replica, i) => {
      const key = cfnRegion(asObject(replica)?.Region, context);
      if (key !== undefined) regions.push({ key, display: show(asObject(replica)?.Region), location: `Properties/${property}/${i}/Region` });
    });
  }
  return regions;
}

function cloudformation(resource: ResourceView, context: RuleContext): RuleOutcome {
  const properties = asObject(resource.properties) ?? {};
  const stackRegion = context.stack.region;
  switch (resource.type) {
    case 'AWS::DynamoDB::GlobalTable':
      // The stack's region is one of the replicas; two replicas in one region is one region twice.
      return duplicates(cfnReplicaRegions(properties, 'Replicas', context), 'Replicas');
    case 'AWS::SecretsManager::Secret': {
      const regions = cfnReplicaRegions(properties, 'ReplicaRegions', context);
      // A secret cannot be replicated to its own region.
      return [
        ...duplicates(regions, 'ReplicaRegions'),
        ...homeRegionReplicas(regions, stackRegion ?? OWN_REGION_TOKEN, 'the stack\'s region', 'ReplicaRegions'),
      ];
    }
    case 'AWS::EC2::VPCPeeringConnection':
      return sameAsStack(properties.PeerRegion, 'Properties/PeerRegion', 'PeerRegion', 'the peering is not cross-region', context);
    case 'AWS::RDS::DBCluster':
    case 'AWS::RDS::DBInstance':
      return sameAsStack(properties.SourceRegion, 'Properties/SourceRegion', 'SourceRegion', 'the cross-region replica reads from its own region', context);
    default:
      return NOT_APPLICABLE;
  }
}

/** A "remote" region that is provably the stack's own: `{ Ref: AWS::Region }`, or the stack's literal region. */
function sameAsStack(value: unknown, location: string, property: string, consequence: string, context: RuleContext): RuleOutcome {
  if (value === undefined || value === null) {
    return [];
  }
  const key = cfnRegion(value, context);
  const own = context.stack.region ?? OWN_REGION_TOKEN;
  if (key === undefined || key !== own) {
    return [];
  }
  return [{ message: `${property} ${show(value)} is the stack's own region ${describe(own)}: ${consequence}.`, location }];
}

function terraform(resource: ResourceView): RuleOutcome {
  const properties = asObject(resource.properties) ?? {};
  // AWS provider 6 lets a resource name its region; without it the region is the provider's, which views do not carry.
  const home = tfRegion(properties.region);
  switch (resource.type) {
    case 'aws_dynamodb_table':
    case 'aws_secretsmanager_secret': {
      const field = resource.type === 'aws_dynamodb_table' ? 'region_name' : 'region';
      const regions: NamedRegion[] = [];
      asList(properties.replica).forEach((replica, i) => {
        const value = asObject(replica)?.[field];
        const key = tfRegion(value);
        if (key !== undefined) regions.push({ key, display: show(value), location: `replica/${i}/${field}` });
      });
      return [...duplicates(regions, 'replica blocks'), ...homeRegionReplicas(regions, home, 'the resource\'s own region', 'replica')];
    }
    case 'aws_vpc_peering_connection':
      return sameAsHome(properties.peer_region, 'peer_region', properties.region, 'the peering is not cross-region');
    case 'aws_rds_cluster':
      return sameAsHome(properties.source_region, 'source_region', properties.region, 'the cross-region replica reads from its own region');
    default:
      return NOT_APPLICABLE;
  }
}

function sameAsHome(value: unknown, attribute: string, region: unknown, consequence: string): RuleOutcome {
  const key = tfRegion(value);
  if (key === undefined || key !== tfRegion(region)) {
    return [];
  }
  return [{ message: `${attribute} ${show(value)} is the resource's own region (region = ${show(region)}): ${consequence}.`, location: attribute }];
}

/** A "multi-region" design whose regions are all one region. */
export const singleRegionMultiRegion: RuleDefinition = {
  metadata: {
    id: 'single-region-multi-region',
    title: 'Multi-region resources name more than one region',
    lesson: '000 "Task Description Validation", "Multi-Region Tasks"',
    why:
      'A "multi-region" design whose regions are all the same ("migrate from us-east-1 to us-east-1") cannot work: DynamoDB ' +
      'global tables and Secrets Manager reject a replica in a region they already occupy, a cross-region read replica or ' +
      'peering whose "remote" region is the stack\'s own is not cross-region at all (and same-region VPC peering with ' +
      'overlapping CIDRs fails), so the deployment fails or the disaster-recovery copy sits next to the original.',
    fix:
      'Check the task or design for the intended regions and use different ones for source and target: replicas in other ' +
      'regions than the stack\'s (`TableV2` `replicas: [{ region: \'us-west-2\' }]`), PeerRegion / SourceRegion naming the ' +
      'other region; in cdktf give each region its own aliased provider with its own region.',
    notReported: [
      'Regions given by reference: a reference is only compared with the same reference, never guessed.',
      'Terraform resources without their own `region` (AWS provider 6): their region is the provider\'s, which the views do not carry.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample('us-east-1'),
        compliant: cfnExample('us-west-2'),
      },
      terraform: {
        nonCompliant: tfExample('us-east-1'),
        compliant: tfExample('us-west-2'),
      },
    },
  },
  cloudformation,
  terraform,
  terraformStack: providerRegions,
};

/**
 * Two or more aws provider blocks with different aliases exist to reach different regions;
 * when every literal region is the same, the "multi-region" stack deploys into one region.
 */
function providerRegions(stack: StackView): Violation[] {
  const blocks = asList(asObject(stack.terraform?.providers)?.aws).map(asObject).filter((b): b is Record<string, any> => b !== undefined);
  const aliases = new Set(blocks.map((b) => literalString(b.alias) ?? '(default)'));
  const regions = blocks.map((b) => literalString(b.region));
  if (blocks.length < 2 || aliases.size < 2 || regions.some((r) => r === undefined)) {
    return [];
  }
  const distinct = new Set(regions);
  return distinct.size === 1
    ? [{ message: `The stack's ${blocks.length} aws providers (${[...aliases].join(', ')}) all use region ${show(regions[0])}.`, location: 'provider.aws' }]
    : [];
}

/** A VPC in a us-east-1 stack, peered with a VPC in `peerRegion`. */
function cfnExample(peerRegion: string): CfnExample {
  return {
    region: 'us-east-1',
    resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Name', Value: 'primary-pr123' }] } },
      PeeringToDr: {
        Type: 'AWS::EC2::VPCPeeringConnection',
        Properties: { VpcId: { Ref: 'Vpc' }, PeerVpcId: 'vpc-0a1b2c3d4e5f67890', PeerRegion: peerRegion },
      },
    },
  };
}

/** A us-east-1 global table with one replica in `replicaRegion`. */
function tfExample(replicaRegion: string): TfExample {
  const table = exampleTfTable('id', { stream_enabled: true, stream_view_type: 'NEW_AND_OLD_IMAGES', region: 'us-east-1', replica: [{ region_name: replicaRegion }] });
  return { resource: { aws_dynamodb_table: { orders: table } } };
}
