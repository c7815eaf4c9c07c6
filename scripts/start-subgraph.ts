/**
 * `npm run start:subgraph -- <telemetry|inventory|combat|accounts|assistant>`: one subgraph
 * alone, configured by the environment: its port (`LIFESTONE_<NAME>_PORT`),
 * `LIFESTONE_HOST`, `LIFESTONE_INTERNAL_SECRET` (required), `DATABASE_URL`,
 * `LIFESTONE_SUBGRAPH_STATEMENT_TIMEOUT_MS`,
 * `REDIS_URL` or `NATS_URL`.
 */
import { integerSetting, setting } from '@lifestone/lib/config';
import { createPool, endPool, openDatabase } from '@lifestone/lib/db';
import { isSubgraphName, loadSubgraphModule, startSubgraph, SUBGRAPH_NAMES, subgraphDatabaseUrl, subgraphManifest } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { announceReady, stopOnSignals } from '@lifestone/lib/process';
import { createPubSubFromEnv } from '@lifestone/lib/pubsub';

/** Ends the process with a message for the person who started it, not a stack trace. */
function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}

const name = process.argv[2] ?? '';
if (!isSubgraphName(name)) refuse(`usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}>${name ? ` (got ${JSON.stringify(name)})` : ''}`);
const internalSecret =
  setting('LIFESTONE_INTERNAL_SECRET') ??
  refuse('LIFESTONE_INTERNAL_SECRET is not set: a subgraph checks every request against the gateway\'s signature made with it. Set it to the same value as the gateway\'s.');

const log = createLogger(`subgraph-${name}`);
const port = integerSetting(subgraphManifest(name).portSetting);
const module = await loadSubgraphModule(name).catch((error: Error) => refuse(error.message));
const database = await openDatabase(log);
// Migrations ran on the primary (openDatabase); a subgraph that only reads may query a replica.
const pool = createPool(subgraphDatabaseUrl(name, database.url, setting('DATABASE_READ_URL')), `lifestone-subgraph-${name}`, undefined, {
  statementTimeoutMs: integerSetting('LIFESTONE_SUBGRAPH_STATEMENT_TIMEOUT_MS'),
  log,
});
const pubsub = await createPubSubFromEnv(log, `lifestone-subgraph-${name}`);
if (pubsub.kind === 'memory') log.warn('in-memory pubsub: subscriptions see only what this process publishes, i.e. nothing (set REDIS_URL or NATS_URL)');
const subgraph = await startSubgraph(module, { pool, pubsub, log, internalSecret, host: setting('LIFESTONE_HOST'), port, metricsToken: setting('LIFESTONE_METRICS_TOKEN') });
log.info({ url: subgraph.url, healthz: subgraph.url.replace(/\/graphql$/, '/healthz') }, `${name} subgraph ready`);
announceReady(`subgraph-${name}`, subgraph.url);
stopOnSignals(log, async () => {
  await subgraph.close();
  await pubsub.close();
  await endPool(pool);
  await database.stop();
});
