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

/**
 * The `transports` option of the gateway runtime. `identityTtlMs` must be the
 * subgraphs' (their sockets' identities are refreshed every third of it).
 * `onTooSlow` counts a subscription ended because its subscriber let more
 * than `MAX_QUEUED` results wait and took none for `stallMs()`
 * (or let more than `MAX_QUEUED_BUSY` wait).
 * @default identityTtlMs IDENTITY_TTL_MS (30 s)
 */
export function subgraphTransports(
  internalSecret: string,
  identityTtlMs = IDENTITY_TTL_MS,
  onTooSlow: (transport: SubscriberTransport) => void = () => {},
): NonNullable<GatewayConfig['transports']> {
  return { http: httpTransport, ws: webSocketTransport(internalSecret, identityTtlMs, onTooSlow) };
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

function webSocketTransport(internalSecret: string, identityTtlMs: number, onTooSlow: (transport: SubscriberTransport) => void): Transport {
  return {
    getSubgraphExecutor({ transportEntry, subgraphName, log }) {
      if (!transportEntry.location) throw new Error(`the ws transport of ${subgraphName} has no location`);
      const url = transportEntry.location.replace(/^http/, 'ws');
      const clients = new Map<string, Client>();
      const clientFor = (identity: Identity): Client => {
        const key = `${identity.kind}:${identity.id}:${identity.role}`;
        const existing = clients.get(key);
        if (existing) return existing;
        const signed = (): Record<string, string> => ({ [IDENTITY_HEADER]: signIdentity(identity, internalSecret, { use: 'ws', subgraph: subgraphName }) });
        // The socket's identity is refreshed before the subgraph would close it: a ping with a new signature (the subgraph checks it in onPing).
        let refresh: NodeJS.Timeout | undefined;
        const client = createClient({
          url,
          webSocketImpl: WebSocket,
          lazy: true,
          lazyCloseTimeout: LAZY_CLOSE_MS,
          keepAlive: KEEP_ALIVE_MS,
          connectionParams: signed,
          on: {
            connected: (socket) => {
              clearInterval(refresh);
              refresh = setInterval(() => (socket as WebSocket).send(JSON.stringify({ type: 'ping', payload: signed() })), identityTtlMs / 3);
              refresh.unref();
            },
            closed: (event) => {
              clearInterval(refresh);
              log.debug({ subgraph: subgraphName, event }, 'subgraph WebSocket closed');
              if (clients.get(key) === client) clients.delete(key);
            },
          },
        });
        clients.set(key, client);
        return client;
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
        return boundedResults(clientFor(identity), payload, subgraphName, () => onTooSlow(context.webSocket ? 'ws' : 'sse'));
      };
      return Object.assign(executor, {
        [Symbol.asyncDispose]: async () => {
          await Promise.all([...clients.values()].map((client) => client.dispose()));
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
 * an error list) becomes one last result carrying a GraphQL error.
 * `return()` reaches graphql-ws at once, even while a `next()` waits, so
 * that an unsubscribing client stops the subgraph's subscription.
 */
function boundedResults(client: Client, payload: SubscribePayload, subgraphName: string, onTooSlow: () => void): AsyncIterableIterator<ExecutionResult> {
  const results = new PushIterator<ExecutionResult>(() => unsubscribe(), { onTooSlow, errorResult: (error) => ({ errors: [error] }) });
  const unsubscribe = client.subscribe(payload, {
    next: (result) => results.push(result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : (result as ExecutionResult)),
    error: (reason) => results.end({ errors: subscriptionErrors(reason, subgraphName) }),
    complete: () => results.end(),
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
