/**
 * The second and third lines of `query_telemetry_db`'s defence: the
 * statement runs on a connection logged in as the role
 * `lifestone_assistant_readonly` (SELECT on the telemetry tables, nothing
 * else; ./login.ts), in a READ ONLY transaction that is always rolled back,
 * with a statement timeout, over the extended protocol (one
 * Parse: PostgreSQL itself refuses a second statement), and PostgreSQL stops
 * producing rows at the cap (Execute with a row limit). The bytes read from
 * the socket are counted as they arrive: past the cap the connection is cut,
 * so no result, however built, holds more of this process's memory.
 */
import type { Socket } from 'node:net';
import pg from 'pg';
import { setting } from '../../config/index.js';
import { ASSISTANT_ROLE } from './allowlist.js';
import { loginPool } from './login.js';
import { SqlErrorCode, SqlToolError } from './errors.js';
import { FairShare, type FairShareOptions } from './fair-share.js';
import { checkReadOnlySelect } from './guard.js';

/** What a read-only statement returned. */
export interface ReadOnlyResult {
  columns: string[];
  /** Rows as arrays, in column order: timestamptz as ISO-8601 strings, bigint as numbers (strings beyond 2^53), numeric as strings, jsonb parsed. */
  rows: unknown[][];
  /** True when the statement had more rows than the cap. */
  truncated: boolean;
}

/** Runs one statement for a caller; rejects with `SqlToolError`. */
export type ReadOnlyQuery = (sql: string, signal?: AbortSignal) => Promise<ReadOnlyResult>;

/** The SQL tool of a process, shared by all its callers. */
export interface ReadOnlySql {
  /**
   * `ToolContext.readOnlySql` for one caller (`mcp:<token>`, `user:<id>`):
   * its statements run `perCaller` at a time with `queuePerCaller` more
   * waiting, and beyond that are refused with SQL_BUSY, so no caller waits
   * on another's (./fair-share.ts).
   */
  forCaller(caller: string): ReadOnlyQuery;
}

export interface ReadOnlySqlOptions {
  /** The service's pool: its user sets the read-only role's password (a superuser, or one with CREATEROLE); statements run on the role's own connections. */
  pool: pg.Pool;
  /** Longest a statement may run. @default 5000 ms */
  statementTimeoutMs?: number;
  /** Most rows returned. @default 200 */
  maxRows?: number;
  /** Most bytes PostgreSQL may send for one statement's result; past it the connection is cut and the statement refused (RESULT_TOO_LARGE). @default 1 MiB */
  maxBytes?: number;
  /** Memory one sort or hash may take before it spills to temporary files (the role's own temp_file_limit bounds those). @default '16MB' */
  workMem?: string;
  /** A URL logging in as the role with its own credentials. @default LIFESTONE_ASSISTANT_DATABASE_URL; unset: a random password set through `pool` */
  loginUrl?: string;
  /** The role statements run as. @default `lifestone_assistant_readonly` */
  role?: string;
}

/** {@link createReadOnlySql}'s options: the statement's, and each caller's share. */
export type SharedReadOnlySqlOptions = ReadOnlySqlOptions & FairShareOptions;

/**
 * The SQL tool over `pool`: the parser guard (./guard.ts), then
 * {@link executeReadOnly} in the caller's fair share (one statement running
 * and two waiting per caller, by default). Rejects with `SqlToolError`.
 */
export function createReadOnlySql(options: SharedReadOnlySqlOptions): ReadOnlySql {
  const share = new FairShare(options);
  return {
    forCaller: (caller) => async (sql, signal) => {
      const checked = await checkReadOnlySelect(sql);
      return share.run(caller, () => executeReadOnly(checked.sql, options), signal);
    },
  };
}

/**
 * Runs `sql` without looking at it: the database alone keeps it read-only.
 * Callers go through {@link createReadOnlySql}; tests call this directly to
 * show what the role and the transaction refuse on their own.
 */
export async function executeReadOnly(
  sql: string,
  { pool, statementTimeoutMs = 5000, maxRows = 200, maxBytes = 1_048_576, workMem = '16MB', role = ASSISTANT_ROLE, loginUrl = setting('LIFESTONE_ASSISTANT_DATABASE_URL') }: ReadOnlySqlOptions,
): Promise<ReadOnlyResult> {
  let client: pg.PoolClient;
  try {
    client = await loginPool(pool, role, loginUrl).connect();
  } catch (error) {
    if (error instanceof SqlToolError) throw error;
    throw new SqlToolError(SqlErrorCode.UNAVAILABLE, `The read-only role ${role} cannot log in (${(error as Error).message}); migrations 0005 and 0008 create it, and the service's database user must be allowed to set its password.`);
  }
  let broken: Error | undefined;
  // A connection cut at the byte cap reports its end as an error event too; the statement's own refusal says it already.
  const cut = (error: Error): void => void (broken = error);
  client.on('error', cut);
  try {
    try {
      await client.query(
        `BEGIN READ ONLY;
         SET LOCAL statement_timeout = ${Math.trunc(statementTimeoutMs)};
         SET LOCAL lock_timeout = ${Math.min(1000, Math.trunc(statementTimeoutMs))};
         SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(statementTimeoutMs) + 5000};
         SET LOCAL work_mem = ${client.escapeLiteral(workMem)};
         SET LOCAL search_path = pg_catalog, public, pg_temp;
         SET LOCAL standard_conforming_strings = on;
         SET LOCAL ROLE ${client.escapeIdentifier(role)}`,
      );
    } catch (error) {
      throw new SqlToolError(SqlErrorCode.UNAVAILABLE, `The read-only role ${role} cannot be used (${(error as Error).message}); migration 0005_assistant_readonly creates it and grants it to the service's database user.`);
    }
    const result = await runCapped(client, sql, maxRows, maxBytes);
    const rows = (result.rows as unknown[][]).map((row) => row.map(toJsonValue));
    return { columns: result.fields.map((field) => field.name), rows, truncated: result.truncated };
  } catch (error) {
    throw error instanceof SqlToolError ? error : translate(error as pg.DatabaseError);
  } finally {
    try {
      if (!broken) await client.query('ROLLBACK');
    } catch (error) {
      broken = error as Error;
    }
    client.off('error', cut);
    // A connection that cannot roll back is not given to anyone else.
    client.release(broken);
  }
}

/**
 * pg's Query, stopped at the first PortalSuspended: PostgreSQL produced
 * `maxRows + 1` rows and no more. With a row limit pg sends Sync only after
 * CommandComplete or PortalSuspended, so after an error this query sends it
 * (as pg-cursor does), or the connection would wait for ever.
 */
class CappedQuery extends pg.Query {
  truncated = false;
  private synced = false;

  handlePortalSuspended(connection: Connection): void {
    this.truncated = true;
    this.sync(connection);
  }

  handleCommandComplete(message: unknown, connection: Connection): void {
    this.synced = true; // pg's own handler sends Sync after CommandComplete when rows are limited
    (pg.Query.prototype as unknown as { handleCommandComplete(message: unknown, connection: Connection): void }).handleCommandComplete.call(this, message, connection);
  }

  handleEmptyQuery(connection: Connection): void {
    this.sync(connection);
  }

  handleReadyForQuery(connection: Connection): void {
    this.synced = true; // a row that failed to parse is reported from here, after the server is ready again
    (pg.Query.prototype as unknown as { handleReadyForQuery(connection: Connection): void }).handleReadyForQuery.call(this, connection);
  }

  handleError(error: Error, connection: Connection): void {
    this.sync(connection);
    (pg.Query.prototype as unknown as { handleError(error: Error, connection: Connection): void }).handleError.call(this, error, connection);
  }

  private sync(connection: Connection): void {
    if (this.synced) return;
    this.synced = true;
    connection.sync();
  }
}

interface Connection {
  sync(): void;
}

async function runCapped(client: pg.PoolClient, sql: string, maxRows: number, maxBytes: number): Promise<pg.QueryArrayResult & { truncated: boolean }> {
  // queryMode 'extended' and a row limit: Parse, Bind, Describe, Execute(maxRows + 1), never the simple protocol.
  const query = new CappedQuery({ text: sql, values: [], rowMode: 'array', rows: maxRows + 1, queryMode: 'extended', types: RESULT_TYPES } as pg.QueryConfig);
  // pg reads a whole message (one row may be 1 GB) before handing it on, so the cap is kept on the socket's bytes instead.
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  let received = 0;
  const count = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > maxBytes && !socket.destroyed) socket.destroy();
  };
  socket.on('data', count);
  let result: pg.QueryArrayResult;
  try {
    result = await new Promise<pg.QueryArrayResult>((resolve, reject) => {
      (query as unknown as { callback: (error: Error | null, result: pg.QueryArrayResult) => void }).callback = (error, done) => (error ? reject(error) : resolve(done));
      client.query(query as unknown as pg.Submittable);
    });
  } catch (error) {
    if (received > maxBytes) {
      throw new SqlToolError(SqlErrorCode.RESULT_TOO_LARGE, `The result is larger than ${maxBytes} bytes and was cut off. Select fewer or shorter columns (left(text, 200)), add a LIMIT, or aggregate.`);
    }
    throw error;
  } finally {
    socket.off('data', count);
  }
  const truncated = query.truncated || result.rows.length > maxRows;
  return { ...result, fields: result.fields, rows: result.rows.slice(0, maxRows), truncated };
}

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;

/**
 * How result values are read, the same in every process (lib/db changes pg's
 * global int8 parser): bigint as a number when exact, else as a string;
 * dates and zoneless timestamps as PostgreSQL wrote them; the rest as pg reads it.
 */
const RESULT_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => (Number.isSafeInteger(Number(value)) ? Number(value) : value);
    if (oid === DATE || oid === TIMESTAMP) return (value: string) => value;
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

function translate(error: pg.DatabaseError): SqlToolError {
  const detail = [error.message, error.hint && `hint: ${error.hint}`].filter(Boolean).join('; ');
  switch (error.code) {
    case '57014':
      return new SqlToolError(SqlErrorCode.TIMEOUT, `The statement ran longer than the timeout and was cancelled (${error.message}); filter on received_at or add a LIMIT.`);
    case '42501':
    case '25006':
      return new SqlToolError(SqlErrorCode.PERMISSION_DENIED, `PostgreSQL refused: ${detail}. The tool only reads the telemetry tables.`);
    default:
      return new SqlToolError(SqlErrorCode.EXECUTION_FAILED, `PostgreSQL refused the statement: ${detail}.`);
  }
}

function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (typeof value === 'bigint') return value.toString();
  return value;
}
