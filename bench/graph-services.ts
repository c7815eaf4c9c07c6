/**
 * The services of `npm run bench:graph`, in child processes as production
 * runs them (docker-compose.yml: one container each): this script starts the
 * ones named by `--services` (`ingest`, `telemetry`, `inventory`, `combat`,
 * `gateway`, `apollo`) in one process, configured by `--config` (JSON, a
 * {@link ServicesConfig}), and tells the parent their URLs. Services in one
 * process share its pubsub; across processes they use Redis, on channels of
 * this run's own (a prefix), so other users of the server see nothing.
 *
 * Over IPC it answers `{ usage }` (CPU time so far), `{ window: 'start' }`
 * and `{ window: 'end', from, to }` (CPU share and event-loop delay over the
 * window, and for ingest frame sent to row committed), and
 * `{ flush }` (ingest writes what it accepted).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createPool } from '@lifestone/lib/db';
import { IDENTITY_HEADER, signIdentity, startSubgraph, type Identity, type SubgraphModule } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { createPubSub, type PubSub } from '@lifestone/lib/pubsub';
import { ingestSettingsFromEnv, startIngest, type AcceptedEvent } from '@lifestone/ingest';
import { composeSupergraph, queryLimitsFromEnv, startGateway, type SubgraphUrls } from '@lifestone/gateway';
import { combatSubgraph } from '@lifestone/subgraph-combat';
import { inventorySubgraph } from '@lifestone/subgraph-inventory';
import { telemetrySubgraph } from '@lifestone/subgraph-telemetry';
import { LatencySamples, now, progress, benchProcessName, sentAtOf, type LatencySummary } from './common.js';

export type ServiceName = 'ingest' | 'telemetry' | 'inventory' | 'combat' | 'gateway' | 'apollo';

export interface ServicesConfig {
  databaseUrl: string;
  /** Redis for services in other processes; unset, the in-memory pubsub (this process only). */
  redisUrl?: string;
  /** Prefix of this run's pubsub channels. */
  channelPrefix: string;
  pluginSecret: string;
  internalSecret: string;
  sessionSecret: string;
  positionsTickMs: number;
  /** Where the subgraphs answer (for `gateway` and `apollo`). */
  subgraphs?: SubgraphUrls;
  /** The identity `apollo` signs for the subgraphs (it authenticates nobody itself). */
  identity?: Identity;
  /** The frame types whose frame-to-commit latency `ingest` records. */
  recordedTypes: string[];
}

/** What the parent gets once the services are up. */
export interface ServicesReady {
  ready: true;
  pid: number;
  pluginUrl?: string;
  subgraphs?: Partial<SubgraphUrls>;
  gateway?: { url: string; wsUrl: string };
  apollo?: { url: string };
}

/** A window's figures of this process. */
export interface WindowReport {
  window: 'end';
  /** Share of one core. */
  cpu: number;
  loopDelayP50: number;
  loopDelayP99: number;
  /** Frame sent to row committed, when this process runs ingest. */
  commits?: LatencySummary;
}

const { values } = parseArgs({ options: { services: { type: 'string' }, config: { type: 'string' } } });
const services = new Set((values.services ?? '').split(',').filter(Boolean) as ServiceName[]);
const config = JSON.parse(values.config ?? '{}') as ServicesConfig;
const log = createLogger('bench-graph', 'error');

/** This run's channels on a shared pubsub server: every topic gets the prefix, and loses it on delivery. */
function prefixed(pubsub: PubSub, prefix: string): PubSub {
  const rename = <M extends { topic: string }>(message: M): M => ({ ...message, topic: `${prefix}${message.topic}` });
  return {
    kind: pubsub.kind,
    get up() {
      return pubsub.up;
    },
    publish: (message) => pubsub.publish(rename(message)),
    publishMany: (messages) => pubsub.publishMany(messages.map(rename)),
    onGap: (listener) => pubsub.onGap(listener),
    subscribe: (topic, handler) => pubsub.subscribe(`${prefix}${topic}`, (message) => handler({ ...message, topic })),
    close: () => pubsub.close(),
  };
}

const pubsub = prefixed(await createPubSub({ redisUrl: config.redisUrl, name: benchProcessName([...services]), onError: (error) => progress(`pubsub error: ${String(error)}`) }), config.channelPrefix);
const pool = createPool(config.databaseUrl, benchProcessName([...services]), 20);
const closers: (() => Promise<void>)[] = [];
const ready: ServicesReady = { ready: true, pid: process.pid };

const commits = new LatencySamples();
const recordedTypes = new Set(config.recordedTypes);
let flush: (() => Promise<void>) | undefined;
if (services.has('ingest')) {
  // The writer's settings come from the environment, as in production; the limits are lifted for the load.
  const { writerLanes, batchMax, batchWaitMs, liveWriteMs, queueMax, decodeThreads, gatherMs } = ingestSettingsFromEnv();
  const ingest = await startIngest({
    pool, pubsub, log, port: 0, pluginSecret: config.pluginSecret, rateLimit: 1_000_000, rateBurst: 1_000_000, byteRateLimit: 1e12, byteRateBurst: 1e12,
    writerLanes, batchMax, batchWaitMs, liveWriteMs, queueMax, decodeThreads, gatherMs,
    onCommitted: (events: readonly AcceptedEvent[]) => {
      const at = now();
      for (const event of events) {
        if (!recordedTypes.has(event.type)) continue;
        const sentAt = sentAtOf(event.payload);
        if (sentAt !== undefined) commits.add(at, at - sentAt);
      }
    },
  });
  ready.pluginUrl = ingest.pluginUrl;
  flush = () => ingest.flush();
  closers.push(() => ingest.close());
}

const modules: Record<'telemetry' | 'inventory' | 'combat', () => SubgraphModule> = {
  telemetry: () => telemetrySubgraph({ positionsTickMs: config.positionsTickMs }),
  inventory: () => inventorySubgraph(),
  combat: () => combatSubgraph(),
};
for (const name of ['telemetry', 'inventory', 'combat'] as const) {
  if (!services.has(name)) continue;
  const subgraph = await startSubgraph(modules[name](), { pool, pubsub, log, internalSecret: config.internalSecret, port: 0 });
  (ready.subgraphs ??= {})[name] = subgraph.url;
  closers.push(() => subgraph.close());
}

if (services.has('gateway')) {
  const gateway = await startGateway({
    subgraphs: config.subgraphs as SubgraphUrls, pool, log, port: 0, internalSecret: config.internalSecret, sessionSecret: config.sessionSecret,
    limits: queryLimitsFromEnv(), adminPassword: config.sessionSecret,
    // The subscribers stand for thousands of viewers but share one API token: the per-caller cap would refuse all but 200.
    subscriptionLimits: { perCaller: Number.MAX_SAFE_INTEGER },
  });
  ready.gateway = { url: gateway.url, wsUrl: gateway.wsUrl };
  closers.push(() => gateway.close());
}

if (services.has('apollo')) {
  const apollo = await startApolloPeer(await composeSupergraph(config.subgraphs as SubgraphUrls), config.identity as Identity);
  ready.apollo = { url: apollo.url };
  closers.push(() => apollo.close());
}

/**
 * `@apollo/gateway` over the same supergraph, served by `@apollo/server`'s
 * standalone server, signing the same identity for the subgraphs on every
 * request as the Hive Gateway does (over each request's body). It
 * authenticates nobody: the Hive Gateway's token check (cached) and query
 * limits are work the peer skips.
 */
async function startApolloPeer(supergraphSdl: string, identity: Identity): Promise<{ url: string; close: () => Promise<void> }> {
  const quiet = { debug() {}, info() {}, warn() {}, error: (message: unknown) => progress(`@apollo/gateway: ${String(message)}`) };
  // Otherwise it probes the cloud metadata endpoints and exports usage metrics to Apollo from this process.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: quiet,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url,
        // Signed over each request's body, as the Hive Gateway signs it (gateway/src/plugins/identity.ts).
        fetcher: (target, init) => {
          const body = typeof init?.body === 'string' ? init.body : '';
          const signed = signIdentity(identity, config.internalSecret, { use: 'http', subgraph: name, method: init?.method ?? 'POST', operation: body });
          return fetch(target, { ...init, headers: { ...init?.headers, [IDENTITY_HEADER]: signed } } as RequestInit) as never;
        },
      }),
  });
  const server = new ApolloServer({ gateway, logger: quiet });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, close: () => server.stop() };
}

let loopDelay: IntervalHistogram | undefined;
let windowCpu = process.cpuUsage();
let windowStart = now();

/** What a `{ memory: true }` request answers: the process's memory after a full garbage collection (when node runs with --expose-gc). */
export interface MemoryReport {
  memory: { rss: number; heapUsed: number; external: number; collected: boolean };
}

type Request = { usage: true } | { memory: true } | { window: 'start' } | { window: 'end'; from: number; to: number } | { flush: true } | { stop: true };

process.on('message', (request: Request) => {
  void (async () => {
    if ('usage' in request) {
      const usage = process.cpuUsage();
      process.send?.({ usage: (usage.user + usage.system) / 1000 });
    } else if ('memory' in request) {
      const collect = (globalThis as { gc?: () => void }).gc;
      collect?.();
      const { rss, heapUsed, external } = process.memoryUsage();
      process.send?.({ memory: { rss, heapUsed, external, collected: collect !== undefined } } satisfies MemoryReport);
    } else if ('window' in request && request.window === 'start') {
      loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      windowCpu = process.cpuUsage();
      windowStart = now();
    } else if ('window' in request) {
      const usage = process.cpuUsage(windowCpu);
      loopDelay?.disable();
      const report: WindowReport = {
        window: 'end',
        cpu: (usage.user + usage.system) / 1000 / (now() - windowStart),
        loopDelayP50: (loopDelay?.percentile(50) ?? NaN) / 1e6,
        loopDelayP99: (loopDelay?.percentile(99) ?? NaN) / 1e6,
        ...(services.has('ingest') ? { commits: commits.sentBetween(request.from, request.to) } : {}),
      };
      process.send?.(report);
    } else if ('flush' in request) {
      await flush?.();
      process.send?.({ flushed: true });
    } else if ('stop' in request) {
      for (const close of closers.reverse()) await close().catch((error: unknown) => progress(`stopping failed: ${String(error)}`));
      await pubsub.close();
      await pool.end();
      process.send?.({ stopped: true }, () => process.exit(0));
    }
  })();
});
// A parent that died (a killed run) leaves nothing running behind it.
process.on('disconnect', () => process.exit(1));
process.send?.(ready);
