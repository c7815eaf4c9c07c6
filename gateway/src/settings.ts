import path from 'node:path';
import { integerSetting, setting } from '@lifestone/lib/config';
import { SUBGRAPHS } from '@lifestone/lib/graph';
import type { SubgraphUrls } from './compose.js';
import { queryLimitsFromEnv } from './plugins/limits.js';

/** The file in the data folder (`LIFESTONE_DATA_DIR`) that keeps a generated first-admin password until it is changed. */
export const FIRST_ADMIN_PASSWORD_FILE = 'first-admin-password';

/**
 * The gateway options the environment sets (see docs/configuration.md).
 * The two secrets stay `undefined` when unset: `npm start` generates
 * them per data folder, `npm run start:gateway` refuses to start.
 */
export function gatewaySettingsFromEnv(env: Record<string, string | undefined> = process.env) {
  const subgraphs = Object.fromEntries(SUBGRAPHS.map(({ name, urlSetting }) => [name, setting(urlSetting, env) as string])) as SubgraphUrls;
  return {
    host: setting('LIFESTONE_HOST', env) as string,
    port: integerSetting('LIFESTONE_PORT', env),
    subgraphs,
    internalSecret: setting('LIFESTONE_INTERNAL_SECRET', env),
    sessionSecret: setting('LIFESTONE_SESSION_SECRET', env),
    adminPassword: setting('LIFESTONE_ADMIN_PASSWORD', env),
    /** Where a generated first-admin password is kept until it is changed. */
    firstAdminPasswordFile: path.join(path.resolve(setting('LIFESTONE_DATA_DIR', env) as string), FIRST_ADMIN_PASSWORD_FILE),
    corsOrigins: (setting('LIFESTONE_CORS_ORIGINS', env) ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    limits: queryLimitsFromEnv(env),
    anonymousMaxBodyBytes: integerSetting('LIFESTONE_ANONYMOUS_MAX_BODY_BYTES', env),
    trustedProxies: integerSetting('LIFESTONE_TRUSTED_PROXIES', env),
    metricsToken: setting('LIFESTONE_METRICS_TOKEN', env),
    subscriptionLimits: {
      perSocket: integerSetting('LIFESTONE_MAX_SUBSCRIPTIONS_PER_SOCKET', env),
      perCaller: integerSetting('LIFESTONE_MAX_SUBSCRIPTIONS_PER_CALLER', env),
      maxUnsentBytes: integerSetting('LIFESTONE_MAX_UNSENT_BYTES', env),
    },
  };
}
