import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { guardUpgradeSocket, requestUrl } from '@lifestone/lib/http';
import { GRAPHQL_PATH, keepSocketsAlive } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import type { ExecutionArgs } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticator, Credentials } from './auth/authenticate.js';
import type { SocketRevalidation } from './auth/revalidation.js';
import type { CallerContext } from './context.js';
import type { GatewayMetrics } from './plugins/metrics.js';
import { originAllowed, originRefusal } from './plugins/origin.js';
import { header } from './routes.js';
import type { FanOutContext } from './plugins/shared-subscriptions.js';

/** How a graphql-ws connection is refused at connection_init: the protocol's close codes, reasons of at most 123 bytes. */
const SOCKET_REFUSALS = {
  anonymous: { code: CloseCode.Unauthorized, reason: 'Unauthorized: send {"authorization":"Bearer <token>"} in connection_init, or the session cookie' },
  malformed: { code: CloseCode.Forbidden, reason: 'Forbidden: authorization must be "Bearer <API token>"' },
  'unknown token': { code: CloseCode.Forbidden, reason: 'Forbidden: this API token was revoked or never existed' },
} as const;

/** graphql-ws's per-socket state: the credentials presented at connection_init. */
type SocketState = {
  credentials?: Credentials;
  fetchRequest?: Request;
};

export interface WebSocketOptions {
  runtime: GatewayRuntime<CallerContext>;
  authenticator: Authenticator;
  revalidation: SocketRevalidation;
  metrics: GatewayMetrics;
  log: Logger;
  /** The gateway's host, for the upgrade request's URL when it has no Host. */
  host: string;
  corsOrigins: ReadonlySet<string>;
  /** Largest message. */
  maxPayload: number;
}

/**
 * graphql-ws at `/graphql` on the gateway's HTTP server: the origin checked at
 * the upgrade, the credentials at `connection_init` (4401 without, 4403
 * when bad), watched by the revalidation afterwards. Operations run through
 * the runtime's pipeline, where the shared-subscriptions plugin shares the
 * live feeds among subscribers of one role.
 */
export function graphqlWebSockets(options: WebSocketOptions) {
  const { runtime, authenticator, revalidation, metrics, log, host, corsOrigins } = options;
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  const hiveWs = getGraphQLWSOptions<CallerContext, Extra & Partial<SocketState>>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: ctx.extra.fetchRequest,
    credentials: ctx.extra.credentials,
    webSocket: true,
  }));
  const graphqlWs = useServer<Record<string, unknown> | undefined, SocketState>(
    {
      execute: hiveWs.execute,
      subscribe: hiveWs.subscribe,
      // The operation id lets a shared subscription address this subscriber's messages.
      onSubscribe: async (ctx, id, payload) => {
        const args = (await hiveWs.onSubscribe?.(ctx, id, payload)) as ExecutionArgs;
        (args.contextValue as FanOutContext).operationId = id;
        return args;
      },
      onConnect: async (ctx) => {
        const upgrade = ctx.extra.request;
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const credentials: Credentials = {
          authorization: typeof authorization === 'string' ? authorization : header(upgrade.headers, 'authorization'),
          cookie: header(upgrade.headers, 'cookie'),
        };
        const authentication = await authenticator.authenticate(credentials);
        if (authentication.status !== 'authenticated') {
          const refusal = authentication.status === 'refused' ? SOCKET_REFUSALS[authentication.reason] : SOCKET_REFUSALS.anonymous;
          log.info({ remote: upgrade.socket.remoteAddress, code: refusal.code }, 'refused a graphql-ws connection');
          // Closed here rather than by returning false alone, which would always say 4403 Forbidden.
          ctx.extra.socket.close(refusal.code, refusal.reason);
          return false;
        }
        ctx.extra.credentials = credentials;
        ctx.extra.fetchRequest = fetchRequestOf(upgrade, host);
        revalidation.watch(ctx.extra.socket, credentials, authentication.identity.role);
        return true;
      },
      onClose: (ctx) => {
        revalidation.forget(ctx.extra.socket);
        metrics.webSockets.dec();
      },
    },
    wsServer,
    // Pinged by keepSocketsAlive instead: graphql-ws's own keep-alive cuts a late answerer, and what was on its way, without a word.
    0,
  );
  wsServer.on('connection', () => metrics.webSockets.inc());
  keepSocketsAlive(wsServer, {
    onUnanswered: (socket) => {
      metrics.unansweredWebSockets.inc();
      log.info({ unsent: socket.bufferedAmount }, 'closing a graphql-ws connection that did not answer a ping in time (1013): it reads what it was sent, then connects again');
    },
  });

  let stopping = false;
  return {
    /** The HTTP server's `upgrade` listener. */
    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const unguard = guardUpgradeSocket(socket);
      const pathname = requestUrl(request)?.pathname;
      if (stopping || pathname !== GRAPHQL_PATH) {
        socket.end(`HTTP/1.1 ${stopping ? '503 Service Unavailable' : '404 Not Found'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
        return;
      }
      if (!originAllowed(request, corsOrigins)) {
        log.info({ remote: request.socket.remoteAddress, origin: request.headers.origin }, 'refused a WebSocket from another origin');
        const body = JSON.stringify(originRefusal(request.headers.origin));
        socket.end(`HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        return;
      }
      wsServer.handleUpgrade(request, socket, head, (webSocket) => {
        // The WebSocket listens for its socket's errors now.
        unguard();
        wsServer.emit('connection', webSocket, request);
      });
    },
    /** Closes every socket with 1001 Going away, waiting for them; upgrades from then on get 503. */
    async close(): Promise<void> {
      stopping = true;
      await graphqlWs.dispose();
    },
    /** Cuts the sockets still open. */
    terminate(): void {
      for (const client of wsServer.clients) client.terminate();
    },
  };
}

/** The upgrade request as a fetch Request, for the operations of that socket (their context's `request`). */
function fetchRequestOf(upgrade: IncomingMessage, host: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(upgrade.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(new URL(upgrade.url ?? GRAPHQL_PATH, `http://${upgrade.headers.host ?? host}`), { headers });
}
