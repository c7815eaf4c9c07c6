import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The secret a plugin presents: the `X-Plugin-Secret` header, else `?secret=`. */
export function presentedSecret(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers['x-plugin-secret'];
  if (typeof header === 'string') return header;
  return url.searchParams.get('secret') ?? undefined;
}

/**
 * Whether `presented` equals `expected`, in time independent of where they
 * differ (both are hashed to equal length first). With no secret configured
 * nothing matches: an unconfigured ingest takes only plugins with a key.
 */
export function secretMatches(expected: string | undefined, presented: string | undefined): boolean {
  if (!expected || presented === undefined) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The plugin key a plugin presents: the `X-Plugin-Key` header, else `?key=`. */
export function presentedKey(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers['x-plugin-key'];
  if (typeof header === 'string') return header;
  return url.searchParams.get('key') ?? undefined;
}
