/**
 * What the benchmarks share: the database each run gets, the machine line,
 * latency figures, progress on stderr, number formatting and the child
 * processes that generate load.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import pg from 'pg';
import { migrate, startEmbeddedPostgres } from '@lifestone/lib/db';

/** Wall-clock ms with sub-millisecond precision, comparable across the processes of one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

/**
 * When the load sent a committed event (the `bench_sent_at` it stamped, kept
 * in the frame's `extra`), read out of the event's payload: reading the
 * frame back would cost ingest's main thread a parse per event.
 */
export function sentAtOf(payload: string): number | undefined {
  const key = '"bench_sent_at":';
  const at = payload.lastIndexOf(key);
  if (at < 0) return undefined;
  const start = at + key.length;
  let end = start;
  while (end < payload.length && payload[end] !== ',' && payload[end] !== '}') end++;
  const sentAt = Number(payload.slice(start, end));
  return Number.isFinite(sentAt) ? sentAt : undefined;
}

/** The `q` quantile of ascending `sorted` (NaN when empty). */
export function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50, p99 and max of some latencies (ms). */
export function summarize(latencies: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  return { count: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN };
}

/**
 * The p99 of the latencies of each second, by when they were taken (`at`,
 * ms, counted from the first): whether a tail is a few stalls (some seconds
 * far over the rest) or spread over all of them.
 */
export function p99BySecond(at: readonly number[], latencies: readonly number[]): Array<{ second: number; p99: number }> {
  const start = at[0] ?? 0;
  const seconds: number[][] = [];
  for (let i = 0; i < latencies.length; i++) (seconds[Math.floor(((at[i] as number) - start) / 1000)] ??= []).push(latencies[i] as number);
  return seconds.flatMap((inSecond, second) => (inSecond ? [{ second, p99: summarize(inSecond).p99 }] : []));
}

/** Latencies with the time each message arrived (ms, the shared clock), appended as they come. */
export class LatencySamples {
  private readonly at: number[] = [];
  private readonly latency: number[] = [];

  add(at: number, latency: number): void {
    this.at.push(at);
    this.latency.push(latency);
  }

  get count(): number {
    return this.at.length;
  }

  /** Latencies of what was sent in the window (arrival minus latency), however late it arrived. */
  sentBetween(from: number, to: number): LatencySummary {
    return summarize(this.latenciesSentBetween(from, to));
  }

  /** The latencies {@link sentBetween} summarises, to merge with other processes' before summarising. */
  latenciesSentBetween(from: number, to: number): number[] {
    return this.latency.filter((latency, i) => {
      const sent = (this.at[i] as number) - latency;
      return sent >= from && sent <= to;
    });
  }

  /** How many arrived in the window. */
  receivedBetween(from: number, to: number): number {
    return this.at.reduce((count, at) => (at >= from && at <= to ? count + 1 : count), 0);
  }
}

/** The server to create databases on: DATABASE_URL, or an embedded PostgreSQL in a temporary folder (started with `settings`). */
export async function database(settings: Record<string, string> = {}): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => {} };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifestone-bench-'));
  const embedded = await startEmbeddedPostgres({ dataDir, settings });
  const stop = async (): Promise<void> => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  // A benchmark stopped midway (Ctrl-C, kill) stops its PostgreSQL too, and leaves no data folder behind.
  function interrupted(signal: NodeJS.Signals): void {
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  }
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return { adminUrl: embedded.url, stop };
}

/**
 * Writes PostgreSQL's dirty pages out now (CHECKPOINT), so that a measurement
 * does not pay for the writes of the one before it. Skipped, with a note,
 * where the role may not.
 */
export async function checkpoint(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } catch (error) {
    progress(`CHECKPOINT refused (${(error as Error).message}); measuring without it`);
  } finally {
    await client.end();
  }
}

/** A new, migrated database `lifestone_bench_<random>` on the server of `adminUrl`; `drop` removes it. */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lifestone_bench_${randomBytes(4).toString('hex')}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    return work(client).finally(() => client.end());
  };
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const drop = (): Promise<void> =>
    admin(async (client) => {
      // pg-pool's end() resolves before its connections have closed; a connection cut by FORCE
      // while still closing would crash its process with an unhandled pool error.
      for (let waited = 0; waited < 2_000; waited += 50) {
        const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  return { url: url.toString(), drop };
}

/** The first line every benchmark prints: CPU, cores, memory, Node and PostgreSQL versions. */
export async function machineLine(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version').finally(() => client.end());
  const serverVersion = rows[0]?.server_version ?? '?';
  return `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${serverVersion}${process.env.DATABASE_URL ? '' : ' (embedded)'}, load average ${os.loadavg()[0]?.toFixed(1)} at start`;
}

/** A frame as the fleet sends it, for {@link calibrate}'s JavaScript measure. */
const CALIBRATION_FRAME = JSON.stringify({
  type: 'telemetry', character_name: 'Calibration Frame', timestamp: '2026-11-27T12:00:00.000Z', ew: 45.6123, ns: -12.3456, z: 0.005,
  heading: 271.5, vt_state: 'Combat', kills: 1234, deaths: 5, onlinetime: 36_000, kills_per_hour: 512.5, mem_handles: 1024, extra: { session_id: 'calibration-0001' },
});

/**
 * The machine's speed, measured in the same run as the benchmark, so that
 * figures that follow the machine (a knee, CPU per event, a tail) can be
 * compared between machines: the fastest of 7 rounds of what a service does
 * per event, on one core — a frame parsed and written back as JSON — and of 5
 * rounds of 10,000 rows written to PostgreSQL in batches of 500 (one
 * connection, an unlogged table of its own). The fastest, since other work
 * on the machine only ever slows a round (and the first round warms the
 * code up). The lower, the faster.
 */
export interface Calibration {
  /** µs of one core to parse a telemetry frame and write it back as JSON. */
  jsonUs: number;
  /** µs of wall time per row of a batched INSERT on one connection. */
  insertUs: number;
}

export async function calibrate(adminUrl: string): Promise<Calibration> {
  const jsonRounds: number[] = [];
  let sink = 0;
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) sink += JSON.stringify(JSON.parse(CALIBRATION_FRAME) as unknown).length;
    jsonRounds.push(((performance.now() - started) * 1000) / 20_000);
  }
  if (sink === 0) throw new Error('unreachable');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const table = `bench_calibration_${randomBytes(4).toString('hex')}`;
    await client.query(`CREATE UNLOGGED TABLE ${table} (character_name text, observed_at timestamptz, ew double precision, ns double precision, raw jsonb)`);
    const insertRounds: number[] = [];
    try {
      const batch = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ character_name: `Calibration ${i}`, observed_at: '2026-11-27T12:00:00.000Z', ew: i, ns: -i, raw: JSON.parse(CALIBRATION_FRAME) as unknown })));
      for (let round = 0; round < 5; round++) {
        const started = performance.now();
        for (let i = 0; i < 20; i++) {
          await client.query(
            `INSERT INTO ${table} SELECT * FROM json_to_recordset($1::json) AS r(character_name text, observed_at timestamptz, ew double precision, ns double precision, raw jsonb)`,
            [batch],
          );
        }
        insertRounds.push(((performance.now() - started) * 1000) / 10_000);
        await client.query(`TRUNCATE ${table}`);
      }
    } finally {
      await client.query(`DROP TABLE ${table}`);
    }
    return { jsonUs: Math.min(...jsonRounds), insertUs: Math.min(...insertRounds) };
  } finally {
    await client.end();
  }
}

/** A calibration as the machine line's second half. */
export function calibrationText({ jsonUs, insertUs }: Calibration): string {
  return `calibration (lower is faster): ${fmt(jsonUs, 2)} µs a frame's JSON round trip on one core, ${fmt(insertUs, 2)} µs a row of a batched INSERT`;
}

/**
 * The machine line of a run: the machine and its calibration at the start
 * (`atStart`), then again with a calibration at the end (`atEnd`, what
 * RESULTS.md is given): a shared machine's speed changes from one minute to
 * the next (an idle one measured 3.12, 1.81 and 1.83 µs within a minute),
 * and a run's figures follow it.
 */
export async function measureMachine(adminUrl: string): Promise<{ calibration: Calibration; atStart: string; atEnd: () => Promise<string> }> {
  const calibration = await calibrate(adminUrl);
  const machine = await machineLine(adminUrl);
  return {
    calibration,
    atStart: `${machine}; ${calibrationText(calibration)}`,
    atEnd: async () => {
      const end = await calibrate(adminUrl);
      return `${machine}; ${calibrationText(calibration)} at the start; ${fmt(end.jsonUs, 2)} µs and ${fmt(end.insertUs, 2)} µs at the end`;
    },
  };
}

/** CPU time used so far, in seconds: by this process, by its main thread, and by the local PostgreSQL's processes (Linux; 0 where unknown). */
export interface CpuTimes { process: number; mainThread: number; postgres: number }

/**
 * CPU seconds (utime + stime) of a process or thread from its /proc `stat`
 * file, 0 if unreadable; with `reaped`, its children's too, once it has
 * waited for them (cutime and cstime).
 */
function procCpuSeconds(path: string, reaped = false): number {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) / 100;
  } catch {
    return 0;
  }
}

/**
 * PostgreSQL's processes are read with what their children used once
 * reaped: the postmaster waits for every backend and worker that ends, so a
 * backend that ends between two readings (a pool's idle connection closed,
 * an autovacuum worker done) still counts, in its postmaster. Without it,
 * such a backend's CPU vanished from PostgreSQL's share into "everything
 * else" (one full-speed phase read PostgreSQL at 0.00 of a core).
 */
const REAPS_CHILDREN = new Set(['postgres']);

/**
 * A reading of {@link CpuTimes}. PostgreSQL's share counts the server's
 * processes alive at the reading and those that ended before it (see
 * REAPS_CHILDREN): on a shared machine, CPU per event is steadier than
 * events per second.
 */
export function cpuTimes(): CpuTimes {
  const usage = process.cpuUsage();
  let postgres = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres += procCpuSeconds(`/proc/${pid}/stat`, true);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return { process: (usage.user + usage.system) / 1e6, mainThread: procCpuSeconds(`/proc/self/task/${process.pid}/stat`), postgres };
}

/** CPU seconds used so far by each process, by pid, with its command name; PostgreSQL's with its ended children (REAPS_CHILDREN). Linux; empty without /proc. */
export function processCpu(): Map<number, { comm: string; seconds: number }> {
  const all = new Map<number, { comm: string; seconds: number }>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        all.set(Number(pid), { comm, seconds: procCpuSeconds(`/proc/${pid}/stat`, REAPS_CHILDREN.has(comm)) });
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return all;
}

/** CPU seconds used so far by each thread of `pid`, by thread id (Linux; empty without /proc). */
export function threadCpu(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) threads.set(Number(tid), procCpuSeconds(`/proc/${pid}/task/${tid}/stat`));
  } catch {
    // gone, or no /proc
  }
  return threads;
}

/**
 * CPU seconds used so far by the threads of `pid`, summed by thread name
 * (`/proc/<pid>/task/<tid>/comm`: Node's main thread is `MainThread`, a
 * worker its `name` cut to 15 characters, V8's helpers `V8Worker`): the
 * threads {@link threadCpu} reads. A thread that ended is no longer listed.
 */
export function threadCpuByName(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const [tid, seconds] of threadCpu(pid)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      byName.set(name, (byName.get(name) ?? 0) + seconds);
    } catch {
      // ended meanwhile
    }
  }
  return byName;
}

/** The busiest thread's share of one core between two {@link threadCpu} readings over `seconds`: 1 is a thread that never waited. */
export function busiestThread(from: Map<number, number>, to: Map<number, number>, seconds: number): number {
  let busiest = 0;
  for (const [tid, cpu] of to) busiest = Math.max(busiest, (cpu - (from.get(tid) ?? 0)) / seconds);
  return busiest;
}

/** The machine's busy and total CPU seconds so far, over all cores (Linux /proc/stat; zeros without it). */
export function machineCpu(): { busy: number; total: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Every process's CPU and the machine's, read at one moment (see {@link coresUsed}). */
export type CpuReading = { processes: ReturnType<typeof processCpu>; machine: ReturnType<typeof machineCpu> };

export const cpuReading = (): CpuReading => ({ processes: processCpu(), machine: machineCpu() });

/** CPU seconds `pids` used between two readings (a process started meanwhile used all its CPU in the window). */
export function cpuSecondsBetween(from: CpuReading, to: CpuReading, pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (to.processes.get(pid)?.seconds ?? 0) - (from.processes.get(pid)?.seconds ?? 0), 0);
}

/** Cores a group of processes used between two readings. */
export interface CoresPart {
  label: string;
  cores: number;
}

/**
 * The machine's CPU between two readings: as text, in cores, busy in all, then
 * each group of processes, PostgreSQL, Redis and NATS, and the rest; the same
 * figures as `parts` (cores each); and the share of the machine that was
 * busy (0 to 1).
 */
export function coresUsed(from: CpuReading, to: CpuReading, groups: { label: string; pids: number[] }[]): { text: string; busy: number; parts: CoresPart[]; seconds: number } {
  const elapsed = (to.machine.total - from.machine.total) / os.cpus().length;
  if (!(elapsed > 0)) return { text: 'unknown (no /proc)', busy: NaN, parts: [], seconds: NaN };
  const counted = new Set<number>();
  const parts: CoresPart[] = groups.map(({ label, pids }) => {
    for (const pid of pids) counted.add(pid);
    return { label, cores: cpuSecondsBetween(from, to, pids) / elapsed };
  });
  for (const [label, comm] of [['PostgreSQL', 'postgres'], ['Redis', 'redis-server'], ['NATS', 'nats-server']] as const) {
    // A server whose parent process reaps its children (REAPS_CHILDREN) counts those alive at either reading: one
    // that ended meanwhile takes back what it used before the window from its parent's reaped total, which holds
    // all it used. Elsewhere an ended process's CPU is not known, so only those alive at the end count.
    const candidates = REAPS_CHILDREN.has(comm) ? [...from.processes, ...to.processes] : [...to.processes];
    const pids = [...new Set(candidates.filter(([pid, proc]) => proc.comm === comm && !counted.has(pid)).map(([pid]) => pid))];
    for (const pid of pids) counted.add(pid);
    const seconds = cpuSecondsBetween(from, to, pids);
    if (seconds > 0) parts.push({ label, cores: seconds / elapsed });
  }
  const busy = to.machine.busy - from.machine.busy;
  const known = cpuSecondsBetween(from, to, [...counted]);
  parts.push({ label: 'everything else', cores: Math.max(0, busy - known) / elapsed });
  const text = `${fmt(busy / elapsed, 2)} of ${os.cpus().length} cores busy: ${parts.map((part) => `${part.label} ${fmt(part.cores, 2)}`).join(', ')}`;
  return { text, busy: busy / elapsed / os.cpus().length, parts, seconds: elapsed };
}

/** CPU microseconds per item between two readings, as text. */
export function cpuPerItem(before: CpuTimes, after: CpuTimes, items: number): string {
  const us = (seconds: number): string => fmt((seconds * 1e6) / Math.max(1, items));
  return `${us(after.process - before.process)} µs in this process (main thread ${us(after.mainThread - before.mainThread)}), ${us(after.postgres - before.postgres)} µs in PostgreSQL`;
}

/** Where the run is, on stderr, so that a long run is not silent. */
export function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * The services as production runs them: compiled by tsc (`npm run
 * build:services`, incremental: a few seconds when nothing changed), and
 * the node options that make a process resolve the workspaces to that code
 * (`--conditions=compiled`, as the image's command). Through tsx instead,
 * every named function expression is wrapped by esbuild's `keepNames` in an
 * `Object.defineProperty` that turns the function into a dictionary-mode
 * object, which the compiled code never pays: through tsx the gateway held
 * 34.9 kB per idle subscriber with a subscription of its own, compiled 29.6 kB.
 */
export async function compiledServices(): Promise<string[]> {
  progress('compiling the services as production runs them (npm run build:services)');
  await promisify(execFile)('npm', ['run', '--silent', 'build:services'], { cwd: new URL('..', import.meta.url) });
  return ['--conditions=compiled'];
}

/**
 * Runs `bench/<script>` in a child process under tsx (with `nodeOptions` too), with IPC, its stderr and stdout going to ours;
 * the child ends when this process does (exit-with-parent.ts). Its young generation is as large as the benchmarks'
 * own (`--max-semi-space-size=64`, package.json): a load generator holds what it sent until it is acknowledged or
 * received, which the default promoted to the old generation, whose collections then held back every plugin of
 * the process at once (bench:ingest's 10,000, 0.1-0.4 s of marking, the worst second of a run).
 * With `nice`, the child runs at that lower priority, under `nice -n` (Linux sets a
 * priority per thread: set from outside after the start, it would miss the threads
 * node had started already).
 */
export function forkChild(script: string, args: string[], nodeOptions: string[] = [], { nice }: { nice?: number } = {}): ChildProcess {
  const execArgv = ['--max-semi-space-size=64', '--import', 'tsx', '--import', new URL('./exit-with-parent.ts', import.meta.url).href, ...nodeOptions];
  const niced = nice ? { execPath: 'nice', execArgv: ['-n', String(nice), process.execPath, ...execArgv] } : { execArgv };
  return fork(new URL(`./${script}`, import.meta.url), args, { ...niced, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** The first message of `child` that `accept` takes; rejects if the child exits first. */
export function messageFrom<T>(child: ChildProcess, accept: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (!accept(message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void => reject(new Error(`a load process exited (code ${code}) before answering`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Writes `table` as the section `## bench:<name>` of bench/RESULTS.md, with
 * the machine line, the date and the command: one table per benchmark, this
 * run's replacing the last (earlier runs are in git history).
 */
export async function writeResults(name: string, machine: string, table: string): Promise<void> {
  const file = new URL('./RESULTS.md', import.meta.url);
  const date = new Date().toISOString().slice(0, 10);
  const args = process.argv.slice(2);
  const section = `## bench:${name}\n\n${machine}; ${date}; \`npm run bench:${name}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\`.\n\n${table}\n`;
  const heading = new RegExp(`## bench:${name}\\n[\\s\\S]*?(?=\\n## |$)`);
  let results = await readFile(file, 'utf8').catch(() => '# Benchmark results\n\nThe latest run of each benchmark, replaced by the next; earlier runs are in git history.\n');
  results = heading.test(results) ? results.replace(heading, section) : `${results.trimEnd()}\n\n${section}`;
  await writeFile(file, results);
}

/** What a bench process running `services` calls its connections: its database pool, its pubsub (Redis `<name>:sub`, `<name>:pub`). */
export function benchProcessName(services: readonly string[]): string {
  return `lifestone-bench-${services.join('-')}`;
}
