/**
 * A client's way into the graph, as the assistant's tools, the Discord bot
 * and the MCP server use it: one GraphQL operation per call, over HTTP
 * to the gateway, with an API token as `Authorization: Bearer`. Sent with
 * undici's `request` rather than `fetch`, which refuses the ports browsers
 * block (6000, 6665-6669, 10080 ...): a gateway may listen on any port.
 */
import { CloseCode, createClient } from 'graphql-ws';
import { request } from 'undici';
import WebSocket from 'ws';

/** Runs one GraphQL operation against the gateway as the token's holder; rejects with the graph's error. */
export type GraphRequest = <Result = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal) => Promise<Result>;

/**
 * Runs one GraphQL subscription against the gateway as the token's holder,
 * yielding each result's data until the server completes it; returning from
 * the iterator (or `signal`) ends it. Rejects with the graph's error.
 */
export type GraphSubscribe = <Result = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal) => AsyncIterableIterator<Result>;

/** A GraphQL error the gateway returned, with its `extensions.code` (e.g. `UNAUTHENTICATED`, `FORBIDDEN`). */
export class GraphRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GraphRequestError';
  }
}

export interface GraphClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The API token (`ls_...`) every operation is sent with. */
  token: string;
  /** Longest wait for one operation, in milliseconds. @default 15000 */
  timeoutMs?: number;
}

/** A `GraphRequest` that posts each operation to the gateway with the token; rejects with `GraphRequestError`. */
export function graphClient({ url, token, timeoutMs = 15_000 }: GraphClientOptions): GraphRequest {
  return async <Result>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<Result> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    let status: number;
    let body: { data?: Result | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      status = response.statusCode;
      body = (await response.body.json().catch(() => null)) as typeof body;
    } catch (error) {
      if (timeout.aborted) throw new GraphRequestError(`The graph did not answer within ${timeoutMs} ms.`, 'GRAPH_TIMEOUT');
      throw new GraphRequestError(`The graph at ${url} is unreachable: ${(error as Error).message}`, 'GRAPH_UNREACHABLE');
    }
    const first = body?.errors?.[0];
    if (first) throw new GraphRequestError(first.message, first.extensions?.code ?? 'GRAPH_ERROR', status);
    if (status < 200 || status >= 300 || !body?.data) throw new GraphRequestError(`The graph answered HTTP ${status} without data.`, 'GRAPH_ERROR', status);
    return body.data;
  };
}

/**
 * A `GraphSubscribe` over graphql-ws to the gateway (the same endpoint, as
 * `ws:`/`wss:`), the token in the connection's `authorization` parameter.
 * Each subscription has a connection of its own, closed when it ends.
 */
export function graphSubscriber({ url, token }: Pick<GraphClientOptions, 'url' | 'token'>): GraphSubscribe {
  return <Result>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): AsyncIterableIterator<Result> => {
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true });
    const results = client.iterate<Result>({ query, variables });
    const end = async (): Promise<void> => {
      await results.return?.();
      await client.dispose();
    };
    signal?.addEventListener('abort', () => void end(), { once: true });
    const iterator: AsyncIterableIterator<Result> = {
      async next() {
        let result: IteratorResult<{ data?: Result | null; errors?: readonly { message: string; extensions?: { code?: unknown } }[] }>;
        try {
          result = await results.next();
        } catch (error) {
          await end();
          throw subscriptionError(error, url);
        }
        if (result.done) {
          await client.dispose();
          return { done: true, value: undefined };
        }
        const first = result.value.errors?.[0];
        if (first || !result.value.data) {
          await end();
          throw new GraphRequestError(first?.message ?? 'The graph sent a result without data.', typeof first?.extensions?.code === 'string' ? first.extensions.code : 'GRAPH_ERROR');
        }
        return { done: false, value: result.value.data };
      },
      async return() {
        await end();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };
}

/** What a graphql-ws failure means for the caller: the graph's refusal (an error list) or the socket's close. */
function subscriptionError(error: unknown, url: string): GraphRequestError {
  if (Array.isArray(error)) {
    const first = error[0] as { message?: string; extensions?: { code?: unknown } } | undefined;
    return new GraphRequestError(first?.message ?? 'The graph refused the subscription.', typeof first?.extensions?.code === 'string' ? first.extensions.code : 'GRAPH_ERROR');
  }
  const close = error as { code?: number; reason?: string };
  if (typeof close.code === 'number') {
    return new GraphRequestError(`The graph closed the subscription (${close.code}${close.reason ? `: ${close.reason}` : ''}).`, close.code === CloseCode.Forbidden || close.code === CloseCode.Unauthorized ? 'UNAUTHENTICATED' : 'GRAPH_UNREACHABLE');
  }
  return new GraphRequestError(`The graph at ${url} is unreachable: ${(error as Error).message}`, 'GRAPH_UNREACHABLE');
}
