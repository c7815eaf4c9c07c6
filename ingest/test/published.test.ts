import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { topics, type PubSubMessage } from '../../lib/pubsub/index.js';
import { usePluginSession } from '@lifestone/test-kit/plugin-session';

describe('what ingest publishes', () => {
  const session = usePluginSession();

  it('telemetry reaches its event topic once, as soon as it is accepted, and not again once committed', async () => {
    const heard: PubSubMessage[] = [];
    const subscription = await session.stack.pubsub.subscribe(topics.event('telemetry'), (message) => void heard.push(message));
    // Hold the telemetry table so that ingest cannot commit.
    const blocker = await session.stack.db.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE telemetry_events IN ACCESS EXCLUSIVE MODE');
    try {
      session.plugin.send({ type: 'telemetry', character_name: 'Early Bird', timestamp: '2026-03-01T10:00:00Z', ew: '12.5', ns: -3, z: 7, heading: 90, landblock: 'a9b40019', note: 'kept' });
      await vi.waitFor(() => expect(heard).toHaveLength(1));
    } finally {
      await blocker.query('COMMIT');
      blocker.release();
    }
    // Not published again once committed.
    await session.stack.ingest.flush();
    expect(heard).toHaveLength(1);

    const [message] = heard as [PubSubMessage];
    expect(message.topic).toBe(topics.event('telemetry'));
    expect(message.key).toBe('Early Bird');
    // The frame as stored: coerced, normalised, unknown fields in `extra`, received_at first.
    const { rows } = await session.stack.db.query<{ received_at: Date }>(`SELECT received_at FROM telemetry_events WHERE character_name = 'Early Bird'`);
    const payload = JSON.parse(message.payload) as Record<string, unknown>;
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
    await subscription.unsubscribe();
  });

  it('events of a live type are published when accepted and not again once committed; the others only once committed', async () => {
    const heard: PubSubMessage[] = [];
    const live = ['vitals', 'share_vitals', 'chat', 'nearby_objects', 'spawn'] as const;
    const subscriptions = await Promise.all(
      [...live, 'quest' as const].map((type) => session.stack.pubsub.subscribe(topics.event(type), (message) => void heard.push(message))),
    );
    const who = 'Early Riser';
    // Every transaction of the writer records its progress in writer_commits: holding it holds every commit.
    const blocker = await session.stack.db.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE writer_commits IN ACCESS EXCLUSIVE MODE');
    try {
      session.plugin.send({ type: 'quest', character_name: who, quests: [{ name: 'stored first', solves: 1 }] });
      session.plugin.send({ type: 'vitals', character_name: who, health_pct: 50, stamina_pct: 60, mana_pct: 70 });
      session.plugin.send({ type: 'share_vitals', character_name: who, group: 'Early', health_pct: 50, stamina_pct: 60, mana_pct: 70 });
      session.plugin.send({ type: 'chat', character_name: who, channel: 'General', text: 'before the commit' });
      session.plugin.send({ type: 'nearby_objects', character_name: who, objects: [] });
      session.plugin.send({ type: 'spawn', character_name: who, monster_name: 'Drudge', ew: 1, ns: 2, z: 0 });
      await vi.waitFor(() => expect(heard.map((message) => message.topic)).toEqual(live.map((type) => topics.event(type))));
      await sleep(100);
      expect(heard.filter((message) => message.topic === topics.event('quest'))).toEqual([]);
    } finally {
      await blocker.query('COMMIT');
      blocker.release();
    }
    await session.stack.ingest.flush();
    expect(heard.map((message) => message.topic)).toEqual([...live, 'quest'].map((type) => topics.event(type as 'quest')));
    expect(heard.every((message) => message.key === who)).toBe(true);
    expect(JSON.parse((heard[2] as PubSubMessage).payload)).toMatchObject({ type: 'chat', text: 'before the commit' });
    const { rows } = await session.stack.db.query<{ count: number }>('SELECT count(*)::int AS count FROM chat_messages WHERE character_name = $1', [who]);
    expect(rows).toEqual([{ count: 1 }]);
    await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
  });
});
