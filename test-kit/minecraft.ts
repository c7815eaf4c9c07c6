import { once } from 'node:events';
import type { MCServer } from 'flying-squid';
import mineflayer, { type Bot } from 'mineflayer';
import { expect, vi } from 'vitest';
import { createSquidWorld, squidPort } from '@lifestone/minecraft/squid-world';

/** The Minecraft version the test server speaks (flying-squid's latest). */
export const TEST_MINECRAFT_VERSION = '1.21.4';

/** A Minecraft server on loopback for a test: flying-squid, offline mode, a small flat world kept in memory. */
export interface TestMinecraftServer {
  port: number;
  /** The server's own objects, to act as an operator would (kill a player, read a game mode). */
  server: MCServer;
  close(): Promise<void>;
}

/**
 * Starts flying-squid on `port` (default: a free one), speaking `version`
 * (default 1.21.4), as the demo runs it (`createSquidWorld`: superflat, in
 * memory, every player an operator, so test players may `/kill`), with view
 * distance 2 unless `viewDistance` says otherwise (flying-squid then sends
 * 4 × 4 chunks per player).
 */
export async function startTestMinecraftServer(port?: number, version = TEST_MINECRAFT_VERSION, { viewDistance = 2 }: { viewDistance?: number } = {}): Promise<TestMinecraftServer> {
  // kickTimeout is the protocol's own default: a worker busy for several seconds (CI runs two suites on two cores)
  // must not cost a test its players, which a 10-second timeout did.
  const server = await createSquidWorld({ port, version, maxPlayers: 50, viewDistance, kickTimeoutMs: 30_000, difficulty: 1, title: 'Lifestone test' });
  return {
    port: squidPort(server),
    server,
    close: async () => {
      // destroy() makes every player's connection throw on write, then ends them (which writes): kick them first.
      for (const client of Object.values(server._server.clients)) client.end('Server closed');
      await vi.waitFor(() => expect(server.players).toEqual([]), { timeout: 10_000, interval: 20 });
      await server.destroy();
    },
  };
}

/** Why each test player's connection ended, when it ended before the test let it go. */
const endings = new WeakMap<Bot, string>();

/** A player joined with mineflayer, spawned in the world. */
export async function joinPlayer(port: number, username: string, version = TEST_MINECRAFT_VERSION): Promise<Bot> {
  const bot = mineflayer.createBot({ host: '127.0.0.1', port, username, version, auth: 'offline', hideErrors: true });
  bot.on('error', () => {});
  bot.on('kicked', (reason) => {
    endings.set(bot, `kicked: ${typeof reason === 'string' ? reason : JSON.stringify(reason)}`);
  });
  bot.on('end', (reason) => {
    if (!endings.has(bot)) endings.set(bot, `ended: ${reason}`);
  });
  await once(bot, 'spawn');
  return bot;
}

/** Why `bot`'s connection ended (kicked, and the server's reason), or undefined while it is connected. */
export function playerEnded(bot: Bot): string | undefined {
  return endings.get(bot);
}

/** Disconnects a test player and waits until its connection has ended (at once when it already has). */
export async function leave(bot: Bot): Promise<void> {
  if (endings.has(bot)) return;
  const ended = once(bot, 'end');
  bot.quit();
  await ended;
}

/** Walks a test player forward until `arrived` holds, then stops it and waits until it stands still. */
export async function walkUntil(player: Bot, arrived: () => void): Promise<void> {
  player.setControlState('forward', true);
  try {
    await eventually(arrived);
  } finally {
    player.setControlState('forward', false);
  }
  await eventually(() => expect(player.entity.velocity.x ** 2 + player.entity.velocity.z ** 2).toBeLessThan(1e-6));
}

/**
 * Walks a test player straight towards `target` until it stands within
 * `within` blocks of it (level distance). Players join at random spots up
 * to 42 blocks apart (flying-squid spawns each within a 30 × 30 square);
 * the chunks each is sent at its spawn cover that square.
 */
export async function walkTo(player: Bot, target: { x: number; z: number }, within: number): Promise<void> {
  const apart = (): number => Math.hypot(player.entity.position.x - target.x, player.entity.position.z - target.z);
  if (apart() <= within) return;
  const aim = (): Promise<void> => player.lookAt(player.entity.position.clone().set(target.x, player.entity.position.y + player.entity.height, target.z), true);
  await aim();
  // Aimed again at every look: a player pushed aside by a block, or carried past while the test's process was
  // held up (a busy machine), turns back instead of walking on.
  await walkUntil(player, () => {
    if (apart() > within) void aim();
    expect(apart()).toBeLessThanOrEqual(within);
  });
}

/** Resolves once `check` passes, looking every 50 ms for at most `timeoutMs`. */
export function eventually<T>(check: () => T, timeoutMs = 20_000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 50 });
}
