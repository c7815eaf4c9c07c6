/**
 * `npm run bench:ingest`: ingest against a real PostgreSQL (DATABASE_URL, or
 * the embedded one), simulated plugins in a child process over real
 * WebSockets. Prints, for the same machine in the same run:
 *
 * 1. full speed: sustained events/s and frame-sent-to-row-committed p50/p99,
 *    then the raw COPY rows/s of the very same rows straight into PostgreSQL
 *    (the ceiling) and the ratio of the two (target: at least 0.5);
 * 2. a fleet at the protocol's rates (default 10,000 connections, 60 s):
 *    events/s, p50/p99 frame-to-commit (target p99 under 250 ms) and the
 *    count of frames sent, accepted and committed (target: nothing lost).
 *
 * Each phase runs once per plugin protocol, 1 then 2 (acks and resume, the
 * reference client, lib/protocol/client.ts), printed side by side; protocol 2
 * adds the time from a frame sent to its ack received.
 *
 * Ingest runs in this process compiled, as production runs it: the npm
 * script builds the services first and starts node with
 * `--conditions=compiled`, so that `@lifestone/ingest` (and the rows the
 * COPY ceiling writes, `@lifestone/ingest/rows`) resolve to their `dist`.
 * The plugins' process runs through tsx.
 *
 * The table goes to bench/RESULTS.md (`writeResults`).
 *
 * Options: --connections N (fleet size), --seconds S (fleet duration),
 * --login-seconds S (the fleet's login ramp), --full-seconds S, --full-connections N,
 * --only full|fleet, --protocols 1,2 (which to run), --nice N (the plugin
 * load process's priority; 0, the default, runs it as ingest runs: with 10 it
 * takes what ingest and PostgreSQL leave, as bench:scale's generators do).
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPool, runMaintenance } from '@lifestone/lib/db';
import { createLogger } from '@lifestone/lib/log';
import { createMemoryPubSub } from '@lifestone/lib/pubsub/memory';
import { ingestSettingsFromEnv, startIngest, type AcceptedEvent } from '@lifestone/ingest';
import { appendRow, appendTableOf, copyLines, copyRows, FormattedFrame, Json, type IngestMetrics } from '@lifestone/ingest/rows';
import { reviveFrame, type Frame } from '@lifestone/lib/protocol';
import { frameJsonOf } from '@lifestone/lib/published';
import { checkpoint, coresUsed, cpuPerItem, cpuReading, cpuTimes, database, fmt, forkChild, freshDatabase, measureMachine, now, p99BySecond, progress, sentAtOf, summarize, writeResults, type CpuReading } from './common.js';
import { STATEMENT_STATS_SETTINGS, startStatementTimes, statementsLine, type StatementTimes } from './statements.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    'full-connections': { type: 'string', default: '100' },
    'full-seconds': { type: 'string', default: '20' },
    only: { type: 'string' },
    'login-seconds': { type: 'string', default: '120' },
    protocols: { type: 'string', default: '1,2' },
    nice: { type: 'string', default: '0' },
  },
});
const protocols = (values.protocols as string).split(',').map(Number) as Protocol[];
if (protocols.length === 0 || protocols.some((protocol) => protocol !== 1 && protocol !== 2)) throw new Error(`--protocols takes 1, 2 or 1,2; got ${values.protocols}`);
type Protocol = 1 | 2;
/** The plugin load process's nice value (see --nice). */
const NICE = Number(values.nice);

const SECRET = randomBytes(12).toString('hex');
const CEILING_SAMPLE = 300_000;
const BATCH = 5000;
const SETTLE_MS = 5_000;
/**
 * The writer's queue counts as drained below this many events per character:
 * what the fleet sends in about 250 ms (the latency target) at its ~0.95
 * frames per character-second, batches in flight included.
 */
const DRAINED_PER_CHARACTER = 0.25;

/**
 * Committed events' payloads and receive times for the COPY ceiling, kept
 * outside the JavaScript heap: ingest runs in this process, and 300,000
 * events held as objects made its garbage collection pay for the
 * benchmark's sample (a fifth of the main thread at full speed).
 */
class Sample {
  private static readonly CHUNK = 32 * 1024 * 1024;
  private readonly chunks: Buffer[] = [];
  private used = Sample.CHUNK;
  private readonly chunkOf = new Int32Array(CEILING_SAMPLE);
  private readonly start = new Int32Array(CEILING_SAMPLE);
  private readonly end = new Int32Array(CEILING_SAMPLE);
  private readonly receivedAt = new Float64Array(CEILING_SAMPLE);
  length = 0;

  add(event: AcceptedEvent): void {
    const bytes = Buffer.byteLength(event.payload);
    if (this.used + bytes > Sample.CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(Sample.CHUNK, bytes)));
      this.used = 0;
    }
    const i = this.length++;
    this.chunkOf[i] = this.chunks.length - 1;
    this.start[i] = this.used;
    this.used += (this.chunks.at(-1) as Buffer).write(event.payload, this.used);
    this.end[i] = this.used;
    this.receivedAt[i] = event.receivedAt.getTime();
  }

  /** The sampled events, each with its payload and receive time. */
  *events(): Generator<{ payload: string; receivedAt: Date }> {
    for (let i = 0; i < this.length; i++) {
      yield { payload: (this.chunks[this.chunkOf[i] as number] as Buffer).toString('utf8', this.start[i], this.end[i]), receivedAt: new Date(this.receivedAt[i] as number) };
    }
  }
}

/** Latencies of committed events, and a sample of them for the COPY ceiling. */
class Recorder {
  latencies: number[] = [];
  /** When each of `latencies` was committed (`now()`), in the same order. */
  committedAt: number[] = [];
  /** For each of `latencies`, the part from the frame's sending to ingest's reading it. */
  readLags: number[] = [];
  committed = 0;
  telemetryCommitted = 0;
  firstCommit = 0;
  lastCommit = 0;
  readonly sample = new Sample();
  keepSample = false;

  /** `perSecond`: keep what `bySecond` needs (the fleet's steady state; not the full-speed phase, whose million events it would only hold). */
  constructor(private readonly perSecond = true) {}

  onCommitted = (events: readonly AcceptedEvent[]): void => {
    const at = now();
    if (this.committed === 0) this.firstCommit = at;
    this.lastCommit = at;
    this.committed += events.length;
    for (const event of events) {
      if (event.type === 'telemetry') this.telemetryCommitted++;
      const sentAt = sentAtOf(event.payload);
      if (sentAt !== undefined) {
        this.latencies.push(at - sentAt);
        if (this.perSecond) {
          this.committedAt.push(at);
          this.readLags.push(event.receivedAt.getTime() - sentAt);
        }
      }
      if (this.keepSample && this.sample.length < CEILING_SAMPLE) this.sample.add(event);
    }
  };

  summary(from = 0): { p50: number; p99: number; max: number } {
    return summarize(this.latencies.slice(from));
  }

  /** The p99 of each second of commits from `from` on (see p99BySecond), with the p99 of the same frames' read lag. */
  bySecond(from = 0): Array<{ second: number; p99: number; readP99: number }> {
    const at = this.committedAt.slice(from);
    const reads = new Map(p99BySecond(at, this.readLags.slice(from)).map(({ second, p99 }) => [second, p99]));
    return p99BySecond(at, this.latencies.slice(from)).map(({ second, p99 }) => ({ second, p99, readP99: reads.get(second) ?? Number.NaN }));
  }
}

/**
 * The worst seconds of a steady state and how many went over the target: the
 * shape of its tail; with, for each worst second, how long its frames took
 * to be read by ingest (p99): a spike in that part is the sockets' or the
 * load's, the rest the decoding's and the writer's.
 */
function secondsLine(seconds: ReadonlyArray<{ second: number; p99: number; readP99: number }>): string {
  if (seconds.length === 0) return 'none';
  const worst = [...seconds].sort((a, b) => b.p99 - a.p99).slice(0, 3);
  const over = seconds.filter((second) => second.p99 >= 250).length;
  const median = summarize(seconds.map((second) => second.p99)).p50;
  const shown = worst.map((second) => `${fmt(second.p99, 1)} ms at +${second.second} s (read after ${fmt(second.readP99, 1)} ms)`);
  return `${over} of ${seconds.length} seconds over 250 ms; the worst: ${shown.join(', ')}; the median second ${fmt(median, 1)} ms`;
}

interface LoadReport { sent: number; byType: Record<string, number>; connectMs: number; refused: number; ack?: { p50: number; p99: number; max: number } }

/**
 * Runs the plugin load in a child process; `onConnected` fires once its
 * sockets are open. When it has sent everything, it closes its sockets only
 * once `recorder` counts every frame committed (or refused), or after two
 * minutes: then what is missing is lost.
 */
function runLoad(url: string, mode: 'full' | 'fleet', protocol: Protocol, connections: number, seconds: number, recorder: Recorder, on: { connected?: () => void; sent?: () => void } = {}): { pid: number; report: Promise<LoadReport> } {
  const child = forkChild('plugin-load.ts', [
    '--url', url, '--secret', SECRET, '--mode', mode, '--connections', String(connections), '--seconds', String(seconds),
    '--login-seconds', String(values['login-seconds']), '--protocol', String(protocol), '--close-when-told',
  ], [], { nice: NICE });
  const report = new Promise<LoadReport>((resolve, reject) => {
    child.on('message', (message: { phase: string; report?: LoadReport; sent?: number; refused?: number }) => {
      if (message.phase === 'connected') on.connected?.();
      if (message.phase === 'sent') {
        on.sent?.();
        const taken = (message.sent ?? 0) - (message.refused ?? 0);
        const deadline = now() + 120_000;
        const release = (): void => (recorder.committed >= taken || now() > deadline ? void child.send({ phase: 'close' }) : void setTimeout(release, 50));
        release();
      }
      if (message.phase === 'done' && message.report) resolve(message.report);
    });
    child.once('exit', (code) => reject(new Error(`plugin load exited (code ${code}) before reporting`)));
  });
  return { pid: child.pid as number, report };
}

/** Ingest over a fresh database, with the recorder on its commits. */
async function ingestOn(url: string, recorder: Recorder) {
  const pool = createPool(url, 'lifestone-bench-ingest', 12);
  const pubsub = createMemoryPubSub();
  // The writer's settings come from the environment, as in production; the limits are lifted for the load.
  const { writerLanes, batchMax, batchWaitMs, liveWriteMs, queueMax, decodeThreads, gatherMs } = ingestSettingsFromEnv();
  const ingest = await startIngest({
    pool, pubsub, log: createLogger('bench-ingest', 'error'), port: 0, pluginSecret: SECRET,
    rateLimit: 1_000_000, rateBurst: 1_000_000, byteRateLimit: 1e12, byteRateBurst: 1e12, onCommitted: recorder.onCommitted,
    writerLanes, batchMax, batchWaitMs, liveWriteMs, queueMax, decodeThreads, gatherMs,
  });
  return { ingest, close: async () => { await ingest.close(); await pubsub.close(); await pool.end(); } };
}

/**
 * COPY of the sampled rows straight into PostgreSQL, in batches of the
 * writer's size: rows per second. It encodes the rows itself, as it always
 * has, from the frames, read back before the clock starts: not the COPY
 * lines ingest's frame decoder made.
 */
async function copyCeiling(url: string, sample: Sample): Promise<{ rate: number; cpu: string }> {
  const events = [...sample.events()].map((event) => ({ receivedAt: event.receivedAt, frame: reviveFrame(JSON.parse(frameJsonOf(event.payload)) as Record<string, unknown>) as Frame }));
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await runMaintenance(pool);
  const client = await pool.connect();
  await client.query('CREATE TABLE bench_raw_frames (received_at timestamptz, frame jsonb)');
  const cpuBefore = cpuTimes();
  const started = now();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    await client.query('BEGIN');
    const lines = new Map<string, { columns: readonly string[]; text: string }>();
    const others: Array<[Date, Json]> = [];
    for (const { receivedAt, frame } of batch) {
      const table = appendTableOf(frame.type);
      if (!table) {
        others.push([receivedAt, new Json(frame)]);
        continue;
      }
      let into = lines.get(table.table);
      if (!into) lines.set(table.table, (into = { columns: table.columns, text: '' }));
      into.text += appendRow(frame, receivedAt, new FormattedFrame(frame));
    }
    for (const [table, { columns, text }] of lines) await copyLines(client, table, columns, text);
    await copyRows(client, 'bench_raw_frames', ['received_at', 'frame'], others);
    await client.query('COMMIT');
  }
  const seconds = (now() - started) / 1000;
  const cpu = cpuPerItem(cpuBefore, cpuTimes(), events.length);
  client.release();
  await pool.end();
  return { rate: events.length / seconds, cpu };
}

async function main(): Promise<void> {
  const { adminUrl, stop } = await database(STATEMENT_STATS_SETTINGS);
  const machine = await measureMachine(adminUrl);
  console.log(machine.atStart);

  const phases: Phase[] = [];
  const eachProtocol = async (phase: (adminUrl: string, protocol: Protocol) => Promise<Phase>): Promise<void> => {
    const runs: Phase[] = [];
    for (const protocol of protocols) runs.push(await phase(adminUrl, protocol));
    phases.push(sideBySide(runs));
  };
  if (values.only !== 'fleet') await eachProtocol(fullSpeedPhase);
  if (values.only !== 'full') await eachProtocol(fleetPhase);
  const header = `| figure | ${protocols.map((protocol) => `protocol ${protocol}`).join(' | ')} | target |`;
  const table = [header, `| --- | ${protocols.map(() => '---').join(' | ')} | --- |`, ...phases.flatMap((phase) => phase.rows).map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const machineLine = await machine.atEnd();
  console.log(`\n${machineLine}\n\n${table}\n\nverdict: ${phases.map((phase) => phase.verdict).join('; ')}`);
  await writeResults('ingest', machineLine, table);
  await stop();
}

/** A phase's rows of the results table (figure, what each protocol measured, target) and its verdict. */
interface Phase {
  rows: string[][];
  verdict: string;
}

/** Runs of one phase, one per protocol (rows alike but for what was measured), as one table: a column per protocol. */
function sideBySide(runs: Phase[]): Phase {
  const [first] = runs as [Phase];
  return {
    rows: first.rows.map((row, i) => {
      const targets = [...new Set(runs.map((run) => run.rows[i]?.at(-1) ?? ''))];
      return [row[0] as string, ...runs.map((run) => run.rows[i]?.[1] ?? ''), targets.join(' / ')];
    }),
    verdict: runs.map((run) => run.verdict).join('; '),
  };
}

/** Full speed, then the COPY ceiling of the same rows. */
async function fullSpeedPhase(adminUrl: string, protocol: Protocol): Promise<Phase> {
  const fullConnections = Number(values['full-connections']);
  const fullSeconds = Number(values['full-seconds']);
  const full = new Recorder(false);
  full.keepSample = true;
  const fullDb = await freshDatabase(adminUrl);
  const fullIngest = await ingestOn(fullDb.url, full);
  await checkpoint(adminUrl);
  progress(`full speed, protocol ${protocol}: ${fullConnections} connections for ${fullSeconds} s`);
  const cpuBefore = cpuTimes();
  const startReading = cpuReading();
  const load = runLoad(fullIngest.ingest.pluginUrl, 'full', protocol, fullConnections, fullSeconds, full);
  const fullReport = await load.report;
  progress('full speed: load done, flushing');
  await fullIngest.ingest.flush();
  const cores = coresUsed(startReading, cpuReading(), [{ label: 'ingest', pids: [process.pid] }, { label: NICE ? `the plugins (nice ${NICE})` : 'the plugins', pids: [load.pid] }]);
  const ingestCpu = cpuPerItem(cpuBefore, cpuTimes(), full.committed);
  await fullIngest.close();
  await fullDb.drop();
  progress('full speed: measuring the COPY ceiling');
  const fullRate = full.committed / ((full.lastCommit - full.firstCommit) / 1000);
  const fullLatency = full.summary();
  const ceilingDb = await freshDatabase(adminUrl);
  // Both start from clean pages: neither pays for the other's writes.
  await checkpoint(adminUrl);
  const { rate: ceiling, cpu: ceilingCpu } = await copyCeiling(ceilingDb.url, full.sample);
  await ceilingDb.drop();

  const ratio = fullRate / ceiling;
  const met = ratio >= 0.5;
  return {
    rows: [
      [`full speed, ${fmt(fullConnections)} plugins for ${fullSeconds} s: sent, committed, refused`, `${fmt(fullReport.sent)}, ${fmt(full.committed)}, ${fullReport.refused}`, ''],
      ['full speed: sustained events/s', fmt(fullRate), ''],
      ['full speed: frame sent to row committed (queues full)', `p50 ${fmt(fullLatency.p50, 1)} ms, p99 ${fmt(fullLatency.p99, 1)} ms`, ''],
      ['raw COPY of the same rows straight into PostgreSQL', `${fmt(ceiling)} rows/s (${fmt(full.sample.length)} rows, batches of ${BATCH})`, ''],
      ['ratio to the COPY ceiling', `**${fmt(ratio, 2)}**`, `at least 0.5 — ${met ? 'met' : 'MISSED'}`],
      ['CPU per event: ingest; per row: COPY', `${ingestCpu}; ${ceilingCpu}`, ''],
      ['full speed: frame sent to ack received', ackLine(fullReport), ''],
      ['where the cores went: full speed, from the first frame to the last committed', cores.text, ''],
    ],
    verdict: `protocol ${protocol} ratio ${met ? 'met' : 'MISSED'}`,
  };
}

/** Frame sent to ack received, as the plugins measured it (protocol 2 only). */
function ackLine(report: LoadReport): string {
  return report.ack ? `p50 ${fmt(report.ack.p50, 1)} ms, p99 ${fmt(report.ack.p99, 1)} ms (max ${fmt(report.ack.max, 1)} ms)` : '— (no acks)';
}

/** A fleet at the protocol's rates. */
async function fleetPhase(adminUrl: string, protocol: Protocol): Promise<Phase> {
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const fleet = new Recorder();
  const fleetDb = await freshDatabase(adminUrl);
  const fleetIngest = await ingestOn(fleetDb.url, fleet);
  // From clean pages, as the full-speed phase and the COPY ceiling start: the fleet does not pay for their writes.
  await checkpoint(adminUrl);
  // Steady state starts once every character has logged in (a full inventory each) and a few seconds passed.
  let measuredFrom = 0;
  let measuringSince = 0;
  let telemetryBefore = 0;
  progress(`fleet, protocol ${protocol}: opening ${connections} connections, logging them in over ${values['login-seconds']} s, then ${seconds} s at protocol rates`);
  // The machine's cores over the login ramp and over the steady state: with them saturated, every queue grows.
  const readings: { start: CpuReading; loggedIn?: CpuReading; steady?: CpuReading; sent?: CpuReading } = { start: cpuReading() };
  // Ingest's main thread serves the sockets and the writer's round trips to PostgreSQL: its event loop's delay is
  // what every statement of a batch waits for, on top of PostgreSQL's own time.
  const eventLoop = monitorEventLoopDelay({ resolution: 5 });
  const backlog: Backlog = { atLastLogin: 0, byLanes: new Map(), drainedAfterMs: Number.NaN, over: false, drainedBelow: Math.round(connections * DRAINED_PER_CHARACTER) };
  const batches: { steady?: BatchTotals; sent?: BatchTotals } = {};
  // PostgreSQL's statements over the steady state, counted from its start.
  const databaseName = new URL(fleetDb.url).pathname.slice(1);
  let statementTimes: Promise<(() => Promise<StatementTimes>) | undefined> | undefined;
  let statements: Promise<StatementTimes | undefined> | undefined;
  const load = runLoad(fleetIngest.ingest.pluginUrl, 'fleet', protocol, connections, seconds, fleet, {
    connected: () => {
      progress('fleet: all connected and logged in');
      readings.loggedIn = cpuReading();
      void watchBacklog(fleetIngest.ingest.metrics, backlog);
      setTimeout(() => {
        measuredFrom = fleet.latencies.length;
        measuringSince = now();
        telemetryBefore = fleet.telemetryCommitted;
        readings.steady = cpuReading();
        eventLoop.enable();
        void batchTotals(fleetIngest.ingest.metrics).then((totals) => (batches.steady = totals));
        statementTimes = startStatementTimes(adminUrl, databaseName);
      }, SETTLE_MS);
    },
    sent: () => {
      readings.sent = cpuReading();
      eventLoop.disable();
      void batchTotals(fleetIngest.ingest.metrics).then((totals) => (batches.sent = totals));
      statements = statementTimes?.then((read) => read?.());
    },
  });
  const fleetReport = await load.report;
  backlog.over = true;
  progress('fleet: load done, flushing');
  await fleetIngest.ingest.flush();
  const steadySeconds = (now() - measuringSince) / 1000;
  const steadyStatements = await statements?.catch((error: unknown) => progress(`statement times not read: ${(error as Error).message}`));
  const steadyEvents = fleet.latencies.length - measuredFrom;
  const steadyTelemetry = fleet.telemetryCommitted - telemetryBefore;
  const fleetLatency = fleet.summary(measuredFrom);
  const stored = await (async () => {
    const client = new pg.Client({ connectionString: fleetDb.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_events');
    await client.end();
    return rows[0]?.n ?? 0;
  })();
  // What live subscribers would have missed: messages the publisher dropped (its outbox full, or the pubsub refusing).
  const unpublished = (await fleetIngest.ingest.metrics.publishDropped.get()).values.reduce((sum, sample) => sum + sample.value, 0);
  await fleetIngest.close();
  await fleetDb.drop();
  const lost = fleetReport.sent - fleet.committed;

  const withLogins = fleet.summary();
  const groups = [{ label: 'ingest', pids: [process.pid] }, { label: `the ${fmt(connections)} plugins`, pids: [load.pid] }];
  const ramp = readings.loggedIn ? coresUsed(readings.start, readings.loggedIn, groups) : undefined;
  const steady = readings.steady && readings.sent ? coresUsed(readings.steady, readings.sent, groups) : undefined;
  const complete = lost === 0 && unpublished === 0 && stored === (fleetReport.byType.telemetry ?? 0);
  const fast = fleetLatency.p99 < 250;
  return {
    rows: [
      [
        `${fmt(connections)} plugins at the protocol's rates, logged in over ${values['login-seconds']} s, then ${seconds} s`,
        `${fmt(fleetReport.sent)} frames sent (telemetry ${fmt(fleetReport.byType.telemetry ?? 0)}), ${fmt(fleet.committed)} committed, ${fleetReport.refused} refused, ${fmt(lost)} lost, ${fmt(unpublished)} not published; ${fmt(stored)} telemetry rows; all open in ${fmt(fleetReport.connectMs / 1000, 1)} s`,
        `nothing lost — ${complete ? 'met' : 'MISSED'}`,
      ],
      ['steady state: committed', `${fmt(steadyEvents / steadySeconds)} events/s (${fmt(steadyTelemetry / steadySeconds)} telemetry/s)`, ''],
      [
        'steady state, frame sent to row committed',
        `p50 ${fmt(fleetLatency.p50, 1)} ms, **p99 ${fmt(fleetLatency.p99, 1)} ms** (max ${fmt(fleetLatency.max, 1)} ms); login ramp included: p50 ${fmt(withLogins.p50, 1)} ms, p99 ${fmt(withLogins.p99, 1)} ms`,
        `p99 under 250 ms — ${fast ? 'met' : 'MISSED'}`,
      ],
      ['steady state, p99 of each second of commits', secondsLine(fleet.bySecond(measuredFrom)), ''],
      [
        'the login ramp\'s backlog',
        `${fmt(backlog.atLastLogin)} events waiting to be written when the last character logged in (${laneLine(backlog.byLanes)}); `
          + (Number.isNaN(backlog.drainedAfterMs)
            ? `not under ${fmt(backlog.drainedBelow)} (about 250 ms of the fleet's frames) again before the load ended`
            : `under ${fmt(backlog.drainedBelow)} (about 250 ms of the fleet's frames) ${fmt(backlog.drainedAfterMs / 1000, 1)} s later`),
        '',
      ],
      [
        'ingest\'s event loop delay, steady state',
        `p50 ${fmt(eventLoop.percentile(50) / 1e6, 1)} ms, p99 ${fmt(eventLoop.percentile(99) / 1e6, 1)} ms, max ${fmt(eventLoop.max / 1e6, 1)} ms (each of a batch's statements waits for it)`,
        '',
      ],
      ['frame sent to ack received, login ramp included', ackLine(fleetReport), ''],
      ['acks sent, steady state', acksLine(batches.steady, batches.sent), ''],
      ['writer transactions, steady state', batchLine(batches.steady, batches.sent), ''],
      ['PostgreSQL\'s time by statement, steady state (pg_stat_statements; the slowest six)', statementsLine(steadyStatements ?? undefined), ''],
      ['where the cores went: login ramp', ramp?.text ?? 'unknown', ''],
      ['where the cores went: steady state', steady?.text ?? 'unknown', ''],
    ],
    verdict: `protocol ${protocol} fleet p99 ${fast ? 'met' : 'MISSED'}${!fast && steady && steady.busy >= 0.95 ? ` (the machine's cores were ${fmt(steady.busy * 100)}% busy in the steady state)` : ''}; nothing lost ${complete ? 'met' : 'MISSED'}`,
  };
}

/** The queue by lane group, as the writer's metric names them. */
function laneLine(byLanes: Map<string, number>): string {
  const names: Record<string, string> = { characters: 'characters\' lanes', inventories: 'inventories\' lanes', shared: 'shared rows\' lane' };
  return [...byLanes].map(([group, depth]) => `${names[group] ?? group} ${fmt(depth)}`).join(', ');
}

interface BatchTotals { count: number; seconds: number; events: number; acks: number; at: number }

/** The writer's batches so far: how many, their time to write and commit, their events; the acks sent. */
async function batchTotals(metrics: IngestMetrics): Promise<BatchTotals> {
  const value = async (histogram: IngestMetrics['writeLatency'], suffix: '_sum' | '_count'): Promise<number> =>
    (await histogram.get()).values.find((sample) => sample.metricName?.endsWith(suffix))?.value ?? 0;
  const acks = (await metrics.acksSent.get()).values.reduce((sum, sample) => sum + sample.value, 0);
  return { count: await value(metrics.writeLatency, '_count'), seconds: await value(metrics.writeLatency, '_sum'), events: await value(metrics.batchSize, '_sum'), acks, at: now() };
}

/** Protocol 2's acks in the steady state: how many a second, and per event committed (after each commit covering a stream, and once a second to a stream still waiting). */
function acksLine(from: BatchTotals | undefined, to: BatchTotals | undefined): string {
  if (!from || !to || to.acks === from.acks) return '—';
  const acks = to.acks - from.acks;
  return `${fmt(acks / ((to.at - from.at) / 1000))} a second, ${fmt(acks / Math.max(1, to.events - from.events), 2)} per event committed`;
}

function batchLine(from: BatchTotals | undefined, to: BatchTotals | undefined): string {
  if (!from || !to || to.count === from.count) return 'unknown';
  const count = to.count - from.count;
  return `${fmt(count)} committed over all lanes, each a mean ${fmt(((to.seconds - from.seconds) / count) * 1000, 1)} ms from BEGIN to COMMIT and ${fmt((to.events - from.events) / count)} events`;
}

/** The writer's queue at the last login (in all, and by lane group), and when it fell under `drainedBelow`. */
interface Backlog { atLastLogin: number; byLanes: Map<string, number>; drainedAfterMs: number; over: boolean; drainedBelow: number }

/** Records the writer's queue when the last character logged in, and how long it took to fall under `drainedBelow`. */
async function watchBacklog(metrics: IngestMetrics, backlog: Backlog): Promise<void> {
  const since = now();
  const depths = async (): Promise<Map<string, number>> =>
    new Map((await metrics.queueDepth.get()).values.map((sample) => [String(sample.labels.lanes), sample.value]));
  const total = (byLanes: Map<string, number>): number => [...byLanes.values()].reduce((sum, value) => sum + value, 0);
  const depth = async (): Promise<number> => total(await depths());
  backlog.byLanes = await depths();
  backlog.atLastLogin = total(backlog.byLanes);
  while (!backlog.over) {
    if ((await depth()) < backlog.drainedBelow) {
      backlog.drainedAfterMs = now() - since;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

await main();
