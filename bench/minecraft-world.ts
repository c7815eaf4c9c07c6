/**
 * bench:minecraft's Minecraft side, in a process of its own: the demo world
 * (flying-squid in a worker thread) and its wandering mineflayer players.
 * Posts `{ port }` once the world is up; on `{ join: n }` brings n players in
 * and posts `{ joined }`; on `close` ends it all and posts `closed`.
 */
import { startMinecraftDemo } from '../minecraft/src/demo.js';

const [maxPlayers = '101'] = process.argv.slice(2);
const log = { info() {}, warn(fields: object, message: string) { process.stderr.write(`minecraft world: ${message} ${JSON.stringify(fields)}\n`); } };
const demo = await startMinecraftDemo({ name: 'bench', log, maxPlayers: Number(maxPlayers) + 1, viewDistance: 2 });
process.send?.({ port: demo.server.port });
process.on('message', (message: unknown) => {
  if (message === 'close') {
    void demo.close().then(() => process.send?.('closed', () => process.exit(0)));
    return;
  }
  const join = (message as { join?: number }).join;
  if (typeof join === 'number') {
    // A player the server refused ends the joining: the run goes on with those in.
    void demo.joinPlayers(join).then(
      () => process.send?.({ joined: demo.players.length }),
      (error: unknown) => {
        process.stderr.write(`minecraft world: a player could not join (${String(error)}); going on with ${demo.players.length}\n`);
        process.send?.({ joined: demo.players.length });
      },
    );
  }
});
