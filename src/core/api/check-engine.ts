/** The synthesized format a check runs over. */
export enum CheckEngine {
  /** CloudFormation templates from aws-cdk-lib. */
  CLOUDFORMATION = 'cloudformation',
  /** Terraform JSON from cdktf. */
  TERRAFORM = 'terraform',
}
