/**
 * `npm start`: the whole of Lifestone in one process on the embedded defaults
 * (embedded PostgreSQL in the data folder, in-memory pubsub unless REDIS_URL
 * or NATS_URL is set) with the simulator driving a fleet over the real plugin
 * protocol. Every setting comes from the environment (README, Configuration).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { integerSetting, setting } from '@lifestone/lib/config';
import { createPool, openDatabase } from '@lifestone/lib/db';
import { createLogger } from '@lifestone/lib/log';
import { stopOnSignals } from '@lifestone/lib/process';
import { createPubSubFromEnv } from '@lifestone/lib/pubsub';
import { ingestSettingsFromEnv, startIngest } from '@lifestone/ingest';
import { runFleet } from '@lifestone/simulator';

const log = createLogger('lifestone');
const dataDir = path.resolve(setting('LIFESTONE_DATA_DIR') as string);
await mkdir(dataDir, { recursive: true });

const settings = ingestSettingsFromEnv();
const configuredSecret = settings.pluginSecret;
const pluginSecret = configuredSecret ?? (await demoSecret('plugin-secret'));

const database = await openDatabase(log);
const pool = createPool(database.url, 'lifestone-ingest', 12);
const pubsub = await createPubSubFromEnv(log);
const ingest = await startIngest({ ...settings, pluginSecret, pool, pubsub, log: log.child({ service: 'ingest' }) });

const characters = integerSetting('LIFESTONE_SIM_CHARACTERS');
const seed = integerSetting('LIFESTONE_SIM_SEED');
const fleet = characters > 0
  ? runFleet({ url: ingest.pluginUrl, secret: pluginSecret, characters, seed, log: log.child({ service: 'simulator' }) })
  : undefined;

const lines = [
  '',
  'Lifestone is running.',
  `  ingest         ${ingest.url}  (health ${ingest.url}/healthz, metrics ${ingest.url}/metrics)`,
  `  plugins        ${ingest.pluginUrl}`,
  `  plugin secret  ${pluginSecret}${configuredSecret ? '  (from LIFESTONE_PLUGIN_SECRET)' : `  (generated for this data folder: ${path.join(dataDir, 'plugin-secret')})`}`,
  `  database       ${database.kind === 'embedded' ? `embedded PostgreSQL in ${dataDir}` : 'DATABASE_URL'}`,
  `  pubsub         ${pubsub.kind}`,
  `  simulator      ${fleet ? `${characters} characters (seed ${seed})` : 'off (LIFESTONE_SIM_CHARACTERS=0)'}`,
  '',
  'Stop with Ctrl+C: everything accepted is written before exit.',
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);

stopOnSignals(log, async () => {
  await fleet?.stop();
  await ingest.close();
  await pubsub.close();
  await pool.end();
  await database.stop();
});

/** A secret generated once per data folder, so a second `npm start` keeps it. */
async function demoSecret(name: string): Promise<string> {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(18).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
