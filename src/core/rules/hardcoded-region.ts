import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, RuleOutcome, TfExample, Violation } from './model';
import { exampleCfnRole, exampleTfRole } from './shared/examples';
import { literalRegions } from './shared/regions';
import { asObject, keyPath, show, templateString } from './values';

/**
 * Places where a literal us-east-1 is required, not hardcoded by mistake: CloudFront only takes
 * ACM certificates, Lambda@Edge functions and WAFv2 web ACLs (scope CLOUDFRONT) from us-east-1,
 * whatever the stack's region.
 */
function requiredUsEast1(resource: ResourceView, location: string, region: string): boolean {
  if (region !== 'us-east-1') {
    return false;
  }
  if (resource.type === 'AWS::CloudFront::Distribution') {
    return /ViewerCertificate\/AcmCertificateArn$|LambdaFunctionAssociations\/\d+\/LambdaFunctionARN$|DistributionConfig\/WebACLId$/.test(location);
  }
  if (resource.type === 'aws_cloudfront_distribution') {
    return /viewer_certificate(\/\d+)?\/acm_certificate_arn$|lambda_function_association\/\d+\/lambda_arn$|^web_acl_id$/.test(location);
  }
  return false;
}

/**
 * Values that name another region by design, where the region written is right wherever the stack is
 * deployed: the source of a cross-region replica, the destination of a cross-region copy, a KMS replica's
 * primary key, a replica's own key, and the S3 origin a CloudFront distribution (a global service) reads from.
 * Keyed by resource type: a location pattern (after `Properties/` for CloudFormation).
 */
const OTHER_REGION_BY_DESIGN: Record<string, RegExp> = {
  // A cross-region read replica names its source by ARN (RDS User Guide, "Creating a read replica in a different AWS Region").
  'AWS::RDS::DBInstance': /^(SourceDBInstanceIdentifier|SourceDBClusterIdentifier)$/,
  'AWS::RDS::DBCluster': /^ReplicationSourceIdentifier$/,
  'aws_db_instance': /^replicate_source_db$/,
  'aws_rds_cluster': /^replication_source_identifier$/,
  // Replicated automated backups: the resource lives in the destination region and names its source instance.
  'aws_db_instance_automated_backups_replication': /^source_db_instance_arn$/,
  // A copy action's destination vault is in another region or account (AWS Backup, "Cross-Region backup").
  'AWS::Backup::BackupPlan': /^BackupPlan\/BackupPlanRule\/\d+\/CopyActions\/\d+\/DestinationBackupVaultArn$/,
  'aws_backup_plan': /^rule(\/\d+)?\/copy_action(\/\d+)?\/destination_vault_arn$/,
  // A multi-Region replica key is created in another region than its primary (KMS, "Multi-Region keys").
  'AWS::KMS::ReplicaKey': /^PrimaryKeyArn$/,
  'aws_kms_replica_key': /^primary_key_arn$/,
  'aws_kms_replica_external_key': /^primary_key_arn$/,
  // A replica table is created (through another provider) in another region than the global table it joins.
  'aws_dynamodb_table_replica': /^global_table_arn$/,
  // S3 replication: the key that encrypts replicas belongs to the destination bucket's region.
  'AWS::S3::Bucket': /^ReplicationConfiguration\/Rules\/\d+\/Destination\/EncryptionConfiguration\/ReplicaKmsKeyID$/,
  'aws_s3_bucket_replication_configuration': /^rule(\/\d+)?\/destination(\/\d+)?\/encryption_configuration(\/\d+)?\/replica_kms_key_id$/,
  // A CloudFront S3 origin is the bucket's regional domain name: the bucket's region, not the stack's.
  'AWS::CloudFront::Distribution': /^DistributionConfig\/Origins\/\d+\/DomainName$/,
  'aws_cloudfront_distribution': /^origin(\/\d+)?\/domain_name$/,
};

/** A DynamoDB replica's settings (its KMS key) name the replica's own region: `Replicas/1/...` in `Region` eu-west-1. */
function replicaRegion(resource: ResourceView, path: string): string | undefined {
  const properties = asObject(resource.properties) ?? {};
  if (resource.type === 'AWS::DynamoDB::GlobalTable') {
    const match = /^Replicas\/(\d+)\//.exec(path);
    const region = match && Array.isArray(properties.Replicas) ? asObject(properties.Replicas[Number(match[1])])?.Region : undefined;
    return typeof region === 'string' ? region : undefined;
  }
  if (resource.type === 'aws_dynamodb_table') {
    const match = /^replica(?:\/(\d+))?\//.exec(path);
    const replica = match ? (Array.isArray(properties.replica) ? properties.replica[Number(match[1] ?? 0)] : properties.replica) : undefined;
    const region = asObject(replica)?.region_name;
    return typeof region === 'string' ? region : undefined;
  }
  return undefined;
}

/** True when the region found at this path is required, or right by design. */
function exempt(resource: ResourceView, path: string, location: string, found: { region: string; value: string; kind: string }): boolean {
  if (requiredUsEast1(resource, location, found.region)) return true;
  const pattern = OTHER_REGION_BY_DESIGN[resource.type];
  if (pattern?.test(path)) {
    // Origins: only an S3 bucket's domain name (bucket.s3.<region>.amazonaws.com, s3-website...); other hosts are judged.
    return !/CloudFront|cloudfront/.test(resource.type) || /\.s3[.-]|\.s3-website[.-]|^s3[.-]/.test(found.value);
  }
  return replicaRegion(resource, path) === found.region;
}

/**
 * Visits every string of a value once, with the keys leading to it: plain strings as they are, and an Fn::Join
 * or Fn::Sub as one rendered string (`arn:${AWS::Partition}:logs:us-east-1:...`) so an ARN split over the
 * join's parts is still seen whole. Other intrinsics (Fn::If, Fn::Select...) are walked into. The keys are a
 * stack that changes as the walk goes on: every string of every resource passes here, and a path is built
 * only for the few that name a region.
 */
function walkRendered(value: unknown, visit: (text: string, keys: readonly string[]) => void, keys: string[]): void {
  if (typeof value === 'string') {
    visit(value, keys);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      keys.push(String(i));
      walkRendered(value[i], visit, keys);
      keys.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    const objectKeys = Object.keys(value);
    const first = objectKeys[0];
    // An intrinsic has one key: Fn::Join and Fn::Sub are rendered whole.
    if (objectKeys.length === 1 && (first === 'Fn::Join' || first === 'Fn::Sub')) {
      const rendered = templateString(value);
      if (rendered !== undefined) visit(rendered, keys);
      // Fn::Sub's variable map may hold literal strings of its own.
      const arg = (value as Record<string, unknown>)[first];
      if (first === 'Fn::Sub' && Array.isArray(arg) && arg[1] !== null && typeof arg[1] === 'object') {
        keys.push('Fn::Sub', '1');
        walkRendered(arg[1], visit, keys);
        keys.pop();
        keys.pop();
      }
      return;
    }
    for (const key of objectKeys) {
      keys.push(key);
      walkRendered((value as Record<string, unknown>)[key], visit, keys);
      keys.pop();
    }
  }
}

function violations(resource: ResourceView, prefix: string): Violation[] {
  const result: Violation[] = [];
  walkRendered(asObject(resource.properties) ?? {}, (text, keys) => {
    const regions = literalRegions(text);
    if (regions.length === 0) return;
    const path = keyPath(keys);
    const location = prefix + path;
    const found = regions.filter((f) => !exempt(resource, path, location, f));
    if (found.length === 0) return;
    const names = [...new Set(found.map((f) => f.region))];
    const values = [...new Set(found.map((f) => `${f.kind} ${show(f.value)}`))];
    result.push({
      message: `Literal region${names.length > 1 ? 's' : ''} ${names.join(', ')} in ${values.join(', ')}.`,
      location,
    });
  }, []);
  return result;
}

function cloudformation(resource: ResourceView, context: RuleContext): RuleOutcome {
  // With a literal stack region aws-cdk-lib renders that region into ARNs itself: nothing to judge.
  if (context.stack.region !== undefined) {
    return NOT_APPLICABLE;
  }
  return violations(resource, 'Properties/');
}

function terraform(resource: ResourceView): RuleOutcome {
  // The provider's region lives in the provider block; a resource's ARNs and endpoints should use
  // data.aws_region (or a variable), so any literal one is reported.
  return violations(resource, '');
}

/** A literal region in an ARN or endpoint ties a region-agnostic stack to one region. */
export const hardcodedRegion: RuleDefinition = {
  metadata: {
    id: 'hardcoded-region',
    title: 'No literal region in ARNs or endpoints',
    lesson: '003 "Issue 6: Hardcoded AWS Region in Lambda IAM Policies"; 000 "Region-Specific Configurations"',
    why:
      'A literal region in an ARN or endpoint (`arn:aws:logs:us-east-1:...`, `sqs.us-east-1.amazonaws.com`) only works while ' +
      'the stack is deployed to that region. Deployed anywhere else, IAM policies grant access to resources that do not ' +
      'exist (AccessDenied at run time), and clients call the wrong region\'s endpoint (an ARN\'s region field and a regional ' +
      'endpoint each name one region: IAM User Guide, "IAM identifiers" (ARNs); AWS General Reference, "AWS service endpoints"). ' +
      'In cdktf, a policy document data source is judged where a resource uses it.',
    fix:
      'Build ARNs from the stack\'s region: `Stack.of(this).formatArn({...})`, `Aws.REGION` or `${AWS::Region}` in Fn::Sub ' +
      '(aws-cdk-lib); `${data.aws_region.current.region}` (`.name` before AWS provider 6) or a region variable (cdktf). A literal us-east-1 that CloudFront ' +
      'requires (ACM certificate, Lambda@Edge, WAF web ACL) is not reported.',
    defaultSeverity: 'error',
    notReported: [
      'The us-east-1 that CloudFront requires: a distribution\'s ACM certificate (`ViewerCertificate.AcmCertificateArn`, ' +
        '`viewer_certificate.acm_certificate_arn`), its Lambda@Edge functions, and its WAFv2 web ACL (`WebACLId`, `web_acl_id`): ' +
        'CloudFront is global and takes these only from us-east-1 (CloudFront Developer Guide, "Requirements for using SSL/TLS ' +
        'certificates with CloudFront" and "Restrictions on Lambda@Edge"; AWS WAF Developer Guide, "Resources that you can protect with AWS WAF": a CloudFront web ACL is in US East (N. Virginia)).',
      'The S3 origin of a CloudFront distribution (`bucket.s3.eu-west-1.amazonaws.com`): a bucket lives in one region and its ' +
        'regional domain name is the right origin wherever the distribution\'s stack is deployed. Other origin hosts are judged.',
      'Values that name another region by design: the source of a cross-region read replica (`SourceDBInstanceIdentifier`, ' +
        '`ReplicationSourceIdentifier`, `replicate_source_db`, `replication_source_identifier`: RDS takes the source by ARN), ' +
        'the source of replicated automated backups (`aws_db_instance_automated_backups_replication.source_db_instance_arn`), a ' +
        'backup copy action\'s destination vault (`CopyActions.DestinationBackupVaultArn`, `copy_action.destination_vault_arn`), ' +
        'a KMS replica key\'s primary (`PrimaryKeyArn`, `primary_key_arn`: a replica is always in another region than its primary), ' +
        'a DynamoDB replica table\'s `global_table_arn`, a DynamoDB global table replica\'s own settings naming that replica\'s ' +
        'region (its KMS key), and the key that encrypts S3 replicas (`ReplicaKmsKeyID`, `replica_kms_key_id`: in the destination ' +
        'bucket\'s region). S3 bucket ARNs carry no region, so replication destinations never needed an exemption.',
      'CloudFormation stacks with a literal region of their own (`env: { region }`): aws-cdk-lib renders that region into ARNs itself.',
      'A region that is not inside an ARN or an endpoint (`Region: "eu-west-1"` of a replica, `SourceRegion`): that is configuration, not a hardcoded address.',
      'Unreferenced `aws_iam_policy_document` data sources: a policy document grants nothing until a resource uses it (a referenced one is read where it is used).',
    ],
    examples: {
      cloudformation: {
        nonCompliant: cfnExample({
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' }, ':log-group:/aws/lambda/processor-pr123:*']],
        }),
        compliant: cfnExample({
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:/aws/lambda/processor-pr123:*'],
          ],
        }),
      },
      terraform: {
        nonCompliant: tfExample('us-east-1', { aws_caller_identity: { current: {} } }),
        compliant: tfExample('${data.aws_region.current.region}', { aws_caller_identity: { current: {} }, aws_region: { current: {} } }),
      },
    },
  },
  cloudformation,
  terraform,
};

/** The processor's role with an inline policy letting it write its logs, to the log group ARN given. */
function cfnExample(logGroupArn: unknown): CfnExample {
  const statement = { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: logGroupArn };
  const policy = { PolicyName: 'logs', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } };
  return { resources: { ProcessorRole: exampleCfnRole('processor-pr123', 'lambda.amazonaws.com', { Policies: [policy] }) } };
}

/** The same in cdktf: the role, and a JSON policy whose log group ARN names `region`; `data` declares the data sources used. */
function tfExample(region: string, data: Record<string, any>): TfExample {
  return {
    resource: {
      aws_iam_role: { processor: exampleTfRole('processor-pr123', 'lambda.amazonaws.com', 'documented') },
      aws_iam_role_policy: {
        logs: {
          name: 'processor-logs-pr123',
          role: '${aws_iam_role.processor.id}',
          policy:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],' +
            `"Resource":"arn:aws:logs:${region}:\${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/processor-pr123:*"}]}`,
        },
      },
    },
    blocks: { data },
  };
}
