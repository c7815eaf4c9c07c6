import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type GraphQLResponse, type TestStack } from '@lifestone/test-kit/stack';
import { setAccountRole } from '@lifestone/lib/auth';
import { tinySubgraph } from './tiny-subgraph.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()] });
});
afterAll(() => stack?.close());

type Role = 'VIEWER' | 'OPERATOR' | 'ADMIN';

async function createAccount(name: string, role: Role, password = `${name}-password`): Promise<string> {
  const response = await stack.graphql('mutation($name: String!, $password: String!, $role: Role!) { createAccount(name: $name, password: $password, role: $role) { name } }', { name, password, role }, { cookie: stack.adminCookie });
  expect(response.body.errors).toBeUndefined();
  return password;
}

/** The errors of a response as `{ message, code }`. */
function refusals(response: GraphQLResponse): { message: string; code: unknown }[] | undefined {
  return response.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }));
}

const ME = '{ me { name role } }';
const CHANGE = 'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';
const SET_ROLE = 'mutation($name: String!, $role: Role!) { setAccountRole(name: $name, role: $role) { name role sessions } }';
const RESET = 'mutation($name: String!) { resetPassword(name: $name) { account { name role sessions } password } }';
const DELETE = 'mutation($name: String!) { deleteAccount(name: $name) }';
const SIGN_IN = 'mutation($name: String!, $password: String!) { signIn(username: $name, password: $password) { name } }';

async function signInFails(name: string, password: string): Promise<void> {
  expect(refusals(await stack.graphql(SIGN_IN, { name, password }))).toEqual([{ message: 'Wrong name or password.', code: 'UNAUTHENTICATED' }]);
}

describe('accounts, as admins manage them', () => {
  it('lists every account by name with its live sessions, for admins only', async () => {
    await createAccount('list-viewer', 'VIEWER');
    const viewer = await stack.signIn('list-viewer', 'list-viewer-password');
    const listed = await stack.graphql<{ accounts: { name: string; role: Role; sessions: number; createdAt: string }[] }>('{ accounts { name role sessions createdAt } }', undefined, { cookie: stack.adminCookie });
    expect(listed.body.errors).toBeUndefined();
    const rows = listed.body.data?.accounts ?? [];
    expect(rows.map(({ name }) => name)).toEqual([...rows.map(({ name }) => name)].sort());
    expect(rows.find(({ name }) => name === 'list-viewer')).toEqual({ name: 'list-viewer', role: 'VIEWER', sessions: 1, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    expect(refusals(await stack.graphql('{ accounts { name } }', undefined, { cookie: viewer }))).toEqual([{ message: 'accounts needs the admin role; you are a viewer.', code: 'FORBIDDEN' }]);
  });

  it('refuses a duplicate name and a short or empty password with BAD_USER_INPUT', async () => {
    await createAccount('twice', 'VIEWER');
    const create = 'mutation($name: String!, $password: String!) { createAccount(name: $name, password: $password, role: VIEWER) { name } }';
    expect(refusals(await stack.graphql(create, { name: 'twice', password: 'long-enough' }, { cookie: stack.adminCookie }))).toEqual([{ message: 'An account named "twice" already exists.', code: 'BAD_USER_INPUT' }]);
    for (const password of ['', 'seven77']) {
      expect(refusals(await stack.graphql(create, { name: 'fresh', password }, { cookie: stack.adminCookie }))).toEqual([{ message: 'A password has at least 8 characters.', code: 'BAD_USER_INPUT' }]);
    }
  });

  it('sets a role, which the account has at once; refuses non-admins, unknown names and demoting the last admin', async () => {
    await createAccount('rolf', 'VIEWER');
    const rolf = await stack.signIn('rolf', 'rolf-password');
    expect((await stack.graphql(SET_ROLE, { name: 'rolf', role: 'OPERATOR' }, { cookie: stack.adminCookie })).body).toEqual({ data: { setAccountRole: { name: 'rolf', role: 'OPERATOR', sessions: 1 } } });
    expect((await stack.graphql(ME, undefined, { cookie: rolf })).body).toEqual({ data: { me: { name: 'rolf', role: 'OPERATOR' } } });
    expect(refusals(await stack.graphql(SET_ROLE, { name: 'rolf', role: 'ADMIN' }, { cookie: rolf }))).toEqual([{ message: 'setAccountRole needs the admin role; you are an operator.', code: 'FORBIDDEN' }]);
    expect(refusals(await stack.graphql(SET_ROLE, { name: 'nobody', role: 'ADMIN' }, { cookie: stack.adminCookie }))).toEqual([{ message: 'There is no account named "nobody".', code: 'NOT_FOUND' }]);
    expect(refusals(await stack.graphql(SET_ROLE, { name: 'admin', role: 'VIEWER' }, { cookie: stack.adminCookie }))).toEqual([{ message: '"admin" is the last admin: make another account admin first.', code: 'BAD_USER_INPUT' }]);
    expect((await stack.db.query("SELECT role FROM accounts WHERE name = 'admin'")).rows).toEqual([{ role: 'admin' }]);
  });

  it('demotes an admin when another admin remains, and never the last of two demoted at once', async () => {
    await createAccount('ada', 'ADMIN');
    await createAccount('bea', 'ADMIN');
    const ada = await stack.signIn('ada', 'ada-password');
    expect((await stack.graphql(SET_ROLE, { name: 'bea', role: 'VIEWER' }, { cookie: ada })).body).toEqual({ data: { setAccountRole: { name: 'bea', role: 'VIEWER', sessions: 0 } } });
    // With admin set aside, ada and bea are the only admins, each demoted at the same moment: one must stay.
    await stack.db.query("UPDATE accounts SET role = 'admin' WHERE name = 'bea'");
    await stack.db.query("UPDATE accounts SET role = 'operator' WHERE name = 'admin'");
    try {
      const outcomes = await Promise.allSettled([setAccountRole(stack.db, 'ada', 'viewer'), setAccountRole(stack.db, 'bea', 'viewer')]);
      expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? 'demoted' : (outcome.reason as Error).name)).sort()).toEqual(['LastAdminError', 'demoted']);
      expect((await stack.db.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts WHERE role = 'admin'")).rows).toEqual([{ n: 1 }]);
    } finally {
      await stack.db.query("UPDATE accounts SET role = 'admin' WHERE name = 'admin'");
      await stack.db.query("UPDATE accounts SET role = 'viewer' WHERE name IN ('ada', 'bea')");
    }
  });

  it('resets a password: a generated one shown once, the old one fails, the account is signed out everywhere', async () => {
    await createAccount('rhea', 'VIEWER');
    const before = await stack.signIn('rhea', 'rhea-password');
    const response = await stack.graphql<{ resetPassword: { account: { name: string; role: Role; sessions: number }; password: string } }>(RESET, { name: 'rhea' }, { cookie: stack.adminCookie });
    expect(response.body).toEqual({ data: { resetPassword: { account: { name: 'rhea', role: 'VIEWER', sessions: 0 }, password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) } } });
    const password = response.body.data?.resetPassword.password as string;
    expect((await stack.graphql(ME, undefined, { cookie: before })).body).toEqual({ data: { me: null } });
    await signInFails('rhea', 'rhea-password');
    expect((await stack.graphql(ME, undefined, { cookie: await stack.signIn('rhea', password) })).body).toEqual({ data: { me: { name: 'rhea', role: 'VIEWER' } } });
    const { rows } = await stack.db.query<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE name = 'rhea'");
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(refusals(await stack.graphql(RESET, { name: 'nobody' }, { cookie: stack.adminCookie }))).toEqual([{ message: 'There is no account named "nobody".', code: 'NOT_FOUND' }]);
    const viewer = await stack.signIn('rhea', password);
    expect(refusals(await stack.graphql(RESET, { name: 'admin' }, { cookie: viewer }))).toEqual([{ message: 'resetPassword needs the admin role; you are a viewer.', code: 'FORBIDDEN' }]);
  });

  it('removes an account and its sessions; refuses the last admin, non-admins, and says false for an unknown name', async () => {
    await createAccount('gone', 'OPERATOR');
    const gone = await stack.signIn('gone', 'gone-password');
    expect(refusals(await stack.graphql(DELETE, { name: 'admin' }, { cookie: gone }))).toEqual([{ message: 'deleteAccount needs the admin role; you are an operator.', code: 'FORBIDDEN' }]);
    expect((await stack.graphql(DELETE, { name: 'gone' }, { cookie: stack.adminCookie })).body).toEqual({ data: { deleteAccount: true } });
    expect((await stack.graphql(ME, undefined, { cookie: gone })).body).toEqual({ data: { me: null } });
    expect((await stack.graphql(DELETE, { name: 'gone' }, { cookie: stack.adminCookie })).body).toEqual({ data: { deleteAccount: false } });
    const admins = (await stack.db.query<{ name: string }>("SELECT name FROM accounts WHERE role = 'admin' ORDER BY name")).rows.map(({ name }) => name);
    for (const name of admins.filter((name) => name !== 'admin')) {
      expect((await stack.graphql(DELETE, { name }, { cookie: stack.adminCookie })).body).toEqual({ data: { deleteAccount: true } });
    }
    expect(refusals(await stack.graphql(DELETE, { name: 'admin' }, { cookie: stack.adminCookie }))).toEqual([{ message: '"admin" is the last admin: make another account admin first.', code: 'BAD_USER_INPUT' }]);
  });
});

describe('names PostgreSQL cannot store', () => {
  it('are refused as BAD_USER_INPUT naming the variable, by every mutation that takes an account name or a password', async () => {
    const cookie = stack.adminCookie;
    for (const [mutation, variables, argument] of [
      [SET_ROLE, { name: 'nul\u0000name', role: 'VIEWER' }, '$name'],
      [RESET, { name: 'nul\u0000name' }, '$name'],
      [DELETE, { name: 'nul\u0000name' }, '$name'],
      [CHANGE, { current: 'whatever-it-is', next: 'nul\u0000password' }, '$next'],
    ] as const) {
      expect(refusals(await stack.graphql(mutation, variables, { cookie })), mutation).toEqual([
        { message: `${argument} holds U+0000 or a lone surrogate, which no stored text contains: remove it.`, code: 'BAD_USER_INPUT' },
      ]);
    }
  });
});

describe('an admin resetting their own password', () => {
  it('keeps the session that did it and ends the others', async () => {
    const elsewhere = await stack.signIn('admin', stack.admin.password);
    const response = await stack.graphql<{ resetPassword: { account: { name: string; sessions: number }; password: string } }>(RESET, { name: 'admin' }, { cookie: stack.adminCookie });
    expect(response.body).toEqual({ data: { resetPassword: { account: { name: 'admin', role: 'ADMIN', sessions: 1 }, password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) } } });
    expect((await stack.graphql(ME, undefined, { cookie: stack.adminCookie })).body).toEqual({ data: { me: { name: 'admin', role: 'ADMIN' } } });
    expect((await stack.graphql(ME, undefined, { cookie: elsewhere })).body).toEqual({ data: { me: null } });
    stack.admin.password = response.body.data?.resetPassword.password as string;
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password; ends the other sessions and keeps this one', async () => {
    await createAccount('cora', 'VIEWER');
    const here = await stack.signIn('cora', 'cora-password');
    const elsewhere = await stack.signIn('cora', 'cora-password');
    expect((await stack.graphql(CHANGE, { current: 'cora-password', next: 'cora-new-password' }, { cookie: here })).body).toEqual({ data: { changePassword: true } });
    expect((await stack.graphql(ME, undefined, { cookie: here })).body).toEqual({ data: { me: { name: 'cora', role: 'VIEWER' } } });
    expect((await stack.graphql(ME, undefined, { cookie: elsewhere })).body).toEqual({ data: { me: null } });
    await signInFails('cora', 'cora-password');
    expect((await stack.graphql(ME, undefined, { cookie: await stack.signIn('cora', 'cora-new-password') })).body).toEqual({ data: { me: { name: 'cora', role: 'VIEWER' } } });
    const { rows } = await stack.db.query<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE name = 'cora'");
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a wrong current password, a short or unchanged new one, and API tokens, changing nothing', async () => {
    await createAccount('dora', 'OPERATOR');
    const cookie = await stack.signIn('dora', 'dora-password');
    expect(refusals(await stack.graphql(CHANGE, { current: 'not-it-at-all', next: 'dora-new-password' }, { cookie }))).toEqual([{ message: 'The current password is wrong.', code: 'BAD_USER_INPUT' }]);
    for (const next of ['', 'short']) {
      expect(refusals(await stack.graphql(CHANGE, { current: 'dora-password', next }, { cookie }))).toEqual([{ message: 'A password has at least 8 characters.', code: 'BAD_USER_INPUT' }]);
    }
    expect(refusals(await stack.graphql(CHANGE, { current: 'dora-password', next: 'dora-password' }, { cookie }))).toEqual([{ message: 'The new password is the current one: choose another.', code: 'BAD_USER_INPUT' }]);
    const { token } = await stack.createToken('admin', 'script');
    expect(refusals(await stack.graphql(CHANGE, { current: 'x', next: 'long-enough' }, { token }))).toEqual([
      { message: "changePassword changes a signed-in person's password; an API token has none (revoke it and create another instead).", code: 'FORBIDDEN' },
    ]);
    expect((await stack.graphql(ME, undefined, { cookie: await stack.signIn('dora', 'dora-password') })).body).toEqual({ data: { me: { name: 'dora', role: 'OPERATOR' } } });
  });
});
