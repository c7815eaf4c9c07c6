import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartablePort, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';

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
      expect(await show('autovacuum_vacuum_cost_delay')).toBe('20ms');
      expect(await show('checkpoint_timeout')).toBe('20min');
      expect(await show('listen_addresses')).toBe('127.0.0.1');
    } finally {
      await client.end();
    }
  });
});

describe('restartablePort', () => {
  it('answers free ports below the kernel’s ephemeral range, which no outgoing connection is given', async () => {
    const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    const ephemeralFrom = Number(range.trim().split(/\s+/)[0]);
    for (let i = 0; i < 20; i++) {
      const port = await restartablePort();
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(ephemeralFrom);
      const server = createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
