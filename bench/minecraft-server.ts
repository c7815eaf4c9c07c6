/**
 * bench:minecraft's Minecraft server, in a process of its own: the demo's
 * flying-squid world (in a worker thread), empty, with no players of this
 * process, so that the players' clients never take its cores. Posts
 * `{ port }` once it listens; on `close` stops it and posts `closed`.
 * Args: max players, view distance, keep-alive timeout (ms).
 */
import { startDemoServer } from '../minecraft/src/demo.js';

const [maxPlayers = '101', viewDistance = '2', kickTimeoutMs = '30000'] = process.argv.slice(2);
const server = await startDemoServer({ maxPlayers: Number(maxPlayers), viewDistance: Number(viewDistance), kickTimeoutMs: Number(kickTimeoutMs) });
process.send?.({ port: server.port });
process.on('message', (message: unknown) => {
  if (message === 'close') void server.close().then(() => process.send?.('closed', () => process.exit(0)));
});
