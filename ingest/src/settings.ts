import { integerSetting, setting } from '@lifestone/lib/config';
import { parseGameServers } from './server-status.js';

/** The ingest options the environment sets (see docs/configuration.md). */
export function ingestSettingsFromEnv(env: Record<string, string | undefined> = process.env) {
  return {
    host: setting('LIFESTONE_HOST', env) as string,
    port: integerSetting('LIFESTONE_INGEST_PORT', env),
    pluginSecret: setting('LIFESTONE_PLUGIN_SECRET', env),
    maxFrameBytes: integerSetting('LIFESTONE_MAX_FRAME_BYTES', env),
    rateLimit: integerSetting('LIFESTONE_RATE_LIMIT', env),
    rateBurst: integerSetting('LIFESTONE_RATE_BURST', env),
    byteRateLimit: integerSetting('LIFESTONE_RATE_LIMIT_BYTES', env),
    byteRateBurst: integerSetting('LIFESTONE_RATE_BURST_BYTES', env),
    maxConnectionsPerSecret: integerSetting('LIFESTONE_MAX_PLUGIN_CONNECTIONS', env),
    maxConnectionsPerKey: integerSetting('LIFESTONE_MAX_PLUGIN_KEY_CONNECTIONS', env),
    refusalAllowance: integerSetting('LIFESTONE_REFUSAL_ALLOWANCE', env),
    refusalWindowMs: integerSetting('LIFESTONE_REFUSAL_WINDOW_MS', env),
    pluginKeyCheckMs: integerSetting('LIFESTONE_PLUGIN_KEY_CHECK_MS', env),
    metricsToken: setting('LIFESTONE_METRICS_TOKEN', env),
    queueMax: integerSetting('LIFESTONE_QUEUE_MAX', env),
    publishOutboxMax: integerSetting('LIFESTONE_PUBLISH_OUTBOX_MAX', env),
    ledgerFile: setting('LIFESTONE_INGEST_LEDGER_FILE', env),
    writerLanes: integerSetting('LIFESTONE_WRITER_LANES', env),
    batchMax: integerSetting('LIFESTONE_BATCH_MAX', env),
    batchWaitMs: integerSetting('LIFESTONE_BATCH_WAIT_MS', env),
    liveWriteMs: integerSetting('LIFESTONE_LIVE_WRITE_MS', env),
    decodeThreads: integerSetting('LIFESTONE_DECODE_THREADS', env),
    gatherMs: integerSetting('LIFESTONE_GATHER_MS', env),
    maintenanceIntervalMs: integerSetting('LIFESTONE_MAINTENANCE_INTERVAL_MS', env),
    alerts: {
      deathCooldownMs: integerSetting('LIFESTONE_DEATH_ALERT_COOLDOWN_MS', env),
      idleMs: integerSetting('LIFESTONE_IDLE_ALERT_MS', env),
      offlineMs: integerSetting('LIFESTONE_OFFLINE_ALERT_MS', env),
      vortexPattern: vortexPattern(setting('LIFESTONE_VORTEX_PATTERN', env) as string),
    },
    gameServers: parseGameServers(setting('LIFESTONE_GAME_SERVERS', env)),
    serverCheckIntervalMs: integerSetting('LIFESTONE_SERVER_CHECK_INTERVAL_MS', env),
  };
}

/** `LIFESTONE_VORTEX_PATTERN` as a case-insensitive regular expression; one that does not compile stops the start. */
function vortexPattern(source: string): RegExp {
  try {
    return new RegExp(source, 'i');
  } catch (error) {
    throw new Error(`LIFESTONE_VORTEX_PATTERN is not a regular expression (${(error as Error).message}): ${JSON.stringify(source)}`);
  }
}
