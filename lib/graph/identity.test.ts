import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonymousIdentity, IDENTITY_CLOCK_SKEW_MS, IDENTITY_TTL_MS, SeenNonces, signIdentity, verifyIdentity, type Identity, type IdentityPurpose } from './identity.js';

const secret = 'gateway-secret';
const now = Date.UTC(2024, 4, 1, 12, 0, 0);
const operator: Identity = { kind: 'user', id: '42', name: 'Ashbringer', role: 'operator' };
const query = '{"query":"{ characters { name } }"}';
const http: IdentityPurpose = { use: 'http', subgraph: 'telemetry', method: 'POST', operation: query };
const ws: IdentityPurpose = { use: 'ws', subgraph: 'telemetry' };

/** verifyIdentity's answer for a good signature, whatever its nonce. */
const accepted = (identity: Identity, signedAt = now) => ({ ok: true, identity, signedAt, nonce: expect.any(String) });

/** The signed value with its claims replaced, keeping the original signature. */
function withBody(value: string, claims: unknown): string {
  const [, signature] = value.split('.');
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** The claims of a signed value. */
function claimsOf(value: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(value.split('.')[0] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A validly signed `ws` value (the documented format: base64url claims, HMAC-SHA256 of them) over any text, as a gateway bug could produce. */
function signText(text: string): string {
  const body = Buffer.from(text).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('signIdentity / verifyIdentity', () => {
  it('round-trips an identity with its signing time and a nonce of its own, for its TTL and the clock skew', () => {
    const value = signIdentity(operator, secret, http, now);
    expect(verifyIdentity(value, secret, http, { now })).toEqual(accepted(operator));
    expect(verifyIdentity(value, secret, http, { now: now + IDENTITY_TTL_MS + IDENTITY_CLOCK_SKEW_MS })).toEqual(accepted(operator));
    const token: Identity = { kind: 'token', id: 't1', name: 'discord-bot', role: 'viewer' };
    expect(verifyIdentity(signIdentity(token, secret, ws, now), secret, ws, { now })).toEqual(accepted(token));
    expect(claimsOf(signIdentity(operator, secret, http, now)).n).not.toBe(claimsOf(value).n);
    expect(IDENTITY_TTL_MS).toBe(30_000);
  });

  it('carries the caller\'s session id and address, signed, and an anonymous caller', () => {
    const signedIn: Identity = { ...operator, session: 'a'.repeat(64), address: '10.0.0.7' };
    const value = signIdentity(signedIn, secret, http, now);
    expect(verifyIdentity(value, secret, http, { now })).toEqual(accepted(signedIn));
    expect(verifyIdentity(withBody(value, { ...claimsOf(value), address: '10.0.0.8' }), secret, http, { now })).toEqual({ ok: false, reason: 'bad identity signature' });
    expect(verifyIdentity(signIdentity(anonymousIdentity('10.0.0.9'), secret, http, now), secret, http, { now })).toEqual(
      accepted({ kind: 'anonymous', id: '', name: '', role: 'viewer', address: '10.0.0.9' }),
    );
  });

  it('refuses an HTTP signature for another operation, another subgraph, another method', () => {
    const value = signIdentity(operator, secret, http, now);
    const other = (purpose: Partial<typeof http>) => verifyIdentity(value, secret, { ...http, ...purpose } as IdentityPurpose, { now });
    expect(other({ operation: '{"query":"mutation { sendCommand(character: \\"Ashbringer\\", command: \\"/quit\\") }"}' })).toEqual({ ok: false, reason: 'bad identity signature' });
    expect(other({ operation: `${query} ` })).toEqual({ ok: false, reason: 'bad identity signature' });
    expect(other({ operation: Buffer.from(query) })).toEqual(accepted(operator));
    expect(other({ subgraph: 'inventory' })).toEqual({ ok: false, reason: 'identity signed for the telemetry subgraph, not inventory' });
    expect(other({ method: 'GET' })).toEqual({ ok: false, reason: 'identity signed for POST, not GET' });
  });

  it('keeps sockets’ and requests’ signatures apart', () => {
    expect(verifyIdentity(signIdentity(operator, secret, http, now), secret, ws, { now })).toEqual({ ok: false, reason: 'bad identity signature' });
    // Claims edited to say ws keep the HTTP signature, which no longer matches them.
    const edited = withBody(signIdentity(operator, secret, http, now), { ...operator, iat: now, n: 'x', use: 'ws', sg: 'telemetry' });
    expect(verifyIdentity(edited, secret, ws, { now })).toEqual({ ok: false, reason: 'bad identity signature' });
    expect(verifyIdentity(signIdentity(operator, secret, ws, now), secret, http, { now })).toEqual({ ok: false, reason: 'bad identity signature' });
    expect(verifyIdentity(signIdentity(operator, secret, ws, now), secret, { use: 'ws', subgraph: 'combat' }, { now })).toEqual({
      ok: false,
      reason: 'identity signed for the telemetry subgraph, not combat',
    });
  });

  it('refuses a tampered body, even one change of role', () => {
    const value = signIdentity(operator, secret, ws, now);
    expect(verifyIdentity(withBody(value, { ...claimsOf(value), role: 'admin' }), secret, ws, { now })).toEqual({ ok: false, reason: 'bad identity signature' });
    expect(verifyIdentity(`${value}x`, secret, ws, { now })).toEqual({ ok: false, reason: 'bad identity signature' });
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyIdentity(signIdentity(operator, 'another-secret', ws, now), secret, ws, { now })).toEqual({ ok: false, reason: 'bad identity signature' });
  });

  it('refuses an identity past its TTL and the skew, or signed more than the skew in the future', () => {
    const late = now + IDENTITY_TTL_MS + IDENTITY_CLOCK_SKEW_MS + 1;
    expect(verifyIdentity(signIdentity(operator, secret, http, now), secret, http, { now: late })).toEqual({ ok: false, reason: 'expired identity' });
    expect(verifyIdentity(signIdentity(operator, secret, ws, now), secret, ws, { now: now + 1_501, ttlMs: 1_000 - IDENTITY_CLOCK_SKEW_MS + 500 })).toEqual({ ok: false, reason: 'expired identity' });
    expect(verifyIdentity(signIdentity(operator, secret, ws, now + 5_001), secret, ws, { now })).toEqual({ ok: false, reason: 'expired identity' });
    expect(verifyIdentity(signIdentity(operator, secret, ws, now + 5_000), secret, ws, { now })).toEqual(accepted(operator, now + 5_000));
  });

  it('refuses missing and malformed values', () => {
    expect(verifyIdentity(undefined, secret, ws, { now })).toEqual({ ok: false, reason: 'missing x-lifestone-identity' });
    expect(verifyIdentity(null, secret, ws, { now })).toEqual({ ok: false, reason: 'missing x-lifestone-identity' });
    expect(verifyIdentity('', secret, ws, { now })).toEqual({ ok: false, reason: 'missing x-lifestone-identity' });
    for (const value of ['no-dot', '.signature', 'body.', 'a.b.c']) {
      expect(verifyIdentity(value, secret, ws, { now })).toEqual({ ok: false, reason: 'malformed identity' });
    }
  });

  it('refuses a correctly signed body that is not an identity', () => {
    const claims = { ...operator, iat: now, n: 'n1', use: 'ws', sg: 'telemetry' };
    expect(verifyIdentity(signText(JSON.stringify(claims)), secret, ws, { now })).toEqual({ ok: true, identity: operator, signedAt: now, nonce: 'n1' });
    const texts = [
      'not json',
      JSON.stringify({ ...claims, role: 'superuser' }),
      JSON.stringify({ ...claims, role: 'constructor' }),
      JSON.stringify({ ...claims, kind: 'plugin' }),
      JSON.stringify({ ...claims, id: 42 }),
      JSON.stringify({ ...claims, n: undefined }),
      JSON.stringify({ kind: 'user', id: '42', role: 'admin', iat: now, n: 'n1', use: 'ws', sg: 'telemetry' }),
    ];
    for (const text of texts) expect(verifyIdentity(signText(text), secret, ws, { now })).toEqual({ ok: false, reason: 'malformed identity' });
    expect(verifyIdentity(signText(JSON.stringify({ ...claims, iat: String(now) })), secret, ws, { now })).toEqual({ ok: false, reason: 'expired identity' });
  });

  it('refuses to sign or verify with an empty secret', () => {
    expect(() => signIdentity(operator, '', ws, now)).toThrow(/LIFESTONE_INTERNAL_SECRET is empty/);
    expect(() => verifyIdentity(signIdentity(operator, secret, ws, now), '', ws, { now })).toThrow(/LIFESTONE_INTERNAL_SECRET is empty/);
  });
});

describe('SeenNonces', () => {
  it('accepts a nonce once until it expires, and keeps at most its limit', () => {
    const seen = new SeenNonces(2);
    expect(seen.firstUse('a', now + 10, now)).toBe(true);
    expect(seen.firstUse('a', now + 10, now + 5)).toBe(false);
    expect(seen.firstUse('b', now + 20, now + 5)).toBe(true);
    // Expired: forgotten, so it is new again (a signature that old is refused as expired before it gets here).
    expect(seen.firstUse('a', now + 30, now + 11)).toBe(true);
    expect(seen.firstUse('c', now + 40, now + 12)).toBe(true);
    expect(seen.firstUse('b', now + 20, now + 12)).toBe(true);
    expect(seen.firstUse('c', now + 40, now + 12)).toBe(false);
  });
});
