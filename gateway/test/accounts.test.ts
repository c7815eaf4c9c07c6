import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { checkPassword, ensureFirstAdmin } from '../../subgraphs/accounts/accounts.js';

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('the first admin', () => {
  it('gets a generated password, returned once, when none is configured; later starts change nothing', async () => {
    const [first, second] = await Promise.all([ensureFirstAdmin(pool), ensureFirstAdmin(pool)]);
    const created = [first, second].filter((result) => result !== undefined);
    // Two gateways starting at once create one admin between them.
    expect(created).toEqual([{ name: 'admin', generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) }]);
    const password = created[0]?.generatedPassword as string;
    expect(await checkPassword(pool, 'admin', password)).toMatchObject({ name: 'admin', role: 'admin' });
    expect(await ensureFirstAdmin(pool, 'another-password')).toBeUndefined();
    expect(await checkPassword(pool, 'admin', 'another-password')).toBeUndefined();
    expect((await pool.query('SELECT count(*)::int AS n FROM accounts')).rows[0]).toEqual({ n: 1 });
  });
});
