/**
 * The dashboard's view of its one graphql-ws connection, kept apart from the
 * transport so that it can be tested alone: what the status line shows and
 * how long to wait before the next attempt.
 */

/** `connecting`: the first attempt; `online`: acknowledged by the gateway; `reconnecting`: lost, trying again; `closed`: signed out. */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** What the transport reports. */
export type ConnectionEvent = 'connecting' | 'connected' | 'lost' | 'disposed';

/** The next status after `event`: once online, any loss shows as reconnecting until the gateway acknowledges again. */
export function nextStatus(current: ConnectionStatus, event: ConnectionEvent): ConnectionStatus {
  switch (event) {
    case 'connected':
      return 'online';
    case 'disposed':
      return 'closed';
    case 'lost':
      return current === 'closed' ? 'closed' : 'reconnecting';
    case 'connecting':
      return current === 'online' || current === 'reconnecting' ? 'reconnecting' : current === 'closed' ? 'connecting' : current;
  }
}

/** Backoff between attempts. @default { baseMs: 500, maxMs: 15_000 } */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based): exponential
 * from `baseMs`, capped at `maxMs`, with "full jitter" (a uniform draw below
 * the cap) so that a thousand dashboards do not reconnect in step after a
 * gateway restart. `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, { baseMs = 500, maxMs = 15_000 }: BackoffOptions = {}, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(baseMs / 2 + random() * Math.max(0, ceiling - baseMs / 2));
}
