/**
 * The hostile-SQL corpus: every statement a finding showed could reach
 * what it should not, or build what it should not, with the refusal it gets.
 * A new finding is one more line here. The guard refuses each; the later
 * sections show that PostgreSQL refuses them too on the tool's own
 * connection, as if the guard had been bypassed, and that no result can
 * hold more of the service's memory than the byte cap.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { SqlErrorCode, SqlToolError } from '../../lib/agent/sql/errors.js';
import { checkReadOnlySelect } from '../../lib/agent/sql/guard.js';
import { createReadOnlySql, executeReadOnly } from '../../lib/agent/sql/executor.js';
import { loginPool } from '../../lib/agent/sql/login.js';

const GUARD_REFUSES: Array<[string, string]> = [
  // Array forms of refused types revealed table ids and role names.
  ["SELECT '{accounts}'::_regclass", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT '{postgres}'::_regrole", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT '{accounts}'::regclass[]", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT CAST('{x}' AS pg_catalog._regnamespace)", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT '{1}'::_oid", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT 'accounts'::\"regclass\"", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT regclass 'accounts'", SqlErrorCode.TYPE_NOT_ALLOWED],
  // Row types of private tables revealed their columns.
  ['SELECT NULL::_accounts', SqlErrorCode.TYPE_NOT_ALLOWED],
  ['SELECT NULL::accounts', SqlErrorCode.TYPE_NOT_ALLOWED],
  ['SELECT NULL::_sessions', SqlErrorCode.TYPE_NOT_ALLOWED],
  ['SELECT NULL::api_tokens[]', SqlErrorCode.TYPE_NOT_ALLOWED],
  ['SELECT NULL::sign_in_failures', SqlErrorCode.TYPE_NOT_ALLOWED],
  ['SELECT NULL::assistant_messages', SqlErrorCode.TYPE_NOT_ALLOWED],
  ['SELECT NULL::pg_authid', SqlErrorCode.TYPE_NOT_ALLOWED],
  ['SELECT NULL::public.accounts', SqlErrorCode.TYPE_NOT_ALLOWED],
  // Values of 100 MB built in one call.
  ["SELECT lpad('', 100000000, 'x')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT rpad('', 100000000, 'x')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT repeat('x', 100000000)", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT format('%100000000s', 'x')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ['SELECT array_fill(1, ARRAY[100000000])', SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT pg_catalog.lpad('', 100000000)", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT overlay('x' placing repeat('y', 100000000) from 1)", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT replace(replace(replace('xxxxxxxxxx', 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT regexp_replace('xxxxxxxxxx', '.', '\\&\\&\\&\\&\\&', 'g')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ['SELECT "repeat"(\'x\', 100000000)', SqlErrorCode.FUNCTION_NOT_ALLOWED],
  // Object identifiers and catalogs, however spelled.
  ["SELECT 'accounts'::pg_catalog.regclass", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT '{accounts}'::\"_regclass\"", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT CAST('{postgres}' AS regrole[])", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT 'x'::regtype", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT * FROM json_to_record('{}') AS r(a regclass)", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT NULL::accounts.password_hash%TYPE", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT json_populate_record(NULL::api_tokens, '{}')", SqlErrorCode.TYPE_NOT_ALLOWED],
  ["SELECT to_regclass('accounts')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ['SELECT * FROM pg_catalog.pg_roles', SqlErrorCode.TABLE_NOT_ALLOWED],
  ['SELECT * FROM "accounts"', SqlErrorCode.TABLE_NOT_ALLOWED],
  ['SELECT * FROM public.sessions', SqlErrorCode.TABLE_NOT_ALLOWED],
  // Files, programs, other databases, large objects.
  ["SELECT pg_read_file('/etc/passwd')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT lo_import('/etc/passwd')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["SELECT * FROM dblink('dbname=postgres', 'SELECT 1') AS t(x int)", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ["COPY (SELECT 1) TO PROGRAM 'true'", SqlErrorCode.NOT_SELECT],
  ['CREATE TABLE planted (x int)', SqlErrorCode.NOT_SELECT],
  // Leaving the role.
  ["SELECT set_config('role', 'postgres', true)", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ['RESET ROLE', SqlErrorCode.NOT_SELECT],
  ['SET ROLE postgres', SqlErrorCode.NOT_SELECT],
  ['SELECT 1; RESET ROLE', SqlErrorCode.MULTIPLE_STATEMENTS],
  ['RESET ROLE; SET ROLE postgres', SqlErrorCode.MULTIPLE_STATEMENTS],
  ["SELECT current_setting('is_superuser')", SqlErrorCode.FUNCTION_NOT_ALLOWED],
];

describe('the guard', () => {
  it.each(GUARD_REFUSES)('refuses %s', async (sql, code) => {
    const refusal = await checkReadOnlySelect(sql).then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(SqlToolError);
    expect((refusal as SqlToolError).code).toBe(code);
  });

  it('still takes ordinary casts and the readable tables’ row types', async () => {
    for (const sql of ["SELECT '1'::int, '2'::bigint, 'x'::text, now()::date, '{1,2}'::int[], '{}'::_text, NULL::live_characters, 1.5::float8, '1 day'::interval"]) {
      await expect(checkReadOnlySelect(sql)).resolves.toMatchObject({ sql });
    }
  });
});

/**
 * What PostgreSQL itself refuses, whatever text reaches it: first the SQLSTATE
 * on a bare connection of the tool's pool (42501 insufficient_privilege,
 * 42883 undefined_function: dblink is not installed, and the role could not
 * install it; '' where only the read-only transaction stops it), then the
 * code the executor gives inside its READ ONLY transaction, the guard
 * bypassed (25006 read_only_sql_transaction and 42501 are PERMISSION_DENIED;
 * 42601, a second statement in one Parse, is EXECUTION_FAILED).
 */
const DATABASE_REFUSES: Array<[string, string, SqlErrorCode]> = [
  ['RESET ROLE; SET ROLE postgres', '42501', SqlErrorCode.EXECUTION_FAILED],
  ['SET ROLE postgres', '42501', SqlErrorCode.PERMISSION_DENIED],
  ['SELECT * FROM accounts', '42501', SqlErrorCode.PERMISSION_DENIED],
  ['SELECT * FROM sessions', '42501', SqlErrorCode.PERMISSION_DENIED],
  ['SELECT * FROM api_tokens', '42501', SqlErrorCode.PERMISSION_DENIED],
  ['SELECT * FROM sign_in_failures', '42501', SqlErrorCode.PERMISSION_DENIED],
  ["SELECT pg_read_file('/etc/passwd')", '42501', SqlErrorCode.PERMISSION_DENIED],
  ["SELECT lo_import('/etc/passwd')", '42501', SqlErrorCode.PERMISSION_DENIED],
  ["COPY (SELECT 1) TO PROGRAM 'true'", '42501', SqlErrorCode.PERMISSION_DENIED],
  ['CREATE TABLE planted (x int)', '42501', SqlErrorCode.PERMISSION_DENIED],
  ["SELECT * FROM dblink('dbname=postgres', 'SELECT 1') AS t(x int)", '42883', SqlErrorCode.EXECUTION_FAILED],
  ['CREATE EXTENSION dblink', '42501', SqlErrorCode.PERMISSION_DENIED],
  ["SELECT set_config('role', 'postgres', false)", '42501', SqlErrorCode.PERMISSION_DENIED],
  ['ALTER ROLE lifestone_assistant_readonly SUPERUSER', '42501', SqlErrorCode.PERMISSION_DENIED],
  // A role may set its own password: only the READ ONLY transaction keeps a statement from it.
  ["ALTER ROLE lifestone_assistant_readonly PASSWORD 'chosen'", '', SqlErrorCode.PERMISSION_DENIED],
  ["SET temp_file_limit = '-1'", '42501', SqlErrorCode.PERMISSION_DENIED],
];

describe('the connection the tool runs on', () => {
  let database: TestDatabase;
  let main: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    main = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await loginPool(main).end();
    await main.end();
    await database.drop();
  });

  it('is logged in as the read-only role, so that RESET ROLE changes nothing; its password is stored as a SCRAM verifier', async () => {
    const client = await loginPool(main).connect();
    try {
      await client.query('RESET ROLE');
      const { rows } = await client.query('SELECT session_user, current_user');
      expect(rows).toEqual([{ session_user: 'lifestone_assistant_readonly', current_user: 'lifestone_assistant_readonly' }]);
    } finally {
      client.release();
    }
    const { rows } = await main.query<{ scram: boolean }>(`SELECT rolpassword ~ '^SCRAM-SHA-256\\$4096:' AS scram FROM pg_authid WHERE rolname = 'lifestone_assistant_readonly'`);
    expect(rows).toEqual([{ scram: true }]);
  });

  it.each(DATABASE_REFUSES.filter(([, sqlState]) => sqlState !== ''))('PostgreSQL refuses %s on a bare connection of it', async (sql, sqlState) => {
    const client = await loginPool(main).connect();
    try {
      const refusal = await client.query(sql).then(() => 'answered', (error: { code?: string }) => error.code);
      expect(refusal).toBe(sqlState);
    } finally {
      client.release();
    }
  });

  it.each(DATABASE_REFUSES)('the executor, the guard bypassed, refuses %s', async (sql, _sqlState, code) => {
    await expect(executeReadOnly(sql, { pool: main })).rejects.toMatchObject({ code });
  });

  it('runs each statement with its own memory, temporary file and time limits', async () => {
    const limits = "SELECT current_setting('work_mem') AS work_mem, current_setting('temp_file_limit') AS temp_file_limit, current_setting('statement_timeout') AS statement_timeout";
    await expect(executeReadOnly(limits, { pool: main })).resolves.toEqual({ columns: ['work_mem', 'temp_file_limit', 'statement_timeout'], rows: [['16MB', '256MB', '5s']], truncated: false });
  });

  it.each(DATABASE_REFUSES)('the tool refuses %s', async (sql) => {
    const refusal = await createReadOnlySql({ pool: main }).forCaller('hostile')(sql).then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(SqlToolError);
    expect(Object.values(SqlErrorCode)).toContain((refusal as SqlToolError).code);
    expect((refusal as SqlToolError).code).not.toBe(SqlErrorCode.UNAVAILABLE);
  });

  it("takes the role's own credentials from LIFESTONE_ASSISTANT_DATABASE_URL, and refuses a URL for anyone else", async () => {
    await expect(executeReadOnly('SELECT 1', { pool: main, loginUrl: database.url })).rejects.toMatchObject({
      code: SqlErrorCode.UNAVAILABLE,
      message: `LIFESTONE_ASSISTANT_DATABASE_URL logs in as ${JSON.stringify(new URL(database.url).username)}; it must log in as lifestone_assistant_readonly, the read-only role (migrations 0005 and 0008).`,
    });
    // An operator's password; the service's own pool, whose password this replaces, sets its own again.
    await main.query("ALTER ROLE lifestone_assistant_readonly PASSWORD 'operator-chosen'");
    const url = new URL(database.url);
    url.username = 'lifestone_assistant_readonly';
    url.password = 'operator-chosen';
    await expect(executeReadOnly('SELECT session_user::text AS who', { pool: main, loginUrl: url.href })).resolves.toEqual({ columns: ['who'], rows: [['lifestone_assistant_readonly']], truncated: false });
    await loginPool(main, 'lifestone_assistant_readonly', url.href).end();
    await expect(executeReadOnly('SELECT 1 AS one', { pool: main })).resolves.toEqual({ columns: ['one'], rows: [[1]], truncated: false });
  });
});

describe('the byte cap', () => {
  let database: TestDatabase;
  let main: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    main = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await loginPool(main).end();
    await main.end();
    await database.drop();
  });

  it('refuses a result that aggregates past it, through the tool', async () => {
    await expect(createReadOnlySql({ pool: main }).forCaller('hostile')("SELECT string_agg('xxxxxxxxxx', '') FROM generate_series(1, 20000)", undefined)).resolves.toMatchObject({ rows: [[expect.any(String)]] });
    await expect(createReadOnlySql({ pool: main, maxBytes: 100_000 }).forCaller('hostile')("SELECT string_agg('xxxxxxxxxx', '') FROM generate_series(1, 20000)")).rejects.toMatchObject({
      code: SqlErrorCode.RESULT_TOO_LARGE,
      message: 'The result is larger than 100000 bytes and was cut off. Select fewer or shorter columns (left(text, 200)), add a LIMIT, or aggregate.',
    });
  });

  it('cuts a 100 MB value off on the socket, so the service never holds it, and the next statement runs', async () => {
    const before = process.memoryUsage().rss;
    for (let call = 0; call < 3; call += 1) {
      await expect(executeReadOnly("SELECT repeat('x', 100000000)", { pool: main })).rejects.toMatchObject({ code: SqlErrorCode.RESULT_TOO_LARGE });
    }
    // Three 100 MB values held would add at least 300 MB; what is read stops at 1 MiB and a socket buffer.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1_048_576);
    await expect(executeReadOnly('SELECT 1 AS one', { pool: main })).resolves.toEqual({ columns: ['one'], rows: [[1]], truncated: false });
  });
});
