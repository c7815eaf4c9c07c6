import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Guards a service's `/metrics` with `LIFESTONE_METRICS_TOKEN`: unset, the
 * metrics are open to whoever reaches the port (bind to loopback, or keep
 * the port private); set, a scraper sends `Authorization: Bearer <token>`,
 * compared in constant time. Answers 401 itself and returns false when the
 * request may not read them.
 */
export function metricsAllowed(request: IncomingMessage, response: ServerResponse, token: string | undefined): boolean {
  if (!token) return true;
  const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  if (presented !== undefined && timingSafeEqual(digest(presented), digest(token))) return true;
  const body = JSON.stringify({ code: 'UNAUTHENTICATED', message: 'Metrics need `Authorization: Bearer <LIFESTONE_METRICS_TOKEN>`.' });
  response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer', 'content-length': Buffer.byteLength(body) }).end(body);
  return false;
}
