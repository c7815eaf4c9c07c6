import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_BODY_BYTES, GRAPHQL_PATH } from '@lifestone/lib/graph';
import { listen } from '@lifestone/lib/http';
import { httpRoutes, type RouteDeps } from './routes.js';
import { graphqlWebSockets, type WebSocketOptions } from './websocket.js';

const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** Enough to sign in. */
const DEFAULT_ANONYMOUS_MAX_BODY_BYTES = 8_192;
/** How long close() waits for sockets and requests before cutting them. */
const DRAIN_MS = 3_000;

type McpHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export type GatewayServerOptions = Omit<RouteDeps, 'stopping' | 'mcp' | 'dashboardDir' | 'maxBodyBytes' | 'anonymousMaxBodyBytes'> &
  Omit<WebSocketOptions, 'maxPayload'> & {
    port: number;
    /** @default web/dist */
    dashboardDir?: string;
    /** Largest body and graphql-ws message. @default 1 MiB */
    maxBodyBytes?: number;
    /** Largest body read from a caller without valid credentials. @default 8192 */
    anonymousMaxBodyBytes?: number;
    /** The MCP handler for `/mcp`, made once the server listens, from its GraphQL URL. */
    mcp?: (graphqlUrl: string) => McpHandler;
  };

export interface GatewayServer {
  /** `host:port`, as URLs write it. */
  origin: string;
  port: number;
  /** Stops accepting (`/healthz` says 503 meanwhile), closes WebSockets (1001), waits for requests up to 3 s, then cuts what remains. */
  close(): Promise<void>;
}

/** The gateway's node HTTP server: every route (routes.ts) and graphql-ws (websocket.ts), listening. */
export async function serveGateway(options: GatewayServerOptions): Promise<GatewayServer> {
  const { log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let stopping = false;
  let mcp: McpHandler | undefined = undefined;
  const routes: RouteDeps = {
    ...options,
    maxBodyBytes,
    dashboardDir: options.dashboardDir ?? DEFAULT_DASHBOARD_DIR,
    anonymousMaxBodyBytes: options.anonymousMaxBodyBytes ?? DEFAULT_ANONYMOUS_MAX_BODY_BYTES,
    stopping: () => stopping,
    mcp: () => mcp,
  };
  const server = createServer(httpRoutes(routes, log));
  const webSockets = graphqlWebSockets({ ...options, maxPayload: maxBodyBytes });
  server.on('upgrade', webSockets.upgrade);
  const { origin, port } = await listen(server, options.port, options.host).catch(async (error: unknown) => {
    await webSockets.close();
    throw error;
  });
  mcp = options.mcp?.(`http://${origin}${GRAPHQL_PATH}`);

  const close = async (): Promise<void> => {
    stopping = true;
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    const cut = setTimeout(() => {
      webSockets.terminate();
      server.closeAllConnections();
    }, DRAIN_MS);
    await webSockets.close();
    server.closeIdleConnections();
    await httpClosed;
    clearTimeout(cut);
  };
  return { origin, port, close };
}
