import { parse, type FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { recordingPubSub } from '@lifestone/test-kit/recording-pubsub';
import { createPool, type Pool } from '../db/index.js';
import { createLogger } from '../log/index.js';
import { createMemoryPubSub } from '../pubsub/memory.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from './identity.js';
import { MAX_QUEUED, subscriberOverflows } from './push-iterator.js';

/** The subgraph's stall time here (LIFESTONE_SUBSCRIBER_STALL_MS): short, so that the test does not wait the default 30 s. */
const STALL_MS = 1_000;
vi.stubEnv('LIFESTONE_SUBSCRIBER_STALL_MS', String(STALL_MS));
import { startSubgraph, type RunningSubgraph } from './subgraph.js';
import { subscribeTopics } from './subscription.js';

const secret = 'slow-subscriber-secret';
const viewer: Identity = { kind: 'token', id: '3', name: 'slow-reader', role: 'viewer' };
/** The memory pubsub, recording the subscriptions open on it. */
const pubsub = recordingPubSub(createMemoryPubSub());
/** Every event's resolution waits on this, as it would on a database that stopped answering. */
let stalled: Promise<void> = Promise.resolve();
let database: TestDatabase;
let pool: Pool;
let subgraph: RunningSubgraph;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 'slow-subscriber-test', 1);
  subgraph = await startSubgraph(
    {
      name: 'telemetry',
      typeDefs: parse('type Query { one: Int! } type Subscription { ticks: Int! }'),
      resolvers: {
        Query: { one: () => 1 },
        Subscription: {
          ticks: {
            subscribe: () => subscribeTopics(pubsub, ['test.ticks'], (message) => Number(message.payload)),
            resolve: async (tick: number) => {
              await stalled;
              return tick;
            },
          },
        },
      },
    },
    { pool, pubsub, log: createLogger('slow-subscriber-test', 'silent'), internalSecret: secret },
  );
});
afterAll(async () => {
  await subgraph?.close();
  await pool?.end();
  await database?.drop();
});

it('ends a subscription that falls more than MAX_QUEUED values behind with SUBSCRIBER_TOO_SLOW, rather than dropping values unannounced', async () => {
  const client = createClient({ url: subgraph.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: () => ({ [IDENTITY_HEADER]: signIdentity(viewer, secret, { use: 'ws', subgraph: 'telemetry' }) }) });
  const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  let completed = false;
  client.subscribe({ query: 'subscription { ticks }' }, { next: (result) => results.push(result), error: (error) => results.push({ errors: [error as never] }), complete: () => (completed = true) });
  await vi.waitFor(() => expect(pubsub.active()).toHaveLength(1));

  let resume: () => void = () => {};
  stalled = new Promise((resolve) => (resume = resolve));
  const before = subscriberOverflows().tooSlow;
  // The first tick's resolution stalls; the next MAX_QUEUED + 1 wait behind it, one more than the queue holds.
  await pubsub.publishMany(Array.from({ length: MAX_QUEUED + 2 }, (_, tick) => ({ topic: 'test.ticks', key: 'k', payload: String(tick) })));
  // The subscriber takes nothing: it is ended once STALL_MS passed.
  await vi.waitFor(() => expect(subscriberOverflows().tooSlow).toBe(before + 1), { timeout: STALL_MS + 3_000 });
  // It lets go of the pubsub at once, not when the stalled resolution ends.
  await vi.waitFor(() => expect(pubsub.active()).toHaveLength(0));
  resume();

  await vi.waitFor(() => expect(completed).toBe(true));
  expect(results).toEqual([
    { data: { ticks: 0 } },
    {
      errors: [
        {
          message: `This subscription fell more than ${MAX_QUEUED} values behind and was ended so that no value is lost unannounced: subscribe again, and fill the gap from the queries' history.`,
          extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: MAX_QUEUED },
        },
      ],
    },
  ]);
  await client.dispose();
});

it('refuses to start with a malformed LIFESTONE_SUBSCRIBER_STALL_MS, rather than failing each subscription later', async () => {
  vi.stubEnv('LIFESTONE_SUBSCRIBER_STALL_MS', 'soon');
  try {
    await expect(startSubgraph({ name: 'telemetry', typeDefs: parse('type Query { one: Int! }'), resolvers: { Query: { one: () => 1 } } }, { pool, pubsub, log: createLogger('slow-subscriber-test', 'silent'), internalSecret: secret }))
      .rejects.toThrow('LIFESTONE_SUBSCRIBER_STALL_MS must be a non-negative integer, got "soon"');
  } finally {
    vi.stubEnv('LIFESTONE_SUBSCRIBER_STALL_MS', String(STALL_MS));
  }
});
