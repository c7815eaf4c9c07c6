import type { BridgeLog, PluginTransport } from './plugin-link.js';
import type { MinecraftServer } from './servers.js';
import { SpectatorBot, type SpectatorOptions } from './spectator.js';

export interface MinecraftBridgeOptions {
  servers: readonly MinecraftServer[];
  /** @default 'LifestoneEye' */
  botName?: string;
  transport: PluginTransport;
  log: BridgeLog;
  /** Timings and version passed to every server's bot (tests shorten them). */
  spectator?: Omit<SpectatorOptions, 'server' | 'botName' | 'transport' | 'log'>;
}

/** The running bridge: one spectator bot per server. */
export interface MinecraftBridge {
  readonly bots: readonly SpectatorBot[];
  /** Every bot leaves its server; players' connections close cleanly. */
  stop(): Promise<void>;
}

/**
 * Starts a spectator bot for each server. Each bot keeps to itself: a server
 * that never answers, kicks the bot or goes away only delays its own bot's
 * next attempt.
 */
export function startMinecraftBridge(options: MinecraftBridgeOptions): MinecraftBridge {
  const bots = options.servers.map(
    (server) =>
      new SpectatorBot({ ...options.spectator, server, botName: options.botName ?? 'LifestoneEye', transport: options.transport, log: options.log }),
  );
  for (const bot of bots) bot.start();
  return {
    bots,
    stop: async () => {
      await Promise.all(bots.map((bot) => bot.stop()));
    },
  };
}
