import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasRole, IDENTITY_TTL_MS, identitySigner, signIdentity, verifyIdentity, type Identity } from './identity.js';

const secret = 'gateway-secret';
const now = Date.UTC(2024, 4, 1, 12, 0, 0);
const operator: Identity = { kind: 'user', id: '42', name: 'Ashbringer', role: 'operator' };

/** The signed value with its body replaced by `claims`, keeping the original signature. */
function withBody(value: string, claims: unknown): string {
  const [, signature] = value.split('.');
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** A validly signed value (the documented format: base64url body, HMAC-SHA256 of it) over any text, as a gateway bug could produce. */
function signText(text: string): string {
  const body = Buffer.from(text).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('signIdentity / verifyIdentity', () => {
  it('round-trips an identity, dropping the signing time', () => {
    const value = signIdentity(operator, secret, now);
    expect(verifyIdentity(value, secret, now)).toEqual({ ok: true, identity: operator });
    expect(verifyIdentity(value, secret, now + IDENTITY_TTL_MS)).toEqual({ ok: true, identity: operator });
    const token: Identity = { kind: 'token', id: 't1', name: 'discord-bot', role: 'viewer' };
    expect(verifyIdentity(signIdentity(token, secret, now), secret, now)).toEqual({ ok: true, identity: token });
  });

  it('refuses a tampered body, even one change of role', () => {
    const value = signIdentity(operator, secret, now);
    expect(verifyIdentity(withBody(value, { ...operator, role: 'admin', iat: now }), secret, now)).toEqual({ ok: false, reason: 'bad identity signature' });
    expect(verifyIdentity(`${value}x`, secret, now)).toEqual({ ok: false, reason: 'bad identity signature' });
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyIdentity(signIdentity(operator, 'another-secret', now), secret, now)).toEqual({ ok: false, reason: 'bad identity signature' });
  });

  it('refuses an identity older than its time to live, or signed more than a minute in the future', () => {
    expect(verifyIdentity(signIdentity(operator, secret, now), secret, now + IDENTITY_TTL_MS + 1)).toEqual({ ok: false, reason: 'expired identity' });
    expect(verifyIdentity(signIdentity(operator, secret, now + 60_001), secret, now)).toEqual({ ok: false, reason: 'expired identity' });
    expect(verifyIdentity(signIdentity(operator, secret, now + 60_000), secret, now)).toEqual({ ok: true, identity: operator });
  });

  it('refuses missing and malformed values', () => {
    expect(verifyIdentity(undefined, secret, now)).toEqual({ ok: false, reason: 'missing x-lifestone-identity' });
    expect(verifyIdentity(null, secret, now)).toEqual({ ok: false, reason: 'missing x-lifestone-identity' });
    expect(verifyIdentity('', secret, now)).toEqual({ ok: false, reason: 'missing x-lifestone-identity' });
    for (const value of ['no-dot', '.signature', 'body.', 'a.b.c']) {
      expect(verifyIdentity(value, secret, now)).toEqual({ ok: false, reason: 'malformed identity' });
    }
  });

  it('refuses a correctly signed body that is not an identity', () => {
    expect(verifyIdentity(signText(JSON.stringify({ ...operator, iat: now })), secret, now)).toEqual({ ok: true, identity: operator });
    const claims = [
      'not json',
      JSON.stringify({ ...operator, role: 'superuser', iat: now }),
      JSON.stringify({ ...operator, role: 'constructor', iat: now }),
      JSON.stringify({ ...operator, kind: 'plugin', iat: now }),
      JSON.stringify({ ...operator, id: 42, iat: now }),
      JSON.stringify({ kind: 'user', id: '42', role: 'admin', iat: now }),
    ];
    for (const text of claims) expect(verifyIdentity(signText(text), secret, now)).toEqual({ ok: false, reason: 'malformed identity' });
    expect(verifyIdentity(signText(JSON.stringify({ ...operator, iat: String(now) })), secret, now)).toEqual({ ok: false, reason: 'expired identity' });
  });

  it('refuses to sign or verify with an empty secret', () => {
    expect(() => signIdentity(operator, '', now)).toThrow(/LIFESTONE_INTERNAL_SECRET is empty/);
    expect(() => verifyIdentity(signIdentity(operator, secret, now), '', now)).toThrow(/LIFESTONE_INTERNAL_SECRET is empty/);
  });
});

describe('hasRole', () => {
  it('ranks viewer < operator < admin', () => {
    expect(hasRole('admin', 'operator')).toBe(true);
    expect(hasRole('operator', 'operator')).toBe(true);
    expect(hasRole('viewer', 'operator')).toBe(false);
    expect(hasRole('operator', 'admin')).toBe(false);
  });
});

describe('identitySigner', () => {
  it('reuses a signature for 30 s, then signs anew; each one verifies for its whole life', () => {
    let clock = now;
    const sign = identitySigner(secret, 30_000, () => clock);
    const first = sign(operator);
    clock += 29_999;
    expect(sign(operator)).toBe(first);
    expect(sign({ ...operator, role: 'viewer' })).not.toBe(first);
    clock += 1;
    const second = sign(operator);
    expect(second).not.toBe(first);
    expect(verifyIdentity(first, secret, now + IDENTITY_TTL_MS)).toEqual({ ok: true, identity: operator });
    expect(verifyIdentity(second, secret, clock + IDENTITY_TTL_MS)).toEqual({ ok: true, identity: operator });
    expect(verifyIdentity(first, secret, now + IDENTITY_TTL_MS + 1)).toEqual({ ok: false, reason: 'expired identity' });
  });
});
