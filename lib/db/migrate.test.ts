import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { adminQuery } from '@lifestone/test-kit/database';
import { migrate, migrationsDir } from './migrate.js';

it('services starting together all migrate: one applies, the others wait for it and find nothing left', async () => {
  const adminUrl = inject('databaseUrl');
  const name = `lifestone_migrate_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate(url.toString())));
    const all = readdirSync(migrationsDir).filter((file) => file.endsWith('.sql')).map((file) => file.replace(/\.sql$/, '')).sort();
    expect(runs.flat().sort()).toEqual(all);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pgmigrations').finally(() => client.end());
    expect(rows[0]?.n).toBe(all.length);
  } finally {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
});
