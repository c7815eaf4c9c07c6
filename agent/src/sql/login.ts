/**
 * The SQL tool's own connections: logged in as the read-only role itself,
 * so that PostgreSQL alone keeps a statement to SELECT on the telemetry
 * tables, whatever got past the parser (even `RESET ROLE`). The role's
 * password is set by the service at start (its main connection may alter
 * roles), a new random one per process; a process whose password another
 * instance replaced sets its own again on the next connection.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ASSISTANT_ROLE } from './allowlist.js';

/** PostgreSQL's "password authentication failed". */
const INVALID_PASSWORD = '28P01';

/** Connections as the read-only role. */
export interface LoginPool {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
}

const pools = new WeakMap<pg.Pool, Map<string, LoginPool>>();

/** The pool of connections as `role` made from `main`'s settings: one per main pool and role, with the role's password set through `main`. */
export function loginPool(main: pg.Pool, role = ASSISTANT_ROLE): LoginPool {
  let byRole = pools.get(main);
  if (!byRole) pools.set(main, (byRole = new Map()));
  let pool = byRole.get(role);
  if (!pool) byRole.set(role, (pool = newLoginPool(main, role)));
  return pool;
}

function newLoginPool(main: pg.Pool, role: string, max = 4): LoginPool {
  const password = randomBytes(24).toString('base64url');
  let pool: pg.Pool | undefined;
  let passwordSet: Promise<void> | undefined;

  const setPassword = async (): Promise<void> => {
    const client = await main.connect();
    try {
      await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`);
    } finally {
      client.release();
    }
  };

  const poolOf = (): pg.Pool => {
    if (pool) return pool;
    const options = main.options as pg.PoolConfig;
    const settings: pg.PoolConfig = options.connectionString
      ? { connectionString: withUser(options.connectionString, role, password) }
      : { ...options, user: role, password };
    // Idle connections do not keep a process alive: the main pool's owner ends the service.
    pool = new pg.Pool({ ...settings, max, application_name: 'lifestone-assistant-sql', allowExitOnIdle: true, idleTimeoutMillis: 5_000 });
    // An idle connection the server ended is not this pool's caller's problem.
    pool.on('error', () => {});
    return pool;
  };

  return {
    async connect() {
      await (passwordSet ??= setPassword().catch((error: unknown) => {
        passwordSet = undefined;
        throw error;
      }));
      try {
        return await poolOf().connect();
      } catch (error) {
        if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
        await setPassword();
        return poolOf().connect();
      }
    },
    async end() {
      await pool?.end();
    },
  };
}

function withUser(connectionString: string, user: string, password: string): string {
  const url = new URL(connectionString);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.href;
}
