import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { connectPlugin, INGEST_WAIT, type TestPlugin } from '@lifestone/test-kit/plugin';

const START = 1_763_700_000_000;
const telemetry = (character: string, seq: number, kills = seq) => ({
  seq, type: 'telemetry', character_name: character, timestamp: START + seq, ew: 1, ns: 2, z: 3, kills,
});

/** A protocol 2 plugin on `stream`, with the shared secret. */
function connectStream(stack: TestIngest, stream: string): Promise<TestPlugin> {
  return connectPlugin(stack.ingest.pluginUrl, TEST_SECRET, { 'X-Lifestone-Protocol': '2', 'X-Lifestone-Stream': stream });
}

/** The highest ack `plugin` received, 0 for none. */
function lastAck(plugin: TestPlugin): number {
  return Math.max(0, ...plugin.received.filter((frame) => frame.type === 'ack').map((frame) => frame.seq as number));
}

/** The answer to an upgrade ingest refuses: status and JSON body. */
function refusedUpgrade(url: string, headers: Record<string, string>): Promise<{ status: number; body: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { 'x-plugin-secret': TEST_SECRET, ...headers } });
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
    socket.once('error', () => undefined);
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as { code: string; message: string } }));
    });
  });
}

const counter = async (stack: TestIngest, name: 'resendsReceived' | 'acksSent' | 'streamsResumed' | 'seqsSkipped'): Promise<number> =>
  (await stack.ingest.metrics[name].get()).values.reduce((sum, value) => sum + value.value, 0);

const storedKills = async (stack: TestIngest, character: string): Promise<number[]> =>
  (await stack.db.query<{ kills: number }>('SELECT kills FROM telemetry_events WHERE character_name = $1 ORDER BY observed_at, kills', [character])).rows.map((row) => row.kills);

const unlimited = { rateLimit: 100_000, rateBurst: 100_000, byteRateLimit: 1e12, byteRateBurst: 1e12 };

describe('protocol 2 on one ingest', () => {
  let stack: TestIngest;
  beforeAll(async () => {
    stack = await startTestIngest(unlimited);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses a missing or malformed stream id, or another protocol, at the upgrade with 400 and why', async () => {
    const url = stack.ingest.pluginUrl;
    const missing = await refusedUpgrade(url, { 'X-Lifestone-Protocol': '2' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('INVALID_STREAM');
    expect(missing.body.message).toMatch(/needs a stream id/);
    const malformed = await refusedUpgrade(`${url}?protocol=2&stream=${encodeURIComponent('a b')}`, {});
    expect(malformed).toEqual({ status: 400, body: { code: 'INVALID_STREAM', message: 'The stream id holds a character other than A-Z a-z 0-9 . _ -: a stream id is 1-100 characters of A-Z a-z 0-9 . _ -.' } });
    const long = await refusedUpgrade(url, { 'X-Lifestone-Protocol': '2', 'X-Lifestone-Stream': 'x'.repeat(101) });
    expect(long.body.message).toMatch(/is 101 characters long/);
    const other = await refusedUpgrade(url, { 'X-Lifestone-Protocol': '3', 'X-Lifestone-Stream': 'ok' });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('UNSUPPORTED_PROTOCOL');
  });

  it('welcomes first, acks after the commit, stores a resend nothing and acks it, and resumes from acked', async () => {
    const plugin = await connectStream(stack, 'install-1');
    await plugin.waitFor((frame) => frame.type === 'welcome');
    expect(plugin.received[0]).toEqual({ type: 'welcome', protocol: 2, stream: 'install-1', acked: 0 });
    for (let seq = 1; seq <= 50; seq++) plugin.send(telemetry('Resender', seq));
    await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 50);
    // An ack says the frames are committed: they are there when it arrives.
    expect(await storedKills(stack, 'Resender')).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await stack.db.query('SELECT acked::int, done_above::text FROM plugin_streams WHERE stream = $1', ['install-1'])).rows).toEqual([{ acked: 50, done_above: '{}' }]);
    await plugin.close();

    const resumed = await connectStream(stack, 'install-1');
    await resumed.waitFor((frame) => frame.type === 'welcome');
    expect(resumed.received[0]).toEqual({ type: 'welcome', protocol: 2, stream: 'install-1', acked: 50 });
    const resends = await counter(stack, 'resendsReceived');
    for (let seq = 41; seq <= 60; seq++) resumed.send(telemetry('Resender', seq, 1000 + seq));
    await resumed.waitFor((frame) => frame.type === 'ack' && frame.seq === 60);
    expect(await counter(stack, 'resendsReceived')).toBe(resends + 10);
    // Seqs 41-50 were stored already: their second copies (kills 1041-1050) are not.
    expect(await storedKills(stack, 'Resender')).toEqual([...Array.from({ length: 50 }, (_, i) => i + 1), ...Array.from({ length: 10 }, (_, i) => 1051 + i)]);
    expect(await counter(stack, 'streamsResumed')).toBeGreaterThanOrEqual(1);
    await resumed.close();
  });

  it('acks a resend of stored frames without a write', async () => {
    const plugin = await connectStream(stack, 'install-2');
    for (let seq = 1; seq <= 5; seq++) plugin.send(telemetry('Acked', seq));
    await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 5);
    const acks = plugin.received.filter((frame) => frame.type === 'ack').length;
    plugin.send(telemetry('Acked', 3, 99));
    await expect.poll(() => plugin.received.filter((frame) => frame.type === 'ack').length, INGEST_WAIT).toBe(acks + 1);
    expect(plugin.received.at(-1)).toEqual({ type: 'ack', seq: 5 });
    expect(await storedKills(stack, 'Acked')).toEqual([1, 2, 3, 4, 5]);
    await plugin.close();
  });

  it('refuses a frame without seq (INVALID_SEQ), names the seq of other refusals, and counts refused and skipped seqs as done', async () => {
    const plugin = await connectStream(stack, 'install-3');
    plugin.send({ type: 'telemetry', character_name: 'Refused', ew: 1, ns: 1, z: 1 });
    const noSeq = await plugin.waitFor((frame) => frame.type === 'error');
    expect(noSeq).toMatchObject({ code: 'INVALID_SEQ', seq: null, ref: { type: 'telemetry', character_name: 'Refused' } });
    plugin.send(telemetry('Refused', 1));
    plugin.send({ seq: 2, type: 'telemetry', character_name: 'Refused', ew: 'far', ns: 1, z: 1 });
    const invalid = await plugin.waitFor((frame) => frame.type === 'error' && frame.code === 'INVALID_FRAME');
    expect(invalid.seq).toBe(2);
    // The refused frame counts as done: the ack passes it, though no frame after it was sent.
    await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 2);
    const skipped = await counter(stack, 'seqsSkipped');
    plugin.send(telemetry('Refused', 6));
    await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 6);
    expect(await counter(stack, 'seqsSkipped')).toBe(skipped + 3);
    expect(await storedKills(stack, 'Refused')).toEqual([1, 6]);
    expect(lastAck(plugin)).toBe(6);
    await plugin.close();
  });

  it('acks a stream whose frames go to three writer lanes only as far as all of them committed', async () => {
    const plugin = await connectStream(stack, 'install-4');
    const frames: object[] = [];
    for (let seq = 1; seq <= 30; seq++) {
      const kind = seq % 3;
      frames.push(kind === 0
        ? { seq, type: 'portal', character_name: 'Lanes', portal_name: `Portal ${seq}`, ew: seq, ns: 1, z: 0 }
        : kind === 1
          ? telemetry('Lanes', seq)
          : { seq, type: 'inventory_delta', character_name: 'Lanes', action: 'add', item: { id: seq, name: `Item ${seq}` } });
    }
    for (const frame of frames) plugin.send(frame);
    await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 30);
    const { rows } = await stack.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM telemetry_events WHERE character_name = 'Lanes')
      + (SELECT count(*) FROM inventory_items WHERE character_name = 'Lanes') + (SELECT count(*) FROM portals WHERE portal_name LIKE 'Portal %')::int AS n`);
    expect(Number(rows[0]?.n)).toBe(30);
    // Every ack was at most what the row said once it was sent, and they only rose.
    const acks = plugin.received.filter((frame) => frame.type === 'ack').map((frame) => frame.seq as number);
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
    await plugin.close();
  });

  it('never acks before the commit, and repeats the last ack every second while frames wait', async () => {
    const plugin = await connectStream(stack, 'install-5');
    for (let seq = 1; seq <= 3; seq++) plugin.send(telemetry('Waiting', seq));
    await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 3);
    // Holding the stream's row keeps the next transaction of its frames from committing.
    const holder = await stack.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM plugin_streams WHERE stream = 'install-5' FOR UPDATE`);
      const acksBefore = await counter(stack, 'acksSent');
      const seen = plugin.received.length;
      plugin.send(telemetry('Waiting', 4));
      await expect.poll(() => plugin.received.slice(seen).filter((frame) => frame.type === 'ack').length, { timeout: 5_000, interval: 50 }).toBeGreaterThanOrEqual(2);
      expect(plugin.received.slice(seen).every((frame) => frame.type === 'ack' && frame.seq === 3)).toBe(true);
      expect(await storedKills(stack, 'Waiting')).toEqual([1, 2, 3]);
      expect(await counter(stack, 'acksSent')).toBeGreaterThanOrEqual(acksBefore + 2);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 4);
    expect(await storedKills(stack, 'Waiting')).toEqual([1, 2, 3, 4]);
    await plugin.close();
  });

  it('keeps protocol 1 as it was: no welcome, no ack, no seq on errors', async () => {
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    plugin.send({ seq: 1, type: 'telemetry', character_name: 'Classic', ew: 'far', ns: 1, z: 1 });
    const error = await plugin.waitFor((frame) => frame.type === 'error');
    expect('seq' in error).toBe(false);
    plugin.send({ seq: 1, type: 'telemetry', character_name: 'Classic', ew: 1, ns: 1, z: 1 });
    await expect.poll(() => storedKills(stack, 'Classic'), INGEST_WAIT).toHaveLength(1);
    // On protocol 1 `seq` is an unknown field like any other: kept raw.
    const { rows } = await stack.db.query(`SELECT extra FROM telemetry_events WHERE character_name = 'Classic'`);
    expect(rows[0]?.extra).toEqual({ seq: 1 });
    expect(plugin.received.map((frame) => frame.type)).toEqual(['error']);
    await plugin.close();
  });
});

describe('protocol 2 across two ingest instances', () => {
  let database: TestDatabase;
  let a: TestIngest;
  let b: TestIngest;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestIngest({ database, ...unlimited });
    b = await startTestIngest({ database, ...unlimited });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('stores each frame once when both receive the whole stream at once, and each welcomes with what is stored', async () => {
    const toA = await connectStream(a, 'roaming');
    const toB = await connectStream(b, 'roaming');
    const count = 2000;
    for (let seq = 1; seq <= count; seq++) {
      toA.send(telemetry('Roamer', seq));
      toB.send(telemetry('Roamer', seq));
    }
    await toA.waitFor((frame) => frame.type === 'ack' && frame.seq === count, 30_000);
    await toB.waitFor((frame) => frame.type === 'ack' && frame.seq === count, 30_000);
    expect(await storedKills(a, 'Roamer')).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    // An instance acks what the stream's row says, which the other may have stored while
    // its own copies still wait in its writer: they are dropped once it gets to them.
    await Promise.all([a.ingest.flush(), b.ingest.flush()]);
    // Each frame was sent twice and stored once: the other copy is dropped either at
    // commit (found stored by the other instance's transaction) or, once an instance
    // has read the stream's row back, on arrival. Which, depends on the timing.
    const dropped = [...(await a.ingest.metrics.duplicatesDropped.get()).values, ...(await b.ingest.metrics.duplicatesDropped.get()).values]
      .reduce((sum, value) => sum + value.value, 0);
    expect(dropped).toBe(count);
    await toA.close();
    await toB.close();
    const again = await connectStream(b, 'roaming');
    await again.waitFor((frame) => frame.type === 'welcome');
    expect(again.received[0]).toEqual({ type: 'welcome', protocol: 2, stream: 'roaming', acked: count });
    await again.close();
  }, 60_000);
});
