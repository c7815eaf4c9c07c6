/**
 * The dashboard's only transport to the graph, all through the gateway:
 * queries and mutations as HTTP POSTs to `/graphql` (the session cookie rides
 * along), subscriptions over one graphql-ws connection that reconnects with
 * backoff for as long as the user is signed in. Components never use this
 * directly: they go through the composables in `graph/use.ts`.
 */
import { CloseCode, createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from './generated/graphql';
import { backoffDelay, nextStatus, type ConnectionEvent, type ConnectionStatus } from './reconnect';

/** Where the gateway answers GraphQL, relative to the page. */
export const GRAPHQL_PATH = '/graphql';

/** graphql-ws close codes after which retrying cannot help: the session is gone. */
const UNAUTHORIZED_CLOSE_CODES = new Set<number>([CloseCode.Unauthorized, CloseCode.Forbidden]);

/** An error the graph answered with: `code` is the gateway's stable `extensions.code`. */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly traceId?: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

interface GraphQLErrorJson {
  message: string;
  extensions?: { code?: string; traceId?: string };
}

/** Turns the first error of a response into a {@link GraphError}. */
export function toGraphError(errors: readonly GraphQLErrorJson[]): GraphError {
  const [first] = errors;
  return new GraphError(first?.message ?? 'the graph answered with an error', first?.extensions?.code ?? 'GRAPH_ERROR', first?.extensions?.traceId);
}

/** Runs one query or mutation; resolves its data or rejects with a {@link GraphError}. */
export async function request<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables?: Variables, signal?: AbortSignal): Promise<Result> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      signal: signal ?? null,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new GraphError('the gateway cannot be reached; retrying when it is back', 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => undefined)) as { data?: Result | null; errors?: GraphQLErrorJson[] } | undefined;
  if (!body) throw new GraphError(`the gateway answered HTTP ${response.status} without a GraphQL response`, 'NETWORK_ERROR');
  if (body.errors?.length) throw toGraphError(body.errors);
  if (body.data == null) throw new GraphError('the graph answered without data', 'GRAPH_ERROR');
  return body.data;
}

/** What {@link openSubscriptions} reports about its connection. */
export interface SubscriptionConnectionCallbacks {
  onStatus(status: ConnectionStatus): void;
  /** The gateway refused the session (expired or signed out elsewhere). */
  onUnauthorized(): void;
}

/** One live subscription's receiver. */
export interface SubscriptionSink<Result> {
  next(data: Result): void;
  error?(error: GraphError): void;
  /** The gateway ended the subscription (after an error, or because the stream is over). */
  complete?(): void;
}

/** The graphql-ws connection of a signed-in user. */
export interface SubscriptionConnection {
  subscribe<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables, sink: SubscriptionSink<Result>): () => void;
  dispose(): void;
}

/** The WebSocket URL of the gateway's `/graphql`, from the page's own location. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${GRAPHQL_PATH}`;
}

/**
 * Opens the one graphql-ws connection (the browser sends the session cookie
 * with the upgrade). It retries forever with jittered exponential backoff and
 * resubscribes everything when it is back, except after an unauthorized close.
 */
export function openSubscriptions(callbacks: SubscriptionConnectionCallbacks, url = webSocketUrl()): SubscriptionConnection {
  let status: ConnectionStatus = 'connecting';
  const report = (event: ConnectionEvent) => {
    const next = nextStatus(status, event);
    if (next !== status) callbacks.onStatus((status = next));
  };
  let unauthorized = false;
  const client: Client = createClient({
    url,
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => !unauthorized,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelay(retries))),
    on: {
      connecting: () => report('connecting'),
      connected: () => report('connected'),
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        if (code !== undefined && UNAUTHORIZED_CLOSE_CODES.has(code)) {
          unauthorized = true;
          callbacks.onUnauthorized();
        }
        report('lost');
      },
      error: () => report('lost'),
    },
  });
  callbacks.onStatus(status);
  return {
    subscribe(document, variables, sink) {
      return client.subscribe<never>(
        { query: document.toString(), variables: (variables ?? {}) as Record<string, unknown> },
        {
          next: (result) => {
            const { data, errors } = result as { data?: never; errors?: GraphQLErrorJson[] };
            if (errors?.length) sink.error?.(toGraphError(errors));
            else if (data) sink.next(data);
          },
          error: (error) => sink.error?.(Array.isArray(error) ? toGraphError(error as GraphQLErrorJson[]) : new GraphError('the subscription ended with an error', 'GRAPH_ERROR')),
          complete: () => sink.complete?.(),
        },
      );
    },
    dispose() {
      report('disposed');
      void client.dispose();
    },
  };
}
