import type pg from 'pg';
import { ensurePartitions, quoteIdent } from './partitions.js';

export interface RetentionPolicy {
  table: string;
  timeColumn: string;
  /** Milliseconds a row is kept. */
  keepMs: number;
  method: 'partitions' | 'hypertable' | 'rows';
  /**
   * For `rows`: an indexed column never later than `timeColumn`, by which
   * expired rows are found where `timeColumn` itself is not indexed (it
   * changes with every update, which an index would keep from being HOT).
   */
  foundBy?: string;
}

export interface MaintenanceResult {
  created: string[];
  dropped: string[];
  /** Rows deleted per table kept by the `rows` method. */
  deleted: Record<string, number>;
}

/** The policies the migrations registered in `retention_policies`. */
export async function retentionPolicies(db: pg.Pool | pg.ClientBase): Promise<RetentionPolicy[]> {
  const { rows } = await db.query<{ table_name: string; time_column: string; keep_ms: string; method: RetentionPolicy['method']; found_by: string | null }>(
    `SELECT table_name, time_column, (extract(epoch FROM keep) * 1000)::bigint AS keep_ms, method, found_by
       FROM retention_policies ORDER BY table_name`,
  );
  return rows.map((row) => ({
    table: row.table_name, timeColumn: row.time_column, keepMs: Number(row.keep_ms), method: row.method,
    ...(row.found_by ? { foundBy: row.found_by } : {}),
  }));
}

/**
 * The statement deleting the expired rows of a `rows` policy, the cutoff its
 * one parameter. Run every maintenance interval: an index must find them
 * (on `timeColumn`, or `foundBy`), or the table is read whole each time.
 */
function expiredRowsStatement(policy: RetentionPolicy): string {
  const older = (column: string): string => `${quoteIdent(column)} < $1`;
  return `DELETE FROM ${quoteIdent(policy.table)} WHERE ${policy.foundBy ? `${older(policy.foundBy)} AND ` : ''}${older(policy.timeColumn)}`;
}

/**
 * Creates the daily partitions from `now`'s day to {@link DAYS_AHEAD} days
 * ahead, drops partitions whose every row is older than the table's retention,
 * and deletes expired rows of row-retained tables (portals). Hypertables are
 * left to TimescaleDB's own retention policy. Idempotent; `now` is injectable
 * so that tests can travel in time.
 */
export async function runMaintenance(db: pg.Pool, now: Date = new Date()): Promise<MaintenanceResult> {
  const result: MaintenanceResult = { created: [], dropped: [], deleted: {} };
  for (const policy of await retentionPolicies(db)) {
    if (policy.method === 'partitions') {
      result.created.push(...(await ensurePartitions(db, policy.table, now)));
      result.dropped.push(...(await dropExpiredPartitions(db, policy, now)));
    } else if (policy.method === 'rows') {
      const cutoff = new Date(now.getTime() - policy.keepMs);
      const deleted = await db.query(expiredRowsStatement(policy), [cutoff]);
      result.deleted[policy.table] = deleted.rowCount ?? 0;
    }
  }
  return result;
}

async function dropExpiredPartitions(db: pg.Pool, policy: RetentionPolicy, now: Date): Promise<string[]> {
  const cutoff = now.getTime() - policy.keepMs;
  const { rows } = await db.query<{ name: string; bound: string }>(
    `SELECT child.relname AS name, pg_get_expr(child.relpartbound, child.oid) AS bound
       FROM pg_inherits JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      WHERE pg_inherits.inhparent = $1::regclass`,
    [policy.table],
  );
  const dropped: string[] = [];
  for (const { name, bound } of rows) {
    const upper = /TO \('([^']+)'\)/.exec(bound)?.[1];
    if (upper === undefined || new Date(upper).getTime() > cutoff) continue;
    await db.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    dropped.push(name);
  }
  return dropped;
}
