import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { createPool, endPool, poolWithStatementTimeout, type PoolOptions } from './index.js';

describe('poolWithStatementTimeout', () => {
  const db = useTestPool();

  it("reports an idle connection PostgreSQL ended to its pool's log, and serves the next query", async () => {
    const url = (db.pool.options as { connectionString: string }).connectionString;
    const warnings: unknown[] = [];
    const log = { warn: (fields: unknown) => warnings.push(fields) } as unknown as PoolOptions['log'];
    const base = createPool(url, 'lifestone-pool-test', 2, { log });
    const pool = poolWithStatementTimeout(base, 1_234);
    try {
      const { rows } = await pool.query<{ timeout: string; pid: number }>(`SELECT current_setting('statement_timeout') AS timeout, pg_backend_pid() AS pid`);
      expect(rows[0]?.timeout).toBe('1234ms');
      // The connection is idle in the pool when the server ends it: without a listener the pool would throw.
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await expect.poll(() => warnings.length, { timeout: 5_000 }).toBe(1);
      expect(warnings[0]).toMatchObject({ pool: 'lifestone-pool-test', err: expect.objectContaining({ code: '57P01' }) as unknown });
      const again = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await endPool(pool);
      await endPool(base);
    }
  });
});
