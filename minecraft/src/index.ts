export { startMinecraftBridge, type MinecraftBridge, type MinecraftBridgeOptions } from './bridge.js';
export { pluginTransport, streamId, type BridgeLog, type CharacterLink, type PluginTransport, type PluginTransportOptions, type TransportStats } from './plugin-link.js';
export { MINECRAFT_SERVERS_FORM, MinecraftSettingError, parseBotName, parseMinecraftServers, type MinecraftServer } from './servers.js';
export { SpectatorBot, type SpectatorOptions, type SpectatorState } from './spectator.js';
export { minecraftSettings, type MinecraftSettings } from './settings.js';
export { startMinecraftInProcess, type InProcessMinecraft, type InProcessMinecraftOptions } from './in-process.js';
export { startBridgeStatusPages, type BridgeStatusPages, type ServerStatusPage } from './status-page.js';
