/**
 * Discord's REST rate limits with its real headers. Each route has a bucket
 * per top-level resource (channel, guild, webhook): a fixed window of `limit`
 * requests, announced on every answer by `X-RateLimit-Limit`, `-Remaining`,
 * `-Reset`, `-Reset-After` and `-Bucket`. A bot-token request also counts
 * against the global limit. Past either, the answer is 429 with `Retry-After`,
 * `X-RateLimit-Scope` and `{ message, retry_after, global }`, which is what
 * @discordjs/rest's queue reads to wait and retry.
 *
 * Times carry milliseconds (`Retry-After: 0.300`) where Discord rounds the
 * header to whole seconds, so that tests of a retry take a fraction of one.
 */
import { createHash } from 'node:crypto';

/** A fixed window of `limit` requests every `windowMs`. */
export interface BucketLimit {
  limit: number;
  windowMs: number;
}

/** Rate limits of the stand-in. */
export interface RateLimitSettings {
  /** Bot-token requests per second across all routes. @default 50 */
  globalPerSecond?: number;
  /**
   * Buckets by route (`POST /channels/:channel_id/messages`), over the defaults:
   * @default { 'POST /channels/:channel_id/messages': { limit: 5, windowMs: 5000 }, 'POST /webhooks/:webhook_id/:webhook_token': { limit: 5, windowMs: 2000 } }
   */
  routes?: Record<string, BucketLimit>;
  /** The bucket of every route not listed. @default { limit: 50, windowMs: 1000 } */
  otherRoutes?: BucketLimit;
}

/** 429s a test asks for, whatever the buckets say. */
export interface ForcedRateLimit {
  /** The route (`POST /channels/:channel_id/messages`) or the concrete request (`POST /channels/123/messages`); absent: any request. */
  route?: string;
  /** How many requests to refuse. */
  count: number;
  retryAfterMs: number;
  /** Refuse as the global limit (`X-RateLimit-Global: true`, scope `global`). @default false */
  global?: boolean;
}

/** What a request is, for the limiter. */
export interface LimitedRequest {
  /** Route key, `METHOD /template`. */
  route: string;
  /** `METHOD /concrete/path`. */
  request: string;
  /** The top-level resource's id, which splits a route into buckets. */
  major: string;
  /** Counts against the global limit (requests with the bot token). */
  global: boolean;
}

/** The verdict on one request: headers for the answer, and the 429 body when refused. */
export interface RateLimitVerdict {
  headers: Record<string, string>;
  refusal?: { message: string; retry_after: number; global: boolean };
}

const defaultRoutes: Record<string, BucketLimit> = {
  'POST /channels/:channel_id/messages': { limit: 5, windowMs: 5000 },
  'POST /webhooks/:webhook_id/:webhook_token': { limit: 5, windowMs: 2000 },
};

interface Window {
  startedAt: number;
  used: number;
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/** Buckets, the global window and forced 429s of one stand-in. */
export class RateLimiter {
  readonly #routes: Record<string, BucketLimit>;
  readonly #otherRoutes: BucketLimit;
  readonly #globalPerSecond: number;
  readonly #windows = new Map<string, Window>();
  #global: Window = { startedAt: 0, used: 0 };
  readonly #forced: ForcedRateLimit[] = [];

  constructor(settings: RateLimitSettings = {}) {
    this.#routes = { ...defaultRoutes, ...settings.routes };
    this.#otherRoutes = settings.otherRoutes ?? { limit: 50, windowMs: 1000 };
    this.#globalPerSecond = settings.globalPerSecond ?? 50;
  }

  force(limit: ForcedRateLimit): void {
    this.#forced.push({ ...limit });
  }

  /** Decides on one request and counts it against its bucket when it passes. */
  check(request: LimitedRequest, now = Date.now()): RateLimitVerdict {
    const forced = this.#forced.find((limit) => limit.count > 0 && (limit.route === undefined || limit.route === request.route || limit.route === request.request));
    if (forced) {
      forced.count -= 1;
      if (forced.global) return globalRefusal(forced.retryAfterMs);
      return this.#bucketRefusal(request, now, forced.retryAfterMs);
    }
    if (request.global) {
      if (now >= this.#global.startedAt + 1000) this.#global = { startedAt: now, used: 0 };
      if (this.#global.used >= this.#globalPerSecond) return globalRefusal(this.#global.startedAt + 1000 - now);
    }
    const limit = this.#limit(request.route);
    const window = this.#window(request, now);
    if (window.used >= limit.limit) return this.#bucketRefusal(request, now, window.startedAt + limit.windowMs - now);
    window.used += 1;
    if (request.global) this.#global.used += 1;
    return { headers: this.#bucketHeaders(request, limit, limit.limit - window.used, window.startedAt + limit.windowMs, now) };
  }

  #limit(route: string): BucketLimit {
    return this.#routes[route] ?? this.#otherRoutes;
  }

  #window(request: LimitedRequest, now: number): Window {
    const key = `${request.route} ${request.major}`;
    const limit = this.#limit(request.route);
    let window = this.#windows.get(key);
    if (!window || now >= window.startedAt + limit.windowMs) {
      window = { startedAt: now, used: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  #bucketHeaders(request: LimitedRequest, limit: BucketLimit, remaining: number, resetAt: number, now: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(limit.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': seconds(resetAt),
      'x-ratelimit-reset-after': seconds(resetAt - now),
      'x-ratelimit-bucket': bucketHash(request.route),
    };
  }

  #bucketRefusal(request: LimitedRequest, now: number, retryAfterMs: number): RateLimitVerdict {
    return {
      headers: {
        ...this.#bucketHeaders(request, this.#limit(request.route), 0, now + retryAfterMs, now),
        'retry-after': seconds(retryAfterMs),
        'x-ratelimit-scope': 'user',
      },
      refusal: { message: 'You are being rate limited.', retry_after: Number(seconds(retryAfterMs)), global: false },
    };
  }
}

function globalRefusal(retryAfterMs: number): RateLimitVerdict {
  return {
    headers: { 'retry-after': seconds(retryAfterMs), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    refusal: { message: 'You are being rate limited.', retry_after: Number(seconds(retryAfterMs)), global: true },
  };
}

/** An opaque id per route, as Discord's `X-RateLimit-Bucket`. */
export function bucketHash(route: string): string {
  return createHash('sha1').update(route).digest('hex').slice(0, 32);
}
