import http from 'node:http';
import { CloseCode } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MAX_BODY_BYTES } from '@lifestone/lib/graph';
import { MAX_OPERATION_NAMES } from '../src/plugins/metrics.js';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { CHAT_TOPIC, tinySubgraph } from './tiny-subgraph.js';

let stack: TestStack;
let viewer: { id: string; token: string };
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()], limits: { maxDepth: 4, maxCost: 22, maxAliases: 2 }, corsOrigins: ['https://tools.example.org'] });
  viewer = await stack.createToken('viewer', 'watcher');
});
afterAll(() => stack?.close());

const chat = (key: string, payload: string) => stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key, payload });

/** How a graphql-ws client's first subscription ends when the server refuses the connection. */
async function refusal(token?: string, options: Parameters<TestStack['wsClient']>[1] = {}): Promise<{ code: number; reason: string }> {
  const client = stack.wsClient(token, options);
  try {
    await client.iterate({ query: 'subscription { whoami }' }).next();
  } catch (error) {
    return error as { code: number; reason: string };
  }
  throw new Error('the connection was accepted');
}

describe('graphql-ws', () => {
  it('carries the caller to the subgraph and filters before sending', async () => {
    const whoami = await stack.subscribeWs('subscription { whoami }', undefined, viewer.token);
    expect((await whoami.waitFor(() => true)).data).toEqual({ whoami: 'watcher:viewer' });
    const stream = await stack.subscribeWs<{ chat: string }>('subscription($c: String) { chat(character: $c) }', { c: 'Bob' }, viewer.token);
    // Published until the subscription is live: graphql-ws says nothing when the subgraph has subscribed.
    const waiting = stream.waitFor((result) => result.data?.chat === 'Bob: hi');
    const publisher = setInterval(() => void chat('Al', 'no').then(() => chat('Bob', 'hi')), 50);
    await waiting.finally(() => clearInterval(publisher));
    expect(stream.results.every((result) => result.data?.chat === 'Bob: hi')).toBe(true);
  });

  it("passes a failed event on with its error and code, and the events after it without that error or the data before it", async () => {
    const stream = await stack.subscribeWs<{ countdown: number }>('subscription { countdown }', undefined, viewer.token);
    await stream.waitFor((result) => result.data?.countdown === 0);
    expect(stream.results).toEqual([
      { data: { countdown: 2 } },
      { data: null, errors: [expect.objectContaining({ message: 'A countdown never goes below zero.', path: ['countdown'], extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })] },
      { data: { countdown: 0 } },
    ]);
  });

  it('authenticates with the session cookie of the upgrade request', async () => {
    const stream = await (async () => {
      const client = stack.wsClient(undefined, {
        webSocketImpl: class extends WebSocket {
          constructor(url: string, protocols: string | string[]) {
            super(url, protocols, { headers: { cookie: stack.adminCookie } });
          }
        },
      });
      return client.iterate({ query: 'subscription { whoami }' });
    })();
    expect((await stream.next()).value).toEqual({ data: { whoami: 'admin:admin' } });
    await stream.return?.();
  });

  it('refuses a connection without credentials with 4401 and one with a bad or revoked token with 4403', async () => {
    expect(await refusal()).toMatchObject({ code: CloseCode.Unauthorized, reason: expect.stringMatching(/^Unauthorized: send \{"authorization":"Bearer <token>"\}/) });
    expect(await refusal('ls_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({ code: CloseCode.Forbidden });
    const { id, token } = await stack.createToken('viewer');
    await stack.graphql('mutation($id: ID!) { revokeApiToken(id: $id) }', { id }, { cookie: stack.adminCookie });
    expect(await refusal(token)).toMatchObject({ code: CloseCode.Forbidden, reason: 'Forbidden: this API token was revoked or never existed' });
  });

  it('applies the query limits to its operations too, without HTTP details', async () => {
    const client = stack.wsClient(viewer.token);
    const results = client.iterate({ query: '{ a: whoami b: whoami c: whoami }' });
    expect((await results.next()).value).toEqual({
      errors: [
        {
          message: 'Query alias count 3 is over the limit of 2 (LIFESTONE_MAX_ALIASES). Use fewer aliases, or split the query.',
          extensions: { code: 'QUERY_TOO_COMPLEX', limit: 2, found: 3, setting: 'LIFESTONE_MAX_ALIASES', traceId: expect.any(String) },
        },
      ],
    });
  });

  it('refuses a subgraph WebSocket without the gateway signature with 4403', async () => {
    const socket = new WebSocket(stack.subgraphs.telemetry?.wsUrl as string, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    const code = await new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(CloseCode.Forbidden);
  });
});

describe('SSE', () => {
  it('streams a subscription to a token holder, filtered', async () => {
    const stream = await stack.subscribeSse<{ chat: string }>('subscription { chat(character: "Cy") }', undefined, { token: viewer.token });
    const waiting = stream.waitFor((result) => result.data?.chat === 'Cy: over SSE');
    const publisher = setInterval(() => void chat('Al', 'no').then(() => chat('Cy', 'over SSE')), 50);
    await waiting.finally(() => clearInterval(publisher));
    expect(stream.results.every((result) => result.data?.chat === 'Cy: over SSE')).toBe(true);
  });

  it('refuses an anonymous subscriber', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { whoami }' }),
    });
    const text = await response.text();
    expect(text).toContain('UNAUTHENTICATED');
    expect(text).not.toContain('whoami":');
  });
});

describe('query limits', () => {
  it('refuse a query over the depth limit, naming the limit and the setting', async () => {
    const response = await stack.graphql('{ character(name: "a") { friend { friend { friend { name } } } } }', undefined, { token: viewer.token });
    expect(response.body.errors).toEqual([
      {
        message: 'Query depth 5 is over the limit of 4 (LIFESTONE_MAX_DEPTH). Select fewer nested levels, or split the query.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 4, found: 5, setting: 'LIFESTONE_MAX_DEPTH', traceId: expect.any(String) },
      },
    ]);
  });

  it('refuse a query over the cost limit', async () => {
    const response = await stack.graphql('{ character(name: "a") { name level friend { name level friend { name level } } } }', undefined, { token: viewer.token });
    expect(response.body.errors?.[0]).toMatchObject({
      // graphql-armor's estimate: objects 2, scalars 1, each level's children times 1.5: 2 + 1.5 * (1 + 1 + 2 + 1.5 * (1 + 1 + 2 + 1.5 * 2)).
      message: 'Query cost 23 is over the limit of 22 (LIFESTONE_MAX_COST). Select fewer fields, or split the query.',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 22, found: 23, setting: 'LIFESTONE_MAX_COST' },
    });
    expect(response.body.data).toBeUndefined();
  });

  it('let a query within the limits through', async () => {
    const response = await stack.graphql('{ character(name: "Bob") { name level friend { name } } }', undefined, { token: viewer.token });
    expect(response.body).toEqual({ data: { character: { name: 'Bob', level: 3, friend: { name: "Bob's friend" } } } });
  });
});

describe('HTTP routes', () => {
  it('serve the playground to signed-in browsers only, a sign-in page otherwise', async () => {
    const anonymous = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    const page = await anonymous.text();
    expect(page).toContain('<form id="sign-in">');
    expect(page).not.toContain('whoami');
    const signedIn = await fetch(stack.url, { headers: { accept: 'text/html', cookie: stack.adminCookie } });
    expect(signedIn.status).toBe(200);
    const graphiql = await signedIn.text();
    expect(graphiql).toContain('<title>Lifestone playground</title>');
    expect(graphiql).toContain('query LiveFleet');
    // Inlined: the playground works without reaching a CDN.
    expect(graphiql).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    const withToken = await fetch(stack.url, { headers: { accept: 'text/html', authorization: `Bearer ${viewer.token}` } });
    expect(withToken.status).toBe(401);
  });

  it('answer /healthz and count requests and errors in /metrics', async () => {
    const base = stack.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok', service: 'gateway' });
    await stack.graphql('{ whoami }');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^lifestone_gateway_http_requests_total\{route="graphql",status="401"\} [1-9]/m);
    expect(metrics).toMatch(/^lifestone_gateway_errors_total\{code="UNAUTHENTICATED"\} [1-9]/m);
    expect(metrics).toMatch(/^lifestone_gateway_operations_total\{type="query",transport="http"\} [1-9]/m);
    expect(metrics).toMatch(/^lifestone_gateway_http_request_duration_seconds_count\{route="graphql"\} [1-9]/m);
    expect(metrics).toMatch(/^lifestone_gateway_subgraph_request_operations_count [1-9]/m);
  });

  it('time queries and mutations by operation in /metrics, folding unnamed ones and names past the limit', async () => {
    const base = stack.url.replace(/\/graphql$/, '');
    const count = (metrics: string, labels: string): number => Number(new RegExp(`^lifestone_gateway_operation_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    const before = await (await fetch(`${base}/metrics`)).text();
    await stack.graphql('query WhoIsCalling { whoami }', undefined, { cookie: stack.adminCookie });
    await stack.graphql('query WhoIsCalling { whoami }', undefined, { cookie: stack.adminCookie });
    await stack.graphql('{ whoami }', undefined, { cookie: stack.adminCookie });
    await stack.graphql('mutation Shout { shout(text: "hi") }', undefined, { cookie: stack.adminCookie });
    for (let i = 0; i < MAX_OPERATION_NAMES; i += 1) await stack.graphql(`query Invented${i} { whoami }`, undefined, { cookie: stack.adminCookie });
    const after = await (await fetch(`${base}/metrics`)).text();
    expect(count(after, 'type="query",name="WhoIsCalling"')).toBe(2);
    expect(count(after, 'type="query",name="anonymous"') - count(before, 'type="query",name="anonymous"')).toBe(1);
    expect(count(after, 'type="mutation",name="Shout"')).toBe(1);
    expect(count(after, 'type="query",name="other"')).toBeGreaterThanOrEqual(2);
    const labelled = new Set([...after.matchAll(/^lifestone_gateway_operation_duration_seconds_count\{type="\w+",name="(\w+)"\}/gm)].map((match) => match[1]));
    expect(labelled.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 2);
  });

  it('let only the configured web origins call from a browser, with credentials', async () => {
    const preflight = (origin: string) =>
      fetch(stack.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight('https://tools.example.org');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tools.example.org');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    for (const response of [
      await preflight('https://evil.example.org'),
      await fetch(stack.url, { method: 'POST', headers: { origin: 'https://evil.example.org', 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` }, body: '{"query":"{ whoami }"}' }),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('read bodies up to 1 MiB, answering a larger or empty one with BAD_REQUEST and JSON that is not with the runtime\'s words', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` };
    const post = (body: string, type = 'application/json') => fetch(stack.url, { method: 'POST', headers: { ...headers, 'content-type': type }, body });
    // Just under the limit: answered as usual.
    const padding = 'x'.repeat(DEFAULT_MAX_BODY_BYTES - 200);
    const large = await post(JSON.stringify({ query: '{ whoami }', extensions: { padding } }));
    expect(await large.json()).toEqual({ data: { whoami: 'watcher:viewer' } });
    // Over it, by its Content-Length, or sent in chunks without one.
    const refusal = { errors: [{ message: `The request body is over ${DEFAULT_MAX_BODY_BYTES} bytes. Send a smaller GraphQL request.`, extensions: { code: 'BAD_REQUEST', limit: DEFAULT_MAX_BODY_BYTES } }] };
    const byLength = await post(`{"query":"{ whoami }","padding":"${'x'.repeat(DEFAULT_MAX_BODY_BYTES)}"}`);
    expect(byLength.status).toBe(413);
    expect(await byLength.json()).toEqual(refusal);
    const chunked = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(stack.url, { method: 'POST', headers }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      // The gateway answers before the body ends and closes the connection: what is still being sent then fails here, as it should.
      request.on('error', (error) => (request.headersSent ? undefined : reject(error)));
      request.write(`{"query":"{ whoami }","padding":"`);
      const chunk = 'y'.repeat(64 * 1024);
      const send = (): void => {
        while (!request.destroyed && request.write(chunk));
        if (!request.destroyed) request.once('drain', send);
      };
      send();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text)).toEqual(refusal);
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
    const notJson = await post('{"query": "{ whoami }"');
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toMatch(/invalid JSON/i);
    const asGraphQL = await post('{ whoami }', 'application/graphql');
    expect(await asGraphQL.json()).toEqual({ data: { whoami: 'watcher:viewer' } });
  });

  it('answer 404 elsewhere while there is no built dashboard', async () => {
    const response = await fetch(stack.url.replace(/\/graphql$/, '/map'));
    expect(response.status).toBe(404);
  });
});
