import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { telemetryFrame } from '../src/frames.js';
import { pluginTransport, streamId, type BridgeLog } from '../src/plugin-link.js';
import { restartablePort } from '@lifestone/lib/db';
import { eventually } from '@lifestone/test-kit/minecraft';

const quiet: BridgeLog = { info() {}, warn() {} };

function position(character: string, x: number) {
  const frame = telemetryFrame(
    { name: character, position: { x, y: 64, z: 0 }, yaw: 0, dimension: 'overworld', deaths: 0, onlineSeconds: x },
    { server: 'survival', session: 'survival-1', at: new Date(Date.UTC(2026, 10, 24, 18, 0, 0, x)) },
  );
  if (!frame) throw new Error('position outside the protocol');
  return frame;
}

async function positionsOf(ingest: TestIngest, character: string) {
  const { rows } = await ingest.db.query<{ count: number; first: number; last: number }>(
    `SELECT count(*)::int AS count, min(ew)::int AS first, max(ew)::int AS last FROM telemetry_events WHERE character_name = $1`,
    [character],
  );
  return rows[0];
}

describe('pluginTransport (protocol 2)', () => {
  let database: TestDatabase | undefined;
  let ingest: TestIngest | undefined;

  afterAll(async () => {
    await ingest?.close();
    await database?.drop();
  });

  it('names one stream per login with only the characters a stream id may hold', () => {
    expect(streamId('Creative 2', 'Alice_1', 1764000000000)).toBe('mc.Creative_2.Alice_1.1764000000000');
    expect(streamId('x'.repeat(64), 'A'.repeat(16), 1764000000000)).toHaveLength(98);
  });

  it('holds a bounded buffer while ingest is away, logs what it drops, delivers the rest, and logs out', async () => {
    const port = await restartablePort();
    const transport = pluginTransport({ url: `ws://127.0.0.1:${port}/ws/position`, secret: TEST_SECRET, log: quiet, bufferFrames: 50, reconnectInitialMs: 100, reconnectMaxMs: 400 });
    const link = transport.open('Alice', streamId('survival', 'Alice', 1), () => {});
    for (let x = 1; x <= 80; x++) link.send(position('Alice', x));
    expect(transport.stats()).toEqual({ open: 0, frames: 80, dropped: 30, refusals: 0 });

    database = await createTestDatabase();
    ingest = await startTestIngest({ port, database });
    // The oldest 30 were dropped; the newest 50 arrive, once each.
    await eventually(async () => expect(await positionsOf(ingest!, 'Alice')).toEqual({ count: 50, first: 31, last: 80 }));
    await eventually(() => expect(transport.stats()).toMatchObject({ open: 1, dropped: 30 }));

    await link.close('logout');
    expect(transport.stats()).toEqual({ open: 0, frames: 0, dropped: 0, refusals: 0 });
    await eventually(async () => {
      const { rows } = await ingest!.db.query(`SELECT logged_out_at IS NOT NULL AS out FROM alert_state WHERE character_name = 'Alice'`);
      expect(rows).toEqual([{ out: true }]);
    });
  }, 60_000);

  it('sends again what ingest had not acknowledged when it went away, and nothing twice', async () => {
    const port = ingest!.ingest.port;
    const transport = pluginTransport({ url: ingest!.ingest.pluginUrl, secret: TEST_SECRET, log: quiet, reconnectInitialMs: 100, reconnectMaxMs: 400 });
    const link = transport.open('Carol', streamId('survival', 'Carol', 2), () => {});
    for (let x = 1; x <= 10; x++) link.send(position('Carol', x));
    await eventually(async () => expect(await positionsOf(ingest!, 'Carol')).toEqual({ count: 10, first: 1, last: 10 }));

    // Ingest restarts on the same database; what the player does meanwhile is kept and sent once it is back.
    await ingest!.close();
    for (let x = 11; x <= 20; x++) link.send(position('Carol', x));
    ingest = await startTestIngest({ port, database });
    await eventually(async () => expect(await positionsOf(ingest!, 'Carol')).toEqual({ count: 20, first: 1, last: 20 }));
    await link.close('logout');
  }, 60_000);

  it('delivers the frames of a player who left before the connection was welcomed, then closes it', async () => {
    const transport = pluginTransport({ url: ingest!.ingest.pluginUrl, secret: TEST_SECRET, log: quiet });
    const link = transport.open('Bob', streamId('survival', 'Bob', 3), () => {});
    link.send(position('Bob', 7));
    await link.close('logout');
    expect(await positionsOf(ingest!, 'Bob')).toEqual({ count: 1, first: 7, last: 7 });
    expect(transport.stats().open).toBe(0);
  });
});
