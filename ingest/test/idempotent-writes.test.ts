import { createServer, connect as tcpConnect, type Socket } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '@lifestone/test-kit/database';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { connectPlugin, INGEST_WAIT, type TestPlugin } from '@lifestone/test-kit/plugin';
import { createLogger } from '../../lib/log/index.js';
import { createMemoryPubSub } from '../../lib/pubsub/memory.js';
import type { AcceptedEvent } from '../src/accepted-event.js';
import { createIngestMetrics } from '../src/metrics.js';
import { EventPublisher } from '../src/publisher.js';
import { EventWriter } from '../src/writer.js';
import { acceptedEventOf, alteredEvent } from './events.js';

/** The protocol code of an SSLRequest, which comes before the startup message without a type byte. */
const SSL_REQUEST = 80_877_103;

/** The statement a client's message carries: a simple Query's text, or a Parse's; undefined for any other message. */
function statementOf(message: Buffer): string | undefined {
  if (message[0] === 0x51 /* Query */) return message.subarray(5, message.length - 1).toString();
  if (message[0] !== 0x50 /* Parse */) return undefined;
  const body = message.subarray(5);
  const nameEnd = body.indexOf(0);
  return body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString();
}

/**
 * A TCP relay to PostgreSQL that reads the client's messages. Armed, it
 * lets the first COMMIT of a transaction that copied into `table` through,
 * waits for the server's answer (the commit is done), and cuts both ends
 * instead of passing that answer on: what a client sees when the
 * connection dies between COMMIT and its reply.
 */
async function startCommitCutter(target: URL, table: string) {
  const sockets = new Set<Socket>();
  let armed = false;
  let cut: () => void = () => {};
  const server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    // As a relay does: one end closing closes the other, so a client whose upstream failed or ended is told
    // (it would otherwise wait for ever, in connect() or for an answer).
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    let pending = Buffer.alloc(0);
    let started = false;
    let copied = false;
    let cutting = false;
    let cutAtSync = false;
    let answer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      if (cutting) return;
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!started) {
          if (pending.length < 8 || pending.length < pending.readInt32BE(0)) return;
          const length = pending.readInt32BE(0);
          started = pending.readInt32BE(4) !== SSL_REQUEST;
          upstream.write(pending.subarray(0, length));
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5 || pending.length < 1 + pending.readInt32BE(1)) return;
        const message = pending.subarray(0, 1 + pending.readInt32BE(1));
        pending = pending.subarray(message.length);
        const text = statementOf(message);
        if (text !== undefined) {
          if (text.startsWith(`COPY ${table} `)) copied = true;
          // The writer sends its COMMIT in a round trip of the extended protocol (Parse … Sync), after the statements
          // it deferred (a protocol 2 batch: the merge of its streams' rows).
          const commit = text === 'COMMIT';
          if (commit && armed && copied) {
            armed = false;
            cutAtSync = true;
          }
          if (commit || text === 'ROLLBACK') copied = false;
        }
        upstream.write(message);
        if (cutAtSync && message[0] === 0x53 /* Sync */) cutting = true;
        if (cutting) return;
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!cutting) {
        client.write(chunk);
        return;
      }
      answer = Buffer.concat([answer, chunk]);
      // CommandComplete, then ReadyForQuery ('Z', length 5, idle): the transaction is over, committed.
      if (answer.length >= 6 && answer.subarray(-6).equals(Buffer.from([0x5a, 0, 0, 0, 5, 0x49]))) {
        expect(answer.includes(Buffer.from('COMMIT\0'))).toBe(true);
        client.destroy();
        upstream.destroy();
        cut();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the relay has no port');
  const url = new URL(target);
  url.host = `127.0.0.1:${address.port}`;
  return {
    url: url.toString(),
    /** Cuts the next such COMMIT; resolves once it is carried out and the connection cut. */
    arm(): Promise<void> {
      armed = true;
      return new Promise((resolve) => (cut = resolve));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Ingest writing through a relay that can cut the connection after a COMMIT
 * of `chat_messages`, and a plugin connected to it (with `headers`); runs
 * `test`, then closes everything.
 */
async function withCutIngest(headers: Record<string, string>, test: (setup: { relay: Awaited<ReturnType<typeof startCommitCutter>>; stack: TestIngest; plugin: TestPlugin }) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  const relay = await startCommitCutter(new URL(database.url), 'chat_messages');
  const pool = new pg.Pool({ connectionString: relay.url, max: 10 });
  pool.on('error', () => {});
  // A batch waits 200 ms: the test's lines all arrive within it and make one batch.
  const stack = await startTestIngest({ database, pool, batchWaitMs: 200 });
  const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET, headers);
  try {
    await test({ relay, stack, plugin });
  } finally {
    await plugin.close();
    await stack.close();
    await pool.end();
    await relay.close();
    await database.drop();
  }
}

describe('a batch whose COMMIT goes unanswered', () => {
  it('is stored once: the retry finds it committed and skips it', () =>
    withCutIngest({}, async ({ relay, stack, plugin }) => {
      const cut = relay.arm();
      const texts = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`);
      for (const text of texts) plugin.send({ type: 'chat', character_name: 'Ambiguous', channel: 'General', text, color: 0 });
      await cut;
      await expect.poll(async () => (await stack.ingest.metrics.eventsWritten.get()).values[0]?.value, INGEST_WAIT).toBe(15);
      await stack.ingest.flush();
      const { rows } = await stack.db.query<{ text: string; copies: number }>(
        `SELECT text, count(*)::int AS copies FROM chat_messages WHERE character_name = 'Ambiguous' GROUP BY text ORDER BY text`);
      expect(rows).toEqual(texts.map((text) => ({ text, copies: 1 })).sort((a, b) => a.text.localeCompare(b.text)));
      expect((await stack.ingest.metrics.eventsCommittedUnseen.get()).values[0]?.value).toBe(15);
      expect((await stack.ingest.metrics.writeRetries.get()).values[0]?.value).toBe(1);
      // Later batches are written as usual.
      plugin.send({ type: 'chat', character_name: 'Ambiguous', channel: 'General', text: 'after', color: 0 });
      await expect.poll(async () => (await stack.db.query(`SELECT count(*)::int AS n FROM chat_messages WHERE character_name = 'Ambiguous'`)).rows[0].n, INGEST_WAIT).toBe(16);
    }), 60_000);

  it('is stored once on protocol 2 too, and acknowledged from its stream\'s row', () =>
    withCutIngest({ 'X-Lifestone-Protocol': '2', 'X-Lifestone-Stream': 'ambiguous' }, async ({ relay, stack, plugin }) => {
      await plugin.waitFor((frame) => frame.type === 'welcome');
      const cut = relay.arm();
      for (let seq = 1; seq <= 15; seq++) plugin.send({ seq, type: 'chat', character_name: 'Sequenced', channel: 'General', text: `line ${seq}`, color: 0 });
      await cut;
      // The retry finds the batch stored and writes nothing; the ack comes from the stream's row.
      await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 15, INGEST_WAIT.timeout);
      expect((await stack.db.query(`SELECT count(*)::int AS n, count(DISTINCT text)::int AS texts FROM chat_messages WHERE character_name = 'Sequenced'`)).rows[0]).toEqual({ n: 15, texts: 15 });
      expect((await stack.ingest.metrics.eventsCommittedUnseen.get()).values[0]?.value).toBe(15);
      plugin.send({ seq: 16, type: 'chat', character_name: 'Sequenced', channel: 'General', text: 'after', color: 0 });
      await plugin.waitFor((frame) => frame.type === 'ack' && frame.seq === 16);
      expect((await stack.db.query(`SELECT count(*)::int AS n FROM chat_messages WHERE character_name = 'Sequenced'`)).rows[0].n).toBe(16);
    }), 60_000);

  it('is stored once when it is half of a batch split to set a refused event aside', async () => {
    const database = await createTestDatabase();
    const relay = await startCommitCutter(new URL(database.url), 'chat_messages');
    const pool = new pg.Pool({ connectionString: relay.url, max: 4 });
    pool.on('error', () => {});
    const log = createLogger('writer-test', 'silent');
    const metrics = createIngestMetrics();
    const writer = new EventWriter({
      pool, publisher: new EventPublisher({ pubsub: createMemoryPubSub(), log, metrics }), log, metrics,
      lanes: 1, batchMax: 100, batchWaitMs: 50, queueMax: 1000, onBackpressure: () => {},
    });
    const chat = (text: string) => acceptedEventOf({ type: 'chat', character_name: 'Split', channel: 'General', text });
    // The writer's own code throws on this one: its batch is halved, and the first half, two chat lines, committed alone.
    const poisoned: AcceptedEvent = Object.defineProperty(alteredEvent(acceptedEventOf({ type: 'quest', character_name: 'Split', quests: [] }), {}), 'frame', {
      get: () => {
        throw new TypeError('poisoned quest');
      },
    });
    try {
      const cut = relay.arm();
      for (const event of [chat('one'), chat('two'), poisoned, chat('three')]) writer.enqueue(event);
      await cut;
      await writer.close();
      const direct = new pg.Pool({ connectionString: database.url, max: 1 });
      try {
        expect((await direct.query(`SELECT text FROM chat_messages ORDER BY text`)).rows).toEqual([{ text: 'one' }, { text: 'three' }, { text: 'two' }]);
        expect((await direct.query(`SELECT frame_type FROM undeliverable_events`)).rows).toEqual([{ frame_type: 'quest' }]);
      } finally {
        await direct.end();
      }
      expect((await metrics.eventsCommittedUnseen.get()).values[0]?.value).toBe(2);
      expect((await metrics.eventsWritten.get()).values[0]?.value).toBe(3);
    } finally {
      await pool.end();
      await relay.close();
      await database.drop();
    }
  }, 60_000);
});
