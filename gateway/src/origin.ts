/**
 * Which web pages may use the gateway with a visitor's cookie. Browsers send
 * `Origin` with every cross-site POST and every WebSocket handshake; a
 * request with none comes from a program (the bot, scripts, curl), which
 * holds a token rather than riding on a cookie. A page of another origin may
 * neither run operations nor open a socket, unless it is one of
 * `LIFESTONE_CORS_ORIGINS`: otherwise any site a signed-in person visits
 * could act as them (cross-site request forgery) or read their subscriptions
 * (WebSocket hijacking). A cookie's SameSite attribute does not cover pages
 * of the same site on another port or subdomain.
 */
import type { IncomingMessage } from 'node:http';

/** Media types a GraphQL operation may be posted as; form and text bodies (what a page can post without asking) are refused. */
const OPERATION_MEDIA_TYPES = new Set(['application/json', 'application/graphql', 'application/graphql-response+json']);

/** Whether `request` comes from no page, the gateway's own origin (its Host), or an allowed one. */
export function originAllowed(request: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  // Compared by host and port, whatever the scheme: behind a TLS proxy the gateway is reached over http.
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host !== '' && host === request.headers.host;
}

/** Whether a POST's `Content-Type` is one an operation may be sent as. */
export function operationMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return OPERATION_MEDIA_TYPES.has(type);
}
