/**
 * What a page of another site can do with a signed-in person's cookie:
 * nothing. Forms and text bodies cannot carry operations, mutations never go
 * over GET, and pages of other origins may neither post operations nor open
 * graphql-ws sockets (unless listed in LIFESTONE_CORS_ORIGINS).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { tinySubgraph } from './tiny-subgraph.js';

const ALLOWED = 'https://tools.example.org';
const EVIL = 'https://evil.example.net';
const CREATE = 'mutation { createAccount(name: "intruder", password: "intruder-password", role: ADMIN) { name } }';

let stack: TestStack;
let dashboard: string;
let own: string;
beforeAll(async () => {
  dashboard = await mkdtemp(path.join(tmpdir(), 'lifestone-dashboard-'));
  await writeFile(path.join(dashboard, 'index.html'), '<!doctype html>');
  await writeFile(path.join(dashboard, 'app.js.map'), '{"sources":["secret.ts"]}');
  stack = await startTestStack({ modules: [tinySubgraph()], corsOrigins: [ALLOWED], dashboardDir: dashboard });
  own = new URL(stack.url).origin;
});
afterAll(async () => {
  await stack?.close();
  await rm(dashboard, { recursive: true, force: true });
});

const post = (body: string, headers: Record<string, string>) =>
  fetch(stack.url, { method: 'POST', body, headers: { cookie: stack.adminCookie, ...headers } });

async function intruders(): Promise<number> {
  return (await stack.db.query(`SELECT count(*)::int AS n FROM accounts WHERE name = 'intruder'`)).rows[0].n as number;
}

describe('cross-site request forgery', () => {
  it('refuses operations posted as a form or as text, with the cookie and no Origin check needed', async () => {
    for (const [type, body] of <Array<[string, string]>>[
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent(CREATE)}`],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${CREATE}\r\n--x--\r\n`],
      ['text/plain', JSON.stringify({ query: CREATE })],
      ['', JSON.stringify({ query: CREATE })],
    ]) {
      const response = await post(body, type ? { 'content-type': type } : {});
      expect(response.status, type).toBe(415);
      expect(await response.json()).toEqual({ errors: [{ message: 'Send operations as application/json (or application/graphql); forms and text are refused.', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] });
    }
    expect(await intruders()).toBe(0);
  });

  it('refuses JSON posted by a page of another origin', async () => {
    const response = await post(JSON.stringify({ query: CREATE }), { 'content-type': 'application/json', origin: EVIL });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ errors: [{ message: `Pages of ${EVIL} may not use this gateway: add the origin to LIFESTONE_CORS_ORIGINS to allow it.`, extensions: { code: 'FORBIDDEN_ORIGIN' } }] });
    expect(await intruders()).toBe(0);
  });

  it('never runs a mutation over GET', async () => {
    const response = await fetch(`${stack.url}?query=${encodeURIComponent(CREATE)}`, { headers: { cookie: stack.adminCookie, accept: 'application/json' } });
    expect(response.status).toBe(405);
    expect(await intruders()).toBe(0);
  });

  it('answers its own pages, listed origins and programs that send no Origin', async () => {
    for (const origin of [own, ALLOWED, undefined]) {
      const response = await post(JSON.stringify({ query: '{ whoami }' }), { 'content-type': 'application/json', ...(origin ? { origin } : {}) });
      expect(response.status, origin).toBe(200);
      expect(await response.json()).toEqual({ data: { whoami: 'admin:admin' } });
    }
    const graphql = await post('{ whoami }', { 'content-type': 'application/graphql', origin: own });
    expect(await graphql.json()).toEqual({ data: { whoami: 'admin:admin' } });
  });
});

describe('WebSocket hijacking', () => {
  /** Opens a graphql-ws socket with the cookie, as a page of `origin` would; resolves the HTTP status of a refusal or what the socket answered. */
  function openSocket(origin: string): Promise<{ refused: number } | { acked: boolean }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(stack.gateway.wsUrl, 'graphql-transport-ws', { headers: { cookie: stack.adminCookie, origin } });
      socket.once('unexpected-response', (_request, response) => resolve({ refused: response.statusCode ?? 0 }));
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.once('message', (data) => {
        resolve({ acked: JSON.parse(String(data)).type === 'connection_ack' });
        socket.close();
      });
    });
  }

  it('refuses the upgrade from a page of another origin, before the cookie is read', async () => {
    expect(await openSocket(EVIL)).toEqual({ refused: 403 });
  });

  it('accepts the dashboard’s own origin and listed ones', async () => {
    expect(await openSocket(own)).toEqual({ acked: true });
    expect(await openSocket(ALLOWED)).toEqual({ acked: true });
  });
});

describe('source maps', () => {
  it('are not served, even when one is left in the dashboard folder', async () => {
    const response = await fetch(`${own}/app.js.map`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret.ts');
  });
});
