import { buildGraphQLWSExecutor } from '@graphql-tools/executor-graphql-ws';
import { OperationTypeNode, parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { createPool, freePort, type Pool } from '../db/index.js';
import { createLogger } from '../log/index.js';
import { createMemoryPubSub } from '../pubsub/memory.js';
import type { PubSub } from '../pubsub/types.js';
import type { SubgraphContext } from './context.js';
import { requireRole } from './roles.js';
import { anonymousIdentity, IDENTITY_CLOCK_SKEW_MS, IDENTITY_HEADER, IDENTITY_TTL_MS, signIdentity, type Identity } from './identity.js';
import { BATCH_HEADER, batchBody, batchOperation, parseBatchAnswerLine } from './operation-batch.js';
import { IDENTITY_EXPIRED_CLOSE, startSubgraph, TRACE_HEADER, type RunningSubgraph, type SubgraphModule } from './subgraph.js';
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
    get up() {
      return inner.up;
    },
    publish: (message) => inner.publish(message),
    publishMany: (messages) => inner.publishMany(messages),
    close: () => inner.close(),
    onGap: (listener) => inner.onGap(listener),
    async subscribe(topic, handler) {
      const subscription = await inner.subscribe(topic, handler);
      for (const wake of waiters) wake();
      waiters = [];
      return subscription;
    },
    subscribed: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

/** POSTs `body` as JSON with `headers`, or with `identity` signed for it as the gateway signs it. */
async function post(url: string, body: unknown, headers: Record<string, string> | Identity = {}): Promise<{ status: number; body: unknown }> {
  const text = JSON.stringify(body);
  const sent = 'role' in headers ? signedFor(headers as Identity, text) : (headers as Record<string, string>);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...sent }, body: text });
  return { status: response.status, body: await response.json() };
}

/** The identity header the gateway sends with `operation` (JSON text) to the test subgraph. */
function signedFor(identity: Identity, operation: string, { now = Date.now(), key = secret, subgraph = 'telemetry', method = 'POST' } = {}): Record<string, string> {
  return { [IDENTITY_HEADER]: signIdentity(identity, key, { use: 'http', subgraph, method, operation }, now) };
}

/** An identity signed for a graphql-ws connection to the test subgraph (or a refresh ping). */
function forSocket(identity: Identity, { now = Date.now(), key = secret, subgraph = 'telemetry' } = {}): string {
  return signIdentity(identity, key, { use: 'ws', subgraph }, now);
}

/** A batch operation of `query` signed as the gateway signs it. */
function batched(identity: Identity, traceId: string, query: string, key = secret): string {
  const text = JSON.stringify({ query });
  return batchOperation(signIdentity(identity, key, { use: 'http', subgraph: 'telemetry', method: 'POST', operation: text }), traceId, text);
}

/** POSTs a batch with its header signed over its body (or `headers` as they are). */
async function postBatch(url: string, count: string, body: string, headers?: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(headers ?? signedFor(alice, body)), [BATCH_HEADER]: count }, body });
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
    const result = await post(subgraph.url, { query: '{ one whoami }' }, bob);
    expect(result).toEqual({ status: 200, body: { data: { one: 1, whoami: 'bob-bot:operator' } } });
  });

  it('refuses an anonymous caller, signed or not, unless the module serves them; there requireRole refuses it', async () => {
    const query = { query: '{ whoami }' };
    expect(await post(subgraph.url, query, anonymousIdentity('10.0.0.1'))).toEqual({ status: 401, body: refusal });
    const open = await startSubgraph({ ...testModule(), servesAnonymous: true }, { pool, pubsub, log, internalSecret: secret });
    try {
      expect(await post(open.url, query, anonymousIdentity('10.0.0.1'))).toEqual({ status: 200, body: { data: { whoami: ':viewer' } } });
      const shout = await post(open.url, { query: 'mutation { shout }' }, anonymousIdentity());
      expect((shout.body as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({ message: 'Sign in first, or send an API token.', extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      await open.close();
    }
  });

  it('refuses a request with a missing, forged, expired or tampered signature', async () => {
    const query = { query: '{ one }' };
    const text = JSON.stringify(query);
    const forged = signedFor(bob, text, { key: 'not-the-secret' });
    const expired = signedFor(bob, text, { now: Date.now() - IDENTITY_TTL_MS - IDENTITY_CLOCK_SKEW_MS - 1_000 });
    const [body, signature] = (signedFor(alice, text)[IDENTITY_HEADER] as string).split('.');
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), role: 'admin' })).toString('base64url');
    for (const headers of [{}, forged, expired, { [IDENTITY_HEADER]: `${promoted}.${signature}` }]) {
      expect(await post(subgraph.url, query, headers)).toEqual({ status: 401, body: refusal });
    }
    const get = await fetch(`${subgraph.url}?query=${encodeURIComponent('{ one }')}`);
    expect(get.status).toBe(401);
    expect(await get.json()).toEqual(refusal);
  });

  it('refuses a captured header with another operation, at another subgraph, with another method', async () => {
    const text = JSON.stringify({ query: '{ whoami }' });
    const captured = signedFor(bob, text);
    expect(await post(subgraph.url, { query: 'mutation { shout }' }, captured)).toEqual({ status: 401, body: refusal });
    expect(await post(subgraph.url, { query: '{ whoami }', variables: {} }, captured)).toEqual({ status: 401, body: refusal });
    expect(await post(subgraph.url, { query: '{ whoami }' }, signedFor(bob, text, { subgraph: 'inventory' }))).toEqual({ status: 401, body: refusal });
    const get = await fetch(`${subgraph.url}?query=${encodeURIComponent('{ whoami }')}`, { headers: { ...captured, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(401);
    expect(await post(subgraph.url, { query: '{ whoami }' }, captured)).toEqual({ status: 200, body: { data: { whoami: 'bob-bot:operator' } } });
  });

  it('runs a signed GET for its query string only', async () => {
    const search = `?query=${encodeURIComponent('{ whoami }')}`;
    const headers = { ...signedFor(bob, search, { method: 'GET' }), 'apollo-require-preflight': 'true' };
    const get = await fetch(`${subgraph.url}${search}`, { headers });
    expect({ status: get.status, body: await get.json() }).toEqual({ status: 200, body: { data: { whoami: 'bob-bot:operator' } } });
    expect((await fetch(`${subgraph.url}?query=${encodeURIComponent('{ one }')}`, { headers })).status).toBe(401);
  });

  it('runs a captured mutation once, and a captured query as often as it comes within its TTL', async () => {
    const mutation = JSON.stringify({ query: 'mutation { shout }' });
    const captured = signedFor(bob, mutation);
    expect(await post(subgraph.url, { query: 'mutation { shout }' }, captured)).toEqual({ status: 200, body: { data: { shout: true } } });
    const replayed = await post(subgraph.url, { query: 'mutation { shout }' }, { ...captured, [TRACE_HEADER]: 'trace-replay' });
    expect(replayed).toEqual({ status: 401, body: { errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED', traceId: 'trace-replay' } }] } });
    // The same mutation signed anew (the gateway signs every request) runs again.
    expect(await post(subgraph.url, { query: 'mutation { shout }' }, bob)).toEqual({ status: 200, body: { data: { shout: true } } });
    const query = signedFor(bob, JSON.stringify({ query: '{ one }' }));
    expect(await post(subgraph.url, { query: '{ one }' }, query)).toEqual({ status: 200, body: { data: { one: 1 } } });
    expect(await post(subgraph.url, { query: '{ one }' }, query)).toEqual({ status: 200, body: { data: { one: 1 } } });
  });

  it('resolves entities and serves its SDL for composition', async () => {
    const entities = await post(
      subgraph.url,
      {
        query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Character { name greeting } } }',
        variables: { representations: [{ __typename: 'Character', name: 'Ashbringer' }, { __typename: 'Character', name: 'Mab' }] },
      },
      alice,
    );
    expect(entities).toEqual({ status: 200, body: { data: { _entities: [{ name: 'Ashbringer', greeting: 'hello Ashbringer' }, { name: 'Mab', greeting: 'hello Mab' }] } } });
    const service = await post(subgraph.url, { query: '{ _service { sdl } }' }, alice);
    const sdl = (service.body as { data: { _service: { sdl: string } } }).data._service.sdl;
    expect(sdl).toMatch(/type Character\s+@key\(fields: "name"\)/);
    expect(sdl).toContain('https://specs.apollo.dev/federation/v2.6');
  });

  it('keeps CSRF prevention on: a simple (non-preflighted) POST is refused', async () => {
    const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'text/plain', ...signedFor(alice, '{"query":"{ one }"}') }, body: '{"query":"{ one }"}' });
    expect(response.status).toBe(400);
  });

  it('refuses a body over the size limit and a body that is not JSON', async () => {
    const tooLarge = await post(subgraph.url, { query: `{ one } #${'x'.repeat(1024 * 1024)}` }, alice);
    expect(tooLarge).toEqual({ status: 413, body: { errors: [{ message: 'The request body is over 1048576 bytes.', extensions: { code: 'BAD_REQUEST' } }] } });
    const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedFor(alice, '{ nope') }, body: '{ nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses a mutation above the caller role with FORBIDDEN, a message a person can act on, and the trace id', async () => {
    const viewer = await post(subgraph.url, { query: 'mutation { shout }' }, { ...signedFor(alice, JSON.stringify({ query: 'mutation { shout }' })), [TRACE_HEADER]: 'trace-42' });
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
    expect(await post(subgraph.url, { query: 'mutation { shout }' }, bob)).toEqual({ status: 200, body: { data: { shout: true } } });
  });

  it('answers a batch: each operation as its own caller, with its own trace id, on a line of its own as soon as it is answered', async () => {
    const operations = [
      batched(alice, 'trace-a', '{ later(ms: 300) }'),
      batched(alice, 'trace-b', '{ one whoami }'),
      batched(alice, 'trace-c', 'mutation { shout }'),
      batched(bob, 'trace-d', 'mutation { shout }'),
      batched(alice, '', '{ nope }'),
      batched(bob, 'trace-f', '{ whoami }', 'forged'),
    ];
    const response = await postBatch(subgraph.url, '6', batchBody(operations));
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

  /** A batch's answers by index: status and body. */
  async function batchAnswers(response: Response): Promise<Record<number, { status: number; body: unknown }>> {
    const answers: Record<number, { status: number; body: unknown }> = {};
    for (const line of (await response.text()).split('\n').filter(Boolean)) {
      const parsed = parseBatchAnswerLine(line);
      if (parsed) answers[parsed.index] = { status: parsed.status, body: JSON.parse(parsed.json) as unknown };
    }
    return answers;
  }

  it('refuses alone an operation of a batch that carries the identity signed for another one', async () => {
    const whoami = batched(bob, 'trace-a', '{ whoami }');
    const identity = (JSON.parse(whoami) as { identity: string }).identity;
    const moved = batchOperation(identity, 'trace-b', JSON.stringify({ query: 'mutation { shout }' }));
    const response = await postBatch(subgraph.url, '2', batchBody([whoami, moved]));
    expect(response.status).toBe(200);
    expect(await batchAnswers(response)).toEqual({ 0: { status: 200, body: { data: { whoami: 'bob-bot:operator' } } }, 1: { status: 401, body: refusal } });
  });

  it('refuses a batch whose header does not count its operations or whose operations are not { identity, traceId, request }, and one without a valid signature as a whole', async () => {
    const operation = batched(alice, 't', '{ one }');
    const batch = async (count: string, body: string, headers?: Record<string, string>) => {
      const response = await postBatch(subgraph.url, count, body, headers);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const malformed = {
      status: 400,
      body: {
        errors: [
          { message: `A batch is a JSON list of 1 to 64 operations ({ identity, traceId, request }, the request as JSON text), as many as ${BATCH_HEADER} says.`, extensions: { code: 'BAD_REQUEST' } },
        ],
      },
    };
    expect(await batch('3', batchBody([operation, operation]))).toEqual(malformed);
    expect(await batch('1', operation)).toEqual(malformed);
    expect(await batch('0', '[]')).toEqual(malformed);
    expect(await batch('1', JSON.stringify([{ query: '{ one }' }]))).toEqual(malformed);
    expect(await batch('1', JSON.stringify([{ identity: 'x', traceId: 't', request: { query: '{ one }' } }]))).toEqual(malformed);
    const body = batchBody([operation]);
    expect(await batch('1', body, signedFor(alice, body, { key: 'forged' }))).toEqual({ status: 401, body: refusal });
    // The batch's own header is signed over its whole body: one taken from another batch does not do.
    expect(await batch('1', body, signedFor(alice, batchBody([batched(alice, 't', '{ whoami }')])))).toEqual({ status: 401, body: refusal });
  });

  it('answers /healthz without a signature, and 404 elsewhere', async () => {
    const health = await fetch(subgraph.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', pubsub: 'ok', subgraph: 'telemetry' });
    expect((await fetch(subgraph.url.replace('/graphql', '/other'))).status).toBe(404);
  });

  it('answers /healthz 503 naming the dependencies that are down', async () => {
    // Nothing listens on a free port: every connection is refused.
    const unreachable = createPool(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`, 'lifestone-healthz-test');
    const closed = createMemoryPubSub();
    await closed.close();
    const degraded = await startSubgraph(testModule(), { pool: unreachable, pubsub: closed, log, internalSecret: secret });
    try {
      const health = await fetch(degraded.url.replace('/graphql', '/healthz'));
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'degraded', database: 'down', pubsub: 'down', subgraph: 'telemetry' });
    } finally {
      await degraded.close();
      await unreachable.end();
    }
  });

  it('delivers subscription events over graphql-ws to a connection signed in connectionParams, filtered by character', async () => {
    const client = wsClient({ [IDENTITY_HEADER]: forSocket(alice) });
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
    const viaParamsHeaders = wsClient({ headers: { 'X-Lifestone-Identity': forSocket(alice) } });
    expect(await viaParamsHeaders.iterate({ query: 'subscription { whoami }' }).next()).toEqual({ done: false, value: { data: { whoami: 'alice' } } });
    const viaUpgrade = wsClient({}, { [IDENTITY_HEADER]: forSocket(bob) });
    expect(await viaUpgrade.iterate({ query: 'subscription { whoami }' }).next()).toEqual({ done: false, value: { data: { whoami: 'bob-bot' } } });
  });

  it('runs every operation of a socket as the socket\'s identity, whatever an operation\'s extensions say', async () => {
    const client = wsClient({ [IDENTITY_HEADER]: forSocket(alice) });
    const asBob = client.iterate({ query: 'subscription { whoami }', extensions: { headers: { [IDENTITY_HEADER]: forSocket(bob) } } });
    expect(await asBob.next()).toEqual({ done: false, value: { data: { whoami: 'alice' } } });
  });

  // The executor below is the one Hive Gateway's WebSocket transport (@graphql-mesh/transport-ws) builds for a subgraph:
  // `connectionParams` from `options.subscriptions.options.connectionParams`, `headers` from `options.subscriptions.headers`.
  it('accepts the identity in each of the ways Hive Gateway\'s WebSocket transport can send it', async () => {
    const whoami = { document: parse('subscription { whoami }'), operationType: OperationTypeNode.SUBSCRIPTION };
    const executors = [
      buildGraphQLWSExecutor({ url: subgraph.wsUrl, connectionParams: { [IDENTITY_HEADER]: forSocket(alice) } }),
      buildGraphQLWSExecutor({ url: subgraph.wsUrl, headers: { [IDENTITY_HEADER]: forSocket(bob) } }),
    ];
    const names: unknown[] = [];
    for (const executor of executors) {
      const results = (await executor(whoami)) as AsyncIterable<{ data: { whoami: string } }>;
      for await (const result of results) names.push(result.data.whoami);
    }
    expect(names).toEqual(['alice', 'bob-bot']);
    await Promise.all(executors.map((executor) => executor[Symbol.asyncDispose]()));
  });

  it('closes a WebSocket without a valid signature with 4403 Forbidden: forged, expired, for HTTP, for another subgraph, used before', async () => {
    expect(await closeCodeAfterInit(subgraph.wsUrl, {})).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, undefined)).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, { [IDENTITY_HEADER]: forSocket(alice, { key: 'forged' }) })).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, { [IDENTITY_HEADER]: forSocket(alice, { now: Date.now() - IDENTITY_TTL_MS - IDENTITY_CLOCK_SKEW_MS - 1_000 }) })).toBe(4403);
    const http = signedFor(alice, JSON.stringify({ query: 'subscription { whoami }' }));
    expect(await closeCodeAfterInit(subgraph.wsUrl, http)).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, {}, http)).toBe(4403);
    expect(await closeCodeAfterInit(subgraph.wsUrl, { [IDENTITY_HEADER]: forSocket(alice, { subgraph: 'combat' }) })).toBe(4403);
    const captured = forSocket(alice);
    const first = wsClient({ [IDENTITY_HEADER]: captured });
    expect(await first.iterate({ query: 'subscription { whoami }' }).next()).toEqual({ done: false, value: { data: { whoami: 'alice' } } });
    expect(await closeCodeAfterInit(subgraph.wsUrl, { [IDENTITY_HEADER]: captured })).toBe(4403);
  });
});

describe('a socket\'s identity', () => {
  const ttlMs = 900;
  let database: TestDatabase;
  let pool: Pool;
  let pubsub: ReturnType<typeof observedPubSub>;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, 'subgraph-expiry-test', 1);
    pubsub = observedPubSub(createMemoryPubSub());
    subgraph = await startSubgraph(testModule(), { pool, pubsub, log, internalSecret: secret, identityTtlMs: ttlMs });
  });

  afterAll(async () => {
    await subgraph?.close();
    await pubsub?.close();
    await pool?.end();
    await database?.drop();
  });

  /** A raw graphql-ws socket, acknowledged, subscribed to Mab's chat; its messages and how it closed. */
  async function subscribedSocket(identity: string) {
    const socket = new WebSocket(subgraph.wsUrl, 'graphql-transport-ws');
    const chat: unknown[] = [];
    let closed: { code: number; reason: string } | undefined;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'next') chat.push(message.payload);
    });
    socket.once('close', (code, reason) => (closed = { code, reason: String(reason) }));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { [IDENTITY_HEADER]: identity } }));
    await new Promise((resolve) => socket.once('message', resolve));
    const active = pubsub.subscribed();
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { chat(character: "Mab") }' } }));
    await active;
    return { socket, chat, closed: () => closed };
  }

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const ping = (socket: WebSocket, identity: string) => socket.send(JSON.stringify({ type: 'ping', payload: { [IDENTITY_HEADER]: identity } }));

  it('closes a socket opened with an identity nobody refreshes once it is past its TTL', async () => {
    const opened = Date.now();
    const captured = await subscribedSocket(forSocket(alice));
    await vi.waitFor(() => expect(captured.closed()).toEqual({ code: IDENTITY_EXPIRED_CLOSE.code, reason: IDENTITY_EXPIRED_CLOSE.reason }), { timeout: 3_000, interval: 20 });
    expect(Date.now() - opened).toBeGreaterThanOrEqual(ttlMs - 50);
    expect(IDENTITY_EXPIRED_CLOSE).toEqual({ code: 4403, reason: 'Forbidden: the gateway identity expired unrefreshed' });
  });

  it('keeps a socket whose identity is refreshed by pings open across several TTLs, delivering', async () => {
    const refreshed = await subscribedSocket(forSocket(bob));
    const refresh = setInterval(() => ping(refreshed.socket, forSocket(bob)), ttlMs / 3);
    try {
      await wait(ttlMs * 4);
      expect(refreshed.closed()).toBeUndefined();
      await pubsub.publish({ topic: chatTopic, key: 'Mab', payload: 'still here' });
      await vi.waitFor(() => expect(refreshed.chat).toEqual([{ data: { chat: 'still here' } }]));
    } finally {
      clearInterval(refresh);
    }
    // Refreshes stopped: it closes within a TTL.
    await vi.waitFor(() => expect(refreshed.closed()?.code).toBe(4403), { timeout: ttlMs * 2, interval: 20 });
  });

  it('closes a socket refreshed with an identity for HTTP, for another caller, or one used before', async () => {
    const refreshes = [
      signIdentity(alice, secret, { use: 'http', subgraph: 'telemetry', method: 'POST', operation: '{}' }),
      forSocket(bob),
      forSocket(alice, { key: 'forged' }),
    ];
    for (const refresh of refreshes) {
      const socket = await subscribedSocket(forSocket(alice));
      ping(socket.socket, refresh);
      await vi.waitFor(() => expect(socket.closed()).toEqual({ code: 4403, reason: 'Forbidden: the identity refresh is not valid' }), { timeout: ttlMs / 2, interval: 10 });
    }
    const opening = forSocket(alice);
    const reused = await subscribedSocket(opening);
    ping(reused.socket, opening);
    await vi.waitFor(() => expect(reused.closed()).toEqual({ code: 4403, reason: 'Forbidden: the identity refresh is not valid' }), { timeout: ttlMs / 2, interval: 10 });
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

    expect(await post(subgraph.url, { query: '{ whoami }' }, alice)).toEqual({ status: 200, body: { data: { whoami: 'alice:viewer' } } });
    const socket = new WebSocket(subgraph.wsUrl, 'graphql-transport-ws');
    const closeCode = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    const active = pubsub.subscribed();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { [IDENTITY_HEADER]: forSocket(alice) } }));
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
