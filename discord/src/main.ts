/** `npm run start:discord`: the Discord bot alone, configured by the environment. */
import { createLogger } from '@lifestone/lib/log';
import { stopOnSignals } from '@lifestone/lib/process';
import { startDiscordBot } from './bot.js';
import { discordSettingsFromEnv } from './settings.js';

const log = createLogger('discord');
try {
  // A malformed setting stops the start with what to write instead (see routes.ts).
  const { apiToken, ...settings } = discordSettingsFromEnv();
  if (!apiToken) {
    throw new Error('LIFESTONE_DISCORD_API_TOKEN is not set: the bot reads the graph with an API token (the viewer role is enough); create one as an admin (Mutation.createApiToken) and set it');
  }
  if (settings.routes.length === 0) log.warn('no route is set (LIFESTONE_DISCORD_ROUTES, LIFESTONE_DISCORD_WEBHOOKS): the bot answers slash commands and posts nothing');
  const bot = await startDiscordBot({ ...settings, apiToken, log });
  stopOnSignals(log, () => bot.close());
  const error = await bot.stopped;
  log.error(error.message);
  process.exit(1);
} catch (error) {
  log.error((error as Error).message);
  process.exit(1);
}
