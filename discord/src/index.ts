/** The Discord bot: alerts from the graph posted to routed channels, slash commands answered from the graph. */
export { startDiscordBot, BotTokenRefused, type DiscordBot, type DiscordBotOptions } from './bot.js';
export { discordSettingsFromEnv, discordWanted } from './settings.js';
export { parseRoutes, RouteSettingError, ROUTE_KEYS, type Route, type RouteKey } from './routes.js';
export { COMMANDS } from './commands.js';
