import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReadBacks } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { publishedPayload } from '@lifestone/lib/published';
import { topics, type PubSub } from '@lifestone/lib/pubsub';
import { createRedisPubSub } from '@lifestone/lib/pubsub/redis';
import { uniqueSuffix } from '@lifestone/test-kit/pubsub-contract';
import { useTestPool } from '@lifestone/test-kit/database';
import { cutRedisClients, withRedis } from '@lifestone/test-kit/redis';
import { storedPositionsSince } from '../sql.js';
import { LiveFeeds, storedPositionsOf } from '../subscriptions.js';

/**
 * The live feeds when Redis cuts the subgraph's subscriber connection (as it
 * does past its client-output-buffer-limit pubsub): what was published
 * meanwhile is lost to them, so `events` and `alerts` end with
 * LIVE_FEED_INTERRUPTED for their clients to read it back; `positions` goes on,
 * and reads back the positions stored meanwhile.
 */
describe.skipIf(!process.env.REDIS_URL)('the live feeds when the pubsub loses messages', () => {
  const name = `telemetry-feeds-${uniqueSuffix()}`;
  let pubsub: PubSub;
  const test = useTestPool();

  beforeAll(async () => {
    pubsub = await createRedisPubSub({ url: process.env.REDIS_URL as string, name, onError: () => {} });
  });
  afterAll(async () => {
    await pubsub?.close();
  });

  it('end every events and alerts subscription with LIVE_FEED_INTERRUPTED, and leave positions going', async () => {
    const feeds = new LiveFeeds(10).of(pubsub, createLogger('feed-gaps-test', 'silent'));
    const chat = await feeds.events.open(['chat'], ['Mira']);
    const everything = await feeds.events.open(['chat', 'vitals'], null);
    const alerts = await feeds.alerts.open(null, null);
    const positions = await feeds.positions.open(null);
    const pending = [chat, everything, alerts].map((feed) => feed.next().catch((error: unknown) => error));

    expect(await withRedis((redis) => cutRedisClients(redis, `${name}:sub`))).toBe(1);
    for (const ended of await Promise.all(pending)) expect(ended).toMatchObject({ extensions: { code: 'LIVE_FEED_INTERRUPTED' } });
    for (const feed of [chat, everything, alerts]) expect(await feed.next()).toEqual({ value: undefined, done: true });

    // Positions still arrive once the subscriber is back.
    const next = positions.next();
    await expect.poll(() => pubsub.up, { timeout: 10_000 }).toBe(true);
    const telemetry = { type: 'telemetry', character_name: 'Mira', timestamp: new Date().toISOString(), ew: 1, ns: 2, z: 0 };
    await pubsub.publish({ topic: topics.event('telemetry'), key: 'Mira', payload: publishedPayload(new Date(), JSON.stringify(telemetry).slice(1, -1)) });
    expect((await next).value?.positions.map((moved: { character: string }) => moved.character)).toEqual(['Mira']);
    await positions.return?.();
  });
  it('reads back, after a gap, each position stored meanwhile that is newer than the last one sent', async () => {
    const { pool } = test;
    const feeds = new LiveFeeds(10).of(pubsub, createLogger('feed-gaps-test', 'silent'), async (since, names) => storedPositionsOf(await storedPositionsSince(pool, since, names)));
    const positions = await feeds.positions.open(['Tove', 'Bo', 'Quiet']);
    const sent = Date.now();
    const telemetry = (character: string, ew: number, at: number): Promise<void> => pubsub.publish({
      topic: topics.event('telemetry'),
      key: character,
      payload: publishedPayload(new Date(), JSON.stringify({ type: 'telemetry', character_name: character, timestamp: new Date(at).toISOString(), ew, ns: 2, z: 0 }).slice(1, -1)),
    });
    const store = (character: string, ew: number, at: number, seen = new Date()): Promise<unknown> => pool.query(
      `INSERT INTO live_characters (character_name, last_seen_at, position_at, ew, ns, z) VALUES ($1, $2, $3, $4, 2, 0)
       ON CONFLICT (character_name) DO UPDATE SET last_seen_at = excluded.last_seen_at, position_at = excluded.position_at, ew = excluded.ew`,
      [character, seen, new Date(at), ew],
    );
    const moves = async (): Promise<string[]> => ((await positions.next()).value?.positions ?? []).map((moved: { character: string; position: { ew: number } }) => `${moved.character} ${moved.position.ew}`);
    await telemetry('Tove', 1, sent);
    await telemetry('Bo', 9, sent + 2_000);
    const first: string[] = [];
    // One batch or two, as the ticks fall.
    while (first.length < 2) first.push(...(await moves()));
    expect(first.sort()).toEqual(['Bo 9', 'Tove 1']);

    const before = { ...gapReadBacks() };
    expect(await withRedis((redis) => cutRedisClients(redis, `${name}:sub`))).toBe(1);
    // Read back five times over the minute after the gap: /metrics says how many reads are still to come.
    await expect.poll(() => gapReadBacks().pending - before.pending).toBe(5);
    // What ingest accepted and stored while the subscriber was cut: Tove moved on; Bo's row is older than what was sent
    // (a frame accepted after it is on its way live); Quiet was last seen long before the gap, so nothing of it was lost.
    await store('Tove', 5, sent + 1_000);
    await store('Bo', 8, sent + 1_000);
    await store('Quiet', 7, sent - 60_000, new Date(Date.now() - 60_000));

    expect(await moves()).toEqual(['Tove 5']);
    expect(gapReadBacks().pending - before.pending).toBe(4);
    expect(gapReadBacks().sent - before.sent).toBe(1);
    await positions.return?.();
  });
});
