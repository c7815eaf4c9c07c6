/**
 * The demo world of `npm start` with `LIFESTONE_MINECRAFT_DEMO=1`: a small
 * Minecraft server (flying-squid, a Minecraft server written for Node, in
 * memory) on a free loopback port, with a few mineflayer players who wander
 * about and chat now and then, for the bridge to report beside the
 * simulated fleet. Only this module loads flying-squid: the bridge itself
 * speaks to any server.
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import squid from 'flying-squid';
import mineflayer, { type Bot } from 'mineflayer';
import type { BridgeLog } from './plugin-link.js';
import type { MinecraftServer } from './servers.js';

/** The version the demo world speaks: flying-squid's latest. */
export const DEMO_MINECRAFT_VERSION = '1.21.4';

/** The demo's players, in the order they join. */
export const DEMO_PLAYERS = ['Ada_Stone', 'Birch_Walker', 'Cobble_Kid', 'Dune_Rider', 'Ember_Fox'] as const;

const LINES = ['anyone seen diamonds?', 'nice flat world', 'heading north', 'brb', 'this grass goes on forever', 'gg'];

/** How far from where they spawned the players may wander before they turn back, in blocks. */
const WANDER_RADIUS = 24;

export interface MinecraftDemo {
  /** The demo server, as the bridge takes it. */
  server: MinecraftServer;
  players: readonly Bot[];
  /** The players leave, then the server stops. */
  close(): Promise<void>;
}

/** Starts the demo world and `players` (1 to 5, default 3) wandering players in it. */
export async function startMinecraftDemo({ players = 3, name = 'demo', log }: { players?: number; name?: string; log: BridgeLog }): Promise<MinecraftDemo> {
  const world = squid.createMCServer({
    port: 0,
    host: '127.0.0.1',
    'online-mode': false,
    'max-players': 20,
    logging: false,
    gameMode: 0,
    difficulty: 0,
    generation: { name: 'superflat', options: { seed: 1 } },
    kickTimeout: 10_000,
    plugins: {},
    modpe: false,
    'view-distance': 4,
    'player-list-text': { header: { text: 'Lifestone demo' }, footer: { text: '' } },
    // The bridge's bot may then go invisible and follow players, as it would as an operator of a real server.
    'everybody-op': true,
    'max-entities': 100,
    version: DEMO_MINECRAFT_VERSION,
    hideErrors: true,
  });
  world.log = () => {};
  await world.waitForReady(30_000);
  const port = world._server.socketServer.address().port;
  const bots: Bot[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (const username of DEMO_PLAYERS.slice(0, Math.max(1, Math.min(players, DEMO_PLAYERS.length)))) {
    const bot = mineflayer.createBot({ host: '127.0.0.1', port, username, version: DEMO_MINECRAFT_VERSION, auth: 'offline', hideErrors: true });
    bot.on('error', (error) => log.warn({ player: username, err: error.message }, 'minecraft demo player error'));
    await once(bot, 'spawn');
    bots.push(bot);
    timers.push(wander(bot));
  }
  log.info({ server: name, port, players: bots.length }, 'minecraft demo world started');
  return {
    server: { name, host: '127.0.0.1', port },
    players: bots,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(bots.map(async (bot) => {
        const ended = once(bot, 'end');
        bot.quit();
        await ended;
      }));
      // destroy() ends connections by writing to them, which throws for those still open: they are ended first.
      for (const client of Object.values(world._server.clients)) client.end('Demo stopped');
      for (const until = Date.now() + 10_000; world.players.length > 0 && Date.now() < until;) await sleep(20);
      await world.destroy();
    },
  };
}

/** Every 3 s the player picks a direction (back towards its spawn when it strayed), walks, sometimes jumps or says something. */
function wander(bot: Bot): NodeJS.Timeout {
  const home = bot.entity.position.clone();
  const timer = setInterval(() => {
    if (!bot.entity) return;
    const away = bot.entity.position.minus(home);
    // Mineflayer's yaw is 0 facing north (−z) and grows anticlockwise: facing (dx, dz) is atan2(−dx, −dz).
    const yaw = Math.hypot(away.x, away.z) > WANDER_RADIUS ? Math.atan2(away.x, away.z) : Math.random() * 2 * Math.PI;
    void bot.look(yaw, 0, true);
    bot.setControlState('forward', Math.random() < 0.8);
    bot.setControlState('jump', Math.random() < 0.15);
    if (Math.random() < 0.03) bot.chat(LINES[Math.floor(Math.random() * LINES.length)] as string);
  }, 3_000);
  timer.unref();
  return timer;
}
