import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';

describe('the embedded PostgreSQL', () => {
  let dataDir: string;
  let server: EmbeddedDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifestone-embedded-test-'));
    // A caller's own setting wins over the write-load defaults.
    server = await startEmbeddedPostgres({ dataDir, settings: { checkpoint_timeout: '20min' } });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs with room for ingest’s WAL between checkpoints, and the caller’s settings on top', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const show = async (name: string): Promise<string> => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name] as string;
      expect(await show('max_wal_size')).toBe('4GB');
      expect(await show('checkpoint_timeout')).toBe('20min');
      expect(await show('listen_addresses')).toBe('127.0.0.1');
    } finally {
      await client.end();
    }
  });
});
