import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a caller may do: viewers read, operators also send commands to plugins, admins also manage accounts and tokens. */
export const Role = { viewer: 'viewer', operator: 'operator', admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];
const roleRank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `role` may do what `needed` may. */
export function hasRole(role: Role, needed: Role): boolean {
  return roleRank[role] >= roleRank[needed];
}

/** Who is calling, as the gateway established it: a signed-in person or an API token. */
export interface Identity {
  kind: 'user' | 'token';
  /** Account id or token id. */
  id: string;
  /** Account name, or the token's name. */
  name: string;
  role: Role;
}

/** The header that carries the caller's identity from the gateway to a subgraph. */
export const IDENTITY_HEADER = 'x-lifestone-identity';

/** How long a signed identity stays valid: long enough for one request, short enough that a copied header is soon useless. */
export const IDENTITY_TTL_MS = 5 * 60_000;

/**
 * The value of {@link IDENTITY_HEADER}: `<base64url JSON>.<base64url HMAC-SHA256>`,
 * signed with `LIFESTONE_INTERNAL_SECRET`, carrying the identity and when it
 * was signed.
 */
export function signIdentity(identity: Identity, secret: string, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...identity, iat: now })).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/**
 * Signs identities for a stream of requests: an identity's signature is
 * reused while it is younger than `reuseMs` (default 30 s, well inside
 * {@link IDENTITY_TTL_MS}), so that a busy caller costs one HMAC per
 * `reuseMs` rather than one per request. What a subgraph receives is the same
 * as from {@link signIdentity}, at most `reuseMs` older.
 */
export function identitySigner(secret: string, reuseMs = 30_000, clock: () => number = Date.now): (identity: Identity) => string {
  const signed = new Map<string, { value: string; at: number }>();
  return (identity) => {
    const now = clock();
    const key = `${identity.kind}\0${identity.id}\0${identity.name}\0${identity.role}`;
    const known = signed.get(key);
    if (known && now - known.at < reuseMs && known.at <= now) return known.value;
    const value = signIdentity(identity, secret, now);
    // Bounded: past SIGNER_LIMIT callers, the oldest signature is dropped (and signed again when needed).
    if (!known && signed.size >= SIGNER_LIMIT) signed.delete(signed.keys().next().value as string);
    signed.set(key, { value, at: now });
    return value;
  };
}

/** Most identities an {@link identitySigner} remembers. */
const SIGNER_LIMIT = 10_000;

export type IdentityCheck = { ok: true; identity: Identity } | { ok: false; reason: string };

/**
 * Checks a signed identity: the signature (in constant time), the shape and
 * the age. Anything else is refused with a reason for the logs; the caller
 * answers with a generic refusal.
 */
export function verifyIdentity(value: string | undefined | null, secret: string, now = Date.now()): IdentityCheck {
  if (!value) return { ok: false, reason: `missing ${IDENTITY_HEADER}` };
  const [body, signature, ...rest] = value.split('.');
  if (!body || !signature || rest.length > 0) return { ok: false, reason: 'malformed identity' };
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad identity signature' };
  let claims: Partial<Identity> & { iat?: unknown };
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'malformed identity' };
  }
  const { kind, id, name, role, iat } = claims;
  if ((kind !== 'user' && kind !== 'token') || typeof id !== 'string' || typeof name !== 'string' || typeof role !== 'string' || !Object.hasOwn(roleRank, role)) {
    return { ok: false, reason: 'malformed identity' };
  }
  if (typeof iat !== 'number' || now - iat > IDENTITY_TTL_MS || iat - now > 60_000) return { ok: false, reason: 'expired identity' };
  return { ok: true, identity: { kind, id, name, role } };
}

function mac(body: string, secret: string): string {
  if (!secret) throw new Error('LIFESTONE_INTERNAL_SECRET is empty: refusing to sign or verify identities');
  return createHmac('sha256', secret).update(body).digest('base64url');
}
