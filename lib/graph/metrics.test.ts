import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { createPool, type Pool } from '../db/index.js';
import { createLogger } from '../log/index.js';
import { createMemoryPubSub } from '../pubsub/memory.js';
import { GraphErrorCode, graphError } from './errors.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from './identity.js';
import { operationLabel } from './metrics.js';
import { PushIterator } from './push-iterator.js';
import { gapReadBackScheduled } from './read-backs.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';
import { subscribeTopics } from './subscription.js';

/** The stall time of the never-reading subscriber below. */
const STALL_MS = 300;

const secret = 'metrics-test-secret';
const viewer: Identity = { kind: 'token', id: '1', name: 'scraper-test', role: 'viewer' };
let database: TestDatabase;
let pool: Pool;
let subgraph: RunningSubgraph;
const pubsub = createMemoryPubSub();

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 'metrics-test', 1);
  subgraph = await startSubgraph(
    {
      name: 'combat',
      typeDefs: parse(`
        type Query { one: Int! broken: Int! }
        type Subscription { ticks: Int! }
      `),
      resolvers: {
        Query: { one: () => 1, broken: () => { throw graphError(GraphErrorCode.NOT_FOUND, 'nothing here'); } },
        Subscription: { ticks: { subscribe: () => subscribeTopics(pubsub, ['test.ticks'], (message) => Number(message.payload)), resolve: (n: number) => n } },
      },
    },
    { pool, pubsub, log: createLogger('metrics-test', 'silent'), internalSecret: secret, metricsToken: 'scrape-me' },
  );
});
afterAll(async () => {
  await subgraph?.close();
  await pool?.end();
  await database?.drop();
});

async function query(text: string): Promise<void> {
  const body = JSON.stringify({ query: text });
  await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(viewer, secret, { use: 'http', subgraph: 'combat', method: 'POST', operation: body }) }, body });
}

const metrics = async (token = 'scrape-me'): Promise<{ status: number; text: string }> => {
  const response = await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
};

it('names an operation by its root fields', () => {
  expect(operationLabel(parse('query Mine { b: one broken one }'))).toBe('broken+one');
  expect(operationLabel(parse('{ ...F } fragment F on Query { one }'))).toBe('anonymous');
  expect(operationLabel(undefined)).toBe('anonymous');
});

it('counts operations, their latency and errors per operation, and subscriptions running, behind the metrics token', async () => {
  await query('{ one }');
  await query('{ one }');
  await query('{ broken }');
  const client = createClient({
    url: subgraph.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0,
    connectionParams: { [IDENTITY_HEADER]: signIdentity(viewer, secret, { use: 'ws', subgraph: 'combat' }) },
  });
  let ticks = 0;
  const stop = client.subscribe({ query: 'subscription { ticks }' }, { next: () => void ticks++, error: () => {}, complete: () => {} });
  await vi.waitFor(async () => {
    if (ticks === 0) await pubsub.publish({ topic: 'test.ticks', key: '', payload: '1' });
    expect(ticks).toBeGreaterThan(0);
  });

  expect((await metrics('wrong')).status).toBe(401);
  const first = await metrics();
  expect(first.status).toBe(200);
  let text = first.text;
  expect(text).toContain('lifestone_subgraph_operations_total{type="query",operation="one",outcome="ok",subgraph="combat"} 2');
  expect(text).toContain('lifestone_subgraph_operations_total{type="query",operation="broken",outcome="error",subgraph="combat"} 1');
  expect(text).toContain('lifestone_subgraph_errors_total{operation="broken",code="NOT_FOUND",subgraph="combat"} 1');
  expect(text).toContain('lifestone_subgraph_operation_duration_seconds_count{subgraph="combat",type="query",operation="one"} 2');
  expect(text).toContain('lifestone_subgraph_subscriptions{operation="ticks",subgraph="combat"} 1');

  stop();
  await client.dispose();
  await vi.waitFor(async () => {
    ({ text } = await metrics());
    expect(text).toContain('lifestone_subgraph_subscriptions{operation="ticks",subgraph="combat"} 0');
  });
  expect(text).toContain('lifestone_subgraph_subscriptions_started_total{operation="ticks",subgraph="combat"} 1');
});

it('counts the subscriptions this process ended for a subscriber not keeping up, and the values it coalesced', async () => {
  const counter = async (name: string): Promise<number> => {
    const line = (await metrics()).text.split('\n').find((row) => row.startsWith(name));
    return Number(line?.split(' ').at(-1));
  };
  const tooSlow = 'lifestone_subgraph_process_subscriptions_too_slow_total';
  const coalesced = 'lifestone_subgraph_process_subscription_values_coalesced_total';
  const [slowBefore, coalescedBefore] = [await counter(tooSlow), await counter(coalesced)];
  expect(slowBefore).toBeGreaterThanOrEqual(0);
  // Subscribers that never read, with room for two: a feed of events ends at the third value; a feed of states folds what waits into one (three values, then three again).
  const events = new PushIterator<number>(() => {}, { maxQueued: 2, stallMs: STALL_MS });
  const states = new PushIterator<number>(() => {}, { maxQueued: 2, coalesce: (_older, newer) => newer });
  for (let value = 0; value < 5; value++) {
    events.push(value);
    states.push(value);
  }
  // Ended once its timer finds it stalled for stallMs: on a busy machine the timer may fire late.
  await expect.poll(() => counter(tooSlow), { timeout: STALL_MS + 10_000, interval: 100 }).toBe(slowBefore + 1);
  expect(await counter(coalesced)).toBe(coalescedBefore + 4);
  await expect(events.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
  expect(await states.next()).toEqual({ value: 4, done: false });
});

it('tells the positions read-backs still to come after a gap, and counts what they sent', async () => {
  const value = async (name: string): Promise<number> => Number((await metrics()).text.split('\n').find((row) => row.startsWith(name))?.split(' ').at(-1));
  const pending = 'lifestone_subgraph_process_positions_read_backs_pending';
  const sent = 'lifestone_subgraph_process_positions_read_back_total';
  const before = { pending: await value(pending), sent: await value(sent) };
  const done = gapReadBackScheduled();
  expect(await value(pending)).toBe(before.pending + 1);
  done(3);
  done(3);
  expect(await value(pending)).toBe(before.pending);
  expect(await value(sent)).toBe(before.sent + 3);
});
