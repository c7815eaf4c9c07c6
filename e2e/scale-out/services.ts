/**
 * The services of the scale-out scenario, each a process of its own started
 * from its production entry point and configured by the environment only, as
 * an operator runs them: two ingests, two of each subgraph, two gateways,
 * over one PostgreSQL and a pubsub server of the scenario's own (Redis or
 * NATS, so that restarting it disturbs nothing else).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES } from '@lifestone/lib/graph';
import { isReadyMessage } from '@lifestone/lib/process';
import { startPubSubServer as startTestPubSubServer, type PubSubKind, type PubSubServer } from '@lifestone/test-kit/pubsub-server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every process the scenario started: killed if the test process ends without stopping them. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export { findBinary, type PubSubKind, type PubSubServer } from '@lifestone/test-kit/pubsub-server';

/** The scenario's own pubsub server (test-kit/pubsub-server.ts); its folder goes when the cluster closes. */
export async function startPubSubServer(kind: PubSubKind): Promise<PubSubServer> {
  const server = await startTestPubSubServer(kind);
  afterStop.push(() => server.remove());
  return server;
}
const afterStop: (() => Promise<void>)[] = [];

/** One service process. */
export interface Service {
  name: string;
  /** Its base URL (`http://127.0.0.1:<port>`). */
  base: string;
  /** What it wrote, for a failure's message. */
  output: string[];
  /** SIGTERM, as an orchestrator stops it; resolves with the exit code once it exited. */
  stop(): Promise<number | null>;
  /** SIGKILL, as an out-of-memory kill or a crashed host ends it: nothing of it runs after; resolves once it exited. */
  kill(): Promise<void>;
  /** Whether it is still running. */
  running(): boolean;
}

/**
 * Starts `node --import tsx <entry> ...args` with `env` and waits until it
 * says it serves ({@link announceReady}) and its `/healthz` answers 200. The
 * port is the service's own choice where `env` sets it to 0: a port picked
 * here and then bound by the child could be taken meanwhile by another
 * test's server, whose `/healthz` would answer for it.
 */
export async function startService(name: string, entry: string[], env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LIFESTONE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  track(child);
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} was not ready within 120 s:\n${output.join('')}`)), 120_000);
    child.on('message', (message) => {
      if (!isReadyMessage(message)) return;
      clearTimeout(timer);
      child.disconnect();
      resolve(message.url);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready:\n${output.join('')}`));
    });
  });
  const base = new URL(url).origin;
  const service: Service = {
    name,
    base,
    output,
    running,
    stop: () =>
      new Promise((resolve) => {
        if (!running()) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise((resolve) => {
        if (!running()) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
  // Ready is not yet healthy: its database or pubsub may still be connecting.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!running()) throw new Error(`${name} exited before it was healthy:\n${output.join('')}`);
    if (await fetch(`${base}/healthz`).then((response) => response.ok, () => false)) return service;
    if (Date.now() > deadline) throw new Error(`${name} was ready but not healthy within 120 s:\n${output.join('')}`);
    await sleep(200);
  }
}

export const PLUGIN_SECRET = 'e2e-plugin-secret';
export const ADMIN_PASSWORD = 'e2e-admin-password';

/** One side of the layout: an ingest, one of each subgraph, a gateway. */
export interface Side {
  ingest: Service;
  subgraphs: Service[];
  gateway: Service;
  pluginUrl: string;
  graphqlUrl: string;
  wsUrl: string;
}

export interface Cluster {
  a: Side;
  b: Side;
  /** Stops every service still running, then the pubsub server. */
  close(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * The loopback address of each side (`127.0.0.2`, `127.0.0.3`): both
   * sides' ingests then listen on one port, and both gateways on another, as
   * replicas behind one service name do.
   * @default both on 127.0.0.1, every port its own
   */
  hosts?: readonly [string, string];
}

/**
 * Two of everything over `databaseUrl` and `pubsub`: side A's gateway calls
 * side A's subgraphs, B's calls B's, as two zones behind a load balancer
 * would. Sides start one after the other (migrations run once).
 */
export async function startCluster(databaseUrl: string, pubsub: PubSubServer, { hosts }: ClusterOptions = {}): Promise<Cluster> {
  const common: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    [pubsub.kind === 'redis' ? 'REDIS_URL' : 'NATS_URL']: pubsub.url,
    LIFESTONE_PLUGIN_SECRET: PLUGIN_SECRET,
    LIFESTONE_INTERNAL_SECRET: 'e2e-internal-secret',
    LIFESTONE_SESSION_SECRET: 'e2e-session-secret',
    LIFESTONE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LIFESTONE_HOST: '127.0.0.1',
    // A test plugin sends hundreds of frames at once, which a real one never does.
    LIFESTONE_RATE_LIMIT: '100000',
    LIFESTONE_RATE_BURST: '100000',
  };
  // Replicas behind one name share a port: side A's services pick theirs, side B's take the same on its address.
  let shared: { ingest: string; gateway: string } | undefined;
  const side = async (label: string, host = '127.0.0.1'): Promise<Side> => {
    const listen = { ...common, LIFESTONE_HOST: host };
    const ingest = startService(`ingest ${label}`, ['ingest/src/main.ts'], { ...listen, LIFESTONE_INGEST_PORT: shared?.ingest ?? '0' });
    const subgraphs = SUBGRAPH_NAMES.map((name) =>
      startService(`${name} ${label}`, ['scripts/start-subgraph.ts', name], { ...listen, [`LIFESTONE_${name.toUpperCase()}_PORT`]: '0' }),
    );
    const started = await Promise.all([ingest, ...subgraphs]);
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [`LIFESTONE_${name.toUpperCase()}_URL`, `${(started[index + 1] as Service).base}/graphql`]));
    const gateway = await startService(`gateway ${label}`, ['gateway/src/main.ts'], { ...listen, ...urls, LIFESTONE_PORT: shared?.gateway ?? '0' });
    const [ingestPort, gatewayPort] = [new URL((started[0] as Service).base).port, new URL(gateway.base).port];
    if (hosts) shared ??= { ingest: ingestPort, gateway: gatewayPort };
    return {
      ingest: started[0] as Service,
      subgraphs: started.slice(1),
      gateway,
      pluginUrl: `ws://${host}:${ingestPort}/ws/position`,
      graphqlUrl: `${gateway.base}/graphql`,
      wsUrl: `ws://${host}:${gatewayPort}/graphql`,
    };
  };
  const a = await side('A', hosts?.[0]);
  const b = await side('B', hosts?.[1]);
  return {
    a,
    b,
    async close() {
      for (const service of [b.gateway, a.gateway, ...b.subgraphs, ...a.subgraphs, b.ingest, a.ingest]) await service.stop();
      await pubsub.stop();
      for (const cleanup of afterStop.splice(0)) await cleanup();
    },
  };
}
