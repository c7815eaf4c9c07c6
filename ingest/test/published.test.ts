import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { topics, type PubSubMessage } from '../../lib/pubsub/index.js';
import { usePluginSession } from '@lifestone/test-kit/plugin-session';

describe('what ingest publishes', () => {
  const session = usePluginSession();

  it('telemetry reaches the positions topic as soon as it is accepted, and its event topic, with the same payload, once committed', async () => {
    const heard: Record<'positions' | 'events', PubSubMessage[]> = { positions: [], events: [] };
    const subscriptions = await Promise.all([
      session.stack.pubsub.subscribe(topics.positions, (message) => void heard.positions.push(message)),
      session.stack.pubsub.subscribe(topics.event('telemetry'), (message) => void heard.events.push(message)),
    ]);
    // Hold the telemetry table so that ingest cannot commit.
    const blocker = await session.stack.db.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE telemetry_events IN ACCESS EXCLUSIVE MODE');
    try {
      session.plugin.send({ type: 'telemetry', character_name: 'Early Bird', timestamp: '2026-03-01T10:00:00Z', ew: '12.5', ns: -3, z: 7, heading: 90, landblock: 'a9b40019', note: 'kept' });
      await vi.waitFor(() => expect(heard.positions).toHaveLength(1));
      await sleep(100);
      expect(heard.events).toEqual([]);
    } finally {
      await blocker.query('COMMIT');
      blocker.release();
    }
    await session.stack.ingest.flush();
    await vi.waitFor(() => expect(heard.events).toHaveLength(1));

    const [position] = heard.positions as [PubSubMessage];
    expect(position.key).toBe('Early Bird');
    expect(heard.events[0]).toEqual({ topic: topics.event('telemetry'), key: 'Early Bird', payload: position.payload });
    // The frame as stored: coerced, normalised, unknown fields in `extra`, received_at first.
    const { rows } = await session.stack.db.query<{ received_at: Date }>(`SELECT received_at FROM telemetry_events WHERE character_name = 'Early Bird'`);
    const payload = JSON.parse(position.payload) as Record<string, unknown>;
    expect(Object.keys(payload)[0]).toBe('received_at');
    expect(payload).toMatchObject({
      received_at: rows[0]?.received_at.toISOString(),
      type: 'telemetry',
      character_name: 'Early Bird',
      timestamp: '2026-03-01T10:00:00.000Z',
      ew: 12.5,
      ns: -3,
      landblock: '0xA9B40019',
      extra: { note: 'kept' },
    });
    await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
  });

  it('other events are published only once committed, on their own topic', async () => {
    const heard: PubSubMessage[] = [];
    const positions: PubSubMessage[] = [];
    const subscriptions = await Promise.all([
      session.stack.pubsub.subscribe(topics.event('chat'), (message) => void heard.push(message)),
      session.stack.pubsub.subscribe(topics.positions, (message) => void positions.push(message)),
    ]);
    const blocker = await session.stack.db.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE chat_messages IN ACCESS EXCLUSIVE MODE');
    try {
      session.plugin.send({ type: 'chat', character_name: 'Early Bird', channel: 'General', text: 'not yet' });
      await sleep(150);
      expect(heard).toEqual([]);
    } finally {
      await blocker.query('COMMIT');
      blocker.release();
    }
    await session.stack.ingest.flush();
    await vi.waitFor(() => expect(heard).toHaveLength(1));
    expect(JSON.parse((heard[0] as PubSubMessage).payload)).toMatchObject({ type: 'chat', text: 'not yet' });
    expect(positions).toEqual([]);
    await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
  });
});
