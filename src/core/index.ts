// The framework-free core: nothing here imports aws-cdk-lib or cdktf.
// Public (jsii) types live in files of their own, which ../index.ts re-exports whole;
// the rest is internal to the library.
export * from './environment-suffix';
export * from './environment-suffix-base';
export * from './environment-suffix-source';
export * from './errors';
