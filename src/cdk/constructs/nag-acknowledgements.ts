/**
 * cdk-nag acknowledgements the constructs add for what they cannot change, each with its
 * reason. cdk-nag 3 reads them from aws-cdk-lib's native acknowledgement metadata, so the
 * library needs no dependency on cdk-nag.
 */
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding (`AwsSolutions-IAM4[Policy::...]`) on `scope` and below.
 *
 * `Validations.acknowledge` rejects ids holding more than one `::`, which every finding about
 * an ARN with `<AWS::Partition>` does (cdklabs/cdk-nag#2351); those are recorded under the same
 * metadata key that `acknowledge` writes and cdk-nag reads.
 */
export function acknowledgeNag(scope: IConstruct, id: string, reason: string): void {
  if (id.split('::').length > 2) {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason }, { stackTrace: false });
  } else {
    Validations.of(scope).acknowledge({ id, reason });
  }
}

/** cdk-nag's finding id for an AWS managed policy attached with `ManagedPolicy.fromAwsManagedPolicyName`. */
export function managedPolicyFinding(policyName: string): string {
  return `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`;
}
