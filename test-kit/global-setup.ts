import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPool, ensurePartitions, migrate, retentionPolicies, startEmbeddedPostgres } from '@lifestone/lib/db';
import { adminQuery } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin connection string of the PostgreSQL the tests use. */
    databaseUrl: string;
    /** The migrated database of this run that each suite's database is cloned from. */
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run: the one `DATABASE_URL` names, or an
 * embedded one in a temporary folder. A migrated template database is made
 * once per run (runs side by side do not meet); each suite clones it (see
 * database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let stop = async (): Promise<void> => {};
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lifestone-test-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = embedded.url;
    stop = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const template = `lifestone_template_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await migrate(templateUrl.toString());
  await partitionsFromYesterday(templateUrl.toString());
  project.provide('databaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  const url = adminUrl;
  return async () => {
    await adminQuery(url, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await stop();
  };
}

/**
 * Yesterday's and today's daily partitions: tests write history minutes to
 * hours back, which falls on yesterday's when the run crosses midnight (UTC),
 * and ingest creates partitions from its own day on only.
 */
async function partitionsFromYesterday(url: string): Promise<void> {
  const pool = createPool(url, 'lifestone-test-setup', 1);
  try {
    const yesterday = new Date(Date.now() - 86_400_000);
    for (const policy of await retentionPolicies(pool)) if (policy.method === 'partitions') await ensurePartitions(pool, policy.table, yesterday, 1);
  } finally {
    await pool.end();
  }
}
