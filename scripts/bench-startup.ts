/**
 * `npm run bench:startup` (after `npm run build`): each service started alone
 * as in development (`node --import tsx <source>`) and as in production
 * (`node --conditions=compiled <dist>`), alternately, `LIFESTONE_BENCH_RUNS`
 * times (3 unless set): milliseconds from spawn to its ready line, and its
 * resident memory at ready and 5 s later; medians printed as a table. Uses
 * `DATABASE_URL`'s server (a database `lifestone_startup` on it, created if
 * missing) and the in-memory pubsub; the gateway runs in front of the four
 * subgraphs, started compiled beforehand.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, freePort } from '@lifestone/lib/db';
import { SUBGRAPH_NAMES, type SubgraphName } from '@lifestone/lib/graph';

const root = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.LIFESTONE_BENCH_RUNS ?? 3);
const SETTLE_MS = 5_000;
const DATABASE = 'lifestone_startup';

interface Service {
  name: string;
  source: string[];
  compiled: string[];
  ready: string;
  env: () => Promise<NodeJS.ProcessEnv>;
}

type Mode = 'tsx' | 'compiled';
interface Sample { readyMs: number; readyRssMb: number; settledRssMb: number }

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifestone-startup-'));
const common: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATABASE_URL: await ensureDatabase(serverUrl, DATABASE),
  LIFESTONE_DATA_DIR: dataDir,
  LIFESTONE_LOG_LEVEL: 'info',
  LIFESTONE_INTERNAL_SECRET: 'bench-startup-internal-secret-0123456789',
  LIFESTONE_SESSION_SECRET: 'bench-startup-session-secret-0123456789',
  LIFESTONE_PLUGIN_SECRET: 'bench-startup-plugin-secret',
  LIFESTONE_ADMIN_PASSWORD: 'bench-startup-admin-password',
};
const subgraphPort: Record<SubgraphName, string> = {
  telemetry: 'LIFESTONE_TELEMETRY_PORT', inventory: 'LIFESTONE_INVENTORY_PORT', combat: 'LIFESTONE_COMBAT_PORT', assistant: 'LIFESTONE_ASSISTANT_PORT', accounts: 'LIFESTONE_ACCOUNTS_PORT',
};

const subgraphService = (name: SubgraphName): Service => ({
  name: `subgraph ${name}`,
  source: ['scripts/start-subgraph.ts', name],
  compiled: ['dist/start-subgraph.js', name],
  ready: `${name} subgraph ready`,
  env: async () => ({ [subgraphPort[name]]: String(await freePort()) }),
});

async function main(): Promise<void> {
  const services: Service[] = [
    {
      name: 'ingest',
      source: ['--max-semi-space-size=64', 'ingest/src/main.ts'],
      compiled: ['--max-semi-space-size=64', 'ingest/dist/main.js'],
      ready: 'ingest listening',
      env: async () => ({ LIFESTONE_INGEST_PORT: String(await freePort()) }),
    },
    ...SUBGRAPH_NAMES.map(subgraphService),
  ];
  const results: Array<{ name: string; samples: Record<Mode, Sample[]> }> = [];
  for (const service of services) results.push({ name: service.name, samples: await measure(service) });

  // The gateway composes the subgraphs it is given: four compiled ones, running throughout.
  const fixtures: ChildProcess[] = [];
  const urls: NodeJS.ProcessEnv = {};
  try {
    for (const name of SUBGRAPH_NAMES) {
      const env = await subgraphService(name).env();
      const started = await start('compiled', subgraphService(name), env);
      fixtures.push(started.child);
      urls[`LIFESTONE_${name.toUpperCase()}_URL`] = `http://127.0.0.1:${env[subgraphPort[name]]}/graphql`;
    }
    const gateway: Service = {
      name: 'gateway',
      source: ['gateway/src/main.ts'],
      compiled: ['gateway/dist/main.js'],
      ready: 'gateway ready',
      env: async () => ({ ...urls, LIFESTONE_PORT: String(await freePort()) }),
    };
    results.push({ name: gateway.name, samples: await measure(gateway) });
  } finally {
    for (const child of fixtures) await stop(child);
  }

  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  console.log(`\nNode ${process.versions.node}, ${os.cpus().length} cores, load ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}; median of ${RUNS} starts each\n`);
  console.log('| service | ready, tsx | ready, compiled | RSS at ready, tsx | compiled | RSS 5 s later, tsx | compiled |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { name, samples } of results) {
    const figure = (mode: Mode, key: keyof Sample, unit: string): string => `${median(samples[mode].map((sample) => sample[key])).toFixed(0)} ${unit}`;
    console.log(`| ${name} | ${figure('tsx', 'readyMs', 'ms')} | ${figure('compiled', 'readyMs', 'ms')} | ${figure('tsx', 'readyRssMb', 'MB')} | ${figure('compiled', 'readyRssMb', 'MB')} | ${figure('tsx', 'settledRssMb', 'MB')} | ${figure('compiled', 'settledRssMb', 'MB')} |`);
  }
}

async function measure(service: Service): Promise<Record<Mode, Sample[]>> {
  const samples: Record<Mode, Sample[]> = { tsx: [], compiled: [] };
  for (let run = 0; run < RUNS; run += 1) {
    for (const mode of ['tsx', 'compiled'] as const) {
      const { child, readyMs } = await start(mode, service, await service.env());
      const readyRssMb = await rssMb(child);
      await sleep(SETTLE_MS);
      const settledRssMb = await rssMb(child);
      await stop(child);
      samples[mode].push({ readyMs, readyRssMb, settledRssMb });
      process.stderr.write(`${service.name} ${mode}: ready in ${readyMs.toFixed(0)} ms, ${readyRssMb.toFixed(0)} MB, ${settledRssMb.toFixed(0)} MB after ${SETTLE_MS / 1000} s\n`);
    }
  }
  return samples;
}

/** Starts `service`; resolves once it printed its ready line. Compiled, it runs without TypeScript support, so that loading any `.ts` fails. */
async function start(mode: Mode, service: Service, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; readyMs: number }> {
  const args = mode === 'tsx' ? ['--import', 'tsx', ...service.source] : ['--conditions=compiled', '--no-experimental-strip-types', ...service.compiled];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...common, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes(service.ready)) {
        child.stdout?.off('data', onOutput);
        child.stdout?.resume();
        resolve({ child, readyMs: performance.now() - started });
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`${service.name} (${mode}) exited with code ${code} before it was ready:\n${output.slice(-4000)}`)));
  });
}

async function rssMb(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

try {
  await main();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
