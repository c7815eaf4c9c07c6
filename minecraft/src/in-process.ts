/**
 * The bridge as `npm start` runs it, in Lifestone's own process: the servers
 * of `LIFESTONE_MINECRAFT_SERVERS` and, with `LIFESTONE_MINECRAFT_DEMO=1`,
 * the demo world (demo.ts, loaded only then), reported to this process's
 * ingest. A malformed setting is refused with its message and no bridge
 * starts for it; the rest of Lifestone runs (as a Discord setting is).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { setting } from '@lifestone/lib/config';
import { startMinecraftBridge, type MinecraftBridge } from './bridge.js';
import type { MinecraftDemo } from './demo.js';
import { pluginTransport, type BridgeLog } from './plugin-link.js';
import { MinecraftSettingError, type MinecraftServer } from './servers.js';
import { minecraftSettings, type MinecraftSettings } from './settings.js';
import { startBridgeStatusPages, type BridgeStatusPages, type ServerStatusPage } from './status-page.js';

type Env = Record<string, string | undefined>;

/** Players in the demo world. */
const DEMO_PLAYER_COUNT = 3;

export interface InProcessMinecraftOptions {
  /** This process's ingest plugin endpoint. */
  pluginUrl: string;
  /** The plugin secret this process's ingest takes (a plugin key of `LIFESTONE_MINECRAFT_PLUGIN_KEY` goes first). */
  pluginSecret: string;
  log: BridgeLog & { error(fields: object, message: string): void };
  env?: Env;
}

export interface InProcessMinecraft {
  /** What the banner says of it. */
  line: string;
  /** Each server's status page, for ingest's game server watcher. */
  statusPages: ServerStatusPage[];
  close(): Promise<void>;
}

/** Starts what the settings ask for: the bridge, the demo world, or neither (`line` says why). */
export async function startMinecraftInProcess({ pluginUrl, pluginSecret, log, env = process.env }: InProcessMinecraftOptions): Promise<InProcessMinecraft> {
  let settings: MinecraftSettings | undefined;
  let refused: string | undefined;
  try {
    settings = minecraftSettings(env);
  } catch (error) {
    if (!(error instanceof MinecraftSettingError)) throw error;
    refused = error.message;
    log.error({ code: error.code }, `the Minecraft bridge refused its settings; everything else runs: ${error.message}`);
  }
  const servers: MinecraftServer[] = [...(settings?.servers ?? [])];
  let demo: MinecraftDemo | undefined;
  if (setting('LIFESTONE_MINECRAFT_DEMO', env) === '1') {
    const { startMinecraftDemo } = await import('./demo.js');
    // The demo's name is its own: a configured server of that name keeps it.
    const name = servers.some((server) => server.name === 'demo') ? 'demo world' : 'demo';
    demo = await startMinecraftDemo({ name, log });
    servers.push(demo.server);
  }
  if (servers.length === 0) {
    return { line: refused ? `not started: ${refused}` : 'off (set LIFESTONE_MINECRAFT_SERVERS, or LIFESTONE_MINECRAFT_DEMO=1 for a demo world)', statusPages: [], close: async () => {} };
  }
  const bridge: MinecraftBridge = startMinecraftBridge({
    servers,
    botName: settings?.botName,
    transport: pluginTransport({ url: pluginUrl, key: settings?.pluginKey, secret: pluginSecret, log }),
    log,
  });
  // The demo world is on this machine: its bot is in within moments; its players come after it (see MinecraftDemo.joinPlayers).
  const demoBot = bridge.bots.find((bot) => bot.server === demo?.server);
  for (const until = Date.now() + 10_000; demoBot && demoBot.status !== 'online' && Date.now() < until;) await sleep(50);
  await demo?.joinPlayers(DEMO_PLAYER_COUNT);
  const pages: BridgeStatusPages = await startBridgeStatusPages(bridge.bots);
  const described = servers.map((server) =>
    server === demo?.server ? `${server.name} (demo world on ${server.host}:${server.port}, ${demo.players.length} wandering players)` : `${server.name}=${server.host}:${server.port}`);
  return {
    line: `watching ${described.join(', ')}${refused ? `; refused: ${refused}` : ''}`,
    statusPages: pages.pages,
    close: async () => {
      await pages.close();
      await bridge.stop();
      await demo?.close();
    },
  };
}
