// cdktf adapter: constructs and checks for CDK for Terraform apps.
// Nothing here loads @cdktf/provider-aws: the constructs write their AWS resources on cdktf's core classes (resources/).
export * from './environment-suffix';
export * from './safe-patterns-checks';
// Constructs whose defaults are right (S3BackendWithLockfile, SuffixedBucket, ...).
export * from './constructs';
