import { buildGraphQLWSExecutor } from '@graphql-tools/executor-graphql-ws';
import { OperationTypeNode, parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { createPool, type Pool } from '../db/index.js';
import { createLogger } from '../log/index.js';
import { createMemoryPubSub } from '../pubsub/memory.js';
import type { PubSub } from '../pubsub/types.js';
import type { SubgraphContext } from './context.js';
import { requireRole } from './errors.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from './identity.js';
import { BATCH_HEADER, batchBody, batchOperation, parseBatchAnswerLine } from './operation-batch.js';
import { startSubgraph, TRACE_HEADER, type RunningSubgraph, type SubgraphModule } from './subgraph.js';
import { subscribeTopics } from './subscription.js';

const secret = 'test-internal-secret';
const alice: Identity = { kind: 'user', id: '1', name: 'alice', role: 'viewer' };
const bob: Identity = { kind: 'token', id: '7', name: 'bob-bot', role: 'operator' };
const refusal = { errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] };
const log = createLogger('subgraph-test', 'silent');
const chatTopic = 'test.chat';

/** A small subgraph of the real shape: an entity, a query on PostgreSQL, a pubsub subscription, a role check. */
function testModule(): SubgraphModule {
  return {
    name: 'telemetry',
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
      type Character @key(fields: "name") {
        name: String!
        greeting: String!
      }
      type Query {
        one: Int!
        whoami: String!
        later(ms: Int!): Int!
      }
      type Mutation {
        shout: Boolean!
      }
      type Subscription {
        chat(character: String!): String!
        whoami: String!
      }
    `),
    resolvers: {
      Character: {
        __resolveReference: (reference: { name: string }) => ({ name: reference.name }),
        greeting: (character: { name: string }) => `hello ${character.name}`,
      },
      Query: {
        one: async (_root: unknown, _args: unknown, context: SubgraphContext) => {
          const { rows } = await context.pool.query<{ one: number }>('SELECT 1 AS one');
          return rows[0]?.one;
        },
        whoami: (_root: unknown, _args: unknown, context: SubgraphContext) => `${context.identity.name}:${context.identity.role}`,
        later: async (_root: unknown, args: { ms: number }) => {
          await new Promise((resolve) => setTimeout(resolve, args.ms));
          return args.ms;
        },
      },
      Mutation: {
        shout: (_root: unknown, _args: unknown, context: SubgraphContext) => {
          requireRole(context, 'operator', 'shout');
          return true;
        },
      },
      Subscription: {
        chat: {
          subscribe: (_root: unknown, args: { character: string }, context: SubgraphContext) =>
            subscribeTopics(context.pubsub, [chatTopic], (message) => (message.key === args.character ? message.payload : undefined)),
          resolve: (text: string) => text,
        },
        whoami: {
          subscribe: async function* (_root: unknown, _args: unknown, context: SubgraphContext) {
            yield context.identity.name;
          },
          resolve: (name: string) => name,
        },
      },
    },
  };
}

/** The pubsub, reporting each subscription once it is active, so a test publishes only when a subscriber can hear. */
function observedPubSub(inner: PubSub): PubSub & { subscribed(): Promise<void> } {
  let waiters: (() => void)[] = [];
  return {
    kind: inner.kind,
    publish: (message) => inner.publish(message),
    publishMany: (messages) => inner.publishMany(messages),
    close: () => inner.close(),
    async subscribe(topic, handler) {
      const subscription = await inner.subscribe(topic, handler);
      for (const wake of waiters) wake();
      waiters = [];
      return subscription;
    },
    subscribed: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

function signed(identity: Identity, now = Date.now()): Record<string, string> {
  return { [IDENTITY_HEADER]: signIdentity(identity, secret, now) };
}

/** The close code a raw graphql-ws connection gets after sending `connection_init` with `payload`. */
function closeCodeAfterInit(wsUrl: string, payload: unknown, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { headers });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.once('close', (code) => resolve(code));
    socket.once('error', reject);
  });
}

describe('startSubgraph', () => {
  let database: TestDatabase;
  let pool: Pool;
  let pubsub: ReturnType<typeof observedPubSub>;
  let subgraph: RunningSubgraph;
  const clients: Client[] = [];

  function wsClient(connectionParams: Record<string, unknown>, headers?: Record<string, string>): Client {
    const client = createClient({
      url: subgraph.wsUrl,
      connectionParams,
      retryAttempts: 0,
      webSocketImpl: headers
        ? class extends WebSocket {
            constructor(url: string, protocols: string | string[]) {
              super(url, protocols, { headers });
            }
          }
        : WebSocket,
    });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, 'subgraph-test', 2);
    pubsub = observedPubSub(createMemoryPubSub());
    subgraph = await startSubgraph(testModule(), { pool, pubsub, log, internalSecret: secret });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await subgraph?.close();
    await pubsub?.close();
    await pool?.end();
    await database?.drop();
  });

  it('answers a query signed by the gateway, with the caller in the context and data from PostgreSQL', async () => {
    expect(subgraph.url).toBe(`http://127.0.0.1:${subgraph.port}/graphql`);
    expect(subgraph.wsUrl).toBe(`ws://127.0.0.1:${subgraph.port}/graphql`);
    const result = await post(subgraph.url, { query: '{ one whoami }' }, signed(bob));
    expect(result).toEqual({ status: 200, body: { data: { one: 1, whoami: 'bob-bot:operator' } } });
  });

  it('refuses a request with a missing, forged, expired or tampered signature', async () => {
    const query = { query: '{ one }' };
    const forged = { [IDENTITY_HEADER]: signIdentity(bob, 'not-the-secret') };
    const expired = signed(bob, Date.now() - 6 * 60_000);
    const [body, signature] = signIdentity(alice, secret).split('.');
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), role: 'admin' })).toString('base64url');
    for (const headers of [{}, forged, expired, { [IDENTITY_HEADER]: `${promoted}.${signature}` }]) {
      expect(await post(subgraph.url, query, headers)).toEqual({ status: 401, body: refusal });
    }
    const get = await fetch(`${subgraph.url}?query=${encodeURIComponent('{ one }')}`);
    expect(get.status).toBe(401);
    expect(await get.json()).toEqual(refusal);
  });

  it('resolves entities and serves its SDL for composition', async () => {
    const entities = await post(
      subgraph.url,
      {
        query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Character { name greeting } } }',
        variables: { representations: [{ __typename: 'Character', name: 'Ashbringer' }, { __typename: 'Character', name: 'Mab' }] },
      },
      signed(alice),
    );
    expect(entities).toEqual({ status: 200, body: { data: { _entities: [{ name: 'Ashbringer', greeting: 'hello Ashbringer' }, { name: 'Mab', greeting: 'hello Mab' }] } } });
    const service = await post(subgraph.url, { query: '{ _service { sdl } }' }, signed(alice));
    const sdl = (service.body as { data: { _service: { sdl: string } } }).data._service.sdl;
    expect(sdl).toMatch(/type Character\s+@key\(fields: "name"\)/);
    expect(sdl).toContain('https://specs.apollo.dev/federation/v2.6');
  });

  it('keeps CSRF prevention on: a simple (non-preflighted) POST is refused', async () => {
    const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'text/plain', ...signed(alice) }, body: '{"query":"{ one }"}' });
    expect(response.status).toBe(400);
  });

  it('refuses a body over the size limit and a body that is not JSON', async () => {
    const tooLarge = await post(subgraph.url, { query: `{ one } #${'x'.repeat(1024 * 1024)}` }, signed(alice));
    expect(tooLarge).toEqual({ status: 413, body: { errors: [{ message: 'The request body is over 1048576 bytes.', extensions: { code: 'BAD_REQUEST' } }] } });
    const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed(alice) }, body: '{ nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses a mutation above the caller role with FORBIDDEN, a message a person can act on, and the trace id', async () => {
    const viewer = await post(subgraph.url, { query: 'mutation { shout }' }, { ...signed(alice), [TRACE_HEADER]: 'trace-42' });
    expect(viewer).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: 'shout needs the operator role; you are a viewer.',
            locations: [{ line: 1, column: 12 }],
            path: ['shout'],
            extensions: { code: 'FORBIDDEN', requiredRole: 'operator', role: 'viewer', traceId: 'trace-42' },
          },
        ],
      },
    });
    expect(await post(subgraph.url, { query: 'mutation { shout }' }, signed(bob))).toEqual({ status: 200, body: { data: { shout: true } } });
  });

  it('answers a batch: each operation as its own caller, with its own trace id, on a line of its own as soon as it is answered', async () => {
    const operations = [
      batchOperation(signIdentity(alice, secret), 'trace-a', JSON.stringify({ query: '{ later(ms: 300) }' })),
      batchOperation(signIdentity(alice, secret), 'trace-b', JSON.stringify({ query: '{ one whoami }' })),
      batchOperation(signIdentity(alice, secret), 'trace-c', JSON.stringify({ query: 'mutation { shout }' })),
      batchOperation(signIdentity(bob, secret), 'trace-d', JSON.stringify({ query: 'mutation { shout }' })),
      batchOperation(signIdentity(alice, secret), '', JSON.stringify({ query: '{ nope }' })),
      batchOperation(signIdentity(bob, 'forged'), 'trace-f', JSON.stringify({ query: '{ whoami }' })),
    ];
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed(alice), [BATCH_HEADER]: '6' },
      body: batchBody(operations),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get(BATCH_HEADER)).toBe('6');
    const lines = (await response.text()).split('\n');
    expect(lines.pop()).toBe('');
    const answers = lines.map((line) => {
      const parsed = parseBatchAnswerLine(line);
      return parsed && { index: parsed.index, status: parsed.status, body: JSON.parse(parsed.json) as unknown };
    });
    expect(answers.map((answer) => answer?.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // The slow operation, asked first, is answered last: it held up no other.
    expect(answers.at(-1)?.index).toBe(0);
    expect(answers).toContainEqual({ index: 0, status: 200, body: { data: { later: 300 } } });
    expect(answers).toContainEqual({ index: 1, status: 200, body: { data: { one: 1, whoami: 'alice:viewer' } } });
    expect(answers).toContainEqual({
      index: 2,
      status: 200,
      body: { data: null, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', traceId: 'trace-c' }) })] },
    });
    expect(answers).toContainEqual({ index: 3, status: 200, body: { data: { shout: true } } });
    expect(answers).toContainEqual({ index: 4, status: 400, body: { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })] } });
    expect(answers).toContainEqual({ index: 5, status: 401, body: refusal });
  });

  it('refuses a batch whose header does not count its operations or whose operations are not { identity, traceId, request }, and one without a valid signature as a whole', async () => {
    const operation = batchOperation(signIdentity(alice, secret), 't', JSON.stringify({ query: '{ one }' }));
    const batch = async (count: string, body: string, identity: Record<string, string> = signed(alice)) => {
      const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...identity, [BATCH_HEADER]: count }, body });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const malformed = {
      status: 400,
      body: { errors: [{ message: `A batch is a JSON list of 1 to 64 operations ({ identity, traceId, request }), as many as ${BATCH_HEADER} says.`, extensions: { code: 'BAD_REQUEST' } }] },
    };
    expect(await batch('3', batchBody([operation, operation]))).toEqual(malformed);
    expect(await batch('1', operation)).toEqual(malformed);
    expect(await batch('0', '[]')).toEqual(malformed);
    expect(await batch('1', JSON.stringify([{ query: '{ one }' }]))).toEqual(malformed);
    expect(await batch('1', batchBody([operation]), { [IDENTITY_HEADER]: signIdentity(alice, 'forged') })).toEqual({ status: 401, body: refusal });
  });

  it('answers /healthz without a signature, and 404 elsewhere', async () => {
    const health = await fetch(subgraph.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', subgraph: 'telemetry' });
    expect((await fetch(subgraph.url.replace('/graphql', '/other'))).status).toBe(404);
  });

  it('delivers subscription events over graphql-ws to a connection signed in connectionParams, filtered by character', async () => {
    const client = wsClient({ [IDENTITY_HEADER]: signIdentity(alice, secret) });
    const active = pubsub.subscribed();
    const chat = client.iterate<{ chat: string }>({ query: 'subscription { chat(character: "Mab") }' });
    const first = chat.next();
    await active;
    await pubsub.publishMany([
      { topic: chatTopic, key: 'Mab', payload: 'hi' },
      { topic: chatTopic, key: 'Ashbringer', payload: 'not for you' },
      { topic: chatTopic, key: 'Mab', payload: 'there' },
    ]);
    expect(await first).toEqual({ done: false, value: { data: { chat: 'hi' } } });
    expect(await chat.next()).toEqual({ done: false, value: { data: { chat: 'there' } } });
    await chat.return?.();
  });

  it('takes the identity from connectionParams.headers or the upgrade request too', async () => {
    const viaParamsHeaders = wsClient({ headers: { 'X-Lifestone-Identity': signIdentity(alice, secret) } });
    expect(await viaParamsHeaders.iterate({ query: 'subscription { whoami }' }).next()).toEqual({ done: false, value: { data: { whoami: 'alice' } } });
    const viaUpgrade = wsClient({}, { [IDENTITY_HEADER]: signIdentity(bob, secret) });
    expect(await viaUpgrade.iterate({ query: 'subscription { whoami }' }).next()).toEqual({ done: false, value: { data: { whoami: 'bob-bot' } } });
  });

  it('lets a signed identity in an operation extensions speak for that operation, and refuses a forged one', async () => {
    const client = wsClient({ [IDENTITY_HEADER]: signIdentity(alice, secret) });
    const asBob = client.iterate({ query: 'subscription { whoami }', extensions: { headers: { [IDENTITY_HEADER]: signIdentity(bob, secret) } } });
    expect(await asBob.next()).toEqual({ done: false, value: { data: { whoami: 'bob-bot' } } });
    const forged = client.iterate({ query: 'subscription { whoami }', extensions: { headers: { [IDENTITY_HEADER]: signIdentity(bob, 'wrong') } } });
    await expect(forged.next()).rejects.toEqual([{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  // The executor below is the one Hive Gateway's WebSocket transport (@graphql-mesh/transport-ws) builds for a subgraph:
  // `connectionParams` from `options.subscriptions.options.connectionParams`, `headers` from `options.subscriptions.headers`,
  // and the operation's `extensions` (where `propagateHeaders.fromClientToSubgraphs` puts `headers`) sent with each subscribe.
  it('accepts the identity in each of the ways Hive Gateway\'s WebSocket transport can send it', async () => {
    const whoami = { document: parse('subscription { whoami }'), operationType: OperationTypeNode.SUBSCRIPTION };
    const executors = [
      buildGraphQLWSExecutor({ url: subgraph.wsUrl, connectionParams: { [IDENTITY_HEADER]: signIdentity(alice, secret) } }),
      buildGraphQLWSExecutor({ url: subgraph.wsUrl, headers: { [IDENTITY_HEADER]: signIdentity(alice, secret) } }),
    ];
    const names: unknown[] = [];
    for (const executor of executors) {
      for (const extensions of [{}, { headers: { [IDENTITY_HEADER]: signIdentity(bob, secret) } }]) {
        const results = (await executor({ ...whoami, extensions })) as AsyncIterable<{ data: { whoami: string } }>;
        for await (const result of results) names.push(result.data.whoami);
      }
    }
    expect(names).toEqual(['alice', 'bob-bot', 'alice', 'bob-bot']);
    await Promise.all(executors.map((executor) => executor[Symbol.asyncDispose]()));
  });

  it('closes a WebSocket without a valid signature with 4403 Forbidden', async () => {
    expect(await closeCodeAfterInit(subgraph.wsUrl, {})).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, undefined)).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, { [IDENTITY_HEADER]: signIdentity(alice, 'forged') })).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, { [IDENTITY_HEADER]: signIdentity(alice, secret, Date.now() - 6 * 60_000) })).toBe(4403);
  });
});

describe('close()', () => {
  /** Sockets, servers and timers alive in this process, by kind. */
  function openHandles(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const kind of process.getActiveResourcesInfo()) {
      if (kind === 'TCPServerWrap' || kind === 'TCPSocketWrap' || kind === 'Timeout') counts[kind] = (counts[kind] ?? 0) + 1;
    }
    return counts;
  }

  it('closes open subscriptions with 1001, refuses new connections and leaves no open handles', async () => {
    const database = await createTestDatabase();
    const pool = createPool(database.url, 'subgraph-close-test', 1);
    const pubsub = observedPubSub(createMemoryPubSub());
    const before = openHandles();
    const subgraph = await startSubgraph(testModule(), { pool, pubsub, log, internalSecret: secret });

    expect(await post(subgraph.url, { query: '{ whoami }' }, signed(alice))).toEqual({ status: 200, body: { data: { whoami: 'alice:viewer' } } });
    const socket = new WebSocket(subgraph.wsUrl, 'graphql-transport-ws');
    const closeCode = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    const active = pubsub.subscribed();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { [IDENTITY_HEADER]: signIdentity(alice, secret) } }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { chat(character: "Mab") }' } }));
    await active;

    await subgraph.close();
    expect(await closeCode).toBe(1001);
    expect(messages).toEqual([{ type: 'connection_ack' }]);
    await expect(fetch(subgraph.url)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await subgraph.close();

    await pubsub.close();
    await pool.end();
    await database.drop();
    // At most as many as before: sockets and timers of earlier suites may still be winding down meanwhile.
    const leaked = (): string[] => Object.entries(openHandles()).flatMap(([kind, count]) => (count > (before[kind] ?? 0) ? [kind] : []));
    for (let attempt = 0; attempt < 50 && leaked().length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(leaked()).toEqual([]);
  });
});
