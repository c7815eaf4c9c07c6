import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePartitions, partitionName } from '../../lib/db/partitions.js';
import { createTestDatabase, withEmptyDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { migrate } from '../../lib/db/migrate.js';
import { ALLOWED_TABLES, ASSISTANT_ROLE } from '../../lib/agent/sql/allowlist.js';
import { SqlErrorCode } from '../../lib/agent/sql/errors.js';
import { createReadOnlySql, executeReadOnly, type ReadOnlyQuery } from '../../lib/agent/sql/executor.js';

/**
 * query_telemetry_db against a real PostgreSQL migrated with 0005: analytics
 * SELECTs return the right rows; with the parser bypassed, the READ ONLY
 * transaction and the role refuse writes on their own; the role reads the
 * time series through their parents, partitions created later included.
 */

const DAY_MS = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const at = (hours: number) => new Date(today.getTime() + hours * 3_600_000);

let database: TestDatabase;
let pool: pg.Pool;
let readOnlySql: ReadOnlyQuery;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  for (const table of ['telemetry_events', 'chat_messages']) await ensurePartitions(pool, table, today);
  await pool.query(
    `INSERT INTO character_counters (character_name, kills, deaths, rares, updated_at) VALUES
       ('Alpha', 120, 2, 3, $1), ('Bravo', 80, 5, 1, $1), ('Charlie', 120, 1, 0, $1)`,
    [at(1)],
  );
  await pool.query(
    `INSERT INTO inventory_items (character_name, item_id, name, object_class, burden, updated_at) VALUES
       ('Alpha', 1, 'Gold Amuli Coat', 'Armor', 900, $1), ('Alpha', 2, 'Ring', 'Jewelry', 10, $1),
       ('Bravo', 1, 'Steel Sword', 'MeleeWeapon', 300, $1)`,
    [at(1)],
  );
  await pool.query(
    `UPDATE inventory_items AS i SET spells = s.spells
       FROM (VALUES ('Alpha', 1, ARRAY['Legendary Impenetrability', 'Epic Strength']), ('Alpha', 2, ARRAY['Legendary Focus']),
                    ('Bravo', 1, ARRAY['Legendary Blood Drinker'])) AS s (character_name, item_id, spells)
      WHERE i.character_name = s.character_name AND i.item_id = s.item_id`,
  );
  await pool.query(
    `INSERT INTO telemetry_events (received_at, observed_at, character_name, kills) VALUES
       ($1, $1, 'Alpha', 10), ($2, $2, 'Alpha', 14), ($3, $3, 'Alpha', 20), ($1, $1, 'Bravo', 5), ($2, $2, 'Bravo', 5)`,
    [at(1), at(2), at(3)],
  );
  await pool.query(`INSERT INTO accounts (name, password_hash, role) VALUES ('someone', 'argon2id-hash', 'admin')`);
  readOnlySql = createReadOnlySql({ pool }).forCaller('sql-executor-test');
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('analytics SELECTs', () => {
  it('a join with an aggregate', async () => {
    expect(
      await readOnlySql(`SELECT i.character_name, count(*) AS spells, sum(i.burden) AS burden
                           FROM inventory_items i CROSS JOIN LATERAL unnest(i.spells) AS s (spell)
                          WHERE s.spell LIKE 'Legendary %' GROUP BY 1 ORDER BY 1`),
    ).toEqual({ columns: ['character_name', 'spells', 'burden'], rows: [['Alpha', 2, 910], ['Bravo', 1, 300]], truncated: false });
  });

  it('window functions', async () => {
    expect(
      await readOnlySql(`SELECT character_name, observed_at, kills - lag(kills) OVER (PARTITION BY character_name ORDER BY observed_at) AS gained,
                                rank() OVER (ORDER BY kills DESC) AS place
                           FROM telemetry_events ORDER BY character_name, observed_at`),
    ).toEqual({
      columns: ['character_name', 'observed_at', 'gained', 'place'],
      rows: [
        ['Alpha', at(1).toISOString(), null, 3],
        ['Alpha', at(2).toISOString(), 4, 2],
        ['Alpha', at(3).toISOString(), 6, 1],
        ['Bravo', at(1).toISOString(), null, 4],
        ['Bravo', at(2).toISOString(), 0, 4],
      ],
      truncated: false,
    });
  });

  it('WITH queries of SELECTs, ties ranked', async () => {
    expect(
      await readOnlySql(`WITH board AS (SELECT character_name, kills, dense_rank() OVER (ORDER BY kills DESC) AS r FROM character_counters),
                              top AS (SELECT * FROM board WHERE r = 1)
                         SELECT character_name, kills FROM top ORDER BY character_name`),
    ).toEqual({ columns: ['character_name', 'kills'], rows: [['Alpha', 120], ['Charlie', 120]], truncated: false });
  });

  it('stops at the row cap and says so; a result of exactly the cap is whole', async () => {
    const capped = await readOnlySql('SELECT i FROM generate_series(1, 100000) AS g(i)');
    expect(capped.rows).toHaveLength(200);
    expect(capped.rows.at(-1)).toEqual([200]);
    expect(capped.truncated).toBe(true);
    const whole = await executeReadOnly('SELECT i FROM generate_series(1, 5) AS g(i)', { pool, maxRows: 5 });
    expect(whole).toEqual({ columns: ['i'], rows: [[1], [2], [3], [4], [5]], truncated: false });
  });

  it('cancels a statement at the timeout', async () => {
    await expect(executeReadOnly('SELECT count(*) FROM generate_series(1, 1000000000)', { pool, statementTimeoutMs: 200 })).rejects.toMatchObject({
      code: SqlErrorCode.TIMEOUT,
    });
  });

  it('reports a failing statement with PostgreSQL\'s reason, and the connection stays usable', async () => {
    await expect(readOnlySql('SELECT 1 / 0 FROM live_characters UNION ALL SELECT 1 / 0')).rejects.toMatchObject({
      code: SqlErrorCode.EXECUTION_FAILED,
      message: 'PostgreSQL refused the statement: division by zero.',
    });
    await expect(readOnlySql('SELECT nope FROM live_characters')).rejects.toMatchObject({ code: SqlErrorCode.EXECUTION_FAILED });
    expect((await readOnlySql('SELECT count(*) AS n FROM character_counters')).rows).toEqual([[3]]);
  });

  it('refuses through the guard before reaching the database', async () => {
    await expect(readOnlySql('SELECT * FROM accounts')).rejects.toMatchObject({ code: SqlErrorCode.TABLE_NOT_ALLOWED });
  });
});

describe('with the parser bypassed', () => {
  it.each([
    [`INSERT INTO server_status (server, status, checked_at) VALUES ('x', 'up', now())`, 'cannot execute INSERT in a read-only transaction'],
    [`UPDATE character_counters SET kills = 0`, 'cannot execute UPDATE in a read-only transaction'],
    [`DELETE FROM character_counters`, 'cannot execute DELETE in a read-only transaction'],
    [`CREATE TABLE stolen (x int)`, 'cannot execute CREATE TABLE in a read-only transaction'],
    [`SELECT * FROM accounts`, 'permission denied for table accounts'],
    [`SELECT * FROM api_tokens`, 'permission denied for table api_tokens'],
  ])('the read-only transaction and the role refuse %s', async (sql, reason) => {
    await expect(executeReadOnly(sql, { pool })).rejects.toMatchObject({
      code: SqlErrorCode.PERMISSION_DENIED,
      message: `PostgreSQL refused: ${reason}. The tool only reads the telemetry tables.`,
    });
  });

  it('the extended protocol refuses a second statement', async () => {
    await expect(executeReadOnly('SELECT 1; DELETE FROM character_counters', { pool })).rejects.toMatchObject({
      code: SqlErrorCode.EXECUTION_FAILED,
      message: 'PostgreSQL refused the statement: cannot insert multiple commands into a prepared statement.',
    });
    expect((await pool.query('SELECT count(*)::int AS n FROM character_counters')).rows).toEqual([{ n: 3 }]);
  });

  it('the role alone, in a read-write transaction, may not write, create or read private tables', async () => {
    const client = await pool.connect();
    const asRole = async (sql: string): Promise<string> => {
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL ROLE ${ASSISTANT_ROLE}`);
        await client.query(sql);
        return 'allowed';
      } catch (error) {
        return `${(error as pg.DatabaseError).code} ${(error as Error).message}`;
      } finally {
        await client.query('ROLLBACK');
      }
    };
    try {
      expect(await asRole(`INSERT INTO server_status (server, status, checked_at) VALUES ('x', 'up', now())`)).toBe('42501 permission denied for table server_status');
      expect(await asRole('UPDATE character_counters SET kills = 0')).toBe('42501 permission denied for table character_counters');
      expect(await asRole('DELETE FROM inventory_items')).toBe('42501 permission denied for table inventory_items');
      expect(await asRole('TRUNCATE rare_events')).toBe('42501 permission denied for table rare_events');
      expect(await asRole('CREATE TABLE stolen (x int)')).toBe('42501 permission denied for schema public');
      expect(await asRole('SELECT * FROM accounts')).toBe('42501 permission denied for table accounts');
      expect(await asRole('SELECT * FROM undeliverable_events')).toBe('42501 permission denied for table undeliverable_events');
      expect(await asRole('SELECT count(*) FROM character_counters')).toBe('allowed');
    } finally {
      client.release();
    }
  });
});

describe('the role', () => {
  it('has SELECT on exactly the telemetry tables and no other power; it logs in for the tool alone', async () => {
    const { rows } = await pool.query<{ table_name: string; privilege_type: string }>(
      `SELECT table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = $1 ORDER BY table_name`,
      [ASSISTANT_ROLE],
    );
    expect(rows).toEqual([...ALLOWED_TABLES].sort().map((table_name) => ({ table_name, privilege_type: 'SELECT' })));
    const role = await pool.query(`SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = $1`, [ASSISTANT_ROLE]);
    expect(role.rows).toEqual([{ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false }]);
  });

  it('reads a partition created after the migration through its parent, never by its own name', async () => {
    const later = new Date(today.getTime() + 10 * DAY_MS);
    expect(await ensurePartitions(pool, 'chat_messages', later, 0)).toEqual([partitionName('chat_messages', later)]);
    await pool.query(
      `INSERT INTO chat_messages (received_at, observed_at, character_name, channel, sender, text) VALUES ($1, $1, 'Alpha', 'Trade', 'Bravo', 'WTS pyreals')`,
      [later],
    );
    expect(await readOnlySql(`SELECT channel, sender, text FROM chat_messages WHERE received_at >= '${later.toISOString()}'`)).toEqual({
      columns: ['channel', 'sender', 'text'],
      rows: [['Trade', 'Bravo', 'WTS pyreals']],
      truncated: false,
    });
    await expect(executeReadOnly(`SELECT * FROM ${partitionName('chat_messages', later)}`, { pool })).rejects.toMatchObject({
      code: SqlErrorCode.PERMISSION_DENIED,
      message: `PostgreSQL refused: permission denied for table ${partitionName('chat_messages', later)}. The tool only reads the telemetry tables.`,
    });
  });

  it('comes from a migration that runs harmlessly where the role exists already (the role is cluster-wide, grants per database)', async () => {
    await withEmptyDatabase(async (url) => {
      const other = new pg.Pool({ connectionString: url, max: 1 });
      try {
        await migrate(url);
        expect((await executeReadOnly('SELECT count(*) FROM character_counters', { pool: other })).rows).toEqual([[0]]);
        expect((await readOnlySql('SELECT count(*) FROM character_counters')).rows).toEqual([[3]]);
      } finally {
        await other.end();
      }
    });
  });
});
