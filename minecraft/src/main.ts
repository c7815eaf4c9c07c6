/**
 * `npm run start:minecraft`: the Minecraft bridge alone, with the settings of
 * docs/configuration.md (`LIFESTONE_MINECRAFT_*`, `LIFESTONE_PLUGIN_SECRET`).
 */
import { createLogger } from '@lifestone/lib/log';
import { startMinecraftBridge } from './bridge.js';
import { pluginTransport } from './plugin-link.js';
import { MINECRAFT_SERVERS_FORM, MinecraftSettingError } from './servers.js';
import { minecraftSettings, type MinecraftSettings } from './settings.js';
import { startBridgeStatusPages } from './status-page.js';

const log = createLogger('minecraft');

let settings: MinecraftSettings;
try {
  settings = minecraftSettings();
} catch (error) {
  if (!(error instanceof MinecraftSettingError)) throw error;
  console.error(`start:minecraft: ${error.message}`);
  process.exit(2);
}
if (settings.servers.length === 0) {
  console.error(`start:minecraft: set LIFESTONE_MINECRAFT_SERVERS to the servers to watch: ${MINECRAFT_SERVERS_FORM}`);
  process.exit(2);
}
if (!settings.pluginKey && !settings.pluginSecret) {
  console.error('start:minecraft: set LIFESTONE_MINECRAFT_PLUGIN_KEY (a plugin key from Accounts, Plugin keys) or LIFESTONE_PLUGIN_SECRET');
  process.exit(2);
}

/** The endpoint without its query, where a `?key=` or `?secret=` may sit. */
function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

const transport = pluginTransport({ url: settings.ingestUrl, key: settings.pluginKey, secret: settings.pluginSecret, log });
const bridge = startMinecraftBridge({ servers: settings.servers, botName: settings.botName, transport, log });
// Each server's status, for ingest's game server watcher (LIFESTONE_GAME_SERVERS) to probe.
const statusPages = settings.statusPort === undefined ? undefined : await startBridgeStatusPages(bridge.bots, { host: settings.statusHost, port: settings.statusPort });
log.info(
  {
    servers: settings.servers.map((server) => `${server.name}=${server.host}:${server.port}`), bot: settings.botName, ingest: withoutQuery(settings.ingestUrl),
    statusPages: statusPages?.pages.map((page) => `${page.name}=${page.url.href}`),
  },
  'minecraft bridge started',
);

await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await statusPages?.close();
await bridge.stop();
