/** `npm run start:ingest`: the ingest service alone, configured by the environment. */
import { createPool, openDatabase } from '@lifestone/lib/db';
import { createLogger } from '@lifestone/lib/log';
import { announceReady, stopOnSignals } from '@lifestone/lib/process';
import { createPubSubFromEnv } from '@lifestone/lib/pubsub';
import { ingestSettingsFromEnv } from './settings.js';
import { watchGameServers } from './server-status.js';
import { startIngest } from './ingest.js';

const log = createLogger('ingest');
const settings = ingestSettingsFromEnv();
if (!settings.pluginSecret) log.warn('LIFESTONE_PLUGIN_SECRET is not set: only plugins with a plugin key are taken');
const database = await openDatabase(log);
const pool = createPool(database.url, 'lifestone-ingest', 12);
const pubsub = await createPubSubFromEnv(log, 'lifestone-ingest');
if (pubsub.kind === 'memory') log.warn('in-memory pubsub: commands and subscriptions reach this process only (set REDIS_URL or NATS_URL)');
const ingest = await startIngest({ ...settings, pool, pubsub, log });
const gameServers = watchGameServers({ pool, servers: settings.gameServers, intervalMs: settings.serverCheckIntervalMs, log });
announceReady('ingest', ingest.url);
stopOnSignals(log, async () => {
  await gameServers.close();
  await ingest.close();
  await pubsub.close();
  await pool.end();
  await database.stop();
});
