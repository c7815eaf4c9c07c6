/**
 * Guessing passwords: failures are counted per account at an address, per
 * address and per account; past the free ones each attempt waits twice as
 * long, and a throttled attempt is refused before its password is checked,
 * saying when to retry. The real person elsewhere is hardly affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestStack, type TestStack } from '../../test/helpers/stack.js';
import { tinySubgraph } from './tiny-subgraph.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()], trustedProxies: 1 });
});
afterAll(() => stack?.close());

interface Answer { data?: { signIn: { name: string } } | null; errors?: Array<{ message: string; extensions: { code: string; retryAfterSeconds?: number } }> }

async function signIn(name: string, password: string, address: string): Promise<Answer> {
  const response = await fetch(stack.url, {
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
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1, traceId: expect.any(String) },
      path: ['signIn'],
      locations: expect.any(Array),
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
});
