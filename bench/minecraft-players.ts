/**
 * bench:minecraft's players, a share of them per process (a load generator,
 * run under `nice`): mineflayer clients of the server on `port` that wander
 * as the demo's do. On `{ join: name }` brings that player in, standing,
 * and posts `{ joined: name, ok }` once it spawned (or failed to); on
 * `wander` they all set off; on `report` posts `{ online, timedOut }`
 * (players still in, and those whose client timed out waiting for the
 * server's keep-alive, which may end only later); on `close` they leave and it posts `closed`. The bench asks for one
 * player at a time, across all processes, and for wandering once all are
 * in: flying-squid may hide a player whose login overlaps another's, or
 * another player's move (see bench/minecraft.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { joinWanderer, type Wanderer } from '../minecraft/src/demo.js';

/** How long one player may take to spawn before it counts as failed. */
const JOIN_TIMEOUT_MS = 60_000;

const [port = '0'] = process.argv.slice(2);
/** Players whose client gave up on the server (a keep-alive it did not read within 30 s: the process fell behind reading). */
const timedOut = new Set<string>();
const log = {
  info() {},
  warn(fields: { player?: string; err?: string }, message: string) {
    if (fields.player && fields.err?.includes('timed out')) timedOut.add(fields.player);
    process.stderr.write(`minecraft players: ${message} ${JSON.stringify(fields)}\n`);
  },
};
const wanderers: Wanderer[] = [];
const ended = new Set<string>();
let closing = false;

async function join(name: string): Promise<void> {
  try {
    const wanderer = await Promise.race([
      joinWanderer(Number(port), name, log, { standing: true }),
      sleep(JOIN_TIMEOUT_MS).then(() => Promise.reject(new Error(`not spawned after ${JOIN_TIMEOUT_MS / 1000} s`))),
    ]);
    wanderer.bot.once('end', (reason) => {
      ended.add(name);
      if (!closing) process.stderr.write(`minecraft players: ${name} left the world (${String(reason)})\n`);
    });
    wanderers.push(wanderer);
    process.send?.({ joined: name, ok: true });
  } catch (error) {
    process.stderr.write(`minecraft players: ${name} could not join (${String(error)})\n`);
    process.send?.({ joined: name, ok: false });
  }
}

process.on('message', (message: unknown) => {
  const name = (message as { join?: unknown }).join;
  if (typeof name === 'string') void join(name);
  else if (message === 'wander') for (const wanderer of wanderers) wanderer.wander();
  else if (message === 'report') process.send?.({ online: wanderers.length - ended.size, timedOut: timedOut.size });
  else if (message === 'close') {
    closing = true;
    void Promise.all(wanderers.filter((wanderer) => !ended.has(wanderer.bot.username)).map((wanderer) => Promise.race([wanderer.leave(), sleep(10_000)])))
      .then(() => process.send?.('closed', () => process.exit(0)));
  }
});
