/**
 * How Lifestone's graphql-ws sockets (the gateway's and the subgraphs') are
 * closed, named in one place: graphql-ws's own `CloseCode` for the protocol's
 * codes (4401 Unauthorized, 4403 Forbidden, 4500 Internal server error...),
 * and the RFC 6455 codes the gateway closes with beside them, named the
 * same way. The plugin protocol's codes are `CloseCode` in lib/protocol.
 */
export { CloseCode } from 'graphql-ws';

/** RFC 6455 close codes a graphql-ws socket of the graph may also see. */
export const WebSocketCloseCode = {
  /** The server is stopping (graphql-ws's `dispose()` closes with it). */
  GoingAway: 1001,
  /** The caller must connect again: what it was authorised for changed (an account's role). */
  ServiceRestart: 1012,
  /** The caller did not answer a ping in time (keep-alive.ts): it missed what followed, and must connect again and read it back. */
  TryAgainLater: 1013,
} as const;
export type WebSocketCloseCode = (typeof WebSocketCloseCode)[keyof typeof WebSocketCloseCode];
