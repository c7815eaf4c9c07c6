/**
 * MCP over Streamable HTTP, for the gateway to mount at `/mcp`. Stateless:
 * every POST gets its own MCP server whose tools call the graph with the
 * caller's own Bearer token, so the gateway authenticates and authorises
 * every tool call exactly as it would the caller's own query, and any
 * gateway instance behind a load balancer can answer any request. The
 * token is checked with the gateway on every request, never remembered
 * here: the gateway's own lookup cache is the one that a revocation, a
 * change of role or a deleted owner clears at once, and `query_telemetry_db`
 * reaches the database without the gateway, so a second cache here would
 * let a revoked token keep running SQL.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { ReadOnlySql } from '../sql/executor.js';
import { graphClient, graphSubscriber, GraphRequestError } from '../../graph-client/index.js';
import { createLifestoneMcpServer } from './server.js';

/** The error codes of the `/mcp` endpoint's own HTTP refusals (tools report theirs inside MCP results). */
export const McpHttpErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  GRAPH_UNAVAILABLE: 'GRAPH_UNAVAILABLE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INVALID_JSON: 'INVALID_JSON',
} as const;

export interface McpHttpOptions {
  /** The gateway's GraphQL endpoint the tools call, e.g. `http://127.0.0.1:4000/graphql` (the gateway's own URL when it mounts this). */
  graphqlUrl: string;
  /** Read-only SQL for `query_telemetry_db` (`createReadOnlySql({ pool })`), each token its own fair share; omitted: the tool is not offered. */
  readOnlySql?: ReadOnlySql;
  /** Largest request body. @default 1048576 bytes */
  maxBodyBytes?: number;
}

/** Asks the graph who a token belongs to: one `me` query. */
const WHO_AM_I = /* GraphQL */ `query McpCaller { me { name role apiToken } }`;

const MISSING_TOKEN =
  'The Lifestone MCP endpoint needs an API token: send `Authorization: Bearer ls_...` (an admin creates one with the createApiToken mutation).';

/**
 * A Node request handler serving MCP's Streamable HTTP transport (POST only,
 * JSON responses, no sessions). A request without `Authorization: Bearer`, or
 * whose token the gateway refuses, gets HTTP 401 with
 * `{"error": {"code": "UNAUTHENTICATED", "message"}}`.
 */
export function createMcpHttpHandler(options: McpHttpOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { graphqlUrl, readOnlySql, maxBodyBytes = 1_048_576 } = options;

  /** Resolves when the gateway accepts `token`; rejects with the refusal. */
  const authenticate = async (token: string): Promise<void> => {
    const { me } = await graphClient({ url: graphqlUrl, token })<{ me: { name: string } | null }>(WHO_AM_I);
    if (!me) throw new GraphRequestError('The gateway does not know this token.', McpHttpErrorCode.UNAUTHENTICATED, 401);
  };

  return async (request, response) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) return refuse(response, 401, McpHttpErrorCode.UNAUTHENTICATED, MISSING_TOKEN);
    try {
      await authenticate(token);
    } catch (error) {
      const refusal = error as GraphRequestError;
      if (refusal.code === 'GRAPH_UNREACHABLE' || refusal.code === 'GRAPH_TIMEOUT') {
        return refuse(response, 503, McpHttpErrorCode.GRAPH_UNAVAILABLE, `The token could not be checked: ${refusal.message}`);
      }
      return refuse(response, 401, McpHttpErrorCode.UNAUTHENTICATED, `The gateway refused this API token (${refusal.message}). It may be revoked or mistyped; ask an admin for a new one.`);
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return refuse(response, 405, McpHttpErrorCode.METHOD_NOT_ALLOWED, 'This MCP endpoint is stateless: POST JSON-RPC messages to it; there is no GET stream and no session to delete.');
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request, maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(response, 413, McpHttpErrorCode.PAYLOAD_TOO_LARGE, `The request body is over ${maxBodyBytes} bytes.`);
      return refuse(response, 400, McpHttpErrorCode.INVALID_JSON, 'The request body is not JSON: POST a JSON-RPC message.');
    }

    const server = createLifestoneMcpServer({ graphql: graphClient({ url: graphqlUrl, token }), subscribe: graphSubscriber({ url: graphqlUrl, token }), ...(readOnlySql ? { readOnlySql: readOnlySql.forCaller(callerOf(token)) } : {}) });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  };
}

/** Whose fair share of the SQL tool a request uses: its token's (an admin issues tokens, so a viewer cannot make more lanes). */
function callerOf(token: string): string {
  return `mcp:${createHash('sha256').update(token).digest('hex')}`;
}

/** The token of `Authorization: Bearer <token>`; undefined for anything else. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="lifestone"';
  response.writeHead(status, headers).end(JSON.stringify({ error: { code, message } }));
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
