import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack, type ResultStream, type TestStack } from '@lifestone/test-kit/stack';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import { metricValue } from '@lifestone/test-kit/http';

/**
 * Plugin frames in through ingest, out to subscribers through the gateway,
 * over graphql-ws and over SSE, with the subscriptions' filters holding.
 */

const TICK_MS = 300;
const larsson = 'Sir Larsson';
const mira = 'Mira.Dawn';

const EVENTS = `subscription ($types: [EventType!], $characters: [String!]) {
  events(types: $types, characters: $characters) {
    type character time sessionId
    payload { __typename ... on ChatPayload { channel sender text color } ... on VitalsPayload { vitals { healthPct } } }
  }
}`;
const POSITIONS = `subscription ($characters: [String!]) {
  positions(characters: $characters) { positions { character position { ew ns z } } }
}`;

interface EventResult {
  events: { type: string; character: string; time: string; sessionId: string | null; payload: Record<string, unknown> };
}
interface PositionsResult {
  positions: { positions: { character: string; position: { ew: number; ns: number; z: number } }[] };
}

let stack: TestStack;
let plugin: TestPlugin;
let viewer: string;
beforeAll(async () => {
  stack = await startTestStack({ positionsTickMs: TICK_MS });
  plugin = await stack.connectPlugin();
  viewer = (await stack.createToken('viewer', 'map viewer')).token;
});
afterAll(() => stack?.close());

const chat = (character: string, text: string, extra: object = {}) => ({ type: 'chat', character_name: character, channel: 'Trade', text, ...extra });

/**
 * Sends `probe` frames until the stream shows one: the subscription is then
 * live all the way to the subgraph's pubsub handler. Returns how many results
 * the stream had by then.
 */
async function untilLive<T>(stream: ResultStream<T>, probe: object, shows: (result: T | null | undefined) => boolean): Promise<number> {
  await vi.waitFor(
    async () => {
      if (stream.results.some((result) => shows(result.data))) return;
      await stack.send(plugin, [probe]);
      throw new Error(`the subscription never went live; received ${JSON.stringify(stream.results)}`);
    },
    { timeout: 10_000, interval: 50 },
  );
  return stream.results.length;
}

/** Sends chats and vitals of two characters; checks that `stream` gets exactly Larsson's two chats, with the values sent, after `from` results. */
async function expectFilteredEvents(stream: ResultStream<EventResult>, from: number): Promise<void> {
  await stack.send(plugin, [
    chat(larsson, 'WTB tapers', { timestamp: '2026-03-01T10:00:00.000Z', session_id: 'login-7', sender: 'Bael', color: 3 }),
    chat(mira, 'not for this subscriber'),
    { type: 'vitals', character_name: larsson, health_pct: 50, stamina_pct: 50, mana_pct: 50 },
    chat(larsson, 'last', { timestamp: '2026-03-01T10:00:02.000Z' }),
  ]);
  await stream.waitFor((result) => result.data?.events.payload.text === 'last');
  // A probe sent while the first was on its way may arrive after it.
  expect(stream.results.slice(from).filter((result) => result.data?.events.payload.text !== 'probe')).toEqual([
    {
      data: {
        events: {
          type: 'CHAT',
          character: larsson,
          time: '2026-03-01T10:00:00.000Z',
          sessionId: 'login-7',
          payload: { __typename: 'ChatPayload', channel: 'Trade', sender: 'Bael', text: 'WTB tapers', color: 3 },
        },
      },
    },
    {
      data: {
        events: {
          type: 'CHAT',
          character: larsson,
          time: '2026-03-01T10:00:02.000Z',
          sessionId: null,
          payload: { __typename: 'ChatPayload', channel: 'Trade', sender: null, text: 'last', color: null },
        },
      },
    },
  ]);
}

describe('events', () => {
  const variables = { types: ['CHAT'], characters: [larsson] };
  const isProbe = (data: EventResult | null | undefined) => data?.events.payload.text === 'probe';

  it('reaches a graphql-ws subscriber through the gateway, filtered by type and character', async () => {
    const stream = await stack.subscribeWs<EventResult>(EVENTS, variables, viewer);
    const from = await untilLive(stream, chat(larsson, 'probe'), isProbe);
    await expectFilteredEvents(stream, from);
  });

  it('reaches an SSE subscriber through the gateway, filtered by type and character', async () => {
    const stream = await stack.subscribeSse<EventResult>(EVENTS, variables, { token: viewer });
    const from = await untilLive(stream, chat(larsson, 'probe'), isProbe);
    await expectFilteredEvents(stream, from);
  });

  it('reaches a subscriber signed in with the session cookie over SSE', async () => {
    const stream = await stack.subscribeSse<EventResult>(EVENTS, { types: ['CHAT'], characters: [mira] }, { cookie: stack.adminCookie });
    await untilLive(stream, chat(mira, 'probe'), isProbe);
    expect(stream.results.every((result) => result.data?.events.character === mira)).toBe(true);
  });
});

describe('positions', () => {
  it('sends one batch per tick with the latest position of each character that moved, not one message per frame', async () => {
    const stream = await stack.subscribeWs<PositionsResult>(POSITIONS, { characters: [larsson, mira] }, viewer);
    const position = (character: string, ew: number) => ({ type: 'telemetry', character_name: character, ew, ns: -ew, z: 1 });
    await untilLive(stream, position(larsson, 0), (data) => Boolean(data?.positions.positions.length));
    // A quiet tick or two passes: nothing is sent when nothing moved.
    await sleep(2 * TICK_MS);
    const before = stream.results.length;
    await sleep(3 * TICK_MS);
    expect(stream.results.length).toBe(before);

    const burst = [1, 2, 3, 4, 5].flatMap((step) => [position(larsson, step), position(mira, 10 * step), position('Somebody Else', step)]);
    await stack.send(plugin, burst);
    await stream.waitFor((result) => result.data?.positions.positions.some((entry) => entry.character === mira && entry.position.ew === 50) ?? false);
    await sleep(3 * TICK_MS);

    const batches = stream.results.slice(before).map((result) => result.data?.positions.positions ?? []);
    // Fifteen frames, ten of them for the subscribed characters, in one tick (or two, when the burst straddles a tick).
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches.length).toBeLessThanOrEqual(2);
    for (const batch of batches) {
      const characters = batch.map((entry) => entry.character);
      expect(new Set(characters).size).toBe(characters.length);
      expect(characters.every((character) => character === larsson || character === mira)).toBe(true);
    }
    const last = batches.at(-1) ?? [];
    const latest = Object.fromEntries(batches.flat().map((entry) => [entry.character, entry.position]));
    expect(latest).toEqual({ [larsson]: { ew: 5, ns: -5, z: 1 }, [mira]: { ew: 50, ns: -50, z: 1 } });
    expect(last.length).toBeGreaterThan(0);
  });
});

describe('how the gateway runs a subscription', () => {
  interface ChangeResult {
    itemChanges: { action: string; itemId: string; character: { name: string; online?: boolean } };
  }
  const paths = async () => ({
    direct: await metricValue(stack.gateway.url, 'lifestone_gateway_subscription_executions_total{path="direct"}'),
    stitched: await metricValue(stack.gateway.url, 'lifestone_gateway_subscription_executions_total{path="stitched"}'),
  });

  it("hands a feed one subgraph answers to it whole, and plans one that needs another subgraph's field: both get the change", async () => {
    const before = await paths();
    const own = await stack.subscribeWs<ChangeResult>('subscription ($c: [String!]) { itemChanges(characters: $c) { action itemId character { name } } }', { c: [larsson] }, viewer);
    const joined = await stack.subscribeWs<ChangeResult>('subscription ($c: [String!]) { itemChanges(characters: $c) { action itemId character { name online } } }', { c: [larsson] }, viewer);
    await vi.waitFor(async () => expect(await paths()).toEqual({ direct: before.direct + 1, stitched: before.stitched + 1 }));

    // Telemetry knows the character, so that `online` (the telemetry subgraph's) has something to say.
    await stack.send(plugin, [chat(larsson, 'online now')]);
    const delta = (id: number) => ({ type: 'inventory_delta', character_name: larsson, action: 'add', item: { id, name: `Pack ${id}`, object_class: 'Container', container_id: 0 } });
    await vi.waitFor(
      async () => {
        if (own.results.length > 0 && joined.results.length > 0) return;
        await stack.send(plugin, [delta(100 + own.results.length + joined.results.length)]);
        throw new Error('no change reached both subscribers yet');
      },
      { timeout: 10_000, interval: 200 },
    );
    const first = own.results[0]?.data?.itemChanges;
    expect(first).toEqual({ action: 'ADD', itemId: expect.any(String), character: { name: larsson } });
    const stitched = joined.results.find((result) => result.data?.itemChanges.itemId === first?.itemId)?.data?.itemChanges;
    expect(stitched).toEqual({ ...first, character: { name: larsson, online: expect.any(Boolean) } });
    expect(own.results.every((result) => result.errors === undefined)).toBe(true);
  });
});
