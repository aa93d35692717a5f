import { CfnExample, NOT_APPLICABLE, ResourceView, RuleDefinition, TfExample, Violation } from './model';
import { exampleCfnManagedPolicyArn, exampleCfnRole, exampleTfRole } from './shared/examples';
import { managedPolicyAttachments, parseAwsManagedPolicyArn } from './shared/managed-policies';
import { asList, asObject, show, templateString, walkObjects } from './values';

/** The one AWS managed policy for a Config recorder role (path+name after `:iam::aws:policy/`). */
const CORRECT = 'service-role/AWS_ConfigRole';
/** Deprecated predecessor of AWS_ConfigRole: no longer attachable to new roles. */
const DEPRECATED = 'service-role/AWSConfigRole';
/** The service-linked role's policy: AWS attaches it to AWSServiceRoleForConfig itself; IAM refuses it on any other role. */
const SERVICE_LINKED = 'aws-service-role/AWSConfigServiceRolePolicy';

/**
 * Names that are "the Config role policy" once case, `_`, `-`, an `AWS` prefix and a `Policy` suffix are
 * ignored: ConfigRole, AWS_ConfigRole, AWSConfigRole, ConfigServiceRole, AWSConfigRolePolicy... Real,
 * different Config policies (AWSConfigRulesExecutionRole, AWSConfigRoleForOrganizations, AWSConfigUserAccess)
 * do not reduce to these and are left alone.
 */
const LOOKALIKES = new Set(['config', 'configrole', 'configservice', 'configservicerole']);

/** A policy name reduced to what hallucinations keep: `AWS_ConfigRolePolicy` -> `configrole`. */
function reduceConfigPolicyName(name: string): string {
  const bare = name.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^aws/, '');
  return bare.endsWith('policy') && bare.length > 'policy'.length ? bare.slice(0, -'policy'.length) : bare;
}

/** Why a path+name is a wrong Config policy, or undefined when it is right or not about Config. */
function wrongConfigPolicy(policy: string): string | undefined {
  if (policy === CORRECT) {
    return undefined;
  }
  if (policy === SERVICE_LINKED) {
    return 'is the policy of the Config service-linked role AWSServiceRoleForConfig, which AWS manages; IAM refuses to attach it to any other role';
  }
  if (policy === DEPRECATED) {
    return 'is the deprecated predecessor of service-role/AWS_ConfigRole and can no longer be attached';
  }
  const slash = policy.lastIndexOf('/');
  const name = slash < 0 ? policy : policy.slice(slash + 1);
  if (!LOOKALIKES.has(reduceConfigPolicyName(name))) {
    return undefined;
  }
  if (name === 'AWS_ConfigRole') {
    return slash < 0
      ? 'has the right name without its path: the policy is service-role/AWS_ConfigRole'
      : `has the right name under the wrong path "${policy.slice(0, slash + 1)}": the policy is service-role/AWS_ConfigRole`;
  }
  return 'is not an AWS managed policy: the Config recorder policy is service-role/AWS_ConfigRole';
}

/** True when the role's trust policy names config.amazonaws.com (CloudFormation object or Terraform JSON string). */
function trustedByConfig(resource: ResourceView): boolean {
  const document = resource.engine === 'cloudformation' ? asObject(resource.properties)?.AssumeRolePolicyDocument : parseJson(asObject(resource.properties)?.assume_role_policy);
  let found = false;
  walkObjects(document, (object) => {
    const principal = asObject(object.Principal);
    if (principal && asList(principal.Service).some((s) => templateString(s) === 'config.amazonaws.com')) {
      found = true;
    }
  });
  return found;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function evaluate(resource: ResourceView): readonly Violation[] | typeof NOT_APPLICABLE {
  const attachments = managedPolicyAttachments(resource);
  if (attachments.length === 0) {
    return NOT_APPLICABLE;
  }
  const role = resource.type === 'AWS::IAM::Role' || resource.type === 'aws_iam_role';
  const trusted = role && trustedByConfig(resource) ? ' The role is assumed by config.amazonaws.com (a Config recorder role).' : '';
  const violations: Violation[] = [];
  for (const { value, location } of attachments) {
    // Only the literal path+name is judged: the partition may be a reference (${AWS::Partition}).
    const arn = parseAwsManagedPolicyArn(value);
    if (!arn || arn.policy === undefined) continue;
    const reason = wrongConfigPolicy(arn.policy);
    if (!reason) continue;
    violations.push({ message: `${show(arn.text)} names "${arn.policy}", which ${reason}.${trusted}`, location });
  }
  return violations;
}

/** Hallucinated AWS Config policy names (`service-role/ConfigRole`, `AWS_ConfigRole`) fail the deployment. */
export const configRolePolicy: RuleDefinition = {
  metadata: {
    id: 'config-role-policy',
    title: 'AWS Config roles use service-role/AWS_ConfigRole',
    lesson: '000 "AWS Config IAM Role - Managed Policy Name"',
    why:
      'The AWS managed policy for a Config recorder role is exactly `arn:aws:iam::aws:policy/service-role/AWS_ConfigRole` ' +
      '(AWS Config Developer Guide, "Permissions for the IAM role assigned to AWS Config"). ' +
      'Look-alikes (`service-role/ConfigRole`, `AWS_ConfigRole` without `service-role/`, `AWSConfigRole`) do not exist, the ' +
      'deprecated `service-role/AWSConfigRole` can no longer be attached, and the service-linked role\'s ' +
      '`aws-service-role/AWSConfigServiceRolePolicy` cannot be attached to a customer role: the deployment fails with ' +
      '"Policy arn:aws:iam::aws:policy/... does not exist or is not attachable" and the stack rolls back.',
    fix:
      'Use ConfigRecorderWithCorrectRole, which attaches the right policy; or attach ' +
      '`ManagedPolicy.fromAwsManagedPolicyName(\'service-role/AWS_ConfigRole\')` (cdktf: ' +
      '`arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWS_ConfigRole`); or let the recorder use the ' +
      'service-linked role AWSServiceRoleForConfig (RoleARN `arn:aws:iam::<account>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`).',
    defaultSeverity: 'error',
    notReported: [
      'Real Config policies other than the recorder\'s (AWSConfigRulesExecutionRole, AWSConfigRoleForOrganizations, ' +
        'AWSConfigUserAccess): they exist and are attachable, for other purposes (AWS Config Developer Guide, "AWS managed policies for AWS Config").',
      'A recorder whose `RoleARN` is the service-linked role AWSServiceRoleForConfig: AWS manages that role and its policy.',
      'Policy ARNs whose path or name is a reference: the name is not known before deployment.',
    ],
    examples: {
      cloudformation: {
        nonCompliant: cfnExample('service-role/ConfigRole'),
        compliant: cfnExample(CORRECT),
      },
      terraform: {
        nonCompliant: tfExample('AWS_ConfigRole'),
        compliant: tfExample(CORRECT),
      },
    },
  },
  cloudformation: evaluate,
  terraform: evaluate,
};

/** A Config recorder role attaching the AWS managed policy `policy` (path+name), as aws-cdk-lib renders its ARN. */
function cfnExample(policy: string): CfnExample {
  const properties = { ManagedPolicyArns: [exampleCfnManagedPolicyArn(policy)] };
  return { resources: { ConfigRole: exampleCfnRole('config-recorder-pr123', 'config.amazonaws.com', properties) } };
}

/** The same in cdktf: the role, and an attachment whose ARN takes the partition from data.aws_partition. */
function tfExample(policy: string): TfExample {
  return {
    resource: {
      aws_iam_role: { config: exampleTfRole('config-recorder-pr123', 'config.amazonaws.com', 'documented') },
      aws_iam_role_policy_attachment: {
        config_policy: { role: '${aws_iam_role.config.name}', policy_arn: `arn:\${data.aws_partition.current.partition}:iam::aws:policy/${policy}` },
      },
    },
    blocks: { data: { aws_partition: { current: {} } } },
  };
}
