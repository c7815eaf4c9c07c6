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
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphErrorCode } from '@lifestone/lib/graph';

/** Media types a GraphQL operation may be posted as; form and text bodies (what a page can post without asking) are refused. */
const OPERATION_MEDIA_TYPES = new Set(['application/json', 'application/graphql', 'application/graphql-response+json']);

/** Whether `request` (an operation, or a WebSocket's upgrade) comes from no page, the gateway's own origin (its Host), or an allowed one. */
export function originAllowed(request: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  return pageAllowed(request.headers.origin, request.headers.host, allowed);
}

function pageAllowed(origin: string | null | undefined, ownHost: string | null | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined || origin === null) return true;
  if (allowed.has(origin)) return true;
  // Compared by host and port, whatever the scheme: behind a TLS proxy the gateway is reached over http.
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host !== '' && host === ownHost;
}

/** The refusal of a page of another origin, as an operation's answer or a WebSocket upgrade's. */
export function originRefusal(origin: string | null | undefined) {
  return { errors: [{ message: `Pages of ${origin ?? 'another origin'} may not use this gateway: add the origin to LIFESTONE_CORS_ORIGINS to allow it.`, extensions: { code: GraphErrorCode.FORBIDDEN_ORIGIN } }] };
}

/**
 * Refuses operations from pages of other origins (403) and operations posted
 * as forms or text (415), before the runtime reads them; answers CORS for
 * `allowed` only (Yoga would answer every origin, credentials allowed: a
 * page of any site sharing the cookie's site could read the graph as its
 * visitor). The playground's page (a GET for HTML) is a navigation, not an
 * operation.
 */
export function useOriginChecks(allowed: ReadonlySet<string>): GatewayPlugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const { method, headers } = request;
      if (method === 'GET' && (headers.get('accept') ?? '').includes('text/html')) return;
      if (!pageAllowed(headers.get('origin'), headers.get('host'), allowed)) {
        endResponse(fetchAPI.Response.json(originRefusal(headers.get('origin')), { status: 403 }));
      } else if (method === 'POST' && !operationMediaType(headers.get('content-type') ?? undefined)) {
        endResponse(fetchAPI.Response.json({ errors: [{ message: 'Send operations as application/json (or application/graphql); forms and text are refused.', extensions: { code: GraphErrorCode.UNSUPPORTED_MEDIA_TYPE } }] }, { status: 415 }));
      }
    },
  };
}

/** The runtime's `cors` option: credentials allowed for `allowed` origins, no CORS headers for any other. */
export function corsFor(allowed: ReadonlySet<string>) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin && allowed.has(origin) ? { origin, credentials: true, allowedHeaders: ['content-type', 'authorization'] } : false;
  };
}

/** Whether a POST's `Content-Type` is one an operation may be sent as. */
export function operationMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return OPERATION_MEDIA_TYPES.has(type);
}
