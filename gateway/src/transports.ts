/**
 * How the gateway reaches subgraphs, with the caller's signed identity on
 * every request (lib/graph/README.md, "The identity rule"):
 *
 * - HTTP (queries, mutations, entities): `@graphql-mesh/transport-http`, with
 *   the trace id added by Hive Gateway's `propagateHeaders`
 *   ({@link subgraphHeaders}) and `x-lifestone-identity`, signed for each
 *   request by plugins/identity.ts, sent by upstream.ts. Its subscriptions go to the
 *   transport `transportEntries['*'].options.subscriptions` names: `ws` at
 *   `/graphql` (Apollo Server has no SSE subscriptions).
 * - `ws`: this module's own, rather than `@graphql-mesh/transport-ws`, which
 *   keys its sockets by their exact connectionParams: a signature (which
 *   carries its signing time) would cost one socket per subscription, and the
 *   params would be replayed unchanged, expired, when a socket reconnects.
 *   Here there is one graphql-ws client per caller and subgraph, its
 *   identity signed for that subgraph's sockets at every (re)connection and
 *   refreshed by a `ping` carrying a new signature every third of the
 *   identity's TTL (a subgraph closes a socket whose identity expired), closed
 *   3 s after its last subscription.
 *
 * Signatures use the real clock, not the injectable one: subgraphs check
 * their age against the real clock too.
 */
import httpTransport from '@graphql-mesh/transport-http';
import { TRACE_HEADER, GraphErrorCode, graphError, IDENTITY_HEADER, IDENTITY_TTL_MS, PushIterator, signIdentity, type Identity } from '@lifestone/lib/graph';
import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { GraphQLError, print } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import type { CallerContext } from './context.js';

type GatewayConfig = GatewayConfigBase<Record<string, unknown>>;

/** How long a subgraph WebSocket stays open after its last subscription ends. */
const LAZY_CLOSE_MS = 3_000;
/** Pings keep idle subscriptions' connections known to be alive. */
const KEEP_ALIVE_MS = 10_000;

/** Where a subscriber ended for being too slow was reading from. */
export type SubscriberTransport = 'sse' | 'ws';

/** What the gateway's transports tell of the subscriptions they end. */
export interface TransportEvents {
  /**
   * A subscription ended because its subscriber let more than `MAX_QUEUED`
   * results wait and took none for `stallMs()` (or let more than
   * `MAX_QUEUED_BUSY` wait).
   */
  onTooSlow?: (transport: SubscriberTransport) => void;
  /** A subscription ended with LIVE_FEED_INTERRUPTED because the connection to its subgraph closed under it. */
  onInterrupted?: (subgraph: string) => void;
}

/**
 * The `transports` option of the gateway runtime. `identityTtlMs` must be the
 * subgraphs' (their sockets' identities are refreshed every third of it).
 * @default identityTtlMs IDENTITY_TTL_MS (30 s)
 */
export function subgraphTransports(internalSecret: string, identityTtlMs = IDENTITY_TTL_MS, events: TransportEvents = {}): NonNullable<GatewayConfig['transports']> {
  return { http: httpTransport, ws: webSocketTransport(internalSecret, identityTtlMs, events) };
}

/** The `transportEntries` option: every subgraph's subscriptions over graphql-ws on its `/graphql`. */
export const subgraphTransportEntries = {
  '*': { options: { subscriptions: { kind: 'ws', location: '/graphql' } } },
} as const satisfies GatewayConfig['transportEntries'];

/**
 * The headers every HTTP request to a subgraph carries
 * (`propagateHeaders.fromClientToSubgraphs`): the trace id. The identity is
 * signed over each request's body, by plugins/identity.ts.
 */
export function subgraphHeaders(context: Partial<CallerContext>): Record<string, string> {
  return context.traceId ? { [TRACE_HEADER]: context.traceId } : {};
}

function webSocketTransport(internalSecret: string, identityTtlMs: number, events: TransportEvents): Transport {
  return {
    getSubgraphExecutor({ transportEntry, subgraphName, log }) {
      if (!transportEntry.location) throw new Error(`the ws transport of ${subgraphName} has no location`);
      const url = transportEntry.location.replace(/^http/, 'ws');
      const clients = new Map<string, { client: Client; running: Set<PushIterator<ExecutionResult>> }>();
      const clientFor = (identity: Identity): { client: Client; running: Set<PushIterator<ExecutionResult>> } => {
        const key = `${identity.kind}:${identity.id}:${identity.role}`;
        const existing = clients.get(key);
        if (existing) return existing;
        /** The subscriptions running on this client's socket: a socket that closes under them ends them (see below). */
        const running = new Set<PushIterator<ExecutionResult>>();
        const signed = (): Record<string, string> => ({ [IDENTITY_HEADER]: signIdentity(identity, internalSecret, { use: 'ws', subgraph: subgraphName }) });
        // The socket's identity is refreshed before the subgraph would close it: a ping with a new signature (the subgraph checks it in onPing).
        let refresh: NodeJS.Timeout | undefined;
        /** Whether the client's socket is open (acknowledged), so that its closing ends what runs on it. */
        let open = false;
        const client = createClient({
          url,
          webSocketImpl: WebSocket,
          lazy: true,
          lazyCloseTimeout: LAZY_CLOSE_MS,
          keepAlive: KEEP_ALIVE_MS,
          connectionParams: signed,
          on: {
            connected: (socket) => {
              open = true;
              clearInterval(refresh);
              refresh = setInterval(() => (socket as WebSocket).send(JSON.stringify({ type: 'ping', payload: signed() })), identityTtlMs / 3);
              refresh.unref();
            },
            closed: (event) => {
              const wasOpen = open;
              open = false;
              clearInterval(refresh);
              log.debug({ subgraph: subgraphName, event }, 'subgraph WebSocket closed');
              if (clients.get(key)?.client === client) clients.delete(key);
              // graphql-ws would subscribe them again on a new socket, silently missing what was published meanwhile: they end
              // with LIVE_FEED_INTERRUPTED instead, and their subscribers subscribe again and read the gap back. The
              // protocol's own closes (4400-4999: refused, forbidden) end them with their error, as graphql-ws reports it.
              // A connection that never opened carried nothing: graphql-ws tries it again, as it should.
              const code = (event as { code?: number }).code ?? 0;
              if (!wasOpen || code === 1000 || code >= 4000) return;
              for (const results of running) {
                results.fail(graphError(GraphErrorCode.LIVE_FEED_INTERRUPTED, `The gateway's connection to the ${subgraphName} subgraph closed (${code}), so values published meanwhile never reached this subscription: it ended so that none is lost unannounced. Subscribe again, and fill the gap from the queries' history.`));
                events.onInterrupted?.(subgraphName);
              }
              running.clear();
            },
          },
        });
        const entry = { client, running };
        clients.set(key, entry);
        return entry;
      };
      const executor: Executor = (request: ExecutionRequest) => {
        const context = request.context as CallerContext | undefined;
        const identity = context?.identity;
        if (!identity) return { errors: [graphError(GraphErrorCode.UNAUTHENTICATED, 'No caller to sign the subscription for.')] };
        const payload: SubscribePayload = {
          query: print(request.document),
          variables: request.variables as Record<string, unknown> | undefined,
          operationName: request.operationName,
          extensions: request.extensions,
        };
        return boundedResults(clientFor(identity), payload, subgraphName, () => events.onTooSlow?.(context.webSocket ? 'ws' : 'sse'));
      };
      return Object.assign(executor, {
        [Symbol.asyncDispose]: async () => {
          await Promise.all([...clients.values()].map(({ client }) => client.dispose()));
          clients.clear();
        },
      });
    },
  };
}

/**
 * One subscription's results from a subgraph, their errors as GraphQLErrors,
 * held in a {@link PushIterator} under the subgraphs' rule: past
 * `MAX_QUEUED` results waiting, a subscriber that took none for
 * `stallMs()` (or one still taking them but past the busy bound) is not
 * keeping up, and rather than hold more (the socket to the subgraph is the
 * caller's for all its subscriptions, so it cannot be paused for one) the
 * subscription stops upstream and ends with a last result carrying
 * SUBSCRIBER_TOO_SLOW. The way graphql-ws ends a subscription badly (a close,
 * an error list) becomes one last result carrying a GraphQL error; a socket
 * that closes under it ends it with LIVE_FEED_INTERRUPTED (`running`).
 * `return()` reaches graphql-ws at once, even while a `next()` waits, so
 * that an unsubscribing client stops the subgraph's subscription.
 */
function boundedResults(
  { client, running }: { client: Client; running: Set<PushIterator<ExecutionResult>> },
  payload: SubscribePayload,
  subgraphName: string,
  onTooSlow: () => void,
): AsyncIterableIterator<ExecutionResult> {
  const results: PushIterator<ExecutionResult> = new PushIterator<ExecutionResult>(() => {
    running.delete(results);
    unsubscribe();
  }, { onTooSlow, errorResult: (error) => ({ errors: [error] }) });
  running.add(results);
  const ended = (last?: ExecutionResult): void => {
    running.delete(results);
    if (last) results.end(last);
    else results.end();
  };
  const unsubscribe = client.subscribe(payload, {
    next: (result) => results.push(result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : (result as ExecutionResult)),
    error: (reason) => ended({ errors: subscriptionErrors(reason, subgraphName) }),
    complete: () => ended(),
  });
  return results;
}

function subscriptionErrors(reason: unknown, subgraphName: string): GraphQLError[] {
  if (Array.isArray(reason)) return reason.map(asGraphQLError);
  if (reason instanceof Error) return [new GraphQLError(`The ${subgraphName} subscription failed: ${reason.message}`, { originalError: reason })];
  const close = reason as { code?: number; reason?: string };
  return [
    graphError(GraphErrorCode.INTERNAL_SERVER_ERROR, `The ${subgraphName} subgraph closed the subscription (${close.code ?? '?'} ${close.reason ?? ''}).`.replace(' )', ')')),
  ];
}

/**
 * An error as graphql-ws delivers it (parsed JSON), as the GraphQLError the
 * gateway's executor and error masking expect: a plain object would be
 * masked as "Unexpected error.", losing the subgraph's message and code.
 */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const { message, path, extensions } = error as { message?: unknown; path?: readonly (string | number)[]; extensions?: Record<string, unknown> };
  return new GraphQLError(String(message), { path, extensions });
}
