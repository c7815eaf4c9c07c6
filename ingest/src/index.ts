export { DEFAULT_MAX_FRAME_BYTES, startIngest, type Ingest, type IngestOptions } from './ingest.js';
export { PLUGIN_PATH, pluginSocketOptions } from './socket-server.js';
export { ingestSettingsFromEnv } from './settings.js';
export { LIVE_TYPES, type AcceptedEvent } from './accepted-event.js';
export { watchGameServers, parseGameServers, checkServer, type GameServer, type ServerCheck } from './server-status.js';
