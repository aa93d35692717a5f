// The framework-free core: nothing here imports aws-cdk-lib or cdktf.
// Only jsii-compatible types are re-exported from the package root (see ../index.ts).
export * from './environment-suffix';
export * from './environment-suffix-base';
export * from './errors';
