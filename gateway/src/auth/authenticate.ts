import type pg from 'pg';
import type { Identity } from '@lifestone/lib/graph';
import { readCookie, SESSION_COOKIE, unsealSession } from './cookies.js';
import { apiTokenIdentity, sessionAccount, sessionId } from '@lifestone/lib/auth';

/** How a request's credentials turned out. */
export type Authentication =
  /** No credentials; `staleSession` when a session cookie was sent but is expired, signed out or forged. */
  | { status: 'anonymous'; staleSession: boolean }
  /** `session` is the session token when the caller came with the cookie. */
  | { status: 'authenticated'; identity: Identity; session?: string }
  /** Credentials were sent and are no good (a malformed header, an unknown or revoked token): refuse, whatever the operation. */
  | { status: 'refused'; reason: 'malformed' | 'unknown token'; message: string };

/** The credential-bearing headers of a request (HTTP or a WebSocket upgrade). */
export interface Credentials {
  authorization?: string | null;
  cookie?: string | null;
}

export interface AuthenticatorOptions {
  pool: pg.Pool;
  /** Key of the session cookie's signature (`LIFESTONE_SESSION_SECRET`). */
  sessionSecret: string;
  now: () => Date;
  /**
   * How long a successful lookup is reused before the database is asked
   * again. A revocation, a sign-out, a change of role or a deleted account
   * (whose tokens go with it) on this gateway applies at once; on another
   * instance within this time.
   * @default 5000
   */
  cacheMs?: number;
  /**
   * How long a lookup of a credential that had a good answer before may
   * take before that answer is served again: the database is stalled or
   * away, and a live socket must neither wait for it nor be cut.
   * @default 200
   */
  answerMs?: number;
  /** Told each time the last good answer is served because the database did not answer in time, or failed. */
  onStale?: () => void;
}

/** Most credentials remembered at once; the oldest are dropped first. */
const CACHE_LIMIT = 10_000;

export const BAD_AUTHORIZATION = 'The Authorization header must be `Bearer <API token>` (a token starts with `ls_`).';
export const UNKNOWN_TOKEN = 'This API token is not valid: it was revoked or never existed. Ask an admin for a new one (createApiToken).';

/**
 * Turns a request's credentials into an identity: `Authorization: Bearer
 * <API token>` first, else the signed session cookie. Successful lookups are
 * cached briefly, so that a busy client costs the database one query per
 * `cacheMs`, not one per request. Once that time is past, the database is
 * asked again; when it does not answer within `answerMs` (or fails) the last
 * good answer is served, until it does answer (see gateway/SECURITY.md).
 * Credentials never seen to hold wait for the database.
 */
export class Authenticator {
  private readonly cache = new Map<string, { identity: Identity; until: number }>();
  /** Lookups under way, by credential: callers who come meanwhile wait for the same one. */
  private readonly asking = new Map<string, { answer: Promise<Identity | undefined>; since: number }>();
  /** Moved on by `forget`: lookups begun before it are not kept. */
  private generation = 0;
  private readonly cacheMs: number;
  private readonly answerMs: number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.cacheMs = options.cacheMs ?? 5_000;
    this.answerMs = options.answerMs ?? 200;
  }

  /** `fresh`: ask the database whatever is cached (and cache the answer), as the re-check of open sockets does. */
  async authenticate(credentials: Credentials, options: { fresh?: boolean } = {}): Promise<Authentication> {
    const { fresh = false } = options;
    const { authorization, cookie } = credentials;
    if (authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) return { status: 'refused', reason: 'malformed', message: BAD_AUTHORIZATION };
      const token = match[1] as string;
      const identity = await this.cached(`token:${token}`, fresh, () => apiTokenIdentity(this.options.pool, token, this.options.now()));
      return identity ? { status: 'authenticated', identity } : { status: 'refused', reason: 'unknown token', message: UNKNOWN_TOKEN };
    }
    const sealed = readCookie(cookie, SESSION_COOKIE);
    if (!sealed) return { status: 'anonymous', staleSession: false };
    const session = unsealSession(sealed, this.options.sessionSecret);
    if (!session) return { status: 'anonymous', staleSession: true };
    const identity = await this.cached(`session:${session}`, fresh, async () => {
      const account = await sessionAccount(this.options.pool, session, this.options.now());
      return account && { kind: 'user' as const, id: account.id, name: account.name, role: account.role, session: sessionId(session) };
    });
    return identity ? { status: 'authenticated', identity, session } : { status: 'anonymous', staleSession: true };
  }

  /** Forgets every cached lookup: after a revocation or a sign-out, the next request asks the database (and waits for it). */
  forget(): void {
    this.cache.clear();
    // A lookup under way may have read the database before the change: its answer is neither shared nor kept.
    this.asking.clear();
    this.generation++;
  }

  private cached(key: string, fresh: boolean, lookup: () => Promise<Identity | undefined>): Promise<Identity | undefined> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now() && !fresh) return Promise.resolve(hit.identity);
    const { answer: asked, since } = this.ask(key, lookup);
    if (!hit) return asked;
    // The last good answer stands while the database does not answer (a stall, a restart): a live socket is
    // neither held up nor cut for it. An answer, when it comes, replaces it: a revocation is refused then.
    const waited = Date.now() - since;
    if (waited >= this.answerMs) {
      this.options.onStale?.();
      return Promise.resolve(hit.identity);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.options.onStale?.();
        resolve(hit.identity);
      }, this.answerMs - waited);
      asked.then(
        (identity) => {
          clearTimeout(timer);
          resolve(identity);
        },
        () => {
          clearTimeout(timer);
          this.options.onStale?.();
          resolve(hit.identity);
        },
      );
    });
  }

  /** Asks the database about `key`, once however many callers wait for it (and since when), and caches a good answer. */
  private ask(key: string, lookup: () => Promise<Identity | undefined>): { answer: Promise<Identity | undefined>; since: number } {
    const under = this.asking.get(key);
    if (under) return under;
    const generation = this.generation;
    const answer = lookup().then(
      (identity) => {
        if (generation !== this.generation) return identity;
        this.asking.delete(key);
        this.cache.delete(key);
        if (identity && this.cacheMs > 0) {
          if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
          this.cache.set(key, { identity, until: Date.now() + this.cacheMs });
        }
        return identity;
      },
      (error: unknown) => {
        if (generation === this.generation) this.asking.delete(key);
        throw error;
      },
    );
    const asked = { answer, since: Date.now() };
    this.asking.set(key, asked);
    return asked;
  }
}
