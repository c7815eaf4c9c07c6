import type { IncomingMessage } from 'node:http';
import type { Identity } from '@lifestone/lib/graph';
import type { Credentials } from './auth/authenticate.js';

/**
 * What the gateway adds to each operation's GraphQL context (beside Hive
 * Gateway's own: `request`, `params`, `headers`, ...). The authentication
 * plugin fills it before validation; resolvers and the subgraph transports
 * read it.
 */
export interface CallerContext {
  /** The caller (with its session's id and address, as subgraphs receive it): `null` when anonymous, `undefined` only before authentication ran. */
  identity?: Identity | null;
  /** Where the caller connects from (behind `LIFESTONE_TRUSTED_PROXIES` proxies, what the first of them saw). */
  address?: string;
  /** A session cookie was sent but is expired, signed out or forged. */
  staleSession?: boolean;
  /** Ties the request's log lines and errors together; sent to the subgraphs too. */
  traceId?: string;
  /** The credentials a graphql-ws socket presented at connection_init, checked again for each of its operations. */
  credentials?: Credentials;
  /** Set on operations that arrive over graphql-ws, where no cookie can be set. */
  webSocket?: boolean;
  /** The incoming request (for a WebSocket, the upgrade request). */
  request: Request;
  /** The node request under it (its socket tells the peer's address). */
  req?: IncomingMessage;
}
