// aws-cdk-lib adapter: constructs and checks for CloudFormation apps.
export * from './environment-suffix';
export * from './safe-patterns-checks';
// Constructs whose defaults are right (SuffixedBucket, P99Alarm, ...).
export * from './constructs';
