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
