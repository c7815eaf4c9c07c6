import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { ensurePartitions, partitionName } from './partitions.js';
import { retentionPolicies, runMaintenance } from './retention.js';

const DAY = 86_400_000;
const db = useTestPool();

async function partitions(table: string): Promise<string[]> {
  const { rows } = await db.pool.query(
    `SELECT child.relname FROM pg_inherits JOIN pg_class child ON child.oid = inhrelid WHERE inhparent = $1::regclass ORDER BY 1`, [table]);
  return rows.map((row) => row.relname as string);
}

describe('time partitions (the native path, without TimescaleDB)', () => {
  it('registers the retention of every time series', async () => {
    const { rows } = await db.pool.query(`SELECT table_name, keep::text, method FROM retention_policies ORDER BY table_name`);
    expect(rows).toEqual([
      { table_name: 'activity_minutes', keep: '30 days', method: 'rows' },
      { table_name: 'alerts', keep: '90 days', method: 'rows' },
      { table_name: 'chat_messages', keep: '30 days', method: 'partitions' },
      { table_name: 'plugin_streams', keep: '30 days', method: 'rows' },
      { table_name: 'portals', keep: '01:00:00', method: 'rows' },
      { table_name: 'sign_in_failures', keep: '1 day', method: 'rows' },
      { table_name: 'spawn_events', keep: '7 days', method: 'partitions' },
      { table_name: 'telemetry_events', keep: '30 days', method: 'partitions' },
      { table_name: 'vitals_events', keep: '30 days', method: 'partitions' },
      { table_name: 'writer_commits', keep: '1 day', method: 'rows' },
      { table_name: 'xp_samples', keep: '30 days', method: 'rows' },
    ]);
  });

  it('creates today and three days ahead, and drops partitions past retention with their rows', async () => {
    // Far from the day the suite runs on, whose partitions the template already holds (test-kit/global-setup.ts).
    const now = new Date('2020-06-15T12:00:00Z');
    const old = new Date(now.getTime() - 31 * DAY);
    const insert = (table: string, at: Date, who: string) =>
      db.pool.query(`INSERT INTO ${table} (received_at, observed_at, character_name${table === 'spawn_events' ? ', monster_name' : ''})
                  VALUES ($1, $1, $2${table === 'spawn_events' ? ", 'Drudge'" : ''})`, [at, who]);
    const result = await runMaintenance(db.pool, now);
    expect(result.created).toContain(partitionName('telemetry_events', now));
    expect(result.created).toContain(partitionName('telemetry_events', new Date(now.getTime() + 3 * DAY)));
    await ensurePartitions(db.pool, 'telemetry_events', old, 0);
    await ensurePartitions(db.pool, 'spawn_events', new Date(now.getTime() - 8 * DAY), 0);
    await ensurePartitions(db.pool, 'spawn_events', new Date(now.getTime() - 6 * DAY), 0);
    await insert('telemetry_events', old, 'Ancient');
    await insert('telemetry_events', now, 'Recent');
    await insert('spawn_events', new Date(now.getTime() - 8 * DAY), 'Ancient');
    await insert('spawn_events', new Date(now.getTime() - 6 * DAY), 'Recent');
    const later = await runMaintenance(db.pool, now);
    expect(later.created).toEqual([]);
    expect(later.dropped.sort()).toEqual([partitionName('spawn_events', new Date(now.getTime() - 8 * DAY)), partitionName('telemetry_events', old)].sort());
    expect(await partitions('telemetry_events')).not.toContain(partitionName('telemetry_events', old));
    expect((await db.pool.query(`SELECT character_name FROM telemetry_events`)).rows).toEqual([{ character_name: 'Recent' }]);
    expect((await db.pool.query(`SELECT character_name FROM spawn_events`)).rows).toEqual([{ character_name: 'Recent' }]);
  });
});

describe('statistics of the time series', () => {
  it('gives each partition maintenance creates the statistics targets of its table', async () => {
    const targets = async (relation: string): Promise<Record<string, number>> => {
      const { rows } = await db.pool.query<{ attname: string; target: number }>(
        `SELECT attname, attstattarget::int AS target FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attstattarget >= 0`, [relation]);
      return Object.fromEntries(rows.map((row) => [row.attname, row.target]));
    };
    const now = new Date('2019-03-10T12:00:00Z');
    await runMaintenance(db.pool, now);
    for (const table of ['telemetry_events', 'vitals_events', 'spawn_events', 'chat_messages']) {
      const own = await targets(table);
      // Payload columns keep none (0056); what queries filter and sort on keeps PostgreSQL's default.
      expect(Object.values(own).length, table).toBeGreaterThan(0);
      expect(new Set(Object.values(own)), table).toEqual(new Set([0]));
      expect(own, table).not.toHaveProperty('received_at');
      expect(own, table).not.toHaveProperty('character_name');
      expect(await targets(partitionName(table, now)), table).toEqual(own);
    }
  });
});

describe('row retention', () => {
  it('finds the expired rows of every table that grows with the fleet by an index, not by reading it whole', async () => {
    // writer_commits holds a row per writer lane (seven an ingest start, kept a day), each rewritten by every
    // transaction of its lane: an index on committed_at would keep those updates from being HOT.
    const small = new Set(['writer_commits']);
    const policies = (await retentionPolicies(db.pool)).filter((policy) => policy.method === 'rows' && !small.has(policy.table));
    expect(policies.map((policy) => policy.table)).toEqual(['activity_minutes', 'alerts', 'plugin_streams', 'portals', 'sign_in_failures', 'xp_samples']);
    // The column an index leads with bounds the scan; an index that has it second (a primary key on
    // (character_name, received_at)) is read whole.
    const { rows } = await db.pool.query<{ table_name: string; leading: string }>(
      `SELECT t.relname AS table_name, a.attname AS leading
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
        WHERE t.relnamespace = 'public'::regnamespace`,
    );
    for (const policy of policies) {
      const column = policy.foundBy ?? policy.timeColumn;
      const leading = rows.filter((row) => row.table_name === policy.table).map((row) => row.leading);
      expect({ table: policy.table, indexed: leading.includes(column) }).toEqual({ table: policy.table, indexed: true });
    }
  });

  it("keeps a protocol 2 stream opened long ago while it is still written, and deletes it 30 days after its last write", async () => {
    const now = new Date('2020-06-15T12:00:00Z');
    const ago = (days: number): Date => new Date(now.getTime() - days * DAY);
    await db.pool.query(
      `INSERT INTO plugin_streams (owner, stream, acked, opened_at, updated_at) VALUES
         ('secret', 'still-written', 5, $1, $2), ('secret', 'gone-quiet', 7, $1, $1), ('secret', 'opened-lately', 9, $2, $2)`,
      [ago(40), ago(10)],
    );
    const result = await runMaintenance(db.pool, now);
    expect(result.deleted.plugin_streams).toBe(1);
    const { rows } = await db.pool.query(`SELECT stream FROM plugin_streams WHERE owner = 'secret' ORDER BY 1`);
    expect(rows).toEqual([{ stream: 'opened-lately' }, { stream: 'still-written' }]);
  });
});
