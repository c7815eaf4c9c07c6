import { integerSetting, setting } from '@lifestone/lib/config';
import { parseRoutes } from './routes.js';

/** The bot's settings from the environment (see docs/configuration.md), apart from its graph token. */
export function discordSettingsFromEnv(env: Record<string, string | undefined> = process.env) {
  return {
    token: setting('LIFESTONE_DISCORD_TOKEN', env),
    routes: parseRoutes(setting('LIFESTONE_DISCORD_ROUTES', env), setting('LIFESTONE_DISCORD_WEBHOOKS', env)),
    apiUrl: setting('LIFESTONE_DISCORD_API_URL', env) as string,
    guildId: setting('LIFESTONE_DISCORD_GUILD_ID', env),
    graphqlUrl: setting('LIFESTONE_GRAPHQL_URL', env) as string,
    apiToken: setting('LIFESTONE_DISCORD_API_TOKEN', env),
    publicUrl: setting('LIFESTONE_PUBLIC_URL', env) as string,
    dataDir: setting('LIFESTONE_DATA_DIR', env) as string,
    burst: integerSetting('LIFESTONE_DISCORD_BURST', env),
  };
}

/** Whether the environment asks for the bot: a bot token, or webhooks to post to. */
export function discordWanted(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(setting('LIFESTONE_DISCORD_TOKEN', env) || setting('LIFESTONE_DISCORD_WEBHOOKS', env));
}
