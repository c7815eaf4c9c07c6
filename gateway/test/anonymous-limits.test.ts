/**
 * What a caller can make the gateway parse: anonymous callers no more than a
 * sign-in, everyone no more than the token and directive limits, checked
 * before the document is parsed whole.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { tinySubgraph } from './tiny-subgraph.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()] });
});
afterAll(() => stack?.close());

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(stack.url, { method: 'POST', body: JSON.stringify({ query }), headers: { 'content-type': 'application/json', ...headers } });

const skips = (n: number) => ' @skip(if: false)'.repeat(n);
/** The finding: an anonymous signIn of about 0.85 MB carrying 50,000 directives. */
const hostileSignIn = `mutation { signIn(username: "admin", password: "x")${skips(50_000)} { name } }`;

describe('anonymous callers', () => {
  it('may send a body the size of a sign-in, and no more, before anything is parsed', async () => {
    expect(hostileSignIn.length).toBeGreaterThan(800_000);
    const response = await post(hostileSignIn);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is over 8192 bytes. Without valid credentials only signIn is answered: sign in, or send a valid API token.', extensions: { code: 'BAD_REQUEST', limit: 8192 } }] });
  });

  it('still sign in', async () => {
    const response = await post('mutation { signIn(username: "admin", password: "test-admin-password") { name } }');
    expect(await response.json()).toEqual({ data: { signIn: { name: 'admin' } } });
  });

  it('cannot pass the body limit with a cookie that is not valid', async () => {
    const response = await post(hostileSignIn, { cookie: 'lifestone_session=forged.forged' });
    expect(response.status).toBe(413);
  });
});

describe('signed-in callers', () => {
  it('are stopped by the token limit while parsing', async () => {
    const response = await post(hostileSignIn, { cookie: stack.adminCookie });
    expect(await response.json()).toMatchObject({ errors: [{ message: 'Query has more than 2000 tokens (LIFESTONE_MAX_TOKENS). Select fewer fields, or split the query.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 2000 } }] });
  });

  it('are stopped by the directive limit', async () => {
    const response = await post(`{ ${'... @skip(if: false) { whoami } '.repeat(51)}}`, { cookie: stack.adminCookie });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ message: 'Query directive count 51 is over the limit of 50 (LIFESTONE_MAX_DIRECTIVES). Use fewer directives, or split the query.', extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });

  it('run documents within both limits', async () => {
    const response = await post(`{ ${'... @include(if: true) { whoami } '.repeat(50)}}`, { cookie: stack.adminCookie });
    expect(await response.json()).toEqual({ data: { whoami: 'admin:admin' } });
  });
});

describe('request targets that are not URLs', () => {
  /** Sends `GET <target>` as it is, over a raw socket; resolves the status line. */
  function rawRequest(target: string, upgrade = false): Promise<string> {
    const { hostname, port } = new URL(stack.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        const upgradeHeaders = upgrade ? 'connection: upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n' : '';
        socket.write(`GET ${target} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${upgradeHeaders}connection: close\r\n\r\n`);
      });
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
  }

  it('are answered 400 (or 404 for an upgrade), and the gateway goes on', async () => {
    expect(await rawRequest('http://[')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawRequest('http://[', true)).toBe('HTTP/1.1 404 Not Found');
    const response = await post('{ whoami }', { cookie: stack.adminCookie });
    expect(await response.json()).toEqual({ data: { whoami: 'admin:admin' } });
  });
});
