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
import squid from 'flying-squid';

const { version, maxPlayers = 20, viewDistance = 4, kickTimeoutMs = 10_000 } = workerData as { version: string; maxPlayers?: number; viewDistance?: number; kickTimeoutMs?: number };
const world = squid.createMCServer({
  port: 0,
  host: '127.0.0.1',
  'online-mode': false,
  'max-players': maxPlayers,
  logging: false,
  gameMode: 0,
  difficulty: 0,
  generation: { name: 'superflat', options: { seed: 1 } },
  kickTimeout: kickTimeoutMs,
  plugins: {},
  modpe: false,
  'view-distance': viewDistance,
  'player-list-text': { header: { text: 'Lifestone demo' }, footer: { text: '' } },
  // The bridge's bot may then go invisible and follow players, as it would as an operator of a real server.
  'everybody-op': true,
  'max-entities': 100,
  version,
  hideErrors: true,
});
world.log = () => {};
await world.waitForReady(30_000);
parentPort?.postMessage({ port: world._server.socketServer.address().port });
parentPort?.on('message', async (message) => {
  if (message !== 'close') return;
  // destroy() ends connections by writing to them, which throws for those still open: they are ended first.
  for (const client of Object.values(world._server.clients)) client.end('Demo stopped');
  for (const until = Date.now() + 10_000; world.players.length > 0 && Date.now() < until;) await sleep(20);
  await world.destroy();
  parentPort?.postMessage('closed');
  process.exit(0);
});
