export { startIngest, PLUGIN_PATH, type Ingest, type IngestOptions } from './server.js';
export { ingestSettingsFromEnv } from './settings.js';
export type { AcceptedEvent } from './event.js';
