/**
 * Child of bench/alerts.ts: the Discord bot in a process of its own, as
 * production runs it (`npm run start:discord`), against the stand-in.
 * `--config` is the bot's options as JSON; `{ stop: true }` closes it and
 * answers `{ stopped: true, counts }`.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '@lifestone/lib/log';
import { parseRoutes, startDiscordBot, type DiscordBotOptions } from '@lifestone/discord';

export interface BotConfig extends Omit<DiscordBotOptions, 'routes' | 'log' | 'client'> {
  routes: string;
}

const { values } = parseArgs({ options: { config: { type: 'string' } } });
const config = JSON.parse(values.config ?? '{}') as BotConfig;
const bot = await startDiscordBot({
  ...config,
  routes: parseRoutes(config.routes, undefined),
  log: createLogger('bench-alerts-bot', 'warn'),
  // The stand-in identifies at once; Discord's 5 s identify spacing would only delay the start.
  client: { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } as never },
});
void bot.stopped.then((error) => {
  process.stderr.write(`bot stopped: ${error.message}\n`);
  process.exit(1);
});
process.on('message', (request: { stop?: true }) => {
  if (!request.stop) return;
  void bot.close().then(() => process.send?.({ stopped: true, counts: bot.counts() }, () => process.exit(0)));
});
process.on('disconnect', () => process.exit(1));
process.send?.({ ready: true });
