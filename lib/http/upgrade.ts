import type { Duplex } from 'node:stream';

/**
 * Guards a socket an HTTP server's `upgrade` event handed over: Node stops
 * listening for its errors then, and ws listens only once `handleUpgrade`
 * runs, so a client that resets its connection while it is refused or still
 * being authenticated (ECONNRESET) would be an uncaught exception that ends
 * the process. Until the returned function is called (once the WebSocket
 * holds the socket, which listens for its errors itself), an error destroys
 * the socket and nothing else.
 */
export function guardUpgradeSocket(socket: Duplex): () => void {
  socket.on('error', destroyOnError);
  return () => void socket.off('error', destroyOnError);
}

function destroyOnError(this: Duplex): void {
  this.destroy();
}
