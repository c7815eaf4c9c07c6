import type { PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { attachPipeline, detachPipeline, type StatementPipeline } from '../src/store/pipeline.js';

/**
 * A transaction's statements sent together (store/pipeline.ts): deferred
 * ones go with the next that is run, in one write and one round trip, and
 * are carried out in order; the first that fails fails its whole round
 * trip; prepared statements stay prepared however a round trip ends.
 */

const db = useTestPool(2);

/** Runs `work` with a pipeline on a connection of its own; counts the round trips (what reaches node-postgres's queue). */
async function withPipeline<T>(work: (pipeline: StatementPipeline, client: PoolClient, trips: () => number) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    await client.query('CREATE TEMPORARY TABLE IF NOT EXISTS piped (n integer PRIMARY KEY, label text, at timestamptz)');
    await client.query('TRUNCATE piped');
    let trips = 0;
    const query = client.query;
    client.query = function counted(this: PoolClient, ...args: unknown[]) {
      trips++;
      return (query as (...args: unknown[]) => unknown).apply(this, args);
    } as PoolClient['query'];
    const pipeline = attachPipeline(client);
    try {
      return await work(pipeline, client, () => trips);
    } finally {
      detachPipeline(client);
    }
  } finally {
    delete (client as { query?: unknown }).query;
    client.release();
  }
}

const INSERT = 'INSERT INTO piped (n, label, at) VALUES ($1, $2, $3)';

describe('StatementPipeline', () => {
  it('sends deferred statements with the next one run, in one round trip, in order, each with its result', async () => {
    await withPipeline(async (pipeline, client, trips) => {
      const at = new Date('2026-11-26T08:00:00.000Z');
      const first = pipeline.defer({ name: 'piped_insert', text: INSERT, values: [1, 'one', at] });
      pipeline.defer({ name: 'piped_insert', text: INSERT, values: [2, 'two', at] });
      pipeline.defer({ text: "UPDATE piped SET label = label || '!' WHERE n = 1" });
      const { rows } = await pipeline.run<{ n: number; label: string; at: Date }>({ text: 'SELECT n, label, at FROM piped ORDER BY n' });
      expect(trips()).toBe(1);
      expect(rows).toEqual([{ n: 1, label: 'one!', at }, { n: 2, label: 'two', at }]);
      expect(await first).toMatchObject({ command: 'INSERT', rowCount: 1 });
      // Prepared on the connection: the next round trip only binds it.
      const prepared = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
      expect(prepared.piped_insert).toBe(INSERT);
      await pipeline.run({ name: 'piped_insert', text: INSERT, values: [3, 'three', null] });
      expect((await client.query('SELECT count(*)::int AS n FROM piped')).rows).toEqual([{ n: 3 }]);
    });
  });

  it('sends COPY data after its statement, the statements after it in the same round trip', async () => {
    await withPipeline(async (pipeline, _client, trips) => {
      pipeline.defer({ text: 'COPY piped (n, label) FROM STDIN', copy: ['1\tone\n2\ttwo\n', new Uint8Array(0), Buffer.from('3\tthree\n')] });
      pipeline.defer({ text: 'COPY piped (n, label) FROM STDIN', copy: [Buffer.from('4\tfour\n')] });
      const { rows } = await pipeline.run({ text: 'SELECT string_agg(label, \',\' ORDER BY n) AS labels FROM piped' });
      expect(rows).toEqual([{ labels: 'one,two,three,four' }]);
      expect(trips()).toBe(1);
    });
  });

  it('fails the whole round trip of a statement refused; the connection goes on, its statements prepared again', async () => {
    await withPipeline(async (pipeline, client) => {
      await client.query('BEGIN');
      const stored = pipeline.defer({ name: 'piped_insert', text: INSERT, values: [1, 'one', null] });
      const refused = pipeline.defer({ name: 'piped_insert', text: INSERT, values: [1, 'again', null] });
      // Never parsed: the server skipped it after the refusal.
      const skipped = pipeline.defer({ name: 'piped_count', text: 'SELECT count(*)::int AS n FROM piped', values: [] });
      await expect(pipeline.run({ text: 'SELECT 1' })).rejects.toMatchObject({ code: '23505' });
      await expect(stored).rejects.toMatchObject({ code: '23505' });
      await expect(refused).rejects.toMatchObject({ code: '23505' });
      await expect(skipped).rejects.toMatchObject({ code: '23505' });
      await client.query('ROLLBACK');
      const { rows } = await pipeline.run<{ n: number }>({ name: 'piped_count', text: 'SELECT count(*)::int AS n FROM piped', values: [] });
      expect(rows).toEqual([{ n: 0 }]);
    });
  });

  it('fails its statements when the connection broke before they were sent, instead of leaving them waiting', async () => {
    const client = await db.pool.connect();
    let broken: Error | undefined;
    client.on('error', (error) => (broken = error));
    try {
      const pipeline = attachPipeline(client);
      const { rows } = await pipeline.run<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid' });
      // The server ends the connection between two round trips of a transaction (a restart, an operator).
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await expect.poll(() => broken).toBeDefined();
      const deferred = pipeline.defer({ text: 'SELECT 1' });
      await expect(pipeline.run({ text: 'SELECT 2' })).rejects.toThrow(/not queryable/);
      await expect(deferred).rejects.toThrow(/not queryable/);
      detachPipeline(client);
    } finally {
      client.release(true);
    }
  });

  it('runs any other query of the client after what waits, and drops what waits unsent when detached', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('CREATE TEMPORARY TABLE IF NOT EXISTS piped (n integer PRIMARY KEY, label text, at timestamptz)');
      await client.query('TRUNCATE piped');
      const pipeline = attachPipeline(client);
      pipeline.defer({ name: 'piped_insert', text: INSERT, values: [1, 'one', null] });
      expect((await client.query('SELECT count(*)::int AS n FROM piped')).rows).toEqual([{ n: 1 }]);
      const dropped = pipeline.defer({ name: 'piped_insert', text: INSERT, values: [2, 'two', null] });
      detachPipeline(client);
      await expect(dropped).rejects.toThrow(/discarded/);
      expect((await client.query('SELECT count(*)::int AS n FROM piped')).rows).toEqual([{ n: 1 }]);
      // A query of the client's own (a wrapper someone put on it) is its query again once detached.
      const own = client.query;
      client.query = ((...args: Parameters<typeof own>) => own.apply(client, args)) as typeof own;
      const wrapped = client.query;
      attachPipeline(client);
      detachPipeline(client);
      expect(client.query).toBe(wrapped);
      delete (client as { query?: unknown }).query;
    } finally {
      client.release();
    }
  });
});
