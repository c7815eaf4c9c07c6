/**
 * The tools' way into the graph: one GraphQL operation per call, over HTTP
 * to the gateway, with an API token as `Authorization: Bearer`. Sent with
 * undici's `request` rather than `fetch`, which refuses the ports browsers
 * block (6000, 6665-6669, 10080 ...): a gateway may listen on any port.
 */
import { request } from 'undici';
import type { GraphRequest } from '../tools/types.js';

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
