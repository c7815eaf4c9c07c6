/**
 * The hostile-SQL corpus: every statement a finding showed could reach
 * what it should not, or build what it should not, with the refusal it gets.
 * A new finding is one more line here. The guard refuses each; the last
 * section shows that PostgreSQL refuses them too on the tool's own
 * connection, as if the guard had been bypassed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { SqlErrorCode, SqlToolError } from '../src/sql/errors.js';
import { checkReadOnlySelect } from '../src/sql/guard.js';
import { loginPool } from '../src/sql/login.js';

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
  // Leaving the role.
  ["SELECT set_config('role', 'postgres', true)", SqlErrorCode.FUNCTION_NOT_ALLOWED],
  ['RESET ROLE', SqlErrorCode.NOT_SELECT],
  ['SET ROLE postgres', SqlErrorCode.NOT_SELECT],
  ['SELECT 1; RESET ROLE', SqlErrorCode.MULTIPLE_STATEMENTS],
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

/** What PostgreSQL itself refuses on the tool's own connection, whatever text reaches it. */
const DATABASE_REFUSES = [
  'SELECT * FROM accounts',
  'SELECT * FROM api_tokens',
  'SELECT * FROM sign_in_failures',
  "SELECT pg_read_file('/etc/passwd')",
  "SELECT lo_import('/etc/passwd')",
  "COPY (SELECT 1) TO PROGRAM 'true'",
  'CREATE TABLE planted (x int)',
  'SET ROLE postgres',
  "SELECT set_config('role', 'postgres', false)",
  'ALTER ROLE lifestone_assistant_readonly SUPERUSER',
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

  it('is logged in as the read-only role, so that RESET ROLE changes nothing', async () => {
    const client = await loginPool(main).connect();
    try {
      await client.query('RESET ROLE');
      const { rows } = await client.query('SELECT session_user, current_user');
      expect(rows).toEqual([{ session_user: 'lifestone_assistant_readonly', current_user: 'lifestone_assistant_readonly' }]);
    } finally {
      client.release();
    }
  });

  it.each(DATABASE_REFUSES)('refuses %s', async (sql) => {
    const client = await loginPool(main).connect();
    try {
      await client.query('RESET ROLE');
      const refusal = await client.query(sql).then(() => undefined, (error: { code?: string }) => error.code);
      // 42501 insufficient_privilege (and 0A000/58P01 where a function is not there at all): never an answer.
      expect(refusal).toMatch(/^(42501|42883|0A000)$/);
    } finally {
      client.release();
    }
  });
});
