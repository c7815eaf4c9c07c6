/**
 * Guessing passwords: attempts are counted per account at an address, per
 * address and per account; past the free failures each attempt waits twice
 * as long, and a throttled attempt is refused before its password is
 * checked, saying when to retry. The real person elsewhere is hardly affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { runMaintenance } from '@lifestone/lib/db';
import { addressGroup } from '../../subgraphs/accounts/throttle.js';
import { tinySubgraph } from './tiny-subgraph.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()], trustedProxies: 1 });
});
afterAll(() => stack?.close());

interface Answer { data?: { signIn: { name: string } } | null; errors?: Array<{ message: string; extensions: { code: string; retryAfterSeconds?: number } }> }

/** Signs in as if through one proxy that put `address` last in X-Forwarded-For (a client may have put anything before it). */
async function signIn(name: string, password: string, address: string, target: TestStack = stack): Promise<Answer> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: 'mutation($n: String!, $p: String!) { signIn(username: $n, password: $p) { name } }', variables: { n: name, p: password } }),
  });
  return (await response.json()) as Answer;
}

const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions.code ?? 'OK';

describe('sign-in throttling', () => {
  it('lets five wrong passwords through, then makes each further attempt wait twice as long, refusing even the right one meanwhile', async () => {
    const attacker = '203.0.113.7';
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(codeOf(await signIn('admin', `wrong-${i}`, attacker)));
    expect(codes).toStrictEqual(Array(5).fill('UNAUTHENTICATED'));

    // The sixth failure starts a 1 s wait, the seventh 2 s, the eighth 4 s.
    expect(codeOf(await signIn('admin', 'wrong-5', attacker))).toBe('UNAUTHENTICATED');
    const refused = await signIn('admin', ADMIN_PASSWORD, attacker);
    expect(refused.errors?.[0]).toEqual({
      message: expect.stringMatching(/^Too many failed sign-ins: try again in 1 s \(at \d{4}-.+Z\)\.$/),
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1, traceId: expect.any(String), serviceName: 'accounts' },
      path: ['signIn'],
    });
    stack.clock.advance(1_000);
    expect(codeOf(await signIn('admin', 'wrong-6', attacker))).toBe('UNAUTHENTICATED');
    expect((await signIn('admin', 'wrong-7', attacker)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
    stack.clock.advance(2_000);
    expect(codeOf(await signIn('admin', 'wrong-8', attacker))).toBe('UNAUTHENTICATED');
    expect((await signIn('admin', ADMIN_PASSWORD, attacker)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 4 });

    // The real person, from their own address, is not held up by the attacker's failures.
    expect(await signIn('admin', ADMIN_PASSWORD, '198.51.100.20')).toEqual({ data: { signIn: { name: 'admin' } } });

    // Once the wait is over the right password works, and clears the count at that address.
    stack.clock.advance(4_000);
    expect(await signIn('admin', ADMIN_PASSWORD, attacker)).toEqual({ data: { signIn: { name: 'admin' } } });
    expect(codeOf(await signIn('admin', 'wrong-again', attacker))).toBe('UNAUTHENTICATED');
    expect(await signIn('admin', ADMIN_PASSWORD, attacker)).toEqual({ data: { signIn: { name: 'admin' } } });
  });

  it('throttles an address spraying many accounts, whatever the names', async () => {
    const sprayer = '203.0.113.99';
    const codes: string[] = [];
    for (let i = 0; i < 22; i++) codes.push(codeOf(await signIn(`user-${i}`, 'password1', sprayer)));
    expect(codes).toStrictEqual([...Array(21).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
  });

  it('refuses throttled attempts without checking their password (no argon2 work)', async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < 6; i++) await signIn('admin', `wrong-${i}`, address);
    for (let i = 0; i < 20; i++) expect(codeOf(await signIn('admin', 'wrong', address))).toBe('RATE_LIMITED');
    const { rows } = await stack.db.query(`SELECT failures FROM sign_in_failures WHERE scope = 'account at address' AND key = $1`, [JSON.stringify(['admin', address])]);
    // Refused attempts were not counted: they never reached the password check.
    expect(rows).toEqual([{ failures: 6 }]);
  });

  it('keeps an account guessed from many addresses slow for them, not for the real person at an address of their own', async () => {
    const created = await stack.graphql('mutation { createAccount(name: "victim", password: "victim-password", role: VIEWER) { name } }', undefined, { cookie: stack.adminCookie });
    expect(created.body).toEqual({ data: { createAccount: { name: 'victim' } } });
    // Ten addresses, five free failures each: fifty, the account's free ones.
    const codes: string[] = [];
    for (let host = 1; host <= 10; host++) {
      for (let i = 0; i < 5; i++) codes.push(codeOf(await signIn('victim', `wrong-${i}`, `192.0.2.${host}`)));
    }
    expect(codes).toStrictEqual(Array(50).fill('UNAUTHENTICATED'));
    // The 51st starts the account's wait (1 s), which holds back every address that has failed, though within its free ones at that address.
    expect(codeOf(await signIn('victim', 'wrong-5', '192.0.2.1'))).toBe('UNAUTHENTICATED');
    expect((await signIn('victim', 'wrong-5', '192.0.2.2')).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    // A fresh address gets one guess (the 52nd: 2 s); its failure makes it wait like the others.
    expect(codeOf(await signIn('victim', 'wrong-6', '192.0.2.200'))).toBe('UNAUTHENTICATED');
    expect((await signIn('victim', 'wrong-7', '192.0.2.200')).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
    // The real person signs in at once from their own address, and that does not lift the wait for the others.
    expect(await signIn('victim', 'victim-password', '198.51.100.30')).toEqual({ data: { signIn: { name: 'victim' } } });
    expect((await signIn('victim', 'wrong-8', '192.0.2.3')).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
  });

  it('lets no fresh address past an account that has failed 500 times in a day', async () => {
    // The state of an account guessed from hundreds of addresses, set directly rather than by 500 argon2 checks.
    const until = new Date(stack.clock.now().getTime() + 300_000);
    await stack.db.query(
      `INSERT INTO sign_in_failures (scope, key, failures, last_failure_at, blocked_until) VALUES ('account', $1, 500, $2, $3)`,
      [JSON.stringify('admin-under-siege'), stack.clock.now(), until],
    );
    const refused = (await signIn('admin-under-siege', 'wrong', '198.51.100.99')).errors?.[0]?.extensions;
    expect(refused?.code).toBe('RATE_LIMITED');
    // 300 s less the time the request took to arrive.
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(299);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(300);
  });

  it('counts an IPv6 address as its /64, and an IPv4-mapped one as IPv4', async () => {
    const codes: string[] = [];
    for (let i = 1; i <= 7; i++) codes.push(codeOf(await signIn('admin', `wrong-${i}`, `2001:db8:7:7:${i}::${i}`)));
    expect(codes).toStrictEqual([...Array(6).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    expect([addressGroup('2001:DB8:7:7:1:0:0:1'), addressGroup('::ffff:203.0.113.5'), addressGroup('203.0.113.5'), addressGroup('unknown')]).toStrictEqual([
      '2001:db8:7:7::/64',
      '203.0.113.5',
      '203.0.113.5',
      'unknown',
    ]);
  });

  it('counts the address the trusted proxy saw, whatever the client put before it in X-Forwarded-For', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(codeOf(await signIn('admin', `wrong-${i}`, `10.9.8.${i}, 203.0.113.70`)));
    expect(codes).toStrictEqual([...Array(6).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
  });
});

describe('sign-in throttling without a trusted proxy', () => {
  let direct: TestStack;
  beforeAll(async () => {
    direct = await startTestStack({ modules: [tinySubgraph()] });
  });
  afterAll(() => direct?.close());

  it('counts the connecting address and ignores X-Forwarded-For, which the client wrote', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(codeOf(await signIn('admin', `wrong-${i}`, `203.0.113.${i}`, direct)));
    expect(codes).toStrictEqual([...Array(6).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    const { rows } = await direct.db.query(`SELECT key, failures FROM sign_in_failures WHERE scope = 'address'`);
    expect(rows).toEqual([{ key: JSON.stringify('127.0.0.1'), failures: 6 }]);
  });

  it('forgets an address a day after its last attempt: the maintenance prunes its rows', async () => {
    const dayLater = new Date(direct.clock.now().getTime() + 24 * 60 * 60_000 + 1_000);
    const { deleted } = await runMaintenance(direct.db, dayLater);
    expect(deleted.sign_in_failures).toBe(3);
    direct.clock.advance(24 * 60 * 60_000 + 1_000);
    expect(await signIn('admin', ADMIN_PASSWORD, '203.0.113.1', direct)).toEqual({ data: { signIn: { name: 'admin' } } });
  });
});
