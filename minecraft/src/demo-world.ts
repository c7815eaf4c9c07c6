/**
 * The demo world's server, in a worker thread of its own: flying-squid, once
 * loaded, takes process-wide hooks (an exit hook on SIGINT and SIGTERM that
 * exits at once, handlers that swallow unhandled rejections, a prompt on
 * stdin), which in a worker reach only the worker. It posts `{ port }` once
 * the world is ready, and on the message `close` ends every connection,
 * stops the server and posts `closed`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createSquidWorld, squidPort } from './squid-world.js';

const { version, maxPlayers = 20, viewDistance = 4, kickTimeoutMs = 10_000 } = workerData as { version: string; maxPlayers?: number; viewDistance?: number; kickTimeoutMs?: number };
const world = await createSquidWorld({ version, maxPlayers, viewDistance, kickTimeoutMs, difficulty: 0, title: 'Lifestone demo' });
parentPort?.postMessage({ port: squidPort(world) });
parentPort?.on('message', async (message) => {
  if (message !== 'close') return;
  // destroy() ends connections by writing to them, which throws for those still open: they are ended first.
  for (const client of Object.values(world._server.clients)) client.end('Demo stopped');
  for (const until = Date.now() + 10_000; world.players.length > 0 && Date.now() < until;) await sleep(20);
  await world.destroy();
  parentPort?.postMessage('closed');
  process.exit(0);
});
