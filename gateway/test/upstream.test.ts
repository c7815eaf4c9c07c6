import { getEventListeners } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '@lifestone/lib/db';
import { BATCH_HEADER, IDENTITY_HEADER, startSubgraph, TRACE_HEADER, verifyIdentity, type Identity, type RunningSubgraph } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { createPubSub, type PubSub } from '@lifestone/lib/pubsub';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { requestSigner, useSignedIdentity } from '../src/plugins/identity.js';
import { useUpstreamHttp } from '../src/upstream.js';
import { tinySubgraph } from './tiny-subgraph.js';

const secret = 'upstream-test-secret';
const alice: Identity = { kind: 'user', id: '1', name: 'alice', role: 'viewer' };
const bob: Identity = { kind: 'token', id: '2', name: 'bob-bot', role: 'operator' };

/** What reached the subgraph through the proxy: one entry per HTTP request, with the trace ids it carries (a batch's: its operations'). */
interface Seen {
  batch: string | undefined;
  traceIds: string | undefined;
  body: string;
  /** The request's identity header. */
  identity?: string;
}

/** The trace ids of a request: its header's, or its operations' when it is a batch. */
function traceIdsOf(batch: string | undefined, header: string | undefined, body: string): string | undefined {
  if (batch === undefined) return header;
  return (JSON.parse(body) as { traceId: string }[]).map((operation) => operation.traceId).join(',');
}

/**
 * A pass-through HTTP proxy in front of the subgraph that notes each request,
 * so that a test sees how many round trips the gateway's client made.
 */
function countingProxy(target: string): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const to = new URL(target);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const batch = request.headers[BATCH_HEADER] as string | undefined;
      seen.push({ batch, traceIds: traceIdsOf(batch, request.headers[TRACE_HEADER] as string | undefined, body.toString()), body: body.toString(), identity: request.headers[IDENTITY_HEADER] as string });
      const forward = http.request({ hostname: to.hostname, port: to.port, path: to.pathname, method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      forward.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/graphql`, seen, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

/**
 * A request to the telemetry subgraph for `identity` through the plugins, as
 * the runtime makes it (its wrapFetchWithHooks): each plugin's onFetch in
 * turn, each seeing the options the one before set, then the fetch function
 * they chose called with the options they left.
 */
async function fetchThrough(plugins: readonly GatewayPlugin[], url: string, init: { identity: Identity; headers: Record<string, string>; body: string; signal?: AbortSignal }): Promise<Response> {
  const runtimeFetch = (): Promise<Response> => Promise.reject(new Error('the plugins left the request to the runtime'));
  type Fetch = (url: string, options: object) => Promise<Response>;
  type Payload = { url: string; options: object; context: object; executionRequest: object; fetchFn: Fetch; setOptions: (options: object) => void; setFetchFn: (fn: Fetch) => void };
  const { identity, ...rest } = init;
  let options: object = { method: 'POST', ...rest };
  let fetchFn: Fetch = runtimeFetch;
  const context = { identity };
  for (const plugin of plugins) {
    const onFetch = plugin.onFetch as unknown as ((payload: Payload) => void) | undefined;
    onFetch?.({ url, options, context, executionRequest: { subgraphName: 'telemetry' }, fetchFn, setOptions: (next) => (options = next), setFetchFn: (fn) => (fetchFn = fn) });
  }
  return fetchFn(url, options);
}

/** The runtime's headers of a request to a subgraph (propagateHeaders: the trace id; the identity is the identity plugin's to sign). */
const headersOf = (traceId: string): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
  [TRACE_HEADER]: traceId,
});

const query = (text: string, variables?: Record<string, unknown>): string => JSON.stringify({ query: text, variables });

describe("the gateway's subgraph client", () => {
  let database: TestDatabase;
  let pool: Pool;
  let pubsub: PubSub;
  let subgraph: RunningSubgraph;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  /** The identity plugin, then the client's: the gateway's order. */
  let upstream: GatewayPlugin[];
  /** Operations per request sent, as the gateway's metrics see them. */
  const sent: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, 'upstream-test', 2);
    pubsub = await createPubSub();
    subgraph = await startSubgraph(tinySubgraph(), { pool, pubsub, log: createLogger('upstream-test', 'silent'), internalSecret: secret });
    proxy = await countingProxy(subgraph.url);
    const sign = requestSigner(secret);
    upstream = [useSignedIdentity(sign), useUpstreamHttp({ signBatch: sign, onSent: (operations) => sent.push(operations) })];
  });

  afterAll(async () => {
    await Promise.all(upstream?.map((plugin) => plugin.onDispose?.()) ?? []);
    await proxy?.close();
    await subgraph?.close();
    await pubsub?.close();
    await pool?.end();
    await database?.drop();
  });

  it('sends the operations of one caller that arrive in the same turn as one batch, each caller getting its own answer and trace id', async () => {
    proxy.seen.length = 0;
    sent.length = 0;
    const answers = await Promise.all([
      fetchThrough(upstream, proxy.url, { identity: alice, headers: headersOf('trace-1'), body: query('query ($name: String!) { character(name: $name) { level } }', { name: 'Mab' }) }),
      fetchThrough(upstream, proxy.url, { identity: alice, headers: headersOf('trace-2'), body: query('{ whoami }') }),
      fetchThrough(upstream, proxy.url, { identity: alice, headers: headersOf('trace-3'), body: query('mutation { shout(text: "hi") }') }),
    ]);
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]).toMatchObject({ batch: '3', traceIds: 'trace-1,trace-2,trace-3' });
    expect(sent).toEqual([3]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers[0]?.headers.get('content-type')).toContain('application/json');
    const [level, whoami, shout] = await Promise.all(answers.map((answer) => answer.json()));
    expect(level).toEqual({ data: { character: { level: 3 } } });
    expect(whoami).toEqual({ data: { whoami: 'alice:viewer' } });
    expect(shout).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN', traceId: 'trace-3' } }] });
  });

  it('sends one operation alone as an ordinary request, and the operations of different callers together, each as its caller', async () => {
    proxy.seen.length = 0;
    sent.length = 0;
    const alone = await fetchThrough(upstream, proxy.url, { identity: bob, headers: headersOf('trace-4'), body: query('{ whoami }') });
    expect(sent).toEqual([1]);
    expect(await alone.json()).toEqual({ data: { whoami: 'bob-bot:operator' } });
    expect(proxy.seen).toEqual([{ batch: undefined, traceIds: 'trace-4', body: query('{ whoami }'), identity: expect.any(String) }]);

    proxy.seen.length = 0;
    const answers = await Promise.all(
      [alice, bob, alice, bob].map((identity, i) => fetchThrough(upstream, proxy.url, { identity, headers: headersOf(`t${i}`), body: query('mutation { shout(text: "hi") }') })),
    );
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(bodies.map((body) => (body as { data?: unknown }).data)).toEqual([null, { shout: true }, null, { shout: true }]);
    expect(bodies[0]).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN', role: 'viewer', traceId: 't0' } }] });
    expect(proxy.seen.map((seen) => [seen.batch, seen.traceIds])).toEqual([['4', 't0,t1,t2,t3']]);
  });

  it("gives every operation of a refused batch the subgraph's refusal", async () => {
    const sign = requestSigner('not-the-secret');
    const forging = [useSignedIdentity(sign), useUpstreamHttp({ signBatch: sign })];
    try {
      const answers = await Promise.all([1, 2].map(() => fetchThrough(forging, proxy.url, { identity: alice, headers: headersOf('trace-5'), body: query('{ whoami }') })));
      expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
      for (const answer of answers) expect(await answer.json()).toEqual({ errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] });
    } finally {
      await Promise.all(forging.map((plugin) => plugin.onDispose?.()));
    }
  });

  it('signs each request for its method, its subgraph and its operation, a batch over its body and each operation over its own', async () => {
    proxy.seen.length = 0;
    const purpose = (operation: string) => ({ use: 'http', subgraph: 'telemetry', method: 'POST', operation }) as const;
    await fetchThrough(upstream, proxy.url, { identity: bob, headers: headersOf('trace-8'), body: query('{ whoami }') });
    await Promise.all([alice, bob].map((identity) => fetchThrough(upstream, proxy.url, { identity, headers: headersOf('trace-9'), body: query('{ whoami }') })));
    const [alone, batch] = proxy.seen as [Seen, Seen];
    expect(verifyIdentity(alone.identity, secret, purpose(alone.body))).toMatchObject({ ok: true, identity: bob });
    expect(verifyIdentity(batch.identity, secret, purpose(batch.body))).toMatchObject({ ok: true, identity: alice });
    const operations = JSON.parse(batch.body) as { identity: string; request: string }[];
    expect(operations.map((operation) => verifyIdentity(operation.identity, secret, purpose(operation.request)))).toMatchObject([
      { ok: true, identity: alice },
      { ok: true, identity: bob },
    ]);
    expect(operations.map((operation) => operation.request)).toEqual([query('{ whoami }'), query('{ whoami }')]);

    // What a listener on the way captured runs nothing else: not another operation, not at another subgraph.
    const replay = async (body: string) => {
      const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: alone.identity as string }, body });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const refusal = { status: 401, body: { errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] } };
    expect(await replay(query('mutation { shout(text: "replayed") }'))).toEqual(refusal);
    expect(verifyIdentity(alone.identity, secret, { ...purpose(alone.body), subgraph: 'inventory' })).toEqual({ ok: false, reason: 'identity signed for the telemetry subgraph, not inventory' });
    expect(await replay(alone.body)).toEqual({ status: 200, body: { data: { whoami: 'bob-bot:operator' } } });
  });

  it('listens once to a signal that every request shares, however many are in flight', async () => {
    const shared = new AbortController().signal;
    const carol: Identity = { kind: 'user', id: '3', name: 'carol', role: 'viewer' };
    const answers = [alice, alice, bob, bob, carol].map((identity, i) => fetchThrough(upstream, proxy.url, { identity, headers: headersOf(`t${i}`), body: query('{ whoami }'), signal: shared }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(shared, 'abort')).toHaveLength(1);
    await Promise.all(answers);
    expect(getEventListeners(shared, 'abort')).toHaveLength(0);
  });

  it('lets one operation of a batch be aborted, before it is sent or while it is, without failing the others', async () => {
    const headers = headersOf('trace-6');
    for (const when of ['before it is sent', 'while it is'] as const) {
      proxy.seen.length = 0;
      const gaveUp = new AbortController();
      const aborted = fetchThrough(upstream, proxy.url, { identity: alice, headers, body: query('{ whoami }'), signal: gaveUp.signal });
      const kept = fetchThrough(upstream, proxy.url, { identity: alice, headers, body: query('{ whoami }') });
      if (when === 'while it is') await new Promise((resolve) => setImmediate(resolve));
      gaveUp.abort();
      await expect(aborted, when).rejects.toThrow('aborted');
      expect(await (await kept).json(), when).toEqual({ data: { whoami: 'alice:viewer' } });
      expect(proxy.seen.map((seen) => seen.batch), when).toEqual([when === 'while it is' ? '2' : undefined]);
    }
  });

  it('reads answer lines however the bytes are cut, and fails an operation the answer ends without', async () => {
    // A server writing a batch answer in awkward pieces: a line split inside its JSON, two in one piece, the third never.
    const pieces = ['1 200 {"data":{"whoami":', '"second"}}\n0 200 {"data":{"whoami":"first"}}\n', ''];
    const server = http.createServer((request, response) => {
      request.resume();
      response.writeHead(200, { [BATCH_HEADER]: '3' });
      let i = 0;
      const next = (): void => {
        if (i === pieces.length) return void response.end();
        response.write(pieces[i++]);
        setTimeout(next, 10);
      };
      next();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
    try {
      const answers = [0, 1, 2].map(() => fetchThrough(upstream, url, { identity: alice, headers: headersOf('trace-7'), body: query('{ whoami }') }));
      expect(await (await answers[0])?.json()).toEqual({ data: { whoami: 'first' } });
      expect(await (await answers[1])?.json()).toEqual({ data: { whoami: 'second' } });
      await expect(answers[2]).rejects.toThrow('without answering this operation');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
