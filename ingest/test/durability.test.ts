import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, restartablePort, startEmbeddedPostgres } from '../../lib/db/index.js';
import { connectPlugin, INGEST_WAIT } from '@lifestone/test-kit/plugin';
import { startTestIngest, TEST_SECRET } from '@lifestone/test-kit/ingest';
import { createTestDatabase } from '@lifestone/test-kit/database';
import { acceptedFrames } from '@lifestone/test-kit/plugin-session';

const telemetry = (character: string, i: number) => ({
  type: 'telemetry', character_name: character, timestamp: 1_763_700_000_000 + i, ew: i % 100, ns: -(i % 100), z: 1, kills: i,
});

describe('nothing accepted is lost', () => {
  it('on graceful shutdown: N frames sent, ingest stopped at once, N rows stored', async () => {
    const database = await createTestDatabase();
    const stack = await startTestIngest({ database, rateLimit: 100_000, rateBurst: 100_000, byteRateLimit: 1e12, byteRateBurst: 1e12, batchMax: 500 });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    const sent = 5000;
    for (let i = 0; i < sent; i++) plugin.send(telemetry('Shutdown', i));
    await expect.poll(async () => plugin.socket.bufferedAmount, INGEST_WAIT).toBe(0);
    const db = new pg.Pool({ connectionString: stack.database.url, max: 1 });
    try {
      await stack.close().catch(() => {});
      expect(await acceptedFrames(stack)).toBe(sent);
      const { rows } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT kills)::int AS distinct_kills FROM telemetry_events WHERE character_name = 'Shutdown'`);
      expect(rows[0]).toEqual({ n: sent, distinct_kills: sent });
    } finally {
      await db.end();
      await database.drop();
    }
  }, 60_000);

  it('while PostgreSQL restarts under a steady stream of frames', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lifestone-restart-'));
    const settings = { fsync: 'off', synchronous_commit: 'off' };
    // Started again on its port below: one no other connection can be given while it is down.
    let server = await startEmbeddedPostgres({ dataDir, settings, port: await restartablePort() });
    const url = server.url;
    await migrate(url);
    const stack = await startTestIngest({ database: { url, drop: async () => {} }, rateLimit: 10_000, rateBurst: 10_000, byteRateLimit: 1e12, byteRateBurst: 1e12 });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    let sent = 0;
    let restarted = true;
    const sender = (async () => {
      const until = Date.now() + 6000;
      while (Date.now() < until) {
        plugin.send(telemetry('Restart', sent++));
        await sleep(5);
      }
    })();
    try {
      await sleep(1500);
      await server.stop();
      restarted = false;
      await sleep(1500);
      server = await startEmbeddedPostgres({ dataDir, settings, port: server.port });
      restarted = true;
      await sender;
      await expect.poll(() => acceptedFrames(stack), INGEST_WAIT).toBe(sent);
      // A writer lane stuck on a round trip that never settles would wait here for ever: it fails as what it is.
      expect(await Promise.race([stack.ingest.flush().then(() => 'written'), sleep(30_000, 'still writing after 30 s', { ref: false })])).toBe('written');
      const { rows } = await stack.db.query(`SELECT count(*)::int AS n, count(DISTINCT kills)::int AS distinct_kills FROM telemetry_events`);
      expect(rows[0]).toEqual({ n: sent, distinct_kills: sent });
      expect((await stack.ingest.metrics.writeRetries.get()).values[0]?.value).toBeGreaterThan(0);
    } finally {
      await plugin.close();
      // With no database to come back, ingest's writer retries for ever: the test reports why the restart failed, not a timeout.
      await (restarted ? stack.close() : Promise.race([stack.close(), sleep(5_000, undefined, { ref: false })]));
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
