/** What the RDS rules (encryption-at-rest, rds-slow-provisioning) agree on about DB instances. */
import { isSet, literalString } from '../values';

/** True for a literal Aurora engine (`aurora`, `aurora-mysql`, `aurora-postgresql`). */
export function isAuroraEngine(engine: unknown): boolean {
  const name = literalString(engine);
  return name !== undefined && name.trim().toLowerCase().startsWith('aurora');
}

/**
 * True for a DB instance that belongs to a cluster, by its Aurora engine or its cluster identifier
 * (CloudFormation's DBClusterIdentifier): the cluster, not the instance, owns storage, Multi-AZ and backups.
 */
export function isClusterMember(engine: unknown, clusterIdentifier?: unknown): boolean {
  return isAuroraEngine(engine) || isSet(clusterIdentifier);
}
