import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from '../log/index.js';

export { migrate, migrationsDir } from './migrate.js';
export { ensureDatabase, openDatabase, reachDatabase, type OpenDatabase } from './open.js';
export { startEmbeddedPostgres, runningEmbeddedPostgres, freePort, restartablePort, WRITE_LOAD_SETTINGS, type EmbeddedDatabase, type EmbeddedOptions } from './embedded.js';
export { ensurePartitions, partitionName } from './partitions.js';
export { runMaintenance, retentionPolicies, type RetentionPolicy, type MaintenanceResult } from './retention.js';

// bigint (int8) columns hold counters and totals that fit in a double; return numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PoolOptions {
  /** PostgreSQL's `statement_timeout` on every connection: a statement running longer is cancelled (SQLSTATE 57014). @default none */
  statementTimeoutMs?: number;
  /** Told of each idle connection the server ended. @default none: the loss is not logged */
  log?: Logger;
}

/**
 * A connection pool; `application_name` shows which service holds each
 * connection. An idle connection the server ends (a restart, a
 * `pg_terminate_backend`) is dropped and replaced at the next query,
 * never an unhandled error that ends the process.
 */
export function createPool(databaseUrl: string, applicationName: string, max = 10, { statementTimeoutMs, log }: PoolOptions = {}): pg.Pool {
  // Sent in the startup message: every connection has it from the first statement, with no round trip of its own.
  const pool = new pg.Pool({ connectionString: databaseUrl, application_name: applicationName, max, ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}) });
  pool.on('error', (error) => log?.warn({ err: error, pool: applicationName }, 'an idle database connection was lost; the next query opens another'));
  return pool;
}

/** The `statement_timeout` `pool`'s connections start with, in milliseconds; undefined when they have none. */
export function statementTimeoutOf(pool: pg.Pool): number | undefined {
  const timeout = Number((pool.options as pg.PoolConfig).statement_timeout);
  return timeout > 0 ? timeout : undefined;
}

/**
 * A pool with `pool`'s settings whose connections start with
 * `statement_timeout` = `statementTimeoutMs`. An idle connection it loses
 * (PostgreSQL restarted, or ended it) is reported to `pool`'s error
 * listeners, createPool's log: a pool with none would throw it, and take
 * its process down.
 */
export function poolWithStatementTimeout(pool: pg.Pool, statementTimeoutMs: number): pg.Pool {
  const derived = new pg.Pool({ ...(pool.options as pg.PoolConfig), statement_timeout: statementTimeoutMs });
  derived.on('error', (error, client) => {
    if (pool.listenerCount('error') > 0) pool.emit('error', error, client);
  });
  return derived;
}

/**
 * Ends `pool` and resolves once its connections have closed (at most
 * `timeoutMs` later). `pool.end()` resolves as soon as the last is asked to
 * close: an embedded PostgreSQL stopped right after would end them in their
 * goodbye, and the pool would report each as a lost connection.
 * @default timeoutMs 5000
 */
export async function endPool(pool: pg.Pool, timeoutMs = 5_000): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open <= 0) resolve();
    });
  });
  await pool.end();
  await Promise.race([closed, sleep(timeoutMs, undefined, { ref: false })]);
}

export type { Pool, PoolClient } from 'pg';
export type { CombatElementTotals } from './rows.js';
