import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { checkPassword, ensureFirstAdmin, passwordChangeDue, replacePassword } from '@lifestone/lib/auth';

const db = useTestPool(4);

describe('the first admin', () => {
  it('gets a generated password, returned once, when none is configured; later starts change nothing', async () => {
    const [first, second] = await Promise.all([ensureFirstAdmin(db.pool), ensureFirstAdmin(db.pool)]);
    const created = [first, second].filter((result) => result !== undefined);
    // Two gateways starting at once create one admin between them.
    expect(created).toEqual([{ name: 'admin', generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) }]);
    const password = created[0]?.generatedPassword as string;
    expect(await checkPassword(db.pool, 'admin', password)).toMatchObject({ name: 'admin', role: 'admin' });
    expect(await ensureFirstAdmin(db.pool, 'another-password')).toBeUndefined();
    expect(await checkPassword(db.pool, 'admin', 'another-password')).toBeUndefined();
    expect((await db.pool.query('SELECT count(*)::int AS n FROM accounts')).rows[0]).toEqual({ n: 1 });
  });

  it('is asked to choose its own password while it has the generated one, and no longer once changed', async () => {
    await db.pool.query('TRUNCATE accounts CASCADE');
    const created = await ensureFirstAdmin(db.pool);
    expect(created?.generatedPassword).toBeDefined();
    const account = await checkPassword(db.pool, 'admin', created?.generatedPassword as string);
    expect(await passwordChangeDue(db.pool, account?.id as string)).toBe(true);
    await replacePassword(db.pool, account?.id as string, 'my-own-password');
    expect(await passwordChangeDue(db.pool, account?.id as string)).toBe(false);
  });

  it('is not asked when its password was configured', async () => {
    await db.pool.query('TRUNCATE accounts CASCADE');
    expect(await ensureFirstAdmin(db.pool, 'configured-password')).toEqual({ name: 'admin' });
    const account = await checkPassword(db.pool, 'admin', 'configured-password');
    expect(account?.name).toBe('admin');
    expect(await passwordChangeDue(db.pool, account?.id as string)).toBe(false);
  });
});
