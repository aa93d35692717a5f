/**
 * cdk-safe-patterns: constructs whose defaults are right and checks that fail
 * synthesis, for aws-cdk-lib (`cdk`) and CDK for Terraform (`tf`).
 */
export * as cdk from './cdk';
export * as tf from './tf';
// Framework-free public types shared by both submodules.
export * from './core/environment-suffix-base';
export * from './core/environment-suffix-source';
export * from './core/api/check-engine';
export * from './core/api/checks-props';
export * from './core/api/custom-rule';
export * from './core/api/rule-severity';
export * from './core/api/safe-patterns';
