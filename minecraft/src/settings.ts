import { setting } from '@lifestone/lib/config';
import { MinecraftSettingError, parseBotName, parseMinecraftServers, type MinecraftServer } from './servers.js';

/** What `npm run start:minecraft` reads from the environment. */
export interface MinecraftSettings {
  servers: MinecraftServer[];
  botName: string;
  /** Ingest's plugin endpoint. */
  ingestUrl: string;
  pluginKey: string | undefined;
  pluginSecret: string | undefined;
  /** Where `npm run start:minecraft` serves the servers' status pages; no port: none. */
  statusPort: number | undefined;
  statusHost: string;
}

type Env = Record<string, string | undefined>;

/**
 * The bridge's settings (docs/configuration.md); a malformed value throws
 * `MinecraftSettingError` with the form it expects.
 */
export function minecraftSettings(env: Env = process.env): MinecraftSettings {
  const ingestUrl = setting('LIFESTONE_MINECRAFT_INGEST_URL', env) ?? `ws://127.0.0.1:${setting('LIFESTONE_INGEST_PORT', env) ?? '4100'}/ws/position`;
  if (!/^wss?:\/\//.test(ingestUrl) || !URL.canParse(ingestUrl)) {
    throw new MinecraftSettingError(`LIFESTONE_MINECRAFT_INGEST_URL: ${JSON.stringify(ingestUrl)} is not a WebSocket URL; expected ws://host:port/ws/position or wss://...`);
  }
  const statusPort = setting('LIFESTONE_MINECRAFT_STATUS_PORT', env);
  if (statusPort !== undefined && (!/^\d{1,5}$/.test(statusPort) || Number(statusPort) > 65_535)) {
    throw new MinecraftSettingError(`LIFESTONE_MINECRAFT_STATUS_PORT: ${JSON.stringify(statusPort)} is not a port; expected a number from 0 to 65535, e.g. 4180`);
  }
  return {
    servers: parseMinecraftServers(setting('LIFESTONE_MINECRAFT_SERVERS', env)),
    botName: parseBotName(setting('LIFESTONE_MINECRAFT_BOT_NAME', env) ?? 'LifestoneEye'),
    ingestUrl,
    pluginKey: setting('LIFESTONE_MINECRAFT_PLUGIN_KEY', env),
    pluginSecret: setting('LIFESTONE_PLUGIN_SECRET', env),
    statusPort: statusPort === undefined ? undefined : Number(statusPort),
    statusHost: setting('LIFESTONE_MINECRAFT_STATUS_HOST', env) ?? '127.0.0.1',
  };
}
