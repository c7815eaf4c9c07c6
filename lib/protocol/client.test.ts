import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@lifestone/lib/db';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { PluginClient, type PluginClientLog } from './client.js';

const telemetry = (kills: number) => ({ type: 'telemetry', character_name: 'Client', ew: 1, ns: 1, z: 1, kills });

/** A log that keeps its lines. */
function recordingLog(): PluginClientLog & { lines: Array<{ fields: Record<string, unknown>; message: string }> } {
  const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return { lines, info: (fields, message) => lines.push({ fields: fields as Record<string, unknown>, message }), warn: (fields, message) => lines.push({ fields: fields as Record<string, unknown>, message }) };
}

/** The heap in use after a full collection (the flag exposes `gc` to contexts made after it is set). */
function heapAfterCollection(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('the protocol 2 reference client', () => {
  let stack: TestIngest;
  beforeAll(async () => {
    stack = await startTestIngest();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('keeps at most its buffer while ingest is away, says in its log what it dropped, and sends the rest once ingest is there', async () => {
    const port = await freePort();
    const log = recordingLog();
    const client = new PluginClient({ url: `ws://127.0.0.1:${port}/ws/position`, stream: 'client-buffer', secret: TEST_SECRET, bufferFrames: 10, reconnectInitialMs: 50, reconnectMaxMs: 50, log });
    for (let kills = 1; kills <= 25; kills++) client.send(telemetry(kills));
    expect(client.stats()).toMatchObject({ frames: 25, buffered: 10, dropped: 15, connected: false });
    expect(log.lines.filter((line) => line.message.startsWith('buffer full'))).toEqual([
      { fields: expect.objectContaining({ stream: 'client-buffer', firstSeq: 1, lastSeq: 1, frames: 1 }) as unknown, message: 'buffer full: dropped frames ingest never acknowledged; they are lost' },
    ]);
    await client.close();
    // What was dropped since the first line is in the next one: at most 5 s later, at the next welcome, or at close.
    const dropped = () => log.lines.filter((line) => line.message.startsWith('buffer full')).map((line) => [line.fields.firstSeq, line.fields.lastSeq]);
    expect(dropped()).toEqual([[1, 1], [2, 15]]);
    const toIngest = new PluginClient({ url: stack.ingest.pluginUrl, stream: 'client-buffer', secret: TEST_SECRET, bufferFrames: 10, log });
    for (let kills = 1; kills <= 25; kills++) toIngest.send(telemetry(kills));
    await toIngest.drained();
    expect(dropped()).toEqual([[1, 1], [2, 15], [1, 1], [2, 15]]);
    const { rows } = await stack.db.query(`SELECT kills FROM telemetry_events WHERE character_name = 'Client' ORDER BY kills`);
    expect(rows.map((row) => row.kills)).toEqual(Array.from({ length: 10 }, (_, i) => 16 + i));
    await toIngest.close();
  });

  it('lets go of the frames ingest acknowledged', async () => {
    let client: PluginClient | undefined = new PluginClient({ url: stack.ingest.pluginUrl, stream: 'client-memory', secret: TEST_SECRET });
    // 30 frames of 40 kB: 1.2 MB, as much as a character sends in about 20 minutes (its full inventories among them).
    for (let kills = 1; kills <= 30; kills++) client.send({ ...telemetry(kills), character_name: 'Remembered', note: `${kills}`.padEnd(40_000, '.') });
    await client.drained();
    expect(client.stats()).toMatchObject({ acked: 30, buffered: 0 });
    // What the client still holds is what its closing gives back.
    const open = heapAfterCollection();
    await client.close();
    client = undefined;
    expect(open - heapAfterCollection()).toBeLessThan(300_000);
  });

  it('tells of each frame once ingest acknowledged it, in order, with when it was sent', async () => {
    const acked: Array<[number, number]> = [];
    // The client's clock: Date.now() can drift from it by milliseconds in a long-lived process.
    const clock = () => performance.timeOrigin + performance.now();
    const before = clock();
    const client = new PluginClient({ url: stack.ingest.pluginUrl, stream: 'client-acked', secret: TEST_SECRET, onAcked: (seq, queuedAt) => acked.push([seq, queuedAt]) });
    for (let kills = 1; kills <= 20; kills++) client.send({ ...telemetry(kills), character_name: 'Acknowledged' });
    const sent = clock();
    await client.drained();
    expect(acked.map(([seq]) => seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const [, queuedAt] of acked) {
      expect(queuedAt).toBeGreaterThanOrEqual(before);
      expect(queuedAt).toBeLessThanOrEqual(sent);
    }
    await client.close();
  });

  it('started again without its counter, numbers its frames on from what ingest has of the stream', async () => {
    const first = new PluginClient({ url: stack.ingest.pluginUrl, stream: 'client-restart', secret: TEST_SECRET });
    for (let kills = 1; kills <= 5; kills++) first.send({ ...telemetry(kills), character_name: 'Restarted' });
    await first.drained();
    await first.close();
    const again = new PluginClient({ url: stack.ingest.pluginUrl, stream: 'client-restart', secret: TEST_SECRET });
    for (let kills = 6; kills <= 8; kills++) expect(again.send({ ...telemetry(kills), character_name: 'Restarted' })).toBe(kills - 5);
    await again.drained();
    expect(again.stats().acked).toBe(8);
    const { rows } = await stack.db.query(`SELECT kills FROM telemetry_events WHERE character_name = 'Restarted' ORDER BY kills`);
    expect(rows.map((row) => row.kills)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await again.close();
  });
});
