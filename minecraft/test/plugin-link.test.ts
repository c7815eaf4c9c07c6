import { afterAll, describe, expect, it } from 'vitest';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { telemetryFrame } from '../src/frames.js';
import { protocolOneTransport, type BridgeLog } from '../src/plugin-link.js';
import { eventually, freePort } from '@lifestone/test-kit/minecraft';

const quiet: BridgeLog = { info() {}, warn() {} };

function position(character: string, x: number) {
  const frame = telemetryFrame(
    { name: character, position: { x, y: 64, z: 0 }, yaw: 0, dimension: 'overworld', deaths: 0, onlineSeconds: x },
    { server: 'survival', session: 'survival-1', at: new Date(Date.UTC(2026, 10, 24, 18, 0, 0, x)) },
  );
  if (!frame) throw new Error('position outside the protocol');
  return frame;
}

describe('protocolOneTransport', () => {
  let ingest: TestIngest | undefined;

  afterAll(async () => {
    await ingest?.close();
  });

  it('holds a bounded queue while ingest is away, counts what it drops, and delivers the rest once ingest is up', async () => {
    const port = await freePort();
    const transport = protocolOneTransport({ url: `ws://127.0.0.1:${port}/ws/position`, secret: TEST_SECRET, log: quiet, queueLimit: 50, reconnectInitialMs: 100, reconnectMaxMs: 400 });
    const link = transport.open('Alice', () => {});
    for (let x = 1; x <= 80; x++) link.send(position('Alice', x));
    expect(transport.stats()).toEqual({ open: 0, framesSent: 0, framesDropped: 30, refusals: 0 });

    ingest = await startTestIngest({ port });
    await eventually(async () => {
      const { rows } = await ingest!.db.query<{ count: number; first: number; last: number }>(
        `SELECT count(*)::int AS count, min(ew)::int AS first, max(ew)::int AS last FROM telemetry_events WHERE character_name = 'Alice'`,
      );
      // The oldest 30 were dropped; the newest 50 arrive.
      expect(rows).toEqual([{ count: 50, first: 31, last: 80 }]);
    });
    expect(transport.stats()).toMatchObject({ open: 1, framesSent: 50, framesDropped: 30 });

    link.close('logout');
    await eventually(async () => {
      const { rows } = await ingest!.db.query(`SELECT logged_out_at IS NOT NULL AS out FROM alert_state WHERE character_name = 'Alice'`);
      expect(rows).toEqual([{ out: true }]);
    });
  }, 60_000);

  it('delivers the frames of a player who left before the connection opened, then closes it', async () => {
    const transport = protocolOneTransport({ url: ingest!.ingest.pluginUrl, secret: TEST_SECRET, log: quiet });
    const link = transport.open('Bob', () => {});
    link.send(position('Bob', 7));
    link.close('logout');
    await eventually(async () => {
      const { rows } = await ingest!.db.query(`SELECT ew FROM telemetry_events WHERE character_name = 'Bob'`);
      expect(rows).toEqual([{ ew: 7 }]);
    });
    await eventually(() => expect(transport.stats()).toEqual({ open: 0, framesSent: 1, framesDropped: 0, refusals: 0 }));
  });
});
