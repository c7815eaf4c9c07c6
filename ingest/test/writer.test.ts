import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import { createMemoryPubSub } from '../../lib/pubsub/memory.js';
import { useTestPool } from '@lifestone/test-kit/database';
import type { AcceptedEvent, EventOf } from '../src/accepted-event.js';
import { createIngestMetrics } from '../src/metrics.js';
import { EventPublisher } from '../src/publisher.js';
import { EventWriter } from '../src/writer.js';
import { DEFAULT_ALERT_SETTINGS } from '../src/alerts/detect.js';
import { createLaneMemory, writeBatch } from '../src/store/index.js';
import { acceptedEventOf, alteredEvent } from './events.js';
import { recordStatements } from './statements.js';

const db = useTestPool(4);

const log = createLogger('writer-test', 'silent');
const publisher = () => new EventPublisher({ pubsub: createMemoryPubSub(), log, metrics: createIngestMetrics() });

describe('the writer', () => {
  it('keeps an event PostgreSQL refuses in undeliverable_events and writes the rest of its batch', async () => {
    const metrics = createIngestMetrics();
    const writer = new EventWriter({
      pool: db.pool, publisher: publisher(), log, metrics,
      lanes: 1, batchMax: 100, batchWaitMs: 50, queueMax: 1000, onBackpressure: () => {},
    });
    const chat = (text: string) => acceptedEventOf({ type: 'chat', character_name: 'Writer', channel: 'General', text, color: 0 });
    // Counters past a 32-bit column, which the parser refuses first: what PostgreSQL refuses, made by hand.
    const decoded = acceptedEventOf({ type: 'telemetry', character_name: 'Writer', ew: 1, ns: 2, z: 3, kills: 2_147_483_647 }) as EventOf<'telemetry'>;
    const overflow = (text: string) => text.replace('2147483647', '3000000000');
    const overflowing = alteredEvent(decoded, { payload: overflow(decoded.payload), live: overflow(decoded.live), row: Buffer.from(overflow(Buffer.from(decoded.row).toString())) });
    for (const event of [chat('one'), overflowing, chat('two'), chat('three')]) writer.enqueue(event);
    await writer.close();
    expect((await db.pool.query(`SELECT text FROM chat_messages ORDER BY text`)).rows.map((r) => r.text)).toEqual(['one', 'three', 'two']);
    const { rows } = await db.pool.query(`SELECT frame_type, (frame::jsonb)->>'kills' AS kills, error FROM undeliverable_events`);
    expect(rows).toEqual([{ frame_type: 'telemetry', kills: '3000000000', error: expect.stringContaining('out of range') }]);
    expect((await metrics.eventsUndeliverable.get()).values[0]?.value).toBe(1);
    expect((await metrics.eventsWritten.get()).values[0]?.value).toBe(3);
    // Telemetry went out when it was accepted: a subscriber saw what is not stored.
    expect((await metrics.publishedNotStored.get()).values).toEqual([{ labels: { reason: 'refused' }, value: 1 }]);
  });

  it('keeps an event its own code fails on in undeliverable_events, writes its neighbours, and goes on', async () => {
    const metrics = createIngestMetrics();
    const committed: number[] = [];
    const writer = new EventWriter({
      pool: db.pool, publisher: publisher(), log, metrics,
      lanes: 1, batchMax: 100, batchWaitMs: 50, queueMax: 1000, onBackpressure: () => {},
      onCommitted: (events) => {
        committed.push(events.length);
        throw new Error('a listener that fails');
      },
    });
    const chat = (text: string) => acceptedEventOf({ type: 'chat', character_name: 'Poisoned', channel: 'General', text });
    // Events whose frame the writer's own code throws on when it reads it.
    const poisoned = (wire: { type: 'quest' | 'nearby_objects'; quests?: []; objects?: [] }): AcceptedEvent =>
      Object.defineProperty(alteredEvent(acceptedEventOf({ character_name: 'Poisoned', ...wire }), {}), 'frame', {
        get: () => {
          throw new TypeError(`poisoned ${wire.type}`);
        },
      });
    const events = [chat('one'), poisoned({ type: 'nearby_objects', objects: [] }), chat('two'), poisoned({ type: 'quest', quests: [] }), chat('three')];
    for (const event of events) writer.enqueue(event);
    await writer.flush();
    writer.enqueue(chat('four'));
    await writer.close();
    expect((await db.pool.query(`SELECT text FROM chat_messages WHERE character_name = 'Poisoned' ORDER BY text`)).rows.map((r) => r.text)).toEqual(['four', 'one', 'three', 'two']);
    const { rows } = await db.pool.query(`SELECT frame_type, (frame::jsonb)->>'character_name' AS character, error FROM undeliverable_events WHERE error LIKE 'poisoned %' ORDER BY frame_type`);
    expect(rows).toEqual([
      { frame_type: 'nearby_objects', character: 'Poisoned', error: 'poisoned nearby_objects' },
      { frame_type: 'quest', character: 'Poisoned', error: 'poisoned quest' },
    ]);
    // Of the two, only the radar frame had been published when accepted.
    expect((await metrics.publishedNotStored.get()).values).toEqual([{ labels: { reason: 'refused' }, value: 1 }]);
    // Every batch was told, though the listener threw each time.
    expect(committed.reduce((sum, n) => sum + n, 0)).toBe(6);
  });

  it('reports its queue by lane group: which kind of write is behind', async () => {
    const metrics = createIngestMetrics();
    const depths = async () => new Map((await metrics.queueDepth.get()).values.map((sample) => [sample.labels.lanes, sample.value]));
    const writer = new EventWriter({
      pool: db.pool, publisher: publisher(), log, metrics,
      lanes: 1, batchMax: 10, batchWaitMs: 1, queueMax: 1000, onBackpressure: () => {},
    });
    // The characters' lane waits on a lock another session holds; the shared rows' lane commits meanwhile.
    const holder = await db.pool.connect();
    await holder.query('BEGIN; LOCK TABLE spawn_events IN EXCLUSIVE MODE');
    try {
      for (let i = 0; i < 25; i++) writer.enqueue(acceptedEventOf({ type: 'spawn', character_name: 'Behind', monster_name: `Drudge ${i}`, ew: 0, ns: 0, z: 0 }));
      const committed = writer.flush();
      writer.enqueue(acceptedEventOf({ type: 'portal', character_name: 'Behind', portal_name: 'Portal to Ayan Baqur', ew: 1, ns: 2, z: 5 }));
      await vi.waitFor(async () => expect(await depths()).toEqual(new Map([['characters', 25], ['inventories', 0], ['shared', 0]])));
      await holder.query('COMMIT');
      await committed;
    } finally {
      holder.release();
    }
    await writer.close();
    expect(await depths()).toEqual(new Map([['characters', 0], ['inventories', 0], ['shared', 0]]));
  });

  it('forgets the characters it is told logged out or went silent, and only them', async () => {
    const writer = new EventWriter({
      pool: db.pool, publisher: publisher(), log, metrics: createIngestMetrics(),
      lanes: 2, batchMax: 100, batchWaitMs: 1, queueMax: 1000, onBackpressure: () => {},
    });
    for (const who of ['Leaving', 'Staying']) {
      writer.enqueue(acceptedEventOf({ type: 'telemetry', character_name: who, session_id: 's1', timestamp: Date.now(), ew: 1, ns: 2, z: 0, kills: 3, deaths: 0 }));
    }
    await writer.flush();
    expect(writer.remembered).toBe(2);
    writer.forget(['Leaving', 'Never seen']);
    expect(writer.remembered).toBe(1);
    writer.forget(['Staying']);
    expect(writer.remembered).toBe(0);
    await writer.close();
  });

  it('stops reading (backpressure) when the queue is full and resumes once it drains', async () => {
    const signals: boolean[] = [];
    const writer = new EventWriter({
      pool: db.pool, publisher: publisher(), log, metrics: createIngestMetrics(),
      lanes: 2, batchMax: 10, batchWaitMs: 1, queueMax: 50, onBackpressure: (paused) => signals.push(paused),
    });
    for (let i = 0; i < 200; i++) {
      writer.enqueue(acceptedEventOf({ type: 'spawn', character_name: 'Pressure', monster_name: `Drudge ${i}`, ew: 0, ns: 0, z: 0 }));
    }
    expect(signals).toEqual([true]);
    await writer.close();
    expect(signals).toEqual([true, false]);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM spawn_events WHERE character_name = 'Pressure'`)).rows[0].n).toBe(200);
  });
});

/**
 * Two batches of `who`'s telemetry and vitals from `t0`: one kill and vitae at
 * 0%, then three more kills and vitae at 5%, a death.
 */
function deathBatches(who: string, t0: number): [AcceptedEvent[], AcceptedEvent[]] {
  const telemetry = (ms: number, kills: number) =>
    acceptedEventOf({ type: 'telemetry', character_name: who, session_id: 's1', timestamp: t0 + ms, ew: 1, ns: 2, z: 0, kills, deaths: 0 });
  const vitae = (ms: number, pct: number) =>
    acceptedEventOf({ type: 'vitals', character_name: who, session_id: 's1', timestamp: t0 + ms, health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: pct });
  return [[telemetry(0, 1), vitae(500, 0)], [telemetry(2_000, 4), vitae(2_500, 5)]];
}

describe("a batch's statements", () => {
  it('go in four round trips for a batch of telemetry and vitals, where they took nine', async () => {
    const T0 = Date.parse('2026-11-26T08:00:00.000Z');
    const events = ['Tripone', 'Triptwo', 'Tripthree'].flatMap((who, i) => [
      acceptedEventOf({ type: 'telemetry', character_name: who, session_id: 's1', timestamp: T0 + i, ew: 1, ns: 2, z: 0, kills: i, deaths: 0 }),
      acceptedEventOf({ type: 'vitals', character_name: who, session_id: 's1', timestamp: T0 + i + 1, health_pct: 90, stamina_pct: 100, mana_pct: 100, vitae_pct: 0 }),
    ]);
    const writer = new EventWriter({ pool: db.pool, publisher: publisher(), log, metrics: createIngestMetrics(), lanes: 1, batchMax: 100, batchWaitMs: 1_000, queueMax: 1000, onBackpressure: () => {} });
    // Settled first: the writer's pool connections, and the day's partitions (received before the batch, as it would be).
    writer.enqueue(acceptedEventOf({ type: 'chat', character_name: 'Tripone', channel: 'General', text: 'warm up' }, new Date(Date.now() - 60_000)));
    await writer.flush();
    const trips = vi.spyOn(pg.Client.prototype, 'query');
    try {
      for (const event of events) writer.enqueue(event);
      await writer.flush();
      expect(trips.mock.calls.length).toBe(4);
    } finally {
      trips.mockRestore();
      await writer.close();
    }
    const { rows } = await db.pool.query(`SELECT character_name, health_pct FROM live_characters WHERE character_name LIKE 'Trip%' ORDER BY 1`);
    expect(rows).toEqual([{ character_name: 'Tripone', health_pct: 90 }, { character_name: 'Tripthree', health_pct: 90 }, { character_name: 'Triptwo', health_pct: 90 }]);
  });

  it("take the alerts' lock in the COMMIT's round trip, and hand the alerts stored to the publisher", async () => {
    const who = 'Lockshort';
    const [first, dying] = deathBatches(who, Date.parse('2026-11-27T04:00:00.000Z'));
    const published: string[] = [];
    const writer = new EventWriter({
      pool: db.pool, publisher: { committed: (_events, alerts) => published.push(...alerts.map((alert) => `${alert.type} ${alert.character_name}`)) },
      log, metrics: createIngestMetrics(), lanes: 1, batchMax: 100, batchWaitMs: 1_000, queueMax: 1000, onBackpressure: () => {},
    });
    for (const event of first) writer.enqueue(event);
    await writer.flush();
    const trips = vi.spyOn(pg.Client.prototype, 'query');
    try {
      for (const event of dying) writer.enqueue(event);
      await writer.flush();
      const texts = trips.mock.calls.map(([query]) => String((query as { text?: string }).text ?? query));
      const locking = texts.filter((text) => text.includes('pg_advisory_xact_lock'));
      expect(locking).toHaveLength(1);
      expect(locking[0]).toMatch(/INSERT INTO alerts[\s\S]*; COMMIT$/);
      expect(texts.at(-1)).toBe(locking[0]);
    } finally {
      trips.mockRestore();
      await writer.close();
    }
    expect(published).toEqual([`DEATH ${who}`]);
    const { rows } = await db.pool.query('SELECT type FROM alerts WHERE character_name = $1', [who]);
    expect(rows).toEqual([{ type: 'DEATH' }]);
  });

  it("write the rows other transactions wait for last: a character's activity minute, then the alerts", async () => {
    const who = 'Lastwriter';
    const memory = createLaneMemory(0);
    const client = await db.pool.connect();
    const { statements, restore } = recordStatements(client);
    try {
      for (const events of deathBatches(who, Date.parse('2026-11-25T12:00:00.000Z'))) {
        statements.length = 0;
        await client.query('BEGIN');
        const { alerts, remember } = await writeBatch(client, events, memory, DEFAULT_ALERT_SETTINGS);
        // No pipeline here: the alerts' statements run at once, and are awaited before the COMMIT.
        const stored = await alerts;
        await client.query('COMMIT');
        remember();
        if (stored.length > 0) expect(stored.map((alert) => alert.type)).toEqual(['DEATH']);
      }
    } finally {
      restore();
      client.release();
    }
    // The second batch: a death, and three more kills in the minute the first batch wrote (one kill).
    const written = statements.slice(1, -1).map((text) => text.replace(/\s+/g, ' ').trim());
    expect(written.slice(-3).map((text) => text.slice(0, 40))).toEqual([
      'INSERT INTO activity_minutes AS a (chara',
      'SELECT pg_advisory_xact_lock($1)',
      'INSERT INTO alerts (type, character_name',
    ]);
    const { rows } = await db.pool.query('SELECT kills::int FROM activity_minutes WHERE character_name = $1', [who]);
    expect(rows).toEqual([{ kills: 4 }]);
  });
});
