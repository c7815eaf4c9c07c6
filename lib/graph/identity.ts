import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from './roles.js';

/**
 * Who is calling, as the gateway established it: a signed-in person, an API
 * token, or (to the accounts subgraph alone, for `signIn` and `me`) nobody
 * yet.
 */
export interface Identity {
  kind: 'user' | 'token' | 'anonymous';
  /** Account id or token id; empty when anonymous. */
  id: string;
  /** Account name, or the token's name; empty when anonymous. */
  name: string;
  /** What the caller may do; an anonymous caller is a viewer that {@link requireRole} still refuses. */
  role: Role;
  /** The id of the caller's session (the SHA-256 of its cookie's token), when it came with the session cookie. */
  session?: string;
  /** Where the caller connects from, as the gateway saw it (sign-in throttling). */
  address?: string;
}

/** The identity the gateway signs for a caller without credentials, connecting from `address`. */
export function anonymousIdentity(address?: string): Identity {
  return { kind: 'anonymous', id: '', name: '', role: 'viewer', ...(address ? { address } : {}) };
}

/** The header that carries the caller's identity from the gateway to a subgraph. */
export const IDENTITY_HEADER = 'x-lifestone-identity';

/**
 * How long a signed identity stays valid: one request's way from the gateway
 * to a subgraph, or a graphql-ws socket's life between two refreshes (the
 * gateway refreshes every third of it). @default 30 s
 */
export const IDENTITY_TTL_MS = 30_000;

/**
 * How far the gateway's clock and a subgraph's may disagree: a signature
 * dated up to this much in the future is accepted, and one this much past
 * its TTL too. @default 5 s
 */
export const IDENTITY_CLOCK_SKEW_MS = 5_000;

/**
 * What a signature is for, signed with it, so that it serves nothing else:
 * - `http`: one request to one subgraph, with its method and the exact bytes
 *   of the operation it carries (a batch's operations: each its own);
 * - `ws`: a graphql-ws connection to one subgraph (its `connection_init`,
 *   then each refresh `ping`).
 */
export type IdentityPurpose =
  | { use: 'http'; subgraph: string; method: string; operation: string | Uint8Array }
  | { use: 'ws'; subgraph: string };

/** The claims under a signature: the identity, when it was signed, a nonce and what it is for. */
interface Claims extends Identity {
  iat: number;
  /** Unique per signature, so that a subgraph can tell a replay from a second identical request. */
  n: string;
  use: IdentityPurpose['use'];
  /** The subgraph's name. */
  sg: string;
  /** The HTTP method (`http` only). */
  m?: string;
}

/** Nonces are a random prefix per process and a counter: unique without a random draw per signature. */
const NONCE_PREFIX = randomBytes(9).toString('base64url');
let nonceCounter = 0;

/**
 * The value of {@link IDENTITY_HEADER}: `<base64url JSON claims>.<base64url
 * HMAC-SHA256>`, signed with `LIFESTONE_INTERNAL_SECRET` over the claims (the
 * identity, when it was signed, a nonce, the purpose, the subgraph and the
 * method) and, for `http`, the operation's bytes, which the subgraph hashes
 * as it received them.
 */
export function signIdentity(identity: Identity, secret: string, purpose: IdentityPurpose, now = Date.now()): string {
  const { kind, id, name, role, session, address } = identity;
  const claims: Claims = { kind, id, name, role, iat: now, n: `${NONCE_PREFIX}${(nonceCounter++).toString(36)}`, use: purpose.use, sg: purpose.subgraph };
  if (session) claims.session = session;
  if (address) claims.address = address;
  if (purpose.use === 'http') claims.m = purpose.method;
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(body, purpose, secret)}`;
}

export type IdentityCheck =
  | { ok: true; identity: Identity; signedAt: number; nonce: string }
  | { ok: false; reason: string };

/** How {@link verifyIdentity} judges age. */
export interface IdentityClock {
  /** @default Date.now() */
  now?: number;
  /** @default IDENTITY_TTL_MS */
  ttlMs?: number;
}

/**
 * Checks a signed identity: the signature (in constant time) over its claims
 * and, for `http`, over `purpose.operation`; that it was signed for
 * `purpose` (use, subgraph, method); its shape; its age (at most `ttlMs`,
 * {@link IDENTITY_CLOCK_SKEW_MS} either way). Anything else is refused with
 * a reason for the logs; the caller answers with a generic refusal.
 */
export function verifyIdentity(value: string | undefined | null, secret: string, purpose: IdentityPurpose, clock: IdentityClock = {}): IdentityCheck {
  const { now = Date.now(), ttlMs = IDENTITY_TTL_MS } = clock;
  if (!value) return { ok: false, reason: `missing ${IDENTITY_HEADER}` };
  const [body, signature, ...rest] = value.split('.');
  if (!body || !signature || rest.length > 0) return { ok: false, reason: 'malformed identity' };
  const expected = Buffer.from(mac(body, purpose, secret));
  const given = Buffer.from(signature);
  // A signature made for another purpose or another operation fails here: the operation's bytes are under the MAC.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad identity signature' };
  let claims: Partial<Claims>;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'malformed identity' };
  }
  const { kind, id, name, role, iat, n, use, sg, m, session, address } = claims;
  if ((kind !== 'user' && kind !== 'token' && kind !== 'anonymous') || typeof id !== 'string' || typeof name !== 'string' || typeof role !== 'string' || !isRole(role) || typeof n !== 'string') {
    return { ok: false, reason: 'malformed identity' };
  }
  if (use !== purpose.use) return { ok: false, reason: `identity signed for ${String(use)}, not ${purpose.use}` };
  if (sg !== purpose.subgraph) return { ok: false, reason: `identity signed for the ${String(sg)} subgraph, not ${purpose.subgraph}` };
  if (purpose.use === 'http' && m !== purpose.method) return { ok: false, reason: `identity signed for ${String(m)}, not ${purpose.method}` };
  if (typeof iat !== 'number' || now - iat > ttlMs + IDENTITY_CLOCK_SKEW_MS || iat - now > IDENTITY_CLOCK_SKEW_MS) return { ok: false, reason: 'expired identity' };
  if ((session !== undefined && typeof session !== 'string') || (address !== undefined && typeof address !== 'string')) return { ok: false, reason: 'malformed identity' };
  const identity: Identity = { kind, id, name, role };
  if (session) identity.session = session;
  if (address) identity.address = address;
  return { ok: true, identity, signedAt: iat, nonce: n };
}

/** Whether two identities are the same caller with the same role. */
export function sameIdentity(a: Identity, b: Identity): boolean {
  return a.kind === b.kind && a.id === b.id && a.name === b.name && a.role === b.role;
}

/**
 * The nonces of signatures already used, each kept until its signature
 * expires, so that a captured one cannot be used a second time. Bounded: past
 * `limit`, the oldest is forgotten (it is the nearest to expiring).
 */
export class SeenNonces {
  private readonly expiries = new Map<string, number>();

  /** @param limit most nonces kept. @default 100000 */
  constructor(private readonly limit = 100_000) {}

  /** Remembers `nonce` until `expiresAt`; false when it was already seen. */
  firstUse(nonce: string, expiresAt: number, now = Date.now()): boolean {
    // Nonces arrive in roughly the order they expire: the expired ones are at the front.
    for (const [known, expiry] of this.expiries) {
      if (expiry > now) break;
      this.expiries.delete(known);
    }
    if (this.expiries.has(nonce)) return false;
    if (this.expiries.size >= this.limit) this.expiries.delete(this.expiries.keys().next().value as string);
    this.expiries.set(nonce, expiresAt);
    return true;
  }
}

function mac(body: string, purpose: IdentityPurpose, secret: string): string {
  if (!secret) throw new Error('LIFESTONE_INTERNAL_SECRET is empty: refusing to sign or verify identities');
  const hmac = createHmac('sha256', secret).update(body);
  // The body is base64url: the line break cannot be part of it, so claims and operation cannot be shifted into each other.
  if (purpose.use === 'http') hmac.update('\n').update(purpose.operation);
  return hmac.digest('base64url');
}
