/**
 * A revoked token or an ended session stops its live subscriptions within
 * seconds, not when its socket happens to close; other callers' go on.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { CHAT_TOPIC, tinySubgraph } from './tiny-subgraph.js';

const CHAT = 'subscription($c: String) { chat(character: $c) }';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()], sharedSubscriptionFields: new Set(['chat']), revalidateMs: 300 });
});
afterAll(() => stack?.close());

describe('revoked credentials', () => {
  it('close their sockets with 4403 within seconds, while another token’s subscription keeps delivering', async () => {
    const [kept, revoked] = await Promise.all([stack.createToken('viewer', 'kept'), stack.createToken('viewer', 'revoked')]);
    const other = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Ivy' }, kept.token);
    let closed: { code: number; reason: string } | undefined;
    // lazy: false reports a closed connection to onNonLazyError (the console by default); the test reads it from `closed`.
    const client = stack.wsClient(revoked.token, { lazy: false, retryAttempts: 0, onNonLazyError: () => {}, on: { closed: (event) => void (closed ??= event as { code: number; reason: string }) } });
    const results: unknown[] = [];
    const iterator = client.iterate({ query: CHAT, variables: { c: 'Ivy' } });
    const reading = (async () => {
      try {
        for await (const result of iterator) results.push(result);
      } catch (error) {
        results.push({ ended: String(error) });
      }
    })();
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Ivy', payload: 'hello' }), 50);
    try {
      await expect.poll(() => results.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await stack.graphql('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: revoked.id }, { cookie: stack.adminCookie });
      const revokedAt = Date.now();
      await expect.poll(() => closed, { timeout: 5_000 }).toBeDefined();
      expect(Date.now() - revokedAt).toBeLessThan(3_000);
      expect(closed).toMatchObject({ code: 4403, reason: 'Forbidden: these credentials were revoked or ended; authenticate again' });
      const before = other.results.length;
      await expect.poll(() => other.results.length, { timeout: 5_000 }).toBeGreaterThan(before);
    } finally {
      clearInterval(publisher);
      await reading;
      await client.dispose();
      await other.close();
    }
  });

  it('end an SSE subscription with a last event carrying the refusal, while another token’s goes on', async () => {
    const [kept, revoked] = await Promise.all([stack.createToken('viewer', 'sse-kept'), stack.createToken('viewer', 'sse-revoked')]);
    const [other, stream] = await Promise.all([kept, revoked].map((token) => stack.subscribeSse<{ chat: string }>(CHAT, { c: 'Sue' }, { token: token.token })));
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Sue', payload: 'hello' }), 50);
    try {
      await stream!.waitFor((result) => result.data?.chat === 'Sue: hello', 5_000);
      await stack.graphql('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: revoked.id }, { cookie: stack.adminCookie });
      const revokedAt = Date.now();
      const refusal = await stream!.waitFor((result) => result.errors !== undefined, 5_000);
      expect(Date.now() - revokedAt).toBeLessThan(3_000);
      expect(refusal).toEqual({ errors: [{ message: 'Forbidden: these credentials were revoked or ended; authenticate again', extensions: { code: 'UNAUTHENTICATED' } }] });
      const count = stream!.results.length;
      const before = other!.results.length;
      await expect.poll(() => other!.results.length, { timeout: 5_000 }).toBeGreaterThan(before + 2);
      expect(stream!.results.length).toBe(count);
    } finally {
      clearInterval(publisher);
      await Promise.all([other!.close(), stream!.close()]);
    }
  });

  it('a changed role closes the sockets opened with the old one (1012, to reconnect), and the account then acts with the new role', async () => {
    await stack.graphql('mutation { createAccount(name: "promoted", password: "promoted-password", role: VIEWER) { name } }', undefined, { cookie: stack.adminCookie });
    const cookie = await stack.signIn('promoted', 'promoted-password');
    const closes: { code: number; reason: string }[] = [];
    const browser = createClient({
      url: stack.gateway.wsUrl,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => {},
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie } });
        }
      },
      on: { closed: (event) => void closes.push(event as { code: number; reason: string }) },
    });
    const iterator = browser.iterate({ query: CHAT, variables: { c: 'Kai' } });
    const reading = (async () => {
      try {
        for await (const _ of iterator) void _;
      } catch {
        // the socket closes under it
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(closes).toEqual([]);
    await stack.graphql('mutation { setAccountRole(name: "promoted", role: OPERATOR) { role } }', undefined, { cookie: stack.adminCookie });
    await expect.poll(() => closes[0], { timeout: 5_000 }).toMatchObject({ code: 1012, reason: "This account's role changed: reconnect to continue with the new one" });
    await reading;
    await browser.dispose();
    expect((await stack.graphql('{ whoami }', undefined, { cookie })).body).toEqual({ data: { whoami: 'promoted:operator' } });
  });

  it('an ended session closes the sockets it opened', async () => {
    const cookie = await stack.signIn('admin', 'test-admin-password');
    let closed: { code: number } | undefined;
    // Over graphql-ws a browser sends its cookie with the upgrade; this client does the same by header.
    const browser = createClient({
      url: stack.gateway.wsUrl,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => {},
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie } });
        }
      },
      on: { closed: (event) => void (closed ??= event as { code: number }) },
    });
    const iterator = browser.iterate({ query: CHAT, variables: { c: 'Jo' } });
    const reading = (async () => {
      try {
        for await (const _ of iterator) void _;
      } catch {
        // the socket closes under it
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.graphql('mutation { signOut }', undefined, { cookie });
    await expect.poll(() => closed?.code, { timeout: 5_000 }).toBe(4403);
    await reading;
    await browser.dispose();
  });
});
