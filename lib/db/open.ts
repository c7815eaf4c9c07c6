import path from 'node:path';
import pg from 'pg';
import { setting } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';

/** The database a service uses, migrated and ready. */
export interface OpenDatabase {
  url: string;
  /** `embedded` when Lifestone started its own PostgreSQL in the data folder. */
  kind: 'external' | 'embedded';
  /** Stops the embedded server, if this call started one. */
  stop(): Promise<void>;
}

/** The database of an embedded cluster that holds Lifestone's tables. */
const EMBEDDED_DATABASE = 'lifestone';

/** `serverUrl` with its database name replaced by `name`. */
function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The URL of database `name` on the server of `serverUrl`, created there if
 * missing: a server's default database is left to its owner, Lifestone's
 * tables go in a database of their own.
 */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(serverUrl, name);
}

/**
 * The database `npm start` uses, for a tool run beside it (`npm run admin`):
 * `DATABASE_URL` if set; else the embedded server of `LIFESTONE_DATA_DIR`,
 * joined while another process runs it, otherwise started (and migrated)
 * here, to be stopped with `stop()`.
 */
export async function reachDatabase(log: Logger, env: Record<string, string | undefined> = process.env): Promise<OpenDatabase> {
  if (!setting('DATABASE_URL', env)) {
    const running = await runningEmbeddedPostgres(path.resolve(setting('LIFESTONE_DATA_DIR', env) as string));
    if (running) return { url: databaseUrl(running, EMBEDDED_DATABASE), kind: 'embedded', stop: async () => {} };
  }
  return openDatabase(log, env);
}

/**
 * `DATABASE_URL` if set, else an embedded PostgreSQL in `LIFESTONE_DATA_DIR`
 * (created on first use, reused after); then every pending migration.
 */
export async function openDatabase(log: Logger, env: Record<string, string | undefined> = process.env): Promise<OpenDatabase> {
  const external = setting('DATABASE_URL', env);
  if (external) {
    await migrate(external, (line) => log.debug(line));
    return { url: external, kind: 'external', stop: async () => {} };
  }
  const dataDir = path.resolve(setting('LIFESTONE_DATA_DIR', env) as string);
  log.info({ dataDir }, 'starting the embedded PostgreSQL (set DATABASE_URL to use your own)');
  const embedded = await startEmbeddedPostgres({ dataDir, onLog: (line) => log.trace(line.trim()) });
  const url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
  await migrate(url, (line) => log.debug(line));
  return { url, kind: 'embedded', stop: embedded.stop };
}
