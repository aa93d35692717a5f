import * as fc from 'fast-check';
import { cfnFindings, evaluateBoth, ruleContext, tfFindings } from './helpers';
import { singleRegionMultiRegion } from '../../../src/core/rules/single-region-multi-region';

const OWN_REGION = { Ref: 'AWS::Region' };
const globalTable = (regions: unknown[], region?: string) => ({
  region,
  resources: {
    Orders: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        TableName: 'orders-pr123',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        Replicas: regions.map((Region) => ({ Region })),
      },
    },
  },
});
const peering = (peerRegion: unknown, region?: string) => ({
  region,
  resources: { Peering: { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { VpcId: 'vpc-1', PeerVpcId: 'vpc-2', PeerRegion: peerRegion } } },
});
const tfTable = (attributes: Record<string, unknown>) => ({
  resource: { aws_dynamodb_table: { orders: { name: 'orders-pr123', billing_mode: 'PAY_PER_REQUEST', hash_key: 'id', ...attributes } } },
});

describe('single-region-multi-region (CloudFormation)', () => {
  test('GIVEN a peering to the stack\'s own literal region WHEN evaluated THEN it is reported at PeerRegion', () => {
    // GIVEN
    const example = singleRegionMultiRegion.metadata.examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(singleRegionMultiRegion, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'single-region-multi-region',
      severity: 'error',
      path: 'Stack/PeeringToDr',
      location: 'Properties/PeerRegion',
    });
    expect(findings[0].message).toContain('PeerRegion "us-east-1" is the stack\'s own region us-east-1');
  });

  test('GIVEN a peering to another region WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(singleRegionMultiRegion, singleRegionMultiRegion.metadata.examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN a literal PeerRegion in a region-agnostic stack WHEN evaluated THEN it is not guessed at', () => {
    expect(cfnFindings(singleRegionMultiRegion, peering('us-east-1'))).toEqual([]);
  });

  test('GIVEN PeerRegion ${AWS::Region} in a region-agnostic stack WHEN evaluated THEN it is reported (provably the own region)', () => {
    const findings = cfnFindings(singleRegionMultiRegion, peering(OWN_REGION));
    expect(findings.map((f) => f.location)).toEqual(['Properties/PeerRegion']);
    expect(findings[0].message).toContain('${AWS::Region}');
  });

  test('GIVEN PeerRegion from a parameter WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(singleRegionMultiRegion, peering({ Ref: 'PeerRegion' }, 'us-east-1'))).toEqual([]);
  });

  test('GIVEN a global table naming the same literal region twice WHEN evaluated THEN it is reported once, naming both replicas', () => {
    // GIVEN: the lesson's "us-east-1 to us-east-1", region-agnostic stack
    const example = globalTable(['us-east-1', 'us-east-1']);
    // WHEN
    const findings = cfnFindings(singleRegionMultiRegion, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0].location).toEqual('Properties/Replicas/1/Region');
    expect(findings[0].message).toContain('Replicas name us-east-1 2 times (Properties/Replicas/0/Region = "us-east-1", Properties/Replicas/1/Region = "us-east-1")');
  });

  test('GIVEN ${AWS::Region} and the stack\'s literal region as replicas WHEN evaluated THEN they are the same region', () => {
    expect(cfnFindings(singleRegionMultiRegion, globalTable([OWN_REGION, 'us-east-1'], 'us-east-1'))).toHaveLength(1);
  });

  test('GIVEN ${AWS::Region} twice in a region-agnostic stack WHEN evaluated THEN it is reported as the stack\'s own region', () => {
    const findings = cfnFindings(singleRegionMultiRegion, globalTable([OWN_REGION, OWN_REGION]));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('the stack\'s own region (${AWS::Region})');
  });

  test.each([
    ['${AWS::Region} and a literal in a region-agnostic stack', [OWN_REGION, 'us-east-1'], undefined],
    ['two different regions', [OWN_REGION, 'us-west-2'], 'us-east-1'],
    ['one replica', ['us-east-1'], 'us-east-1'],
    ['two different parameters', [{ Ref: 'Primary' }, { Ref: 'Replica' }], undefined],
  ])('GIVEN %s WHEN evaluated THEN nothing is reported', (_what, regions, region) => {
    expect(cfnFindings(singleRegionMultiRegion, globalTable(regions, region))).toEqual([]);
  });

  test('GIVEN the same parameter as two replica regions WHEN evaluated THEN it is reported (one value, twice)', () => {
    const findings = cfnFindings(singleRegionMultiRegion, globalTable([{ Ref: 'Replica' }, { Ref: 'Replica' }]));
    expect(findings.map((f) => f.location)).toEqual(['Properties/Replicas/1/Region']);
    expect(findings[0].message).toContain('the same reference {"Ref":"Replica"}');
  });

  test('GIVEN cross-region replicas reading from the stack\'s own region WHEN evaluated THEN SourceRegion is reported', () => {
    // GIVEN
    const example = {
      region: 'eu-west-1',
      resources: {
        Replica: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql', SourceRegion: 'eu-west-1', ReplicationSourceIdentifier: 'arn:aws:rds:eu-west-1:1:cluster:db' } },
        ReadReplica: { Type: 'AWS::RDS::DBInstance', Properties: { SourceRegion: OWN_REGION, SourceDBInstanceIdentifier: 'arn:aws:rds:eu-west-1:1:db:db' } },
        Fine: { Type: 'AWS::RDS::DBCluster', Properties: { SourceRegion: 'us-east-1' } },
      },
    };
    // WHEN
    const findings = cfnFindings(singleRegionMultiRegion, example);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([
      ['Stack/Replica', 'Properties/SourceRegion'],
      ['Stack/ReadReplica', 'Properties/SourceRegion'],
    ]);
  });

  test('GIVEN a secret replicated to the stack\'s own region WHEN evaluated THEN the replica is reported', () => {
    const example = {
      region: 'us-east-1',
      resources: { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'db-pr123', ReplicaRegions: [{ Region: 'us-west-2' }, { Region: 'us-east-1' }] } } },
    };
    const findings = cfnFindings(singleRegionMultiRegion, example);
    expect(findings.map((f) => f.location)).toEqual(['Properties/ReplicaRegions/1/Region']);
    expect(findings[0].message).toContain('the stack\'s region us-east-1');
  });

  test('GIVEN bucket replication WHEN evaluated THEN nothing is reported (a destination carries no region)', () => {
    const example = {
      region: 'us-east-1',
      resources: { B: { Type: 'AWS::S3::Bucket', Properties: { ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::dr-pr123' } }] } } } },
    };
    expect(cfnFindings(singleRegionMultiRegion, example)).toEqual([]);
  });

  test('GIVEN malformed properties WHEN evaluated THEN nothing is reported and nothing throws', () => {
    const example = {
      region: 'us-east-1',
      resources: {
        A: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: 'us-east-1' } },
        B: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: [null, 1, { Region: 5 }, { Region: {} }, { Region: '' }, { Region: '' }] } },
        C: { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { PeerRegion: ['us-east-1'] } },
        D: { Type: 'AWS::SecretsManager::Secret', Properties: { ReplicaRegions: { Region: 'us-east-1' } } },
      },
    };
    expect(cfnFindings(singleRegionMultiRegion, example)).toEqual([]);
  });
});

describe('single-region-multi-region (Terraform)', () => {
  test('GIVEN a table replicated to its own region WHEN evaluated THEN the replica is reported', () => {
    // GIVEN
    const example = singleRegionMultiRegion.metadata.examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(singleRegionMultiRegion, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'single-region-multi-region', path: 'stack/orders', location: 'replica/0/region_name', severity: 'error' });
    expect(findings[0].message).toContain('replica replica/0/region_name = "us-east-1" is the resource\'s own region us-east-1');
  });

  test('GIVEN a replica in another region WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(singleRegionMultiRegion, singleRegionMultiRegion.metadata.examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN two replica blocks in one region and no resource region WHEN evaluated THEN the duplicate is reported', () => {
    const findings = tfFindings(singleRegionMultiRegion, tfTable({ replica: [{ region_name: 'eu-west-1' }, { region_name: 'us-west-2' }, { region_name: 'eu-west-1' }] }));
    expect(findings.map((f) => f.location)).toEqual(['replica/2/region_name']);
    expect(findings[0].message).toContain('replica blocks name eu-west-1 2 times');
  });

  test.each([
    ['a data source region (its provider is not in the view)', { replica: [{ region_name: '${data.aws_region.current.region}' }] }],
    ['two different variables', { replica: [{ region_name: '${var.dr_region}' }, { region_name: '${var.backup_region}' }] }],
    ['a variable region and a literal replica', { region: '${var.region}', replica: [{ region_name: 'us-east-1' }] }],
    ['no resource region', { replica: [{ region_name: 'us-east-1' }] }],
    ['a single replica block as an object', { region: 'us-east-1', replica: { region_name: 'us-west-2' } }],
  ])('GIVEN %s WHEN evaluated THEN nothing is reported', (_what, attributes) => {
    expect(tfFindings(singleRegionMultiRegion, tfTable(attributes))).toEqual([]);
  });

  test('GIVEN the resource region and a replica from the same variable WHEN evaluated THEN it is reported', () => {
    const findings = tfFindings(singleRegionMultiRegion, tfTable({ region: '${var.region}', replica: [{ region_name: '${var.region}' }, { region_name: 'us-west-2' }] }));
    expect(findings.map((f) => f.location)).toEqual(['replica/0/region_name']);
    expect(findings[0].message).toContain('the same reference ${var.region}');
  });

  test('GIVEN peering, an RDS replica and a secret in their own region WHEN evaluated THEN each is reported', () => {
    // GIVEN
    const example = {
      resource: {
        aws_vpc_peering_connection: {
          dr: { vpc_id: '${aws_vpc.main.id}', peer_vpc_id: 'vpc-2', region: 'us-east-1', peer_region: 'us-east-1' },
          unknown: { vpc_id: '${aws_vpc.main.id}', peer_vpc_id: 'vpc-2', peer_region: 'us-east-1' },
        },
        aws_rds_cluster: { replica: { cluster_identifier: 'db-pr123', region: 'eu-west-1', source_region: 'eu-west-1' } },
        aws_secretsmanager_secret: { db: { name: 'db-pr123', region: 'us-east-1', replica: [{ region: 'us-east-1' }] } },
      },
    };
    // WHEN
    const findings = tfFindings(singleRegionMultiRegion, example);
    // THEN
    expect(findings.map((f) => [f.path, f.location])).toEqual([
      ['stack/dr', 'peer_region'],
      ['stack/replica', 'source_region'],
      ['stack/db', 'replica/0/region'],
    ]);
    expect(findings[0].message).toContain('peer_region "us-east-1" is the resource\'s own region (region = "us-east-1")');
  });

  test('GIVEN malformed attributes WHEN evaluated THEN nothing is reported and nothing throws', () => {
    const example = tfTable({ region: 5, replica: [null, 'x', { region_name: 7 }, { region_name: ['a'] }] });
    expect(tfFindings(singleRegionMultiRegion, example)).toEqual([]);
  });
});

describe('single-region-multi-region (robustness)', () => {
  test('GIVEN random properties WHEN either evaluator runs THEN it never throws', () => {
    const region = fc.oneof(fc.constantFrom('us-east-1', 'eu-west-1', OWN_REGION, '${var.r}'), fc.jsonValue({ maxDepth: 2 }));
    const replicas = fc.oneof(fc.array(fc.record({ Region: region, region_name: region, region })), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(
        fc.constantFrom('AWS::DynamoDB::GlobalTable', 'AWS::SecretsManager::Secret', 'AWS::EC2::VPCPeeringConnection', 'AWS::RDS::DBCluster'),
        fc.constantFrom('aws_dynamodb_table', 'aws_secretsmanager_secret', 'aws_vpc_peering_connection', 'aws_rds_cluster'),
        fc.record({
          Replicas: replicas,
          ReplicaRegions: replicas,
          PeerRegion: region,
          SourceRegion: region,
          replica: replicas,
          region,
          peer_region: region,
          source_region: region,
        }),
        fc.option(fc.constant('us-east-1'), { nil: undefined }),
        (cfnType, tfType, properties, stackRegion) => {
          evaluateBoth(singleRegionMultiRegion, cfnType, tfType, properties, ruleContext([], { region: stackRegion }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
