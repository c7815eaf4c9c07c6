import pg from 'pg';

export { migrate, migrationsDir } from './migrate.js';
export { openDatabase, reachDatabase, type OpenDatabase } from './open.js';
export { startEmbeddedPostgres, runningEmbeddedPostgres, freePort, type EmbeddedDatabase, type EmbeddedOptions } from './embedded.js';
export { ensurePartitions, partitionName } from './partitions.js';
export { runMaintenance, retentionPolicies, type RetentionPolicy, type MaintenanceResult } from './retention.js';

// bigint (int8) columns hold counters and totals that fit in a double; return numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** A connection pool; `application_name` shows which service holds each connection. */
export function createPool(databaseUrl: string, applicationName: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, application_name: applicationName, max });
}

export type { Pool, PoolClient } from 'pg';
export type { CombatElementTotals } from './rows.js';
