/**
 * Building blocks of the rules' examples (RULES.md, and a test case each): the roles, functions,
 * databases and tables several rules show, written once so that the examples stay alike.
 */
import { CfnExample, TfExample } from '../model';

/** One resource of a CloudFormation example. */
type CfnResource = CfnExample['resources'][string];

/**
 * How a trust policy's statement is ordered: as aws-cdk-lib writes it (`Action`, `Effect`, `Principal`),
 * or as the AWS documentation and hand-written JSON do (`Effect`, `Principal`, `Action`).
 */
export type StatementOrder = 'cdk' | 'documented';

/** A trust policy that lets `service` assume the role, the document every example role carries. */
export function exampleTrustPolicy(service: string, order: StatementOrder = 'cdk'): Record<string, any> {
  const statement =
    order === 'cdk'
      ? { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: service } }
      : { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' };
  return { Version: '2012-10-17', Statement: [statement] };
}

/** A named AWS::IAM::Role that `service` assumes, with further properties after the trust policy. */
export function exampleCfnRole(roleName: string, service: string, properties: Record<string, any> = {}, order: StatementOrder = 'cdk'): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: { RoleName: roleName, AssumeRolePolicyDocument: exampleTrustPolicy(service, order), ...properties },
  };
}

/** An aws_iam_role that `service` assumes, its trust policy as the JSON string cdktf passes on. */
export function exampleTfRole(name: string, service: string, order: StatementOrder = 'cdk'): Record<string, any> {
  return { name, assume_role_policy: JSON.stringify(exampleTrustPolicy(service, order)) };
}

/** The ARN of an AWS managed policy (path+name) as aws-cdk-lib renders it, with the partition as a reference. */
export function exampleCfnManagedPolicyArn(policy: string): Record<string, any> {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${policy}`]] };
}

/** The execution role aws-cdk-lib synthesizes for a function (keys in its order), for the Lambda rules' examples. */
export function exampleCfnLambdaRole(): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
        Version: '2012-10-17',
      },
      ManagedPolicyArns: [exampleCfnManagedPolicyArn('service-role/AWSLambdaBasicExecutionRole')],
    },
  };
}

/** An aws_iam_role a function can assume, for the Lambda rules' Terraform examples. */
export function exampleTfLambdaRole(name: string): Record<string, any> {
  return exampleTfRole(name, 'lambda.amazonaws.com');
}

/**
 * A function and the execution role aws-cdk-lib creates for it (`<logicalId>ServiceRole`), with its
 * properties in the alphabetical order of a synthesized template.
 */
export function exampleCfnFunction(logicalId: string, properties: Record<string, any>): CfnExample['resources'] {
  const role = `${logicalId}ServiceRole`;
  return {
    [role]: exampleCfnLambdaRole(),
    [logicalId]: {
      Type: 'AWS::Lambda::Function',
      Properties: sortedByKey({ ...properties, Role: { 'Fn::GetAtt': [role, 'Arn'] } }),
      DependsOn: [role],
    },
  };
}

/** An aws_lambda_function `name` and the role it assumes (`roleName`), attributes in alphabetical order. */
export function exampleTfFunction(name: string, roleName: string, attributes: Record<string, any>): TfExample['resource'] {
  return {
    aws_iam_role: { [name]: exampleTfLambdaRole(roleName) },
    aws_lambda_function: { [name]: sortedByKey({ ...attributes, role: `\${aws_iam_role.${name}.arn}` }) },
  };
}

/** The same, its code one inline file zipped by an archive_file `name`: the Terraform way to write a small handler. */
export function exampleTfArchiveFunction(
  name: string,
  roleName: string,
  file: { readonly filename: string; readonly content: string },
  attributes: Record<string, any>,
): TfExample['resource'] {
  return {
    archive_file: { [name]: { type: 'zip', output_path: `${name}.zip`, source: [{ content: file.content, filename: file.filename }] } },
    ...exampleTfFunction(name, roleName, {
      ...attributes,
      filename: `\${archive_file.${name}.output_path}`,
      source_code_hash: `\${archive_file.${name}.output_base64sha256}`,
    }),
  };
}

/** A small provisioned PostgreSQL instance `orders-pr123` with a managed password, deletable; more properties after. */
export function exampleCfnDatabase(properties: Record<string, any>): CfnResource {
  return {
    Type: 'AWS::RDS::DBInstance',
    Properties: {
      DBInstanceIdentifier: 'orders-pr123',
      Engine: 'postgres',
      EngineVersion: '16.4',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: '20',
      MasterUsername: 'dbadmin',
      ManageMasterUserPassword: true,
      ...properties,
    },
    DeletionPolicy: 'Delete',
    UpdateReplacePolicy: 'Delete',
  };
}

/**
 * An Aurora Serverless v2 PostgreSQL cluster `orders-pr123`, encrypted, with 1-day backups, deletable;
 * `login` (its credentials, a global cluster it joins) goes between the engine and the storage settings.
 */
export function exampleCfnAuroraCluster(login: Record<string, any>): CfnResource {
  return {
    Type: 'AWS::RDS::DBCluster',
    Properties: {
      DBClusterIdentifier: 'orders-pr123',
      Engine: 'aurora-postgresql',
      EngineVersion: '16.4',
      ...login,
      StorageEncrypted: true,
      BackupRetentionPeriod: 1,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
    },
    DeletionPolicy: 'Delete',
    UpdateReplacePolicy: 'Delete',
  };
}

/**
 * An Aurora PostgreSQL aws_rds_cluster `orders-pr123`, encrypted, with 1-day backups, deletable; Serverless v2
 * (engine_mode "provisioned" with a scaling configuration) when `serverless`, else instances pick their class.
 */
export function exampleTfAuroraCluster(serverless: boolean): Record<string, any> {
  return {
    cluster_identifier: 'orders-pr123',
    engine: 'aurora-postgresql',
    ...(serverless ? { engine_mode: 'provisioned' } : {}),
    engine_version: '16.4',
    master_username: 'dbadmin',
    manage_master_user_password: true,
    storage_encrypted: true,
    backup_retention_period: 1,
    skip_final_snapshot: true,
    ...(serverless ? { serverlessv2_scaling_configuration: { min_capacity: 0.5, max_capacity: 2 } } : {}),
  };
}

/** The same instance as an aws_db_instance's attributes. */
export function exampleTfDatabase(attributes: Record<string, any>): Record<string, any> {
  return {
    identifier: 'orders-pr123',
    engine: 'postgres',
    engine_version: '16.4',
    instance_class: 'db.t3.micro',
    allocated_storage: 20,
    username: 'dbadmin',
    manage_master_user_password: true,
    ...attributes,
  };
}

/** An on-demand aws_dynamodb_table `orders-pr123` keyed by the string `hashKey`; more attributes after. */
export function exampleTfTable(hashKey: string, attributes: Record<string, any> = {}): Record<string, any> {
  return { name: 'orders-pr123', billing_mode: 'PAY_PER_REQUEST', hash_key: hashKey, attribute: [{ name: hashKey, type: 'S' }], ...attributes };
}

/** The object with its keys in alphabetical order, as synthesized templates and cdk.tf.json list them. */
function sortedByKey(object: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
