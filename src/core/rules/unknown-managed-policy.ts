import { CfnExample, NOT_APPLICABLE, ResourceView, RuleDefinition, TfExample, Violation } from './model';
import { exampleCfnManagedPolicyArn, exampleCfnRole, exampleTfRole } from './shared/examples';
import { closestManagedPolicies, managedPolicyAttachments, managedPolicyData, parseAwsManagedPolicyArn } from './shared/managed-policies';
import { show } from './values';

/** ARNs that name an AWS managed policy that is not in the bundled list. */
function evaluateAttachments(resource: ResourceView) {
  const attachments = managedPolicyAttachments(resource);
  if (attachments.length === 0) {
    return NOT_APPLICABLE;
  }
  const violations: Violation[] = [];
  const { AWS_MANAGED_POLICIES, AWS_MANAGED_POLICIES_SOURCE } = managedPolicyData();
  for (const { value, location } of attachments) {
    const arn = parseAwsManagedPolicyArn(value);
    // The list is the aws partition's: aws-cn and aws-us-gov carry a different set, so only
    // `aws` and a partition reference (the usual `${AWS::Partition}`) are judged.
    if (!arn || arn.policy === undefined || (arn.partition !== undefined && arn.partition !== 'aws')) continue;
    if (AWS_MANAGED_POLICIES.has(arn.policy)) continue;
    const closest = closestManagedPolicies(arn.policy);
    const hint = closest.length > 0 ? ` Closest AWS managed policies: ${closest.join(', ')}.` : ' No AWS managed policy has a similar name.';
    violations.push({
      message:
        `${show(arn.text)} names "${arn.policy}", which is not an AWS managed policy ` +
        `(not in the ${AWS_MANAGED_POLICIES.size} policies of ${AWS_MANAGED_POLICIES_SOURCE}; it never existed or is deprecated and no longer attachable).${hint}`,
      location,
    });
  }
  return violations;
}

/** An `arn:aws:iam::aws:policy/...` ARN that is not an AWS managed policy fails the deployment that attaches it. */
export const unknownManagedPolicy: RuleDefinition = {
  metadata: {
    id: 'unknown-managed-policy',
    title: 'AWS managed policy ARNs name a policy that exists',
    lesson: '000 "AWS Config IAM Role - Managed Policy Name" (hallucinated policy names), generalised to every AWS managed policy',
    why:
      'An `arn:aws:iam::aws:policy/...` ARN is only valid for a policy AWS publishes (IAM User Guide, "AWS managed policies"). A made-up or misspelt name ' +
      '(`service-role/ConfigRole`, `AWS_ConfigRole` without its `service-role/` path) or a deprecated one passes synthesis, ' +
      'then the deployment fails when IAM attaches it ("Policy arn:aws:iam::aws:policy/... does not exist or is not attachable") ' +
      'and CloudFormation rolls the stack back, or `terraform apply` stops half way. Every branch of an `Fn::If` is judged: the ' +
      'branch not deployed today is deployed when the condition changes, and fails then.',
    fix:
      'Use the exact path and name of an AWS managed policy, as the message suggests (e.g. ' +
      '`ManagedPolicy.fromAwsManagedPolicyName(\'service-role/AWS_ConfigRole\')`; for AWS Config use ConfigRecorderWithCorrectRole), ' +
      'or write a customer managed / inline policy with the permissions you need.',
    defaultSeverity: 'error',
    notReported: [
      'ARNs of the aws-cn and aws-us-gov partitions: those partitions publish a different set of managed policies than the bundled list (the aws partition\'s).',
      'ARNs whose path or name is a reference (`${var.policy}`, a `Ref` inside a join): the name is not known before deployment.',
      'Customer managed policies (`arn:aws:iam::<account>:policy/...`): whether they exist depends on the account (`preflight` asks it).',
      'A `data "aws_iam_policy"` looked up by `name`: it may find a customer policy of that name; one given a literal `arn` is read through where it is referenced.',
    ],
    examples: {
      cloudformation: {
        nonCompliant: cfnExample('AWSLambdaBasicExecutionRole'),
        compliant: cfnExample('service-role/AWSLambdaBasicExecutionRole'),
      },
      terraform: {
        nonCompliant: tfExample('AWSLambdaBasicExecutionRole'),
        compliant: tfExample('service-role/AWSLambdaBasicExecutionRole'),
      },
    },
  },
  cloudformation: evaluateAttachments,
  terraform: evaluateAttachments,
};

/** The processor's role attaching the AWS managed policy `policy` (path+name), as aws-cdk-lib renders its ARN. */
function cfnExample(policy: string): CfnExample {
  const properties = { ManagedPolicyArns: [exampleCfnManagedPolicyArn(policy)] };
  return { resources: { ProcessorRole: exampleCfnRole('processor-pr123', 'lambda.amazonaws.com', properties) } };
}

/** The same in cdktf: a role and a policy attachment with a literal ARN. */
function tfExample(policy: string): TfExample {
  return {
    resource: {
      aws_iam_role: { lambda: exampleTfRole('processor-pr123', 'lambda.amazonaws.com', 'documented') },
      aws_iam_role_policy_attachment: { lambda_logs: { role: '${aws_iam_role.lambda.name}', policy_arn: `arn:aws:iam::aws:policy/${policy}` } },
    },
  };
}
