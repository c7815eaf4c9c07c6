import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '@lifestone/test-kit/database';
import { ensureDatabase } from './open.js';

describe('ensureDatabase', () => {
  const name = `lifestone_ensure_${randomBytes(4).toString('hex')}`;
  afterAll(() => adminQuery(inject('databaseUrl'), `DROP DATABASE IF EXISTS ${name}`));

  it('creates the database once and gives its URL on the same server', async () => {
    const server = inject('databaseUrl');
    const url = await ensureDatabase(server, name);
    expect(url).toBe(Object.assign(new URL(server), { pathname: `/${name}` }).toString());
    expect(await ensureDatabase(server, name)).toBe(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
    await client.end();
    expect(rows).toEqual([{ name }]);
  });
});
