/**
 * `npm run simulate -- --characters N --url URL --secret S [--seed K] [--speed X] [--duration SECONDS]`
 *
 * Drives a simulated fleet against ingest until interrupted (or for
 * `--duration` seconds), printing a one-line summary every 10 s and at exit.
 */

import { parseArgs } from 'node:util';
import { runFleet, type FleetLog, type FleetStats } from './client.js';

const usage = `Usage: npm run simulate -- [options]

  --characters N      characters to simulate (default 60)
  --url URL           ingest plugin endpoint (default ws://127.0.0.1:4100/ws/position)
  --secret S          plugin secret (default: $LIFESTONE_PLUGIN_SECRET)
  --seed K            random seed; the same seed gives the same fleet (default 1)
  --speed X           simulated seconds per real second (default 1)
  --duration SECONDS  stop after this many real seconds (default: until Ctrl-C)
  --help              show this help`;

const SUMMARY_INTERVAL_MS = 10_000;

interface Arguments {
  characters: number;
  url: string;
  secret: string;
  seed: number;
  speed: number;
  duration: number | undefined;
}

class UsageError extends Error {}

function numberArgument(name: string, raw: string | undefined, fallback: number, valid: (n: number) => boolean, expected: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !valid(value)) throw new UsageError(`--${name} must be ${expected}, got ${JSON.stringify(raw)}`);
  return value;
}

function parseArguments(argv: string[], env: NodeJS.ProcessEnv): Arguments | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        characters: { type: 'string' },
        url: { type: 'string' },
        secret: { type: 'string' },
        seed: { type: 'string' },
        speed: { type: 'string' },
        duration: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const url = values.url ?? 'ws://127.0.0.1:4100/ws/position';
  if (!/^wss?:\/\//.test(url) || !URL.canParse(url)) throw new UsageError(`--url must be a ws:// or wss:// URL, got ${JSON.stringify(url)}`);
  const secret = values.secret ?? env.LIFESTONE_PLUGIN_SECRET;
  if (!secret) throw new UsageError('a plugin secret is required: pass --secret or set LIFESTONE_PLUGIN_SECRET');
  return {
    characters: numberArgument('characters', values.characters, 60, (n) => Number.isInteger(n) && n >= 1 && n <= 100_000, 'an integer from 1 to 100000'),
    url,
    secret,
    seed: numberArgument('seed', values.seed, 1, Number.isSafeInteger, 'an integer'),
    speed: numberArgument('speed', values.speed, 1, (n) => Number.isFinite(n) && n > 0, 'a positive number'),
    duration: values.duration === undefined ? undefined : numberArgument('duration', values.duration, 0, (n) => Number.isFinite(n) && n > 0, 'a positive number of seconds'),
  };
}

function summary(stats: FleetStats, startedAt: number): string {
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = seconds > 0 ? Math.round(stats.framesSent / seconds) : 0;
  return (
    `simulator: ${stats.connected}/${stats.characters} connected, ${stats.framesSent} frames sent (${rate}/s), ${stats.framesAcked} acknowledged, ${stats.framesDropped} dropped, ` +
    `${stats.errorsReceived} errors, ${stats.commandsReceived} commands, ${stats.reconnects} reconnects, ${Math.round(seconds)} s`
  );
}

const consoleLog: FleetLog = {
  info: (fields, message) => console.log(`${message} ${JSON.stringify(fields)}`),
  warn: (fields, message) => console.warn(`${message} ${JSON.stringify(fields)}`),
};

async function main(): Promise<void> {
  let args: Arguments | 'help';
  try {
    args = parseArguments(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`simulate: ${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (args === 'help') {
    console.log(usage);
    return;
  }
  const startedAt = Date.now();
  console.log(`simulator: ${args.characters} characters, seed ${args.seed}, speed ${args.speed}x -> ${args.url}`);
  const fleet = runFleet({ url: args.url, secret: args.secret, characters: args.characters, seed: args.seed, speed: args.speed, log: consoleLog });
  const ticker = setInterval(() => console.log(summary(fleet.stats(), startedAt)), SUMMARY_INTERVAL_MS);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    if (args.duration !== undefined) setTimeout(resolve, args.duration * 1000).unref();
  });
  clearInterval(ticker);
  await fleet.stop();
  console.log(summary(fleet.stats(), startedAt));
}

await main();
