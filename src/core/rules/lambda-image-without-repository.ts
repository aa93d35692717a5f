import { CfnExample, NOT_APPLICABLE, RuleContext, RuleDefinition, RuleOutcome, TfExample } from './model';
import { exampleCfnFunction, exampleTfFunction } from './shared/examples';
import { literalRepository, repositoryNameMatches } from './shared/image-uris';
import { cfnLambdaFunction } from './shared/lambda-code';
import { asObject, literalString, show, templateString } from './values';

/** The CDK bootstrap's image-asset repository (`cdk-<qualifier>-container-assets-<account>-<region>`): the CLI pushes to it. */
const CDK_ASSET_REPOSITORY = /^cdk-[a-z0-9]+-container-assets-/;

/**
 * A container-image function deploys only if its image already exists: a URI naming a
 * repository nothing in the app creates (and nothing pushes to) fails the deployment.
 */
export const lambdaImageWithoutRepository: RuleDefinition = {
  metadata: {
    id: 'lambda-image-without-repository',
    title: 'Lambda container images come from a repository the app provides',
    lesson: '003 "Issue 2: Lambda Container Images Without ECR"',
    why:
      'Lambda resolves a container image when the function is created or updated. A PackageType Image function whose ' +
      'ImageUri names an ECR repository that the app does not create, and that no build step pushes to, fails the ' +
      'deployment with "Source image ... does not exist" (or "repository does not exist"), and a fresh account or ' +
      'region never has it.',
    fix:
      'Build the image as an asset (aws-cdk-lib lambda.DockerImageCode.fromImageAsset, which the CLI pushes), or create the ' +
      'repository in the app and reference it (DockerImageCode.fromEcr(repository), `${aws_ecr_repository.x.repository_url}`) ' +
      'with a build step that pushes before the function deploys; for simple functions package a zip instead with this ' +
      'library\'s LambdaZipAsset.',
    notReported: [
      'Image URIs whose repository part is built from a reference (a repository\'s URL, a parameter, an import), and the repositories aws-cdk-lib\'s asset publishing creates (cdk-...-container-assets-...).',
      'Zip-packaged functions.',
    ],
    defaultSeverity: 'warning',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample({
          'Fn::Join': [
            '',
            [{ Ref: 'AWS::AccountId' }, '.dkr.ecr.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/orders-api:latest'],
          ],
        }),
        compliant: cfnExample({
          'Fn::Sub':
            '${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:' +
            '856a2afeda0b7131219fdf08e8e860b1d0e4be2983c5cfaa12acb285cefc3f0c',
        }),
      },
      terraform: {
        nonCompliant: {
          resource: tfExample('${data.aws_caller_identity.current.account_id}.dkr.ecr.${data.aws_region.current.region}.amazonaws.com/orders-api:latest'),
          blocks: { data: { aws_caller_identity: { current: {} }, aws_region: { current: {} } } },
        },
        compliant: {
          resource: {
            aws_ecr_repository: { orders_api: { force_delete: true, name: 'orders-api-pr123' } },
            ...tfExample('${aws_ecr_repository.orders_api.repository_url}:latest'),
          },
        },
      },
    },
  },
  cloudformation: (resource, context) => {
    // AWS::Serverless::Function (SAM) too, its ImageUri read as Code.ImageUri.
    const fn = cfnLambdaFunction(resource);
    if (!fn) return NOT_APPLICABLE;
    const properties = fn.properties;
    if (literalString(properties.PackageType) !== 'Image') return NOT_APPLICABLE;
    return check(asObject(properties.Code)?.ImageUri, 'ImageUri', fn.locations.imageUri, context, 'AWS::ECR::Repository', 'RepositoryName');
  },
  terraform: (resource, context) => {
    if (resource.type !== 'aws_lambda_function') return NOT_APPLICABLE;
    const properties = asObject(resource.properties) ?? {};
    if (literalString(properties.package_type) !== 'Image') return NOT_APPLICABLE;
    return check(properties.image_uri, 'image_uri', 'image_uri', context, 'aws_ecr_repository', 'name');
  },
};

function check(
  uri: unknown,
  property: string,
  location: string,
  context: RuleContext,
  repositoryType: string,
  nameProperty: string,
): RuleOutcome {
  // The URI with references as ${...}: CloudFormation intrinsics are rendered, Terraform strings are already so.
  const template = uri === undefined || uri === null ? undefined : templateString(uri);
  if (template === undefined) return NOT_APPLICABLE;
  const repository = literalRepository(template);
  // A repository part built from a reference (a repository's URL, a parameter, an import) is not provable.
  if (repository === undefined || CDK_ASSET_REPOSITORY.test(repository)) return [];
  const provided = context.resourcesOfType(repositoryType).some((r) => repositoryNameMatches(asObject(r.properties)?.[nameProperty], repository));
  if (provided) return [];
  return [
    {
      message:
        `${property} ${show(template)} names the repository ${show(repository)}, which no ${repositoryType} in the app ` +
        'creates: the image must already exist when the function deploys.',
      location,
    },
  ];
}

/** The orders API as a container-image function with this image URI. */
function cfnExample(imageUri: unknown): CfnExample {
  return { resources: exampleCfnFunction('OrdersApi', { Code: { ImageUri: imageUri }, FunctionName: 'orders-api-pr123', PackageType: 'Image' }) };
}

/** The same in cdktf. */
function tfExample(imageUri: string): TfExample['resource'] {
  return exampleTfFunction('orders_api', 'orders-api-role-pr123', { function_name: 'orders-api-pr123', image_uri: imageUri, package_type: 'Image' });
}
