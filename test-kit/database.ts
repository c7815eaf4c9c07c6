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
      await connectionsGone(adminUrl, name);
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
 * Waits (up to 3 s) until nothing is connected to `database`: a pool's end()
 * resolves before its connections have closed, and a forced drop would cut
 * them under a client that no longer listens for errors.
 */
async function connectionsGone(adminUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let waited = 0; waited < 3000; waited += 50) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
      if (rows[0]?.n === 0) return;
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
