import { CloseCode } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';

/**
 * Every way in without the right to be there, against the real graph: each
 * refused with a stable code and a message that says what to do.
 */

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const LIVE = '{ livePlayers { name } }';

describe('refusals', () => {
  it('no credentials: 401 UNAUTHENTICATED saying how to authenticate', async () => {
    const response = await stack.graphql(LIVE);
    expect(response.status).toBe(401);
    expect(response.body.errors).toEqual([
      {
        message:
          'Not signed in. Send an API token as `Authorization: Bearer <token>`, or sign in with `mutation { signIn(username: "...", password: "...") { name } }` to get a session cookie.',
        extensions: { code: 'UNAUTHENTICATED', traceId: expect.any(String) },
      },
    ]);
  });

  it('a bad token: 401 UNAUTHENTICATED, over HTTP and over graphql-ws (4403)', async () => {
    const response = await stack.graphql(LIVE, undefined, { token: 'ls_not-a-real-token' });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'This API token is not valid: it was revoked or never existed. Ask an admin for a new one (createApiToken).',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const refused = await stack.wsClient('ls_not-a-real-token').iterate({ query: 'subscription { positions { time } }' }).next().catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: CloseCode.Forbidden });
  });

  it('a revoked token: works until revoked, then 401 UNAUTHENTICATED', async () => {
    const { id, token } = await stack.createToken('viewer', 'soon revoked');
    expect((await stack.graphql(LIVE, undefined, { token })).body).toEqual({ data: { livePlayers: [] } });
    await stack.graphql('mutation ($id: ID!) { revokeApiToken(id: $id) }', { id }, { cookie: stack.adminCookie });
    const response = await stack.graphql(LIVE, undefined, { token });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toBe('This API token is not valid: it was revoked or never existed. Ask an admin for a new one (createApiToken).');
  });

  it('a request straight to a subgraph, without the gateway signature: 401 from each subgraph', async () => {
    for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
      const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(response.status, name).toBe(401);
      expect(await response.json(), name).toEqual({ errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });

  it('a query over the depth limit: QUERY_TOO_COMPLEX naming the limit and the setting', async () => {
    const { token } = await stack.createToken('viewer');
    // Item.owner is a Character again: depth 2 per round.
    const query = `{ character(name: "x") { ${'inventory { owner { '.repeat(6)}name${' } }'.repeat(6)} } }`;
    const response = await stack.graphql(query, undefined, { token });
    expect(response.body.errors).toEqual([
      {
        message: 'Query depth 14 is over the limit of 12 (LIFESTONE_MAX_DEPTH). Select fewer nested levels, or split the query.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 12, found: 14, setting: 'LIFESTONE_MAX_DEPTH', traceId: expect.any(String) },
      },
    ]);
  });

  it('a query over the cost limit: QUERY_TOO_COMPLEX naming the limit and the setting', async () => {
    const { token } = await stack.createToken('viewer');
    // graphql-armor multiplies a list's cost by its `first`: 1000 * (2 + 1.5 * (1 + 2 + 1.5 * 2)).
    const response = await stack.graphql('{ characters(first: 1000) { name position { ew ns } } }', undefined, { token });
    expect(response.body.errors).toEqual([
      {
        message: 'Query cost 11000 is over the limit of 5000 (LIFESTONE_MAX_COST). Select fewer fields, or split the query.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 5000, found: 11000, setting: 'LIFESTONE_MAX_COST', traceId: expect.any(String) },
      },
    ]);
  });

  it('a list size given as a variable counts as its value: the same refusal as the literal', async () => {
    const { token } = await stack.createToken('viewer');
    const query = 'query Many($n: Int) { characters(first: $n) { name position { ew ns } } }';
    const refused = await stack.graphql(query, { n: 1000 }, { token });
    expect(refused.body.errors).toEqual([
      {
        message: 'Query cost 11000 is over the limit of 5000 (LIFESTONE_MAX_COST). Select fewer fields, or split the query.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 5000, found: 11000, setting: 'LIFESTONE_MAX_COST', traceId: expect.any(String) },
      },
    ]);
    expect((await stack.graphql('query Many($n: Int = 1000) { characters(first: $n) { name position { ew ns } } }', {}, { token })).body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(await stack.graphql(query, { n: 10 }, { token })).toMatchObject({ status: 200, body: { data: { characters: [] } } });
  });
});

describe('sessions in the browser', () => {
  it('signIn sets the session cookie, the playground opens with it, signOut clears it', async () => {
    const signIn = await stack.graphql('mutation { signIn(username: "admin", password: "test-admin-password") { name role } }');
    expect(signIn.body).toEqual({ data: { signIn: { name: 'admin', role: 'ADMIN' } } });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^lifestone_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0] as string;

    const playground = await fetch(stack.url, { headers: { accept: 'text/html', cookie } });
    expect(playground.status).toBe(200);
    expect(await playground.text()).toContain('<title>Lifestone playground</title>');

    const signOut = await stack.graphql('mutation { signOut }', undefined, { cookie });
    expect(signOut.body).toEqual({ data: { signOut: true } });
    expect(signOut.headers.get('set-cookie')).toMatch(/^lifestone_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax$/);

    const after = await fetch(stack.url, { headers: { accept: 'text/html', cookie } });
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('Your session has ended.');
  });

  it('the playground without a session is a sign-in page that shows none of the schema', async () => {
    const response = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(401);
    const page = await response.text();
    expect(page).toContain('Sign in to open the playground.');
    expect(page).not.toMatch(/livePlayers|sendCommand/);
  });
});

describe('text PostgreSQL cannot hold', () => {
  it('an argument with U+0000 or a lone surrogate is BAD_USER_INPUT, never the database’s own words', async () => {
    const token = (await stack.createToken('viewer', 'nul-probe')).token;
    for (const [query, variables, argument] of [
      ['{ chat(character: "\\u0000") { text } }', undefined, 'character'],
      ['query($c: String!) { chat(character: $c) { text } }', { c: 'a\u0000b' }, '$c'],
      ['query($c: String!) { chat(character: $c) { text } }', { c: 'a\uD800b' }, '$c'],
    ] as const) {
      const response = await stack.graphql(query, variables, { token });
      expect(response.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code })), query).toEqual([
        { message: `${argument} holds U+0000 or a lone surrogate, which no stored text contains: remove it.`, code: 'BAD_USER_INPUT' },
      ]);
      expect(JSON.stringify(response.body)).not.toMatch(/UTF8|encoding|byte sequence/);
    }
  });
});

describe('what anonymous callers learn of the schema', () => {
  it('nothing: misspelt fields and type probes get the same answer as any other operation', async () => {
    const answers = [];
    for (const query of ['{ __type(name: "Character") { name } }', '{ livePlayerz { name } }', '{ __schema { types { name } } }', LIVE]) {
      const response = await stack.graphql(query);
      answers.push({ status: response.status, errors: response.body.errors?.map((error) => ({ message: error.message, code: error.extensions?.code })) });
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(JSON.stringify(answers)).not.toMatch(/Did you mean|Cannot query field|Character/);
  });

  it('nothing through a misspelt sign-in either', async () => {
    for (const query of ['mutation { signIn(username: "a", password: "b") { nam } }', 'mutation { signIn(usernam: "a", password: "b") { name } }', 'mutation { signIn(username: "a", password: "b") { name __type(name: "Character") { name } } }', 'mutation { signIn(username: "a", password: "b") { ... on Character { name } } }']) {
      const response = await stack.graphql(query);
      const text = JSON.stringify(response.body);
      expect(text, query).not.toMatch(/Did you mean|Character|User|Unknown argument|Cannot query/);
      expect(response.body.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});
