import { CloseCode, createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { AlertType } from '@lifestone/lib/alerts';
import type { Logger } from '@lifestone/lib/log';

/** graphql-ws close codes of a refused connection. */
const REFUSED_CLOSE = new Set<number>([CloseCode.Unauthorized, CloseCode.Forbidden]);
/** Error codes of the graph that mean the token is not (or no longer) good. */
const REFUSED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const WAIT_FIRST_MS = 500;
const WAIT_MAX_MS = 30_000;
/**
 * graphql-ws does not acknowledge a subscribe: the server attaches the
 * subscription to its pubsub some time after the connection is up, and an
 * alert published meanwhile wakes nobody. So the routes catch up once more
 * this long after each (re)subscription, which finds what fell in between.
 */
const SETTLE_MS = 2_000;

export interface WakeupOptions {
  /** The gateway's `/graphql`; the subscription goes to the same path over `ws:`. */
  graphqlUrl: string;
  apiToken: string;
  types: AlertType[];
  log: Logger;
  /** An alert of `type` was raised. */
  onAlert: (type: AlertType) => void;
  /** The subscription is (again) in place, and again {@link SETTLE_MS} later: anything may have been missed before. */
  onSubscribed: () => void;
  /** The graph refused the token: no retry mends that. */
  onRefused: (reason: Error) => void;
}

/** A wait that grows with the attempts and is jittered, so that many bots do not all come back at once. */
const backoff = (attempt: number): number => Math.min(WAIT_MAX_MS, WAIT_FIRST_MS * 2 ** attempt) * (0.5 + Math.random() / 2);

/**
 * The `alerts` subscription as wake-ups. It only ever says "something
 * arrived"; what arrived is read from the `alerts` query (delivery.ts), so a
 * lost connection or a dropped subscription loses nothing: it comes back
 * with a jittered backoff and `onSubscribed` tells the routes to catch up
 * (twice: see {@link SETTLE_MS}).
 * The connection reconnects by itself (graphql-ws); an operation the server
 * ends (complete, or an error that is not a refusal: SUBSCRIBER_TOO_SLOW when
 * the bot fell behind, LIVE_FEED_INTERRUPTED when the pubsub lost alerts,
 * TOO_MANY_SUBSCRIPTIONS over a cap) is subscribed anew
 * after the backoff, which grows until an alert arrives again.
 */
export function subscribeToWakeups(options: WakeupOptions): { close: () => Promise<void> } {
  const { log } = options;
  let reconnects = 0;
  let resubscribes = 0;
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let settling: NodeJS.Timeout | undefined;

  const subscribed = (): void => {
    options.onSubscribed();
    clearTimeout(settling);
    settling = setTimeout(() => options.onSubscribed(), SETTLE_MS);
    settling.unref();
  };

  const client: Client = createClient({
    url: options.graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${options.apiToken}` },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !REFUSED_CLOSE.has((event as { code?: number }).code ?? 0),
    retryWait: async (retries) => {
      reconnects = retries + 1;
      await new Promise((resolve) => setTimeout(resolve, backoff(retries)));
    },
    on: {
      connected: () => {
        if (reconnects > 0) log.info('alerts subscription back; catching up');
        reconnects = 0;
        subscribed();
      },
      closed: (event) => log.debug({ code: (event as { code?: number }).code }, 'alerts subscription closed'),
    },
  });

  const again = (why: string, detail?: unknown): void => {
    if (closed) return;
    const wait = backoff(resubscribes++);
    log.warn({ why, detail, retryInMs: Math.round(wait) }, 'the alerts subscription ended; subscribing again');
    timer = setTimeout(() => {
      subscribe();
      // The connection may have stayed up, so `connected` does not fire: catch up here.
      subscribed();
    }, wait);
  };

  function subscribe(): void {
    // The code of the error the server ended the operation with, for the log.
    let endedWith: unknown;
    unsubscribe = client.subscribe<{ alerts: { type: AlertType } }>(
      { query: 'subscription BotAlerts($types: [AlertType!]) { alerts(types: $types) { type } }', variables: { types: options.types } },
      {
        next: ({ data, errors }) => {
          if (errors?.length) {
            endedWith = errors[0]?.extensions?.code;
            return;
          }
          resubscribes = 0;
          if (data) options.onAlert(data.alerts.type);
        },
        error: (error) => {
          if (closed) return;
          const refusal = refusalOf(error);
          if (refusal) options.onRefused(refusal);
          else again('error', error instanceof Error ? error.message : error);
        },
        complete: () => again('completed by the server', endedWith),
      },
    );
  }
  subscribe();

  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      clearTimeout(settling);
      unsubscribe?.();
      // dispose() waits for a connection attempt under way, which ends with a close event when the gateway is away
      // (graphql-ws's "All Subscriptions Gone", once the last operation let go): nothing is left open to close then.
      await Promise.resolve(client.dispose()).catch((event: unknown) => log.debug({ code: (event as { code?: number }).code }, 'the alerts connection was not open at close'));
    },
  };
}

/**
 * Whether what ended the subscription is the graph refusing the token: a
 * close 4401/4403, or errors coded UNAUTHENTICATED or FORBIDDEN.
 */
function refusalOf(error: unknown): Error | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && REFUSED_CLOSE.has(code)) return new Error((error as { reason?: string }).reason || `closed with ${code}`);
  if (Array.isArray(error)) {
    const refused = (error as { message: string; extensions?: { code?: string } }[]).find((item) => REFUSED_CODES.has(item.extensions?.code ?? ''));
    if (refused) return new Error(refused.message);
  }
  return undefined;
}
