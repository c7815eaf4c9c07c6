import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

export interface TestDatabase {
  /** Connection string of this suite's own database. */
  url: string;
  /** Drops the database, ending whatever is still connected to it. */
  drop(): Promise<void>;
}

/** A fresh, fully migrated database of the suite's own, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('databaseUrl');
  const template = inject('templateDatabase');
  const name = `lifestone_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await connectionsLeft(adminUrl, name);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * A pool on a test database of the suite's own, made before its tests and
 * dropped after them (call at the top of a file or a describe; read `pool`
 * in the tests).
 */
export function useTestPool(max = 2): { readonly pool: pg.Pool; readonly database: TestDatabase } {
  let database: TestDatabase | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });
  return {
    get pool() {
      if (!pool) throw new Error('the test pool is made in beforeAll: read it inside a test');
      return pool;
    },
    /** The database itself, for a service the test starts on it. */
    get database() {
      if (!database) throw new Error('the test database is made in beforeAll: read it inside a test');
      return database;
    },
  };
}

/**
 * Waits (up to `waitMs`) until nothing is connected to `database`, and gives
 * the application names of the connections still open then (none when all
 * have gone). A pool's end() resolves before its connections have closed, so
 * a check right after it would find them; a forced drop would cut them under
 * a client that no longer listens for errors.
 */
export async function connectionsLeft(adminUrl: string, database: string, waitMs = 3_000): Promise<string[]> {
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'lifestone-test-admin' });
  await admin.connect();
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { rows } = await admin.query<{ name: string }>(
        'SELECT application_name AS name FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() ORDER BY 1',
        [database],
      );
      if (rows.length === 0 || Date.now() >= deadline) return rows.map((row) => row.name);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.end();
  }
}

/**
 * Runs `work` on a new database of its own that no migration has touched
 * (what a service meets on a server it starts on), dropped after.
 */
export async function withEmptyDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const adminUrl = inject('databaseUrl');
  const name = `lifestone_empty_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Runs one statement as the admin (CREATE/DROP DATABASE cannot run in a pool's transaction) on a connection of its own; resolves with its rows. */
export async function adminQuery<Row extends pg.QueryResultRow = pg.QueryResultRow>(adminUrl: string, sql: string): Promise<Row[]> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return (await admin.query<Row>(sql)).rows;
  } finally {
    await admin.end();
  }
}
