/**
 * The demo world of `npm start` with `LIFESTONE_MINECRAFT_DEMO=1`: a small
 * Minecraft server (flying-squid, a Minecraft server written for Node, in
 * memory) on a free loopback port, with a few mineflayer players who wander
 * about and chat now and then, for the bridge to report beside the
 * simulated fleet. Only the demo's server thread (demo-world.ts) loads
 * flying-squid: the bridge itself speaks to any server.
 */
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
  /** The players in the world. */
  readonly players: readonly Bot[];
  /**
   * Brings `count` wandering players into the world (the five of
   * DEMO_PLAYERS, then `Wanderer_6`, `Wanderer_7`…; at most the world's
   * `maxPlayers` less one, for the bridge's bot), once the bridge's bot is
   * in: flying-squid does not list the players already there to one who
   * joins after them (a vanilla server does).
   */
  joinPlayers(count: number): Promise<void>;
  /** The players leave, then the server stops. */
  close(): Promise<void>;
}

export interface MinecraftDemoOptions {
  /** The server's name in Lifestone. @default 'demo' */
  name?: string;
  log: BridgeLog;
  /** Players the world lets in, the bridge's bot included. @default 20 */
  maxPlayers?: number;
  /** Chunks sent around each player. @default 4 */
  viewDistance?: number;
}

/** The name of the `index`th (from 0) demo player. */
export function demoPlayerName(index: number): string {
  return DEMO_PLAYERS[index] ?? `Wanderer_${index + 1}`;
}

/** The demo's server alone: flying-squid in a worker thread of this process. */
export interface DemoServer {
  port: number;
  /** Ends every connection and stops the server. */
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Players the world lets in, the bridge's bot included. @default 20 */
  maxPlayers?: number;
  /** Chunks sent around each player. @default 4 */
  viewDistance?: number;
  /** How long the server waits for a client's keep-alive answer before it drops the client, in ms. @default 10000 */
  kickTimeoutMs?: number;
}

/** Starts the demo's server, empty, on a free loopback port. */
export async function startDemoServer({ maxPlayers = 20, viewDistance = 4, kickTimeoutMs = 10_000 }: DemoServerOptions = {}): Promise<DemoServer> {
  const world = new Worker(new URL(`./demo-world${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url), {
    workerData: { version: DEMO_MINECRAFT_VERSION, maxPlayers, viewDistance, kickTimeoutMs },
  });
  world.unref();
  // once() rejects when the worker fails instead (flying-squid not installed, the port refused).
  const [{ port }] = (await once(world, 'message')) as [{ port: number }];
  return {
    port,
    close: async () => {
      const exited = once(world, 'exit');
      world.postMessage('close');
      await exited;
    },
  };
}

/** A demo player in the world, wandering until it leaves. */
export interface Wanderer {
  bot: Bot;
  /** Starts wandering, if it has not yet. */
  wander(): void;
  /** Stops wandering and leaves the world. */
  leave(): Promise<void>;
}

/**
 * Brings one player named `username` into the world on `port` (offline
 * mode), once it has spawned; it wanders at once unless `standing` (then
 * from `wander()`).
 */
export async function joinWanderer(port: number, username: string, log: BridgeLog, { standing = false }: { standing?: boolean } = {}): Promise<Wanderer> {
  const bot = mineflayer.createBot({ host: '127.0.0.1', port, username, version: DEMO_MINECRAFT_VERSION, auth: 'offline', hideErrors: true });
  bot.on('error', (error) => log.warn({ player: username, err: error.message }, 'minecraft demo player error'));
  await once(bot, 'spawn');
  let timer: NodeJS.Timeout | undefined;
  const start = (): void => {
    timer ??= wander(bot);
  };
  if (!standing) start();
  return {
    bot,
    wander: start,
    leave: async () => {
      clearInterval(timer);
      const ended = once(bot, 'end');
      bot.quit();
      await ended;
    },
  };
}

/** Starts the demo world, empty. */
export async function startMinecraftDemo({ name = 'demo', log, maxPlayers = 20, viewDistance = 4 }: MinecraftDemoOptions): Promise<MinecraftDemo> {
  const server = await startDemoServer({ maxPlayers, viewDistance });
  const wanderers: Wanderer[] = [];
  const bots: Bot[] = [];
  log.info({ server: name, port: server.port }, 'minecraft demo world started');
  return {
    server: { name, host: '127.0.0.1', port: server.port },
    players: bots,
    joinPlayers: async (count) => {
      const first = bots.length;
      for (let index = first; index < first + Math.max(1, Math.min(count, maxPlayers - 1 - first)); index++) {
        const wanderer = await joinWanderer(server.port, demoPlayerName(index), log);
        wanderers.push(wanderer);
        bots.push(wanderer.bot);
      }
      log.info({ server: name, players: bots.map((bot) => bot.username) }, 'minecraft demo players joined');
    },
    close: async () => {
      await Promise.all(wanderers.map((wanderer) => wanderer.leave()));
      await server.close();
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
