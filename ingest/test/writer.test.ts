import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import { createMemoryPubSub } from '../../lib/pubsub/memory.js';
import { parseFrameObject, type Frame } from '../../lib/protocol/index.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { decodedOf, eventOf } from '../src/decode/decode.js';
import { AcceptedEvent } from '../src/event.js';
import { createIngestMetrics } from '../src/metrics.js';
import { EventWriter } from '../src/writer.js';

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

/** The accepted event of a frame, as ingest makes it when it decodes one. */
function eventOfFrame(frame: Frame): AcceptedEvent {
  const receivedAt = new Date();
  return eventOf(decodedOf(frame, receivedAt), receivedAt, 't');
}

function accepted(wire: object): Frame {
  const result = parseFrameObject(wire, new Date());
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.frame;
}

describe('the writer', () => {
  it('keeps an event PostgreSQL refuses in undeliverable_events and writes the rest of its batch', async () => {
    const metrics = createIngestMetrics();
    const writer = new EventWriter({
      pool, pubsub: createMemoryPubSub(), log: createLogger('writer-test', 'silent'), metrics,
      lanes: 1, batchMax: 100, batchWaitMs: 50, queueMax: 1000, onBackpressure: () => {},
    });
    const chat = (text: string) => accepted({ type: 'chat', character_name: 'Writer', channel: 'General', text, color: 0 });
    const overflowing = { ...accepted({ type: 'telemetry', character_name: 'Writer', ew: 1, ns: 2, z: 3 }), kills: 3_000_000_000 } as Frame;
    for (const frame of [chat('one'), overflowing, chat('two'), chat('three')]) writer.enqueue(eventOfFrame(frame));
    await writer.close();
    expect((await pool.query(`SELECT text FROM chat_messages ORDER BY text`)).rows.map((r) => r.text)).toEqual(['one', 'three', 'two']);
    const { rows } = await pool.query(`SELECT frame_type, (frame::jsonb)->>'kills' AS kills, error FROM undeliverable_events`);
    expect(rows).toEqual([{ frame_type: 'telemetry', kills: '3000000000', error: expect.stringContaining('out of range') }]);
    expect((await metrics.eventsUndeliverable.get()).values[0]?.value).toBe(1);
    expect((await metrics.eventsWritten.get()).values[0]?.value).toBe(3);
  });

  it('keeps an event its own code fails on in undeliverable_events, writes its neighbours, and goes on', async () => {
    const metrics = createIngestMetrics();
    const committed: number[] = [];
    const writer = new EventWriter({
      pool, pubsub: createMemoryPubSub(), log: createLogger('writer-test', 'silent'), metrics,
      lanes: 1, batchMax: 100, batchWaitMs: 50, queueMax: 1000, onBackpressure: () => {},
      onCommitted: (events) => {
        committed.push(events.length);
        throw new Error('a listener that fails');
      },
    });
    const chat = (text: string) => eventOfFrame(accepted({ type: 'chat', character_name: 'Poisoned', channel: 'General', text }));
    // Events whose frame cannot be read back from their payload: the writer's per-frame work throws on them.
    const unreadable = (type: 'full_inventory' | 'character_stats') =>
      new AcceptedEvent(type, 'Poisoned', null, new Date(), 't', `{"received_at":"2026-11-21T10:00:00.000Z","type":"${type}",`, {});
    for (const event of [chat('one'), unreadable('character_stats'), chat('two'), unreadable('full_inventory'), chat('three')]) writer.enqueue(event);
    await writer.flush();
    writer.enqueue(chat('four'));
    await writer.close();
    expect((await pool.query(`SELECT text FROM chat_messages WHERE character_name = 'Poisoned' ORDER BY text`)).rows.map((r) => r.text)).toEqual(['four', 'one', 'three', 'two']);
    const { rows } = await pool.query(`SELECT frame_type, frame, error FROM undeliverable_events WHERE frame LIKE '%"type":"character_stats",' OR frame LIKE '%"type":"full_inventory",' ORDER BY frame_type`);
    expect(rows).toEqual([
      { frame_type: 'character_stats', frame: '{"type":"character_stats",', error: expect.stringContaining('JSON') },
      { frame_type: 'full_inventory', frame: '{"type":"full_inventory",', error: expect.stringContaining('JSON') },
    ]);
    // Every batch was told, though the listener threw each time.
    expect(committed.reduce((sum, n) => sum + n, 0)).toBe(6);
  });

  it('stops reading (backpressure) when the queue is full and resumes once it drains', async () => {
    const signals: boolean[] = [];
    const writer = new EventWriter({
      pool, pubsub: createMemoryPubSub(), log: createLogger('writer-test', 'silent'), metrics: createIngestMetrics(),
      lanes: 2, batchMax: 10, batchWaitMs: 1, queueMax: 50, onBackpressure: (paused) => signals.push(paused),
    });
    for (let i = 0; i < 200; i++) {
      writer.enqueue(eventOfFrame(accepted({ type: 'spawn', character_name: 'Pressure', monster_name: `Drudge ${i}`, ew: 0, ns: 0, z: 0 })));
    }
    expect(signals).toEqual([true]);
    await writer.close();
    expect(signals).toEqual([true, false]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM spawn_events WHERE character_name = 'Pressure'`)).rows[0].n).toBe(200);
  });
});
