/**
 * The SQL tool's own connections: logged in as the read-only role itself,
 * so that PostgreSQL alone keeps a statement to SELECT on the telemetry
 * tables, whatever got past the parser (even `RESET ROLE`). With
 * `LIFESTONE_ASSISTANT_DATABASE_URL` the operator gives the role's
 * credentials; without it the service sets a new random password per
 * process through its main connection (it may alter roles), and sets its own
 * again when another instance replaced it.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { ASSISTANT_ROLE } from './allowlist.js';
import { SqlErrorCode, SqlToolError } from './errors.js';

/** PostgreSQL's "password authentication failed". */
const INVALID_PASSWORD = '28P01';

/** Connections as the read-only role. */
export interface LoginPool {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
}

const pools = new WeakMap<pg.Pool, Map<string, LoginPool>>();

/**
 * The pool of connections as `role`: one per main pool, role and URL. With
 * `url` (the role's own credentials) it connects with those; without, it
 * connects with `main`'s settings as `role`, the password set through `main`.
 */
export function loginPool(main: pg.Pool, role = ASSISTANT_ROLE, url?: string): LoginPool {
  let byKey = pools.get(main);
  if (!byKey) pools.set(main, (byKey = new Map()));
  const key = `${role}\n${url ?? ''}`;
  let pool = byKey.get(key);
  if (!pool) byKey.set(key, (pool = url ? givenLoginPool(url, role) : newLoginPool(main, role)));
  return pool;
}

function newLoginPool(main: pg.Pool, role: string): LoginPool {
  const password = randomBytes(24).toString('base64url');
  let passwordSet: Promise<void> | undefined;

  const setPassword = async (): Promise<void> => {
    const client = await main.connect();
    try {
      // The verifier, not the password, so that no statement log of the server ever holds it.
      await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} WITH LOGIN PASSWORD ${client.escapeLiteral(scramVerifier(password))}`);
    } finally {
      client.release();
    }
  };

  const options = main.options as pg.PoolConfig;
  const pool = rolePool(options.connectionString ? { connectionString: withUser(options.connectionString, role, password) } : { ...options, user: role, password });
  return {
    async connect() {
      await (passwordSet ??= setPassword().catch((error: unknown) => {
        passwordSet = undefined;
        throw error;
      }));
      try {
        return await pool.connect();
      } catch (error) {
        if ((error as { code?: string }).code !== INVALID_PASSWORD) throw error;
        await setPassword();
        return pool.connect();
      }
    },
    end: () => pool.end(),
  };
}

/** Connections with the operator's URL, which must log in as `role` itself: a privileged user there would undo the point. */
function givenLoginPool(url: string, role: string): LoginPool {
  const pool = rolePool({ connectionString: url });
  let checked: Promise<void> | undefined;
  const check = async (client: pg.PoolClient): Promise<void> => {
    const { rows } = await client.query<{ user: string }>('SELECT session_user AS user');
    if (rows[0]?.user !== role) {
      throw new SqlToolError(SqlErrorCode.UNAVAILABLE, `LIFESTONE_ASSISTANT_DATABASE_URL logs in as ${JSON.stringify(rows[0]?.user)}; it must log in as ${role}, the read-only role (migrations 0005 and 0008).`);
    }
  };
  return {
    async connect() {
      const client = await pool.connect();
      try {
        await (checked ??= check(client).catch((error: unknown) => {
          checked = undefined;
          throw error;
        }));
      } catch (error) {
        client.release();
        throw error;
      }
      return client;
    },
    end: () => pool.end(),
  };
}

function rolePool(settings: pg.PoolConfig): pg.Pool {
  // Idle connections do not keep a process alive: the main pool's owner ends the service.
  const pool = new pg.Pool({ ...settings, max: 4, application_name: 'lifestone-assistant-sql', allowExitOnIdle: true, idleTimeoutMillis: 5_000 });
  // An idle connection the server ended is not this pool's caller's problem.
  pool.on('error', () => {});
  return pool;
}

/** PostgreSQL's SCRAM-SHA-256 verifier of `password` (RFC 5802, as `ALTER ROLE ... PASSWORD` stores it). */
function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

function withUser(connectionString: string, user: string, password: string): string {
  const url = new URL(connectionString);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.href;
}
