// cdktf adapter: constructs and checks for CDK for Terraform apps.
// Provider classes are imported by deep path (@cdktf/provider-aws/lib/<resource>): the root barrel costs seconds per require.
export * from './environment-suffix';
export * from './safe-patterns-checks';
// Constructs whose defaults are right (S3BackendWithLockfile, SuffixedBucket, ...).
export * from './constructs';
