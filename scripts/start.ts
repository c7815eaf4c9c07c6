/**
 * `npm start`: the whole of Lifestone in one process on the embedded defaults
 * (embedded PostgreSQL in the data folder, in-memory pubsub unless REDIS_URL
 * or NATS_URL is set): ingest, the four subgraphs and the gateway, with the
 * simulator driving a fleet over the real plugin protocol, the Discord
 * bot when LIFESTONE_DISCORD_TOKEN or LIFESTONE_DISCORD_WEBHOOKS is set, and
 * the Minecraft bridge when LIFESTONE_MINECRAFT_SERVERS or
 * LIFESTONE_MINECRAFT_DEMO=1 is. Every setting comes
 * from the environment (README, Configuration); the secrets a production
 * deployment must set are generated once per data folder here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { integerSetting, secretForBanner, setting } from '@lifestone/lib/config';
import { createPool, endPool, openDatabase } from '@lifestone/lib/db';
import { loadSubgraphModule, startSubgraph, SUBGRAPHS, SUBGRAPH_NAMES, type RunningSubgraph, type SubgraphModule, type SubgraphName } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { stopOnSignals } from '@lifestone/lib/process';
import { createPubSubFromEnv } from '@lifestone/lib/pubsub';
import { gatewaySettingsFromEnv, startGateway } from '@lifestone/gateway';
import { issueApiToken } from '@lifestone/lib/auth';
import { assistantOptionsFromEnv, assistantSubgraph } from '@lifestone/subgraph-assistant';
import { createMcpHttpHandler, createReadOnlySql } from '@lifestone/lib/agent';
import { ingestSettingsFromEnv, startIngest, watchGameServers } from '@lifestone/ingest';
import { nextWorldRun, runFleet, startStatusServer } from '@lifestone/simulator';
import { discordSettingsFromEnv, discordWanted, startDiscordBot, type DiscordBot } from '@lifestone/discord';
import { buildDashboardIfStale } from './build-dashboard.js';
import { listening, PortUnavailableError, requireFreePorts, type ServicePort } from './ports.js';

const log = createLogger('lifestone');
const dataDir = path.resolve(setting('LIFESTONE_DATA_DIR') as string);
await mkdir(dataDir, { recursive: true });

const ingestSettings = ingestSettingsFromEnv();
const gatewaySettings = gatewaySettingsFromEnv();
const pluginSecret = ingestSettings.pluginSecret ?? (await demoSecret('plugin-secret'));
const internalSecret = gatewaySettings.internalSecret ?? (await demoSecret('internal-secret'));
const sessionSecret = gatewaySettings.sessionSecret ?? (await demoSecret('session-secret'));

// Every port this process opens but the embedded PostgreSQL's and the status page's, which take free ones.
const servicePorts = {
  ingest: { setting: 'LIFESTONE_INGEST_PORT', port: ingestSettings.port, service: 'ingest' },
  ...Object.fromEntries(SUBGRAPHS.map(({ name, portSetting }) => [name, { setting: portSetting, port: integerSetting(portSetting), service: `the ${name} subgraph` }])),
  gateway: { setting: 'LIFESTONE_PORT', port: gatewaySettings.port, service: 'the gateway' },
} as Record<SubgraphName | 'ingest' | 'gateway', ServicePort>;
// A taken port is found before the database starts, and said in a sentence, not a stack trace.
await requireFreePorts(gatewaySettings.host, Object.values(servicePorts)).catch(exitOnPortProblem);

if (await buildDashboardIfStale()) log.info('built the dashboard (web/dist)');
const database = await openDatabase(log);
const pool = createPool(database.url, 'lifestone', 20);
// The subgraphs read through connections of their own, each statement under the timeout; ingest's writes and maintenance are not cut short.
const subgraphPool = createPool(database.url, 'lifestone-subgraphs', 20, { statementTimeoutMs: integerSetting('LIFESTONE_SUBGRAPH_STATEMENT_TIMEOUT_MS'), log });
const pubsub = await createPubSubFromEnv(log);
const ingest = await listening(servicePorts.ingest, () => startIngest({ ...ingestSettings, ledgerFile: ingestSettings.ledgerFile ?? path.join(dataDir, 'ingest.ledger'), pluginSecret, pool, pubsub, log: log.child({ service: 'ingest' }) })).catch(exitOnPortProblem);

// The assistant's tools query this process's gateway with a token of their own, kept in the data folder.
const assistantOptions = assistantOptionsFromEnv();
const assistantGraph = assistantOptions.graph ?? {
  url: `http://${gatewaySettings.host}:${gatewaySettings.port}/graphql`,
  token: await keptViewerToken('assistant'),
};
const assistantAuditLog = assistantOptions.auditLog ?? path.join(dataDir, 'assistant-audit.jsonl');
// The assistant's `query_telemetry_db` tool, in the assistant and over MCP: read-only SQL behind the parser and the read-only role.
const readOnlySql = createReadOnlySql({ pool });
// The first admin's generated password is kept here until it is changed (the gateway deletes it then).
const firstAdminFile = gatewaySettings.firstAdminPasswordFile;
const modules: Partial<Record<SubgraphName, SubgraphModule>> = {
  assistant: assistantSubgraph({ ...assistantOptions, graph: assistantGraph, readOnlySql, auditLog: assistantAuditLog, log: log.child({ service: 'assistant' }) }),
};
const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
for (const name of SUBGRAPH_NAMES) {
  const module = modules[name] ?? (await loadSubgraphModule(name));
  subgraphs[name] = await listening(servicePorts[name], () => startSubgraph(module, {
    pool: subgraphPool, pubsub, internalSecret, host: gatewaySettings.host, port: servicePorts[name].port, log: log.child({ service: name }), metricsToken: gatewaySettings.metricsToken,
  })).catch(exitOnPortProblem);
}
const gateway = await listening(servicePorts.gateway, () => startGateway({
  ...gatewaySettings,
  subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])) as Record<SubgraphName, string>,
  internalSecret, sessionSecret, pool, log,
  mcp: (graphqlUrl) => createMcpHttpHandler({ graphqlUrl, readOnlySql }),
})).catch(exitOnPortProblem);

const characters = integerSetting('LIFESTONE_SIM_CHARACTERS');
const seed = integerSetting('LIFESTONE_SIM_SEED');
// The same characters every start, but what they do continues: the run is counted in the data folder.
const simulatorRun = characters > 0 ? await nextWorldRun(path.join(dataDir, 'simulator-run')) : 0;
const fleet = characters > 0
  ? runFleet({
    url: ingest.pluginUrl, secret: pluginSecret, characters, seed, run: simulatorRun, killsPerRare: integerSetting('LIFESTONE_SIM_KILLS_PER_RARE'), sessionMinutes: integerSetting('LIFESTONE_SIM_SESSION_MINUTES'),
    stuckJourneys: integerSetting('LIFESTONE_SIM_STUCK_JOURNEYS'), log: log.child({ service: 'simulator' }),
  })
  : undefined;
// The simulated fleet's game server has a status page, probed like a real one unless LIFESTONE_GAME_SERVERS names others.
const statusPage = fleet && ingestSettings.gameServers.length === 0 ? await startStatusServer('Simulated Dereth', () => fleet.stats().connected) : undefined;
// The Minecraft bridge and its demo world, loaded only when asked for; each of its servers' status is the bridge's, watched like a game server's.
const minecraft = setting('LIFESTONE_MINECRAFT_SERVERS') !== undefined || setting('LIFESTONE_MINECRAFT_DEMO') === '1'
  ? await (await import('@lifestone/minecraft')).startMinecraftInProcess({ pluginUrl: ingest.pluginUrl, pluginSecret, log: log.child({ service: 'minecraft' }) })
  : { line: 'off (set LIFESTONE_MINECRAFT_SERVERS, or LIFESTONE_MINECRAFT_DEMO=1 for a demo world)', statusPages: [], close: async () => {} };
const gameServers = watchGameServers({
  pool,
  servers: [...(statusPage ? [{ name: 'Simulated Dereth', url: new URL(statusPage.url) }] : ingestSettings.gameServers), ...minecraft.statusPages],
  intervalMs: ingestSettings.serverCheckIntervalMs,
  log: log.child({ service: 'ingest' }),
});

// The Discord bot, a client of this process's gateway like any other, with a viewer token of its own unless one is set.
let discord: DiscordBot | undefined;
let discordLine = 'off (set LIFESTONE_DISCORD_TOKEN, or LIFESTONE_DISCORD_WEBHOOKS)';
if (discordWanted()) {
  try {
    const { apiToken, ...discordSettings } = discordSettingsFromEnv();
    discord = await startDiscordBot({ ...discordSettings, graphqlUrl: gateway.url, apiToken: apiToken ?? (await keptViewerToken('discord')), log: log.child({ service: 'discord' }) });
    discordLine = discordSettings.routes.length > 0 ? `posting ${discordSettings.routes.map((route) => route.key).join(', ')}` : 'answering slash commands; no route set (LIFESTONE_DISCORD_ROUTES)';
    void discord.stopped.then((error) => log.error(error.message));
  } catch (error) {
    discordLine = `not started: ${(error as Error).message}`;
    log.error({ err: error }, 'the Discord bot did not start; everything else runs');
  }
}

if (gateway.firstAdmin?.generatedPassword) await writeFile(firstAdminFile, `${gateway.firstAdmin.generatedPassword}\n`, { mode: 0o600 });
const lines = [
  '',
  'Lifestone is running.',
  `  dashboard      ${new URL('/', gateway.url).href}`,
  `  graph          ${gateway.url}  (open it in a browser and sign in for the playground)`,
  `  MCP            ${new URL('/mcp', gateway.url).href}  (Streamable HTTP, Authorization: Bearer <API token>; npm run mcp for stdio)`,
  `  ingest         ${ingest.url}  (health /healthz, metrics /metrics)`,
  `  plugins        ${ingest.pluginUrl}`,
  `  plugin secret  ${secretForBanner(pluginSecret, ingestSettings.pluginSecret ? 'LIFESTONE_PLUGIN_SECRET' : path.join(dataDir, 'plugin-secret'))}`,
  ...(gateway.firstAdmin?.generatedPassword
    ? [`  first account  name ${gateway.firstAdmin.name}, password ${secretForBanner(gateway.firstAdmin.generatedPassword, firstAdminFile)}`]
    : ['  sign in        with the accounts of this data folder (the first is `admin`)']),
  `  database       ${database.kind === 'embedded' ? `embedded PostgreSQL in ${dataDir}` : 'DATABASE_URL'}`,
  `  pubsub         ${pubsub.kind}`,
  `  simulator      ${fleet ? `${characters} characters (seed ${seed}, run ${simulatorRun} of this data folder)` : 'off (LIFESTONE_SIM_CHARACTERS=0)'}`,
  `  discord bot    ${discordLine}`,
  `  minecraft      ${minecraft.line}`,
  `  assistant      ${assistantOptions.model.model ? `${assistantOptions.model.model.model} (${assistantOptions.model.model.provider}), audit log ${assistantAuditLog}` : `not configured: ${assistantOptions.model.hint}`}`,
  '',
  'Stop with Ctrl+C: everything accepted is written before exit.',
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);

stopOnSignals(log, async () => {
  await discord?.close();
  await gameServers.close();
  await minecraft.close();
  await statusPage?.close();
  await fleet?.stop();
  await gateway.close();
  for (const subgraph of Object.values(subgraphs)) await subgraph.close();
  await ingest.close();
  await pubsub.close();
  await endPool(subgraphPool);
  await endPool(pool);
  await database.stop();
});

/**
 * Ends the start with the sentence a {@link PortUnavailableError} carries and
 * exit code 1 (the embedded PostgreSQL stops with the process); anything
 * else is thrown on.
 */
function exitOnPortProblem(error: unknown): never {
  if (!(error instanceof PortUnavailableError)) throw error;
  const lines = error.message.split('\n');
  process.stderr.write(lines.length === 1 ? `Lifestone cannot start: ${error.message}\n` : `Lifestone cannot start:\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  process.exit(1);
}

/**
 * The API token of one of the graph's own clients (the assistant's tools,
 * the Discord bot): the one kept in the data folder while the database still
 * holds it unrevoked, else a new viewer token named after the client.
 */
async function keptViewerToken(client: 'assistant' | 'discord'): Promise<string> {
  const file = path.join(dataDir, `${client}-api-token.json`);
  if (existsSync(file)) {
    const kept = JSON.parse(await readFile(file, 'utf8')) as { id: string; token: string };
    const { rowCount } = await pool.query('SELECT 1 FROM api_tokens WHERE id = $1 AND revoked_at IS NULL', [kept.id]);
    if (rowCount === 1) return kept.token;
  }
  const issued = await issueApiToken(pool, { name: client, role: 'viewer', createdBy: null }, new Date());
  await writeFile(file, `${JSON.stringify({ id: issued.id, token: issued.token })}\n`, { mode: 0o600 });
  return issued.token;
}

/** A secret generated once per data folder, so that a second `npm start` keeps it. */
async function demoSecret(name: string): Promise<string> {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
