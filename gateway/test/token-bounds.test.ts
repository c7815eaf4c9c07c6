/**
 * An API token is never more than its owner, the account that created it:
 * it acts with the lesser of its own role and the owner's current one, and
 * is revoked, its live subscriptions closed, when the owner is deleted. The
 * token list names the owner throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type GraphQLResponse, type TestStack } from '@lifestone/test-kit/stack';
import { deleteAccount, issueApiToken, OwnerGoneError } from '@lifestone/lib/auth';
import { CHAT_TOPIC, tinySubgraph } from './tiny-subgraph.js';

const CHAT = 'subscription($c: String) { chat(character: $c) }';
const CREATE_TOKEN = 'mutation($name: String!, $role: Role!) { createApiToken(name: $name, role: $role) { id token } }';
const SET_ROLE = 'mutation($name: String!, $role: Role!) { setAccountRole(name: $name, role: $role) { name role } }';
const CREATE_ACCOUNT = 'mutation($name: String!, $role: Role!) { createAccount(name: $name, password: "long-enough-password", role: $role) { name } }';
const UNKNOWN_TOKEN = 'This API token is not valid: it was revoked or never existed. Ask an admin for a new one (createApiToken).';

type Role = 'VIEWER' | 'OPERATOR' | 'ADMIN';
interface ListedToken { id: string; name: string; role: Role; createdBy: string | null; revokedAt: string | null }

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()], sharedSubscriptionFields: new Set(['chat']), revalidateMs: 300 });
});
afterAll(() => stack?.close());

/** The errors of a response as `{ message, code }`. */
function refusals(response: GraphQLResponse): { message: string; code: unknown }[] | undefined {
  return response.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }));
}

/** Creates account `name` as the stack's admin, signs it in, and returns its session cookie. */
async function signedInAccount(name: string, role: Role): Promise<string> {
  expect((await stack.graphql(CREATE_ACCOUNT, { name, role }, { cookie: stack.adminCookie })).body).toEqual({ data: { createAccount: { name } } });
  return stack.signIn(name, 'long-enough-password');
}

/** An API token created by whoever `credentials` authenticate. */
async function tokenOf(credentials: { cookie: string } | { token: string }, name: string, role: Role): Promise<{ id: string; token: string }> {
  const response = await stack.graphql<{ createApiToken: { id: string; token: string } }>(CREATE_TOKEN, { name, role }, credentials);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.createApiToken;
}

async function listedToken(id: string): Promise<ListedToken | undefined> {
  const listed = await stack.graphql<{ apiTokens: ListedToken[] }>('{ apiTokens { id name role createdBy revokedAt } }', undefined, { cookie: stack.adminCookie });
  expect(listed.body.errors).toBeUndefined();
  return listed.body.data?.apiTokens.find((token) => token.id === id);
}

describe('a token whose owner is demoted', () => {
  it('acts with the owner’s new role at once, and cannot promote its owner back', async () => {
    const dana = await signedInAccount('dana', 'ADMIN');
    const own = await tokenOf({ cookie: dana }, 'dana admin', 'ADMIN');
    // Issued by that token: owned by dana too, not by nobody.
    const issued = await tokenOf({ token: own.token }, 'dana second', 'ADMIN');
    expect(await listedToken(issued.id)).toEqual({ id: issued.id, name: 'dana second', role: 'ADMIN', createdBy: 'dana', revokedAt: null });
    expect((await stack.graphql<{ accounts: unknown[] }>('{ accounts { name } }', undefined, { token: own.token })).body.errors).toBeUndefined();

    expect((await stack.graphql(SET_ROLE, { name: 'dana', role: 'VIEWER' }, { cookie: stack.adminCookie })).body).toEqual({ data: { setAccountRole: { name: 'dana', role: 'VIEWER' } } });

    for (const { token } of [own, issued]) {
      expect((await stack.graphql('{ me { name role apiToken } }', undefined, { token })).body.data).toMatchObject({ me: { role: 'VIEWER', apiToken: true } });
      expect(refusals(await stack.graphql('{ accounts { name } }', undefined, { token }))).toEqual([{ message: 'accounts needs the admin role; you are a viewer.', code: 'FORBIDDEN' }]);
      expect(refusals(await stack.graphql(SET_ROLE, { name: 'dana', role: 'ADMIN' }, { token }))).toEqual([{ message: 'setAccountRole needs the admin role; you are a viewer.', code: 'FORBIDDEN' }]);
      expect(refusals(await stack.graphql(CREATE_TOKEN, { name: 'escape', role: 'ADMIN' }, { token }))).toEqual([{ message: 'createApiToken needs the admin role; you are a viewer.', code: 'FORBIDDEN' }]);
    }
    expect((await stack.db.query("SELECT role FROM accounts WHERE name = 'dana'")).rows).toEqual([{ role: 'viewer' }]);
    // The token keeps its own role: an owner promoted back lends it no more than that, and no less.
    expect((await listedToken(own.id))?.role).toBe('ADMIN');
    await stack.graphql(SET_ROLE, { name: 'dana', role: 'OPERATOR' }, { cookie: stack.adminCookie });
    expect((await stack.graphql('{ whoami }', undefined, { token: own.token })).body).toEqual({ data: { whoami: 'dana admin:operator' } });
  });

  it('bounds a token with a lower role by its own', async () => {
    const owen = await signedInAccount('owen', 'ADMIN');
    const { token } = await tokenOf({ cookie: owen }, 'owen viewer', 'VIEWER');
    expect((await stack.graphql('{ whoami }', undefined, { token })).body).toEqual({ data: { whoami: 'owen viewer:viewer' } });
  });

  it('closes the token’s open subscriptions, to be opened again with the lesser role', async () => {
    const rhea = await signedInAccount('rhea', 'ADMIN');
    const { token } = await tokenOf({ cookie: rhea }, 'rhea operator', 'OPERATOR');
    const closes: { code: number; reason: string }[] = [];
    const client = stack.wsClient(token, { lazy: false, onNonLazyError: () => {}, on: { closed: (event) => void closes.push(event as { code: number; reason: string }) } });
    const results: unknown[] = [];
    const reading = (async () => {
      try {
        for await (const result of client.iterate({ query: CHAT, variables: { c: 'Rhea' } })) results.push(result);
      } catch {
        // the socket closes under it
      }
    })();
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Rhea', payload: 'hello' }), 50);
    try {
      await expect.poll(() => results.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await stack.graphql(SET_ROLE, { name: 'rhea', role: 'VIEWER' }, { cookie: stack.adminCookie });
      const demotedAt = Date.now();
      await expect.poll(() => closes[0], { timeout: 5_000 }).toMatchObject({ code: 1012, reason: "This account's role changed: reconnect to continue with the new one" });
      expect(Date.now() - demotedAt).toBeLessThan(3_000);
    } finally {
      clearInterval(publisher);
      await reading;
      await client.dispose();
    }
    expect((await stack.graphql('{ whoami }', undefined, { token })).body).toEqual({ data: { whoami: 'rhea operator:viewer' } });
  });
});

describe('a token whose owner is deleted', () => {
  it('is revoked: refused for queries and mutations, its subscription closed within seconds, still listed under its owner’s name', async () => {
    const otto = await signedInAccount('otto', 'ADMIN');
    const own = await tokenOf({ cookie: otto }, 'otto admin', 'ADMIN');
    const issued = await tokenOf({ token: own.token }, 'otto second', 'VIEWER');
    let closed: { code: number; reason: string } | undefined;
    const client = stack.wsClient(own.token, { lazy: false, onNonLazyError: () => {}, on: { closed: (event) => void (closed ??= event as { code: number; reason: string }) } });
    const results: unknown[] = [];
    const reading = (async () => {
      try {
        for await (const result of client.iterate({ query: CHAT, variables: { c: 'Otto' } })) results.push(result);
      } catch {
        // the socket closes under it
      }
    })();
    const stream = await stack.subscribeSse<{ chat: string }>(CHAT, { c: 'Otto' }, { token: issued.token });
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Otto', payload: 'hello' }), 50);
    try {
      await expect.poll(() => results.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await stream.waitFor((result) => result.data?.chat === 'Otto: hello', 5_000);
      expect((await stack.graphql('mutation($name: String!) { deleteAccount(name: $name) }', { name: 'otto' }, { cookie: stack.adminCookie })).body).toEqual({ data: { deleteAccount: true } });
      const deletedAt = Date.now();
      await expect.poll(() => closed, { timeout: 5_000 }).toMatchObject({ code: 4403, reason: 'Forbidden: these credentials were revoked or ended; authenticate again' });
      const refusal = await stream.waitFor((result) => result.errors !== undefined, 5_000);
      expect(Date.now() - deletedAt).toBeLessThan(3_000);
      expect(refusal).toEqual({ errors: [{ message: 'Forbidden: these credentials were revoked or ended; authenticate again', extensions: { code: 'UNAUTHENTICATED' } }] });
    } finally {
      clearInterval(publisher);
      await reading;
      await client.dispose();
      await stream.close();
    }

    for (const { token } of [own, issued]) {
      const query = await stack.graphql('{ whoami }', undefined, { token });
      expect(query.status).toBe(401);
      expect(refusals(query)).toEqual([{ message: UNKNOWN_TOKEN, code: 'UNAUTHENTICATED' }]);
    }
    const mutation = await stack.graphql(CREATE_ACCOUNT, { name: 'otto-returns', role: 'ADMIN' }, { token: own.token });
    expect(refusals(mutation)).toEqual([{ message: UNKNOWN_TOKEN, code: 'UNAUTHENTICATED' }]);
    expect((await stack.db.query("SELECT count(*)::int AS n FROM accounts WHERE name = 'otto-returns'")).rows).toEqual([{ n: 0 }]);

    for (const [{ id }, name, role] of [[own, 'otto admin', 'ADMIN'], [issued, 'otto second', 'VIEWER']] as const) {
      expect(await listedToken(id)).toEqual({ id, name, role, createdBy: 'otto', revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    }
  });

  it('is cut within the re-check of open sockets when the owner is deleted through another gateway, whatever this one cached', async () => {
    const uma = await signedInAccount('uma', 'ADMIN');
    const { token } = await tokenOf({ cookie: uma }, 'uma admin', 'ADMIN');
    let closed: { code: number; reason: string } | undefined;
    const client = stack.wsClient(token, { lazy: false, onNonLazyError: () => {}, on: { closed: (event) => void (closed ??= event as { code: number; reason: string }) } });
    const results: unknown[] = [];
    const reading = (async () => {
      try {
        for await (const result of client.iterate({ query: CHAT, variables: { c: 'Uma' } })) results.push(result);
      } catch {
        // the socket closes under it
      }
    })();
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Uma', payload: 'hello' }), 50);
    try {
      await expect.poll(() => results.length, { timeout: 5_000 }).toBeGreaterThan(0);
      // Straight to the database, as another gateway's accounts subgraph would: this gateway's 5 s lookup cache is not dropped.
      expect(await deleteAccount(stack.db, 'uma', new Date())).toBe(true);
      const deletedAt = Date.now();
      await expect.poll(() => closed, { timeout: 5_000 }).toMatchObject({ code: 4403 });
      expect(Date.now() - deletedAt).toBeLessThan(2_000);
    } finally {
      clearInterval(publisher);
      await reading;
      await client.dispose();
    }
    expect(refusals(await stack.graphql('{ whoami }', undefined, { token }))).toEqual([{ message: UNKNOWN_TOKEN, code: 'UNAUTHENTICATED' }]);
  });

  it('stays refused even if its revocation were undone: a token with no owner left is no token', async () => {
    const ida = await signedInAccount('ida', 'ADMIN');
    const { id, token } = await tokenOf({ cookie: ida }, 'ida admin', 'ADMIN');
    await stack.graphql('mutation($name: String!) { deleteAccount(name: $name) }', { name: 'ida' }, { cookie: stack.adminCookie });
    await stack.db.query('UPDATE api_tokens SET revoked_at = NULL WHERE id = $1', [id]);
    expect(refusals(await stack.graphql('{ whoami }', undefined, { token }))).toEqual([{ message: UNKNOWN_TOKEN, code: 'UNAUTHENTICATED' }]);
    expect(await listedToken(id)).toMatchObject({ createdBy: 'ida' });
  });

  it('is never issued while its owner is being deleted', async () => {
    await signedInAccount('vera', 'ADMIN');
    const { rows } = await stack.db.query<{ id: string }>("SELECT id FROM accounts WHERE name = 'vera'");
    const owner = rows[0]!.id;
    const deleting = await stack.db.connect();
    try {
      await deleting.query('BEGIN');
      await deleting.query('SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE', [owner]);
      const issuing = issueApiToken(stack.db, { name: 'vera late', role: 'admin', createdBy: owner }, new Date()).then(
        () => 'issued',
        (error: unknown) => (error instanceof OwnerGoneError ? 'owner gone' : String(error)),
      );
      // The insert waits on the account's row, which the deletion holds.
      await expect
        .poll(async () => (await stack.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO api_tokens%'")).rows[0]?.n, { timeout: 5_000 })
        .toBe(1);
      await deleting.query('DELETE FROM accounts WHERE id = $1', [owner]);
      await deleting.query('COMMIT');
      expect(await issuing).toBe('owner gone');
    } finally {
      deleting.release();
    }
    expect((await stack.db.query("SELECT count(*)::int AS n FROM api_tokens WHERE name = 'vera late'")).rows).toEqual([{ n: 0 }]);
  });
});
