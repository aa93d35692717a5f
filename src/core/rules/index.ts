// The catalogue: every built-in rule, in the order of the rule catalogue (RULES.md follows it).
// Packs only compose rules; each rule lives in a file of its own.
import { accountSingleton } from './account-singleton';
import { alarmStatisticConflict } from './alarm-statistic-conflict';
import { configRolePolicy } from './config-role-policy';
import { encryptionAtRest } from './encryption-at-rest';
import { guarddutyDetector } from './guardduty-detector';
import { hardcodedEnvironmentName } from './hardcoded-environment-name';
import { hardcodedGlobalClusterId } from './hardcoded-global-cluster-id';
import { hardcodedRegion } from './hardcoded-region';
import { iamWildcardAdmin } from './iam-wildcard-admin';
import { lambdaImageWithoutRepository } from './lambda-image-without-repository';
import { lambdaPackagePath } from './lambda-package-path';
import { lambdaReservedConcurrency } from './lambda-reserved-concurrency';
import { lambdaSdkV2Runtime } from './lambda-sdk-v2-runtime';
import { localBackend } from './local-backend';
import { logRetention } from './log-retention';
import { RuleDefinition } from './model';
import { nameLength } from './name-length';
import { natGatewayCount } from './nat-gateway-count';
import { physicalNameSuffix } from './physical-name-suffix';
import { providerVersionConstraint } from './provider-version-constraint';
import { rdsMonitoringRole } from './rds-monitoring-role';
import { rdsSlowProvisioning } from './rds-slow-provisioning';
import { retainOnDelete } from './retain-on-delete';
import { s3BackendLockfile } from './s3-backend-lockfile';
import { singleRegionMultiRegion } from './single-region-multi-region';
import { unknownManagedPolicy } from './unknown-managed-policy';

export * from './model';

export const CATALOGUE: readonly RuleDefinition[] = [
  physicalNameSuffix,
  hardcodedEnvironmentName,
  retainOnDelete,
  guarddutyDetector,
  configRolePolicy,
  unknownManagedPolicy,
  accountSingleton,
  lambdaReservedConcurrency,
  lambdaSdkV2Runtime,
  lambdaPackagePath,
  lambdaImageWithoutRepository,
  alarmStatisticConflict,
  natGatewayCount,
  hardcodedRegion,
  singleRegionMultiRegion,
  iamWildcardAdmin,
  logRetention,
  rdsSlowProvisioning,
  encryptionAtRest,
  rdsMonitoringRole,
  hardcodedGlobalClusterId,
  nameLength,
  s3BackendLockfile,
  localBackend,
  providerVersionConstraint,
];
