import { cfnFindings, tfFindings } from './helpers';
import { lambdaImageWithoutRepository } from '../../../src/core/rules/lambda-image-without-repository';
import { CfnExample, TfExample } from '../../../src/core/rules/model';
import { literalRepository } from '../../../src/core/rules/shared/image-uris';

const examples = lambdaImageWithoutRepository.metadata.examples;

function cfnImageFunction(imageUri: unknown, others: CfnExample['resources'] = {}): CfnExample {
  return {
    resources: {
      ...others,
      Fn: { Type: 'AWS::Lambda::Function', Properties: { PackageType: 'Image', Code: { ImageUri: imageUri }, Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
    },
  };
}

function cfnRepository(name: unknown): CfnExample['resources'][string] {
  return { Type: 'AWS::ECR::Repository', Properties: name === undefined ? {} : { RepositoryName: name }, DeletionPolicy: 'Delete' };
}

function tfImageFunction(imageUri: unknown, repositories: Record<string, Record<string, unknown>> = {}): TfExample {
  return {
    resource: {
      ...(Object.keys(repositories).length ? { aws_ecr_repository: repositories } : {}),
      aws_lambda_function: { fn: { function_name: 'fn-pr123', package_type: 'Image', image_uri: imageUri, role: '${aws_iam_role.fn.arn}' } },
    },
  };
}

describe('literalRepository', () => {
  test.each([
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:latest', 'orders-api'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/team/orders-api@sha256:abc', 'team/orders-api'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api', 'orders-api'],
    ['${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/orders-api:v1', 'orders-api'],
    ['localhost:5000/orders:1', 'orders'],
    ['orders-api:latest', 'orders-api'],
    ['${aws_ecr_repository.orders.repository_url}:latest', undefined],
    ['${var.registry}/orders-${var.env}:latest', undefined],
    ['${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${Repo}:latest', undefined],
    ['${lookup(var.images, "a/b")}', undefined],
    ['{{resolve:ssm:/images/orders}}:latest', undefined],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/{{resolve:ssm:/names/orders}}:1', undefined],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/', undefined],
  ])('GIVEN %p WHEN split THEN the literal repository is %p', (uri, repository) => {
    expect(literalRepository(uri)).toBe(repository);
  });
});

describe('lambda-image-without-repository (CloudFormation)', () => {
  test('GIVEN the non-compliant example (orders-api, created nowhere) WHEN evaluated THEN one warning names the URI and the repository', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(lambdaImageWithoutRepository, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'lambda-image-without-repository',
      severity: 'warning',
      path: 'Stack/OrdersApi',
      location: 'Properties/Code/ImageUri',
    });
    expect(findings[0].message).toBe(
      'ImageUri "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/orders-api:latest" names the repository "orders-api", ' +
      'which no AWS::ECR::Repository in the app creates: the image must already exist when the function deploys.',
    );
  });

  test('GIVEN the compliant example (a CDK image asset) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(lambdaImageWithoutRepository, examples.cloudformation!.compliant)).toEqual([]);
  });

  test('GIVEN an asset URI for an explicit environment (literal account and region) WHEN evaluated THEN the bootstrap repository is accepted', () => {
    const uri = { 'Fn::Sub': '123456789012.dkr.ecr.eu-west-1.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-123456789012-eu-west-1:856a2afe' };
    expect(cfnFindings(lambdaImageWithoutRepository, cfnImageFunction(uri))).toEqual([]);
  });

  test('GIVEN the URI aws-cdk-lib builds from a repository in the app (Fn::GetAtt / Ref) WHEN evaluated THEN nothing is reported', () => {
    const arn = { 'Fn::GetAtt': ['OrdersRepo', 'Arn'] };
    const uri = {
      'Fn::Join': ['', [
        { 'Fn::Select': [4, { 'Fn::Split': [':', arn] }] }, '.dkr.ecr.', { 'Fn::Select': [3, { 'Fn::Split': [':', arn] }] }, '.',
        { Ref: 'AWS::URLSuffix' }, '/', { Ref: 'OrdersRepo' }, ':latest',
      ]],
    };
    expect(cfnFindings(lambdaImageWithoutRepository, cfnImageFunction(uri, { OrdersRepo: cfnRepository('orders-pr123') }))).toEqual([]);
  });

  test('GIVEN a literal URI whose repository the app creates by name WHEN evaluated THEN nothing is reported; by another name THEN it is', () => {
    const uri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-pr123:latest';
    expect(cfnFindings(lambdaImageWithoutRepository, cfnImageFunction(uri, { Repo: cfnRepository('orders-pr123') }))).toEqual([]);
    const findings = cfnFindings(lambdaImageWithoutRepository, cfnImageFunction(uri, { Repo: cfnRepository('payments-pr123') }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('names the repository "orders-pr123"')]);
  });

  test('GIVEN a repository whose name is built from a reference WHEN the URI could match it THEN nothing is reported; when it cannot THEN it is', () => {
    const repo = cfnRepository({ 'Fn::Join': ['-', ['orders', { Ref: 'EnvironmentSuffix' }]] });
    expect(cfnFindings(lambdaImageWithoutRepository, cfnImageFunction('1.dkr.ecr.r.amazonaws.com/orders-pr7:1', { Repo: repo }))).toEqual([]);
    expect(cfnFindings(lambdaImageWithoutRepository, cfnImageFunction('1.dkr.ecr.r.amazonaws.com/billing-pr7:1', { Repo: repo }))).toHaveLength(1);
  });

  test('GIVEN a repository without a name (generated by CloudFormation) WHEN a literal URI is used THEN it is reported', () => {
    expect(cfnFindings(lambdaImageWithoutRepository, cfnImageFunction('1.dkr.ecr.r.amazonaws.com/orders:1', { Repo: cfnRepository(undefined) }))).toHaveLength(1);
  });

  test('GIVEN a repository in another stack of the app WHEN a literal URI names it THEN nothing is reported', () => {
    // The engine's resourcesOfType spans the app: a single view here stands for both stacks.
    const example = cfnImageFunction('1.dkr.ecr.r.amazonaws.com/shared-pr123:1', { SharedRepo: cfnRepository('shared-pr123') });
    expect(cfnFindings(lambdaImageWithoutRepository, example)).toEqual([]);
  });

  test.each([
    [{ Ref: 'ImageUri' }],
    [{ 'Fn::ImportValue': 'shared-image-uri' }],
    ['{{resolve:ssm:/images/orders}}:latest'],
  ])('GIVEN an ImageUri from a parameter, import or dynamic reference (%j) WHEN evaluated THEN nothing is provable', (uri) => {
    expect(cfnFindings(lambdaImageWithoutRepository, cfnImageFunction(uri))).toEqual([]);
  });

  test('GIVEN a zip function with an ImageUri WHEN evaluated THEN it is not applicable', () => {
    const example: CfnExample = { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { PackageType: 'Zip', Code: { ImageUri: 'x/orders:1' } } } } };
    expect(cfnFindings(lambdaImageWithoutRepository, example)).toEqual([]);
  });
});

describe('lambda-image-without-repository (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN one warning on image_uri', () => {
    const findings = tfFindings(lambdaImageWithoutRepository, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.location])).toEqual([
      ['lambda-image-without-repository', 'warning', 'stack/orders_api', 'image_uri'],
    ]);
    expect(findings[0].message).toContain('names the repository "orders-api", which no aws_ecr_repository in the app creates');
  });

  test('GIVEN the compliant example (repository_url reference) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(lambdaImageWithoutRepository, examples.terraform!.compliant)).toEqual([]);
  });

  test('GIVEN a literal URI matching an aws_ecr_repository name (literal or with a variable) WHEN evaluated THEN nothing is reported', () => {
    const uri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-pr123:latest';
    expect(tfFindings(lambdaImageWithoutRepository, tfImageFunction(uri, { orders: { name: 'orders-pr123' } }))).toEqual([]);
    expect(tfFindings(lambdaImageWithoutRepository, tfImageFunction(uri, { orders: { name: 'orders-${var.environment_suffix}' } }))).toEqual([]);
    expect(tfFindings(lambdaImageWithoutRepository, tfImageFunction(uri, { orders: { name: 'payments-${var.environment_suffix}' } }))).toHaveLength(1);
  });

  test('GIVEN image_uri from a variable or a data source WHEN evaluated THEN nothing is provable', () => {
    expect(tfFindings(lambdaImageWithoutRepository, tfImageFunction('${var.image_uri}'))).toEqual([]);
    expect(tfFindings(lambdaImageWithoutRepository, tfImageFunction('${data.aws_ecr_repository.shared.repository_url}:v2'))).toEqual([]);
  });
});

describe('lambda-image-without-repository (odd input)', () => {
  const junk: unknown[] = [null, 0, '', '/', ':', '@', '${', '}', [], ['a/b:c'], {}, { 'Fn::Join': 5 }, { 'Fn::Join': ['', [null, {}]] }, true];

  test.each(junk.map((j) => [j]))('GIVEN %p as the URI and repository name WHEN evaluated THEN no rule error', (value) => {
    const findings = [
      ...cfnFindings(lambdaImageWithoutRepository, cfnImageFunction(value, { Repo: cfnRepository(value) })),
      ...cfnFindings(lambdaImageWithoutRepository, { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { PackageType: 'Image', Code: value } } } }),
      ...tfFindings(lambdaImageWithoutRepository, tfImageFunction(value, { r: { name: value } })),
    ];
    expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
  });
});
