import * as fc from 'fast-check';
import { cfnFindings, evaluateBoth, ruleContext, tfFindings } from './helpers';
import { hardcodedRegion } from '../../../src/core/rules/hardcoded-region';
import { literalRegions } from '../../../src/core/rules/shared/regions';

const fn = (properties: Record<string, unknown>, region?: string) => ({
  region,
  resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'processor-pr123', ...properties } } },
});

describe('literalRegions', () => {
  test.each([
    ['arn:aws:logs:us-east-1:123456789012:log-group:x', 'us-east-1', 'ARN'],
    ['arn:${AWS::Partition}:sqs:eu-west-3:${AWS::AccountId}:q', 'eu-west-3', 'ARN'],
    ['arn:${data.aws_partition.current.partition}:sns:ap-southeast-2:1:t', 'ap-southeast-2', 'ARN'],
    ['arn:aws-us-gov:s3:us-gov-west-1:1:x', 'us-gov-west-1', 'ARN'],
    ['arn:aws-cn:lambda:cn-north-1:1:function:f', 'cn-north-1', 'ARN'],
    ['arn:aws:kms:il-central-1:1:key/k', 'il-central-1', 'ARN'],
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/jobs', 'eu-west-1', 'endpoint'],
    ['data-pr123.s3.us-west-2.amazonaws.com', 'us-west-2', 'endpoint'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest', 'us-east-1', 'endpoint'],
    ['ec2.cn-northwest-1.amazonaws.com.cn', 'cn-northwest-1', 'endpoint'],
    ['s3-website-eu-central-1.amazonaws.com', 'eu-central-1', 'endpoint'],
    ['com.amazonaws.us-east-2.s3', 'us-east-2', 'endpoint service name'],
  ])('GIVEN %s WHEN scanned THEN %s is found in an %s', (text, region, kind) => {
    expect(literalRegions(text)).toEqual([expect.objectContaining({ region, kind })]);
  });

  test.each([
    ['an S3 ARN (no region field) with a region in the bucket name', 'arn:aws:s3:::logs-us-east-1-pr123/*'],
    ['a region token', 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:x'],
    ['a bare region', 'us-east-1'],
    ['an availability zone', 'us-east-1a'],
    ['a global IAM ARN', 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ['a global endpoint', 'https://sts.amazonaws.com'],
  ])('GIVEN %s WHEN scanned THEN nothing is found', (_what, text) => {
    expect(literalRegions(text)).toEqual([]);
  });

  test('GIVEN an endpoint WHEN scanned THEN the whole host and path are shown', () => {
    expect(literalRegions('"url": "https://sqs.eu-west-1.amazonaws.com/1/q", ')[0].value).toEqual('sqs.eu-west-1.amazonaws.com/1/q');
  });

  test('GIVEN a very long string WHEN scanned THEN it returns quickly', () => {
    const text = 'a.'.repeat(50_000) + 'sqs.us-east-1.amazonaws.com';
    const start = Date.now();
    expect(literalRegions(text).map((f) => f.region)).toEqual(['us-east-1']);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe('hardcoded-region (CloudFormation)', () => {
  test('GIVEN a logs ARN with us-east-1 in a region-agnostic stack WHEN evaluated THEN it is reported where it is', () => {
    // GIVEN
    const example = hardcodedRegion.metadata.examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(hardcodedRegion, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'hardcoded-region',
      severity: 'error',
      path: 'Stack/ProcessorRole',
      location: 'Properties/Policies/0/PolicyDocument/Statement/0/Resource',
    });
    expect(findings[0].message).toContain('us-east-1');
    expect(findings[0].message).toContain('ARN "arn:${AWS::Partition}:logs:us-east-1:${AWS::AccountId}:log-group:/aws/lambda/processor-pr123:*"');
  });

  test('GIVEN the same ARN built from ${AWS::Region} WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(hardcodedRegion, hardcodedRegion.metadata.examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN the literal-region ARN in a stack with a literal region WHEN evaluated THEN nothing is reported (aws-cdk-lib renders it so)', () => {
    const example = { ...hardcodedRegion.metadata.examples.cloudformation!.nonCompliant, region: 'us-east-1' };
    expect(cfnFindings(hardcodedRegion, example)).toEqual([]);
  });

  test('GIVEN endpoints and ARNs in environment variables WHEN evaluated THEN each string is reported once at its location', () => {
    // GIVEN
    const example = fn({
      Environment: {
        Variables: {
          QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs-pr123',
          TOPICS: 'arn:aws:sns:us-east-1:123456789012:a-pr123,arn:aws:sns:us-west-2:123456789012:b-pr123',
          AWS_REGION_NAME: 'eu-west-1',
          BUCKET: 'arn:aws:s3:::data-eu-west-1-pr123',
        },
      },
    });
    // WHEN
    const findings = cfnFindings(hardcodedRegion, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['Properties/Environment/Variables/QUEUE_URL', 'Properties/Environment/Variables/TOPICS']);
    expect(findings[0].message).toContain('endpoint "sqs.eu-west-1.amazonaws.com/123456789012/jobs-pr123"');
    expect(findings[1].message).toMatch(/^Literal regions us-east-1, us-west-2 in ARN /);
  });

  test('GIVEN Fn::Sub with a literal region and Fn::Sub with ${AWS::Region} WHEN evaluated THEN only the literal one is reported', () => {
    const example = fn({
      Environment: {
        Variables: {
          A: { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:eu-west-3:${AWS::AccountId}:table/orders-pr123' },
          B: { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders-pr123' },
          C: { 'Fn::Sub': ['${Host}/x', { Host: 'events.ap-southeast-2.amazonaws.com' }] },
        },
      },
    });
    expect(cfnFindings(hardcodedRegion, example).map((f) => f.location)).toEqual(['Properties/Environment/Variables/A', 'Properties/Environment/Variables/C/Fn::Sub/1/Host']);
  });

  test('GIVEN a VPC endpoint with a literal service name WHEN evaluated THEN it is reported', () => {
    const example = { resources: { S3Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: 'com.amazonaws.us-east-1.s3', VpcId: { Ref: 'Vpc' } } } } };
    const findings = cfnFindings(hardcodedRegion, example);
    expect(findings.map((f) => f.location)).toEqual(['Properties/ServiceName']);
    expect(findings[0].message).toContain('endpoint service name "com.amazonaws.us-east-1.s3"');
  });

  test('GIVEN CloudFront\'s us-east-1 certificate and edge function WHEN evaluated THEN they are not reported, but an origin ARN is', () => {
    // GIVEN
    const example = {
      resources: {
        Cdn: {
          Type: 'AWS::CloudFront::Distribution',
          Properties: {
            DistributionConfig: {
              ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', SslSupportMethod: 'sni-only' },
              DefaultCacheBehavior: { LambdaFunctionAssociations: [{ EventType: 'viewer-request', LambdaFunctionARN: 'arn:aws:lambda:us-east-1:123456789012:function:edge:1' }] },
              Origins: [{ Id: 'api', DomainName: 'abc123.execute-api.eu-west-1.amazonaws.com' }],
            },
          },
        },
      },
    };
    // WHEN
    const findings = cfnFindings(hardcodedRegion, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['Properties/DistributionConfig/Origins/0/DomainName']);
  });

  test('GIVEN a literal region in one branch of an Fn::If WHEN evaluated THEN it is still reported (it is in the template)', () => {
    const example = fn({ Environment: { Variables: { T: { 'Fn::If': ['IsProd', 'arn:aws:sns:us-east-1:1:t', { Ref: 'AWS::NoValue' }] } } } });
    expect(cfnFindings(hardcodedRegion, example).map((f) => f.location)).toEqual(['Properties/Environment/Variables/T/Fn::If/1']);
  });

  test('GIVEN malformed properties WHEN evaluated THEN nothing throws', () => {
    const example = fn({ Environment: [null, 1, true, { 'Fn::Join': 'x' }, { 'Fn::Sub': 5 }, { 'Fn::Sub': ['arn:aws:sns:us-east-1:1:t', null] }] });
    expect(cfnFindings(hardcodedRegion, example).map((f) => f.location)).toEqual(['Properties/Environment/5']);
  });
});

describe('hardcoded-region (Terraform)', () => {
  test('GIVEN a JSON policy with arn:aws:logs:us-east-1 WHEN evaluated THEN it is reported at policy', () => {
    // GIVEN
    const example = hardcodedRegion.metadata.examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(hardcodedRegion, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'hardcoded-region', path: 'stack/logs', location: 'policy', severity: 'error' });
    expect(findings[0].message).toContain('ARN "arn:aws:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/processor-pr123:*"');
  });

  test('GIVEN the region from data.aws_region WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(hardcodedRegion, hardcodedRegion.metadata.examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN a resource-level region and an endpoint in environment variables WHEN evaluated THEN only the endpoint is reported', () => {
    // GIVEN: AWS provider 6 lets a resource name its region: that is configuration, not a hardcoded ARN
    const example = {
      resource: {
        aws_lambda_function: {
          processor: {
            function_name: 'processor-pr123',
            region: 'us-west-2',
            environment: { variables: { QUEUE_URL: 'https://sqs.us-west-2.amazonaws.com/123456789012/jobs-pr123', OTHER: '${aws_sqs_queue.jobs.url}' } },
          },
        },
      },
    };
    // WHEN
    const findings = tfFindings(hardcodedRegion, example);
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['environment/variables/QUEUE_URL']);
  });

  test('GIVEN a region variable inside the ARN WHEN evaluated THEN nothing is reported', () => {
    const example = { resource: { aws_iam_role_policy: { logs: { policy: '{"Statement":[{"Resource":"arn:aws:logs:${var.region}:*:log-group:x"}]}' } } } };
    expect(tfFindings(hardcodedRegion, example)).toEqual([]);
  });

  test('GIVEN CloudFront\'s us-east-1 certificate WHEN evaluated THEN it is not reported', () => {
    const example = {
      resource: {
        aws_cloudfront_distribution: {
          cdn: {
            viewer_certificate: { acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', ssl_support_method: 'sni-only' },
            default_cache_behavior: { lambda_function_association: [{ event_type: 'viewer-request', lambda_arn: 'arn:aws:lambda:us-east-1:1:function:edge:1' }] },
          },
        },
      },
    };
    expect(tfFindings(hardcodedRegion, example)).toEqual([]);
  });

  test('GIVEN a certificate in another region on CloudFront WHEN evaluated THEN it is reported (only us-east-1 is required there)', () => {
    const example = { resource: { aws_cloudfront_distribution: { cdn: { viewer_certificate: { acm_certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/abc' } } } } };
    expect(tfFindings(hardcodedRegion, example).map((f) => f.location)).toEqual(['viewer_certificate/acm_certificate_arn']);
  });
});

describe('hardcoded-region: regions required or right by design', () => {
  const distribution = (config: Record<string, unknown>) => ({ resources: { Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true, ...config } } } } });
  const WEB_ACL = (region: string) => `arn:aws:wafv2:${region}:123456789012:global/webacl/cdn-pr123/a1b2c3d4`;

  test('GIVEN CloudFront\'s WAFv2 web ACL in us-east-1 WHEN evaluated THEN it is not reported, but one in another region is', () => {
    expect(cfnFindings(hardcodedRegion, distribution({ WebACLId: WEB_ACL('us-east-1') }))).toEqual([]);
    expect(cfnFindings(hardcodedRegion, distribution({ WebACLId: WEB_ACL('eu-west-1') })).map((f) => f.location)).toEqual(['Properties/DistributionConfig/WebACLId']);
    const tf = (region: string) => ({ resource: { aws_cloudfront_distribution: { cdn: { enabled: true, web_acl_id: WEB_ACL(region) } } } });
    expect(tfFindings(hardcodedRegion, tf('us-east-1'))).toEqual([]);
    expect(tfFindings(hardcodedRegion, tf('eu-west-1')).map((f) => f.location)).toEqual(['web_acl_id']);
  });

  test('GIVEN a CloudFront S3 origin with its regional domain name WHEN evaluated THEN it is not reported, but an API origin host is', () => {
    // GIVEN
    const origins = [
      { Id: 's3', DomainName: 'assets-pr123.s3.eu-west-1.amazonaws.com', S3OriginConfig: {} },
      { Id: 'site', DomainName: 'site-pr123.s3-website-eu-west-1.amazonaws.com', CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } },
      { Id: 'api', DomainName: 'abc123.execute-api.eu-west-1.amazonaws.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } },
    ];
    // WHEN
    const findings = cfnFindings(hardcodedRegion, distribution({ Origins: origins }));
    // THEN
    expect(findings.map((f) => f.location)).toEqual(['Properties/DistributionConfig/Origins/2/DomainName']);
    const tf = { resource: { aws_cloudfront_distribution: { cdn: { origin: [{ origin_id: 's3', domain_name: 'assets-pr123.s3.eu-west-1.amazonaws.com' }] } } } };
    expect(tfFindings(hardcodedRegion, tf)).toEqual([]);
  });

  test('GIVEN cross-region replica sources, copy destinations and replica keys WHEN evaluated THEN none is reported', () => {
    const example = {
      resources: {
        Replica: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t3.micro', SourceDBInstanceIdentifier: 'arn:aws:rds:us-east-1:123456789012:db:orders-pr123' } },
        Secondary: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-mysql', ReplicationSourceIdentifier: 'arn:aws:rds:us-east-1:123456789012:cluster:orders-pr123' } },
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'daily-pr123',
              BackupPlanRule: [{ RuleName: 'daily', TargetBackupVault: 'main', CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr-pr123' }] }],
            },
          },
        },
        Key: { Type: 'AWS::KMS::ReplicaKey', Properties: { PrimaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd', KeyPolicy: {} } },
        Table: {
          Type: 'AWS::DynamoDB::GlobalTable',
          Properties: {
            Replicas: [
              { Region: 'eu-west-1', SSESpecification: { KMSMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k1' } },
              { Region: 'us-west-2', SSESpecification: { KMSMasterKeyId: 'arn:aws:kms:us-west-2:123456789012:key/k2' } },
            ],
          },
        },
        Bucket: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            ReplicationConfiguration: {
              Role: { 'Fn::GetAtt': ['R', 'Arn'] },
              Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::dr-pr123', EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:us-west-2:123456789012:key/k3' } } }],
            },
          },
        },
      },
    };
    expect(cfnFindings(hardcodedRegion, example)).toEqual([]);
  });

  test('GIVEN a replica setting naming another region than its replica, and a copy action region elsewhere WHEN evaluated THEN those are reported', () => {
    const example = {
      resources: {
        Table: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: [{ Region: 'eu-west-1', SSESpecification: { KMSMasterKeyId: 'arn:aws:kms:us-west-2:123456789012:key/k1' } }] } },
        Source: { Type: 'AWS::RDS::DBInstance', Properties: { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' } },
      },
    };
    expect(cfnFindings(hardcodedRegion, example).map((f) => f.location)).toEqual(['Properties/Replicas/0/SSESpecification/KMSMasterKeyId', 'Properties/KmsKeyId']);
  });

  test('GIVEN the Terraform forms of cross-region sources and destinations WHEN evaluated THEN none is reported, but a replica\'s own key elsewhere is', () => {
    const example = {
      resource: {
        aws_db_instance: { replica: { instance_class: 'db.t3.micro', replicate_source_db: 'arn:aws:rds:us-east-1:123456789012:db:orders-pr123', skip_final_snapshot: true } },
        aws_rds_cluster: { secondary: { engine: 'aurora-mysql', replication_source_identifier: 'arn:aws:rds:us-east-1:123456789012:cluster:orders-pr123' } },
        aws_db_instance_automated_backups_replication: { dr: { source_db_instance_arn: 'arn:aws:rds:us-east-1:123456789012:db:orders-pr123', kms_key_id: 'arn:aws:kms:us-west-2:123456789012:key/k' } },
        aws_backup_plan: { daily: { name: 'daily-pr123', rule: [{ rule_name: 'daily', target_vault_name: 'main', copy_action: [{ destination_vault_arn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr-pr123' }] }] } },
        aws_kms_replica_key: { replica: { primary_key_arn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd' } },
        aws_dynamodb_table: { orders: { name: 'orders-pr123', replica: [{ region_name: 'eu-west-1', kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/k1' }] } },
        aws_dynamodb_table_replica: { orders: { global_table_arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders-pr123' } },
        aws_s3_bucket_replication_configuration: {
          dr: { role: '${aws_iam_role.r.arn}', bucket: 'data-pr123', rule: [{ status: 'Enabled', destination: [{ bucket: 'arn:aws:s3:::dr-pr123', encryption_configuration: [{ replica_kms_key_id: 'arn:aws:kms:us-west-2:123456789012:key/k3' }] }] }] },
        },
      },
    };
    // The automated backups replication lives in the destination region: its own key is judged.
    expect(tfFindings(hardcodedRegion, example).map((f) => [f.logicalId, f.location])).toEqual([['dr', 'kms_key_id']]);
  });

  test('GIVEN a policy from an aws_iam_policy_document data source naming a region WHEN evaluated THEN the policy using it is reported, once', () => {
    const example = (arn: string) => ({
      resource: { aws_iam_role_policy: { logs: { role: 'app', policy: '${data.aws_iam_policy_document.logs.json}' } } },
      blocks: { data: { aws_iam_policy_document: { logs: { statement: [{ actions: ['logs:PutLogEvents'], resources: [arn] }] } } } },
    });
    const findings = tfFindings(hardcodedRegion, example('arn:aws:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/app-pr123:*'));
    expect(findings.map((f) => [f.path, f.location])).toEqual([['stack/logs', 'policy']]);
    expect(findings[0].message).toContain('Literal region us-east-1 in ARN');
    expect(tfFindings(hardcodedRegion, example('arn:aws:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:x:*'))).toEqual([]);
  });
});

describe('hardcoded-region (robustness)', () => {
  test('GIVEN random properties WHEN either evaluator runs THEN it never throws', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant({ 'Fn::Join': ['', ['arn:aws:sns:', 'us-east-1', ':1:t']] }),
      fc.record({ 'Fn::Sub': fc.oneof(fc.string(), fc.tuple(fc.string(), fc.jsonValue({ maxDepth: 2 }))) }),
      fc.record({ 'Fn::If': fc.jsonValue({ maxDepth: 2 }) }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), value), fc.option(fc.constant('us-east-1'), { nil: undefined }), (properties, region) => {
        evaluateBoth(hardcodedRegion, 'AWS::CloudFront::Distribution', 'aws_cloudfront_distribution', properties, ruleContext([], { region }));
      }),
      { numRuns: 300 },
    );
  });
});
