import { readdirSync } from 'node:fs';
import pg from 'pg';
import { expect, it } from 'vitest';
import { withEmptyDatabase } from '@lifestone/test-kit/database';
import { migrate, migrationsDir } from './migrate.js';

it('services starting together all migrate: one applies, the others wait for it and find nothing left', async () => {
  await withEmptyDatabase(async (url) => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate(url)));
    const all = readdirSync(migrationsDir).filter((file) => file.endsWith('.sql')).map((file) => file.replace(/\.sql$/, '')).sort();
    expect(runs.flat().sort()).toEqual(all);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pgmigrations').finally(() => client.end());
    expect(rows[0]?.n).toBe(all.length);
  });
});
