import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { tinySubgraph } from './tiny-subgraph.js';

const SIGN_IN = 'mutation SignIn($name: String!, $password: String!) { signIn(username: $name, password: $password) { id name role apiToken } }';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()] });
});
afterAll(() => stack?.close());

async function createAccount(name: string, role: 'VIEWER' | 'OPERATOR' | 'ADMIN', password = `${name}-password`): Promise<string> {
  const response = await stack.graphql('mutation($name: String!, $password: String!, $role: Role!) { createAccount(name: $name, password: $password, role: $role) { name } }', { name, password, role }, { cookie: stack.adminCookie });
  expect(response.body.errors).toBeUndefined();
  return password;
}

describe('accounts and sessions', () => {
  it('creates the first admin with an argon2id hash', async () => {
    const { rows } = await stack.db.query<{ name: string; role: string; password_hash: string }>('SELECT name, role, password_hash FROM accounts');
    expect(rows.map(({ name, role }) => ({ name, role }))).toEqual([{ name: 'admin', role: 'admin' }]);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(stack.gateway.firstAdmin).toEqual({ name: 'admin' });
  });

  it('signs in: sets a signed httpOnly, SameSite=Lax session cookie on Path=/ and keeps only the hash of its token', async () => {
    const response = await stack.graphql(SIGN_IN, { name: 'admin', password: stack.admin.password });
    expect(response.body).toEqual({ data: { signIn: { id: expect.any(String), name: 'admin', role: 'ADMIN', apiToken: false } } });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lifestone_session=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    const token = /^lifestone_session=([^.]+)\./.exec(cookie)?.[1] as string;
    const { rows } = await stack.db.query<{ id: string }>('SELECT id FROM sessions');
    expect(rows.map((row) => row.id)).toContain(sha256(token));
    expect(rows.map((row) => row.id)).not.toContain(token);
  });

  it('refuses a wrong password or an unknown name alike, without a cookie', async () => {
    for (const [name, password] of [['admin', 'wrong'], ['nobody', 'wrong']]) {
      const response = await stack.graphql(SIGN_IN, { name, password });
      expect(response.body.errors?.[0]).toMatchObject({ message: 'Wrong name or password.', extensions: { code: 'UNAUTHENTICATED' } });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('signs out: clears the cookie, and the old cookie no longer works', async () => {
    const cookie = await stack.signIn('admin', stack.admin.password);
    expect((await stack.graphql('{ whoami }', undefined, { cookie })).body).toEqual({ data: { whoami: 'admin:admin' } });
    const response = await stack.graphql('mutation { signOut }', undefined, { cookie });
    expect(response.body).toEqual({ data: { signOut: true } });
    expect(response.headers.get('set-cookie')).toBe('lifestone_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax');
    const after = await stack.graphql('{ whoami }', undefined, { cookie });
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.message).toMatch(/^Your session has ended \(expired or signed out\): sign in again/);
  });

  it('ends a session after 30 days', async () => {
    const cookie = await stack.signIn('admin', stack.admin.password);
    stack.clock.advance(30 * 24 * 60 * 60_000 + 1_000);
    try {
      const response = await stack.graphql('{ whoami }', undefined, { cookie });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      stack.clock.advance(-(30 * 24 * 60 * 60_000 + 1_000));
    }
  });

  it('refuses a cookie whose signature does not hold', async () => {
    const cookie = await stack.signIn('admin', stack.admin.password);
    const forged = cookie.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const response = await stack.graphql('{ whoami }', undefined, { cookie: forged });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets admins create accounts that sign in with their role, and no one else', async () => {
    const password = await createAccount('vera', 'VIEWER');
    const cookie = await stack.signIn('vera', password);
    expect((await stack.graphql('{ me { name role apiToken } }', undefined, { cookie })).body).toEqual({ data: { me: { name: 'vera', role: 'VIEWER', apiToken: false } } });
    const refused = await stack.graphql('mutation { createAccount(name: "eve", password: "long-enough", role: ADMIN) { name } }', undefined, { cookie });
    expect(refused.body.errors?.[0]).toMatchObject({ message: 'createAccount needs the admin role; you are a viewer.', extensions: { code: 'FORBIDDEN' } });
    const short = await stack.graphql('mutation { createAccount(name: "eve", password: "short", role: VIEWER) { name } }', undefined, { cookie: stack.adminCookie });
    expect(short.body.errors?.[0]).toMatchObject({ message: 'A password has at least 8 characters.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a sign-in with a name longer than any account has, before counting or checking it', async () => {
    for (const [length, message] of [
      [65, 'An account name has 1 to 64 characters.'],
      // Past any text argument's limit: refused before the resolver runs.
      [4000, 'username has 4000 characters; at most 256 are accepted here: send a shorter one.'],
    ] as const) {
      const response = await stack.graphql('mutation($name: String!) { signIn(username: $name, password: "long-enough") { name } }', { name: 'n'.repeat(length) });
      expect(response.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }))).toEqual([{ message, code: 'BAD_USER_INPUT' }]);
    }
  });

  it('refuses names PostgreSQL cannot store (U+0000) as BAD_USER_INPUT naming the variable, never in its own words', async () => {
    for (const [field, mutation] of [
      ['createAccount', 'mutation($name: String!) { createAccount(name: $name, password: "long-enough", role: VIEWER) { name } }'],
      ['createApiToken', 'mutation($name: String!) { createApiToken(name: $name, role: VIEWER) { name } }'],
      ['signIn', 'mutation($name: String!) { signIn(username: $name, password: "long-enough") { name } }'],
    ] as const) {
      const response = await stack.graphql(mutation, { name: 'nul\u0000name' }, field === 'signIn' ? undefined : { cookie: stack.adminCookie });
      const argument = '$name';
      expect(response.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code, argument: extensions?.argument })), field).toEqual([
        { message: `${argument} holds U+0000 or a lone surrogate, which no stored text contains: remove it.`, code: 'BAD_USER_INPUT', argument },
      ]);
    }
  });
});

describe('anonymous callers', () => {
  it('get nothing but signIn, with a message saying how to authenticate', async () => {
    for (const query of ['{ whoami }', '{ __schema { types { name } } }', 'mutation { signOut }', 'mutation { signIn(username: "a", password: "b") { name } signOut }']) {
      const response = await stack.graphql(query);
      expect(response.status, query).toBe(401);
      expect(response.body).toEqual({
        errors: [
          {
            message:
              'Not signed in. Send an API token as `Authorization: Bearer <token>`, or sign in with `mutation { signIn(username: "...", password: "...") { name } }` to get a session cookie.',
            extensions: { code: 'UNAUTHENTICATED', traceId: expect.any(String) },
          },
        ],
      });
    }
  });

  it('are told they are nobody, with 200: me is null, as it is for an ended session', async () => {
    for (const credentials of [undefined, { cookie: 'lifestone_session=not-a-session' }]) {
      const response = await stack.graphql('query Me { me { id name role } __typename }', undefined, credentials);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: { me: null, __typename: 'Query' } });
    }
    const mixed = await stack.graphql('{ me { name } whoami }');
    expect(mixed.status).toBe(401);
  });

  it('learn nothing of the schema from a wrong sign-in; signed-in callers get suggestions', async () => {
    const anonymous = await stack.graphql('mutation { signIn(username: "admin", password: "x") { nam } }');
    expect(anonymous.body.errors?.map((error) => error.message)).toEqual(['This operation is not valid. Without credentials only `mutation { signIn(username: "...", password: "...") { name role } }` and `{ me { name } }` are answered; sign in to see the schema.']);
    const signedIn = await stack.graphql('{ whoam }', undefined, { cookie: stack.adminCookie });
    expect(signedIn.body.errors?.[0]?.message).toBe('Cannot query field "whoam" on type "Query". Did you mean "whoami"?');
  });
});

describe('API tokens', () => {
  it('are shown once as ls_ and 43 characters, stored as their SHA-256, and act with their role', async () => {
    const { id, token } = await stack.createToken('viewer', 'dashboard bot');
    expect(token).toMatch(/^ls_[A-Za-z0-9_-]{43}$/);
    const { rows } = await stack.db.query<{ token_hash: string; name: string; role: string }>('SELECT token_hash, name, role FROM api_tokens WHERE id = $1', [id]);
    expect(rows).toEqual([{ token_hash: sha256(token), name: 'dashboard bot', role: 'viewer' }]);
    const response = await stack.graphql('{ whoami me { name role apiToken } }', undefined, { token });
    expect(response.body).toEqual({ data: { whoami: 'dashboard bot:viewer', me: { name: 'dashboard bot', role: 'VIEWER', apiToken: true } } });
    const listed = await stack.graphql<{ apiTokens: { id: string; lastUsedAt: string | null; createdBy: string }[] }>('{ apiTokens { id createdBy lastUsedAt } }', undefined, { cookie: stack.adminCookie });
    expect(listed.body.data?.apiTokens.find((entry) => entry.id === id)).toMatchObject({ createdBy: 'admin', lastUsedAt: expect.any(String) });
  });

  it('may be created and revoked by admins only', async () => {
    const { token } = await stack.createToken('operator');
    const create = await stack.graphql('mutation { createApiToken(name: "x", role: ADMIN) { token } }', undefined, { token });
    expect(create.body.errors?.[0]).toMatchObject({ message: 'createApiToken needs the admin role; you are an operator.', extensions: { code: 'FORBIDDEN' } });
  });

  it('stop working once revoked', async () => {
    const { id, token } = await stack.createToken('operator');
    expect((await stack.graphql('{ whoami }', undefined, { token })).body).toEqual({ data: { whoami: 'operator token:operator' } });
    expect((await stack.graphql('mutation($id: ID!) { revokeApiToken(id: $id) }', { id }, { cookie: stack.adminCookie })).body).toEqual({ data: { revokeApiToken: true } });
    const refused = await stack.graphql('{ whoami }', undefined, { token });
    expect(refused.status).toBe(401);
    expect(refused.body.errors).toEqual([
      {
        message: 'This API token is not valid: it was revoked or never existed. Ask an admin for a new one (createApiToken).',
        extensions: { code: 'UNAUTHENTICATED', traceId: expect.any(String) },
      },
    ]);
    expect((await stack.graphql('mutation($id: ID!) { revokeApiToken(id: $id) }', { id }, { cookie: stack.adminCookie })).body).toEqual({ data: { revokeApiToken: false } });
  });

  it('refuses an unknown token and a malformed Authorization header, even for signIn', async () => {
    const unknown = await stack.graphql('{ whoami }', undefined, { token: 'ls_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]?.message).toMatch(/^This API token is not valid/);
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46eA==' },
      body: JSON.stringify({ query: 'mutation { signIn(username: "admin", password: "x") { name } }' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'The Authorization header must be `Bearer <API token>` (a token starts with `ls_`).',
    );
  });
});

describe('the identity the subgraphs see', () => {
  it('is the caller, with its role, signed by the gateway', async () => {
    const { token } = await stack.createToken('viewer', 'reader');
    expect((await stack.graphql('mutation { shout(text: "hi") }', undefined, { token })).body.errors?.[0]).toMatchObject({
      message: 'shout needs the operator role; you are a viewer.',
      extensions: { code: 'FORBIDDEN' },
    });
    const operator = await stack.createToken('operator', 'writer');
    expect((await stack.graphql('mutation { shout(text: "hi") }', undefined, { token: operator.token })).body).toEqual({ data: { shout: true } });
  });

  it('is required by the subgraph: a request around the gateway is refused', async () => {
    const subgraph = stack.subgraphs.telemetry?.url as string;
    const direct = await fetch(subgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ whoami }' }) });
    expect(direct.status).toBe(401);
    expect(await direct.json()).toEqual({ errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] });
    const forged = await fetch(subgraph, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lifestone-identity': 'eyJraW5kIjoidXNlciJ9.bm90IGEgc2lnbmF0dXJl' },
      body: JSON.stringify({ query: '{ whoami }' }),
    });
    expect(forged.status).toBe(401);
  });
});
