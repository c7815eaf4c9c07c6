/**
 * What any one caller's subscriptions may cost the gateway, whatever the
 * transport:
 *
 * - caps on the subscriptions running at once on one graphql-ws socket and
 *   for one caller (an account, whatever its sessions, or an API token)
 *   across its sockets and SSE streams; one more is refused with
 *   TOO_MANY_SUBSCRIPTIONS, naming the cap and its setting;
 * - an SSE stream's unsent bytes: past the bound the stream ends with a last
 *   SUBSCRIBER_TOO_SLOW error, and a reader that does not take even that
 *   within the grace is cut off. (graphql-ws sockets have the same bound, in
 *   shared-subscriptions.ts; results waiting for either, in transports.ts.)
 *
 * A plugin on Yoga's `onParams`, after the shared subscriptions' in the
 * runtime's list, so that it wraps every subscription, those that join a
 * shared one included; the caller is known by then (authentication.ts).
 */
import type { ServerResponse } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphErrorCode, graphError, type Identity } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import { getOperationAST, parse, type ExecutionResult } from 'graphql';

/** The bounds of subscriptions (docs/configuration.md). */
export interface SubscriptionLimits {
  /** Subscriptions one graphql-ws socket may run at once (`LIFESTONE_MAX_SUBSCRIPTIONS_PER_SOCKET`). @default 100 */
  perSocket: number;
  /** Subscriptions one account or API token may run at once, over all its sockets and SSE streams (`LIFESTONE_MAX_SUBSCRIPTIONS_PER_CALLER`). @default 200 */
  perCaller: number;
  /** Bytes a subscriber's socket or SSE stream may hold unsent before its subscriptions end with SUBSCRIBER_TOO_SLOW (`LIFESTONE_MAX_UNSENT_BYTES`). @default 8 MiB */
  maxUnsentBytes: number;
  /** How long a subscriber ended for being too slow has to take what was sent before its connection is cut. @default 10000 */
  slowReaderGraceMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = { perSocket: 100, perCaller: 200, maxUnsentBytes: 8 * 1024 * 1024, slowReaderGraceMs: 10_000 };

/** Which cap refused a subscription. */
export type SubscriptionCap = 'socket' | 'caller';

export interface SubscriptionLimitOptions {
  limits: SubscriptionLimits;
  log: Logger;
  /** Counts a subscription refused by a cap. */
  onRefused: (cap: SubscriptionCap) => void;
  /** Counts an SSE subscription ended for holding more than `maxUnsentBytes` unsent. */
  onTooSlow: () => void;
}

/** What an operation's context tells this plugin (Hive Gateway's and the gateway's glue). */
interface LimitedContext {
  identity?: Identity | null;
  traceId?: string;
  /** The graphql-ws socket of the operation. */
  socket?: object;
  /** The HTTP answer of an operation over HTTP: for a subscription, its SSE stream. */
  res?: ServerResponse;
  webSocket?: boolean;
}

/** The error of a subscriber {@link SubscriptionLimits.maxUnsentBytes} behind. */
export function unsentBytesError(maxUnsentBytes: number): ReturnType<typeof graphError> {
  return graphError(
    GraphErrorCode.SUBSCRIBER_TOO_SLOW,
    `This subscription ended: more than ${maxUnsentBytes} bytes were waiting for you to read them. Read faster or subscribe to less, subscribe again, and fill the gap from the queries' history.`,
    { limit: maxUnsentBytes, setting: 'LIFESTONE_MAX_UNSENT_BYTES' },
  );
}

/** The plugin: counts every subscription while it runs, refuses those over a cap, bounds SSE streams. */
export function useSubscriptionLimits(options: SubscriptionLimitOptions): GatewayPlugin {
  const { limits } = options;
  const bySocket = new WeakMap<object, number>();
  const byCaller = new Map<string, number>();
  return {
    onParams({ params, paramsHandler, setParamsHandler }) {
      // Parsing every query to find the few subscriptions would cost each query; one without the word is none.
      if (!params.query?.includes('subscription')) return;
      setParamsHandler(async (payload) => {
        const caller = payload.context as unknown as LimitedContext;
        const { identity, socket } = caller;
        if (!identity || !isSubscription(payload.params.query, payload.params.operationName)) return paramsHandler(payload);
        const callerKey = `${identity.kind}:${identity.id}`;
        const onSocket = socket ? (bySocket.get(socket) ?? 0) : 0;
        const ofCaller = byCaller.get(callerKey) ?? 0;
        const cap: SubscriptionCap | undefined = socket && onSocket >= limits.perSocket ? 'socket' : ofCaller >= limits.perCaller ? 'caller' : undefined;
        if (cap) {
          options.onRefused(cap);
          options.log.info({ caller: callerKey, cap, running: cap === 'socket' ? onSocket : ofCaller }, 'refused a subscription over its cap');
          return { errors: [capError(cap, limits, caller.traceId)] };
        }
        if (socket) bySocket.set(socket, onSocket + 1);
        byCaller.set(callerKey, ofCaller + 1);
        let released = false;
        const release = (): void => {
          if (released) return;
          released = true;
          if (socket) bySocket.set(socket, (bySocket.get(socket) ?? 1) - 1);
          const left = (byCaller.get(callerKey) ?? 1) - 1;
          if (left > 0) byCaller.set(callerKey, left);
          else byCaller.delete(callerKey);
        };
        let result: Awaited<ReturnType<typeof paramsHandler>>;
        try {
          result = await paramsHandler(payload);
        } catch (error) {
          release();
          throw error;
        }
        if (!isAsyncIterable(result)) {
          release();
          return result;
        }
        const running = releasing(result, release);
        if (caller.res && !caller.webSocket) boundEventStream(caller.res, running, limits, options);
        return running;
      });
    },
  };
}

/** The refusal of a subscription over `cap`. */
function capError(cap: SubscriptionCap, limits: SubscriptionLimits, traceId: string | undefined): ReturnType<typeof graphError> {
  const [limit, setting, message] =
    cap === 'socket'
      ? [limits.perSocket, 'LIFESTONE_MAX_SUBSCRIPTIONS_PER_SOCKET', `This connection runs ${limits.perSocket} subscriptions, the most one connection may: end one before starting another.`]
      : [limits.perCaller, 'LIFESTONE_MAX_SUBSCRIPTIONS_PER_CALLER', `You run ${limits.perCaller} subscriptions over your connections and streams, the most one account or API token may: end one before starting another.`];
  return graphError(GraphErrorCode.TOO_MANY_SUBSCRIPTIONS, message, { limit, setting, ...(traceId ? { traceId } : {}) });
}

/** `results` as an iterator that runs `release` once, however it ends: done, failed, or returned early. */
function releasing(results: AsyncIterable<ExecutionResult>, release: () => void): AsyncIterableIterator<ExecutionResult> {
  const source = results[Symbol.asyncIterator]();
  let ended = false;
  const end = (): void => {
    ended = true;
    release();
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      try {
        const next = await source.next();
        if (next.done) end();
        return next;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return() {
      if (ended) return { done: true, value: undefined };
      end();
      return (await source.return?.()) ?? { done: true, value: undefined };
    },
  };
  return iterator;
}

/**
 * Bounds what the SSE stream `response` of `subscription` holds unsent. The
 * runtime writes a stream's results only as fast as the reader takes them,
 * so that those of a reader that stopped would wait upstream, unbounded
 * and out of sight: here every result is written at once, so that what waits
 * is the response's own buffer, measured after each write. Past the bound
 * the stream gets a last SUBSCRIBER_TOO_SLOW error and `complete`, the
 * subscription stops, and a reader that has not taken it all within the
 * grace is cut off. The subscription stops too when the stream ends another
 * way (the client leaves, or its credentials are revoked: revalidation.ts).
 */
function boundEventStream(response: ServerResponse, subscription: AsyncIterator<ExecutionResult>, limits: SubscriptionLimits, options: SubscriptionLimitOptions): void {
  const stop = (): void => void subscription.return?.();
  const write = response.write.bind(response) as (chunk: unknown, ...rest: unknown[]) => boolean;
  // Always true: a false would make the runtime wait for a drain, holding the results upstream again.
  response.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    if (response.writableEnded || response.destroyed) {
      stop();
      return true;
    }
    write(chunk, ...rest);
    if (response.writableLength > limits.maxUnsentBytes) {
      options.onTooSlow();
      options.log.info({ unsent: response.writableLength }, 'ending an SSE subscription whose reader fell behind');
      response.end(`event: next\ndata: ${JSON.stringify({ errors: [unsentBytesError(limits.maxUnsentBytes)] })}\n\nevent: complete\ndata:\n\n`);
      stop();
      const cut = setTimeout(() => response.destroy(), limits.slowReaderGraceMs);
      cut.unref();
      response.once('close', () => clearTimeout(cut));
    }
    return true;
  }) as ServerResponse['write'];
  response.once('close', stop);
}

/** Whether the operation to run is a subscription (one that does not parse is not: the pipeline refuses it). */
function isSubscription(query: string | undefined, operationName: string | null | undefined): boolean {
  if (!query) return false;
  try {
    return getOperationAST(parse(query, { noLocation: true }), operationName)?.operation === 'subscription';
  } catch {
    return false;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}
