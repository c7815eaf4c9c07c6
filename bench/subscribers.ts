/**
 * The subscriber side of `npm run bench:graph`, run as child processes (the
 * subscribers spread over several, as so many viewers' machines would be) so
 * that receiving does not share an event loop with the gateway: `--positions`
 * and `--events` graphql-ws clients of the gateway, one socket each,
 * authenticated with `--token`.
 *
 * - `positions` subscribers measure, per position in a batch, received minus
 *   the frame's `timestamp` (its send time, whole ms), and per batch,
 *   received minus the tick's `time`.
 * - `events(types: [TELEMETRY, VITALS, CHAT])` subscribers measure, per
 *   event, received minus `raw.extra.bench_sent_at`.
 *
 * It tells the parent `{ ready }` once every socket is acknowledged, measures
 * its own CPU and event-loop delay from `{ window: 'start' }`, and
 * answers `{ from, to }` (ms, the shared clock) with a {@link SubscribersReport}
 * of what was received in that window, once nothing arrived for a while (so
 * that a backlog still on its way counts as late, not lost), then closes its
 * clients.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { LatencySamples, now } from './common.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    positions: { type: 'string', default: '50' },
    events: { type: 'string', default: '50' },
  },
});

const POSITIONS_SUBSCRIPTION = 'subscription { positions { time positions { character time position { ew ns } } } }';
const EVENTS_SUBSCRIPTION = 'subscription { events(types: [TELEMETRY, VITALS, CHAT]) { type character raw } }';

/** What one kind of subscriber received in this process; the parent merges the processes' reports. */
export interface FeedReport {
  subscribers: number;
  /** Messages (batches or events) all of them received in the window. */
  messages: number;
  /** Latencies (ms) of what was sent in the window (frames; for batches, ticks), however late it arrived. */
  latencies: number[];
}

export interface SubscribersReport {
  positions: FeedReport & { positionsReceived: number; batchesReceived: number; tickLatencies: number[] };
  events: FeedReport & {
    /** Events each subscriber received over the whole run (to compare with the frames sent). */
    perSubscriber: number[];
    /** Latencies (ms) of the events sent while the fleet settled, before the window: the login ramp's backlog, if any. */
    settleLatencies: number[];
  };
  /** This process while measured (from `{ window: 'start' }` to the report): receiving is load on the machine too. */
  process: { cpu: number; loopDelayP50: number; loopDelayP99: number };
  /** Subscriptions that errored or ended early, with the first reason. */
  failures: number;
  firstFailure?: string;
}

interface PositionsResult {
  positions?: { time: string; positions: { character: string; time: string }[] };
}
interface EventsResult {
  events?: { raw: { extra?: { bench_sent_at?: unknown } } };
}

const positionLatency = new LatencySamples();
const batches = new LatencySamples();
const eventLatency = new LatencySamples();
const eventsBySubscriber: number[] = [];
let positionsReceived = 0;
let failures = 0;
let firstFailure: string | undefined;

function fail(reason: unknown): void {
  failures++;
  firstFailure ??= reason instanceof Error ? reason.message : JSON.stringify(reason);
}

const clients: Client[] = [];
let lastReceived = 0;
/** How long nothing must arrive before the report, and how long to wait for that at most. */
const QUIET_MS = 3_000;
const MAX_WAIT_MS = 30_000;

function connect(): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: values.url as string,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${values.token as string}` },
      on: {
        connected: () => resolve(client),
        closed: (event) => reject(new Error(`closed before connecting: ${JSON.stringify(event)}`)),
        error: reject,
      },
    });
    clients.push(client);
  });
}

function subscribePositions(client: Client): void {
  client.subscribe<PositionsResult['positions']>(
    { query: POSITIONS_SUBSCRIPTION },
    {
      next: (result) => {
        const at = (lastReceived = now());
        const batch = (result.data as PositionsResult | undefined)?.positions;
        if (!batch) return fail(result.errors ?? result);
        batches.add(at, at - Date.parse(batch.time));
        positionsReceived += batch.positions.length;
        for (const position of batch.positions) positionLatency.add(at, at - Date.parse(position.time));
      },
      error: fail,
      complete: () => fail('a positions subscription completed'),
    },
  );
}

function subscribeEvents(client: Client, index: number): void {
  eventsBySubscriber[index] = 0;
  client.subscribe(
    { query: EVENTS_SUBSCRIPTION },
    {
      next: (result) => {
        const at = (lastReceived = now());
        const sentAt = (result.data as EventsResult | undefined)?.events?.raw.extra?.bench_sent_at;
        if (typeof sentAt !== 'number') return fail(result.errors ?? result);
        eventsBySubscriber[index] = (eventsBySubscriber[index] as number) + 1;
        eventLatency.add(at, at - sentAt);
      },
      error: fail,
      complete: () => fail('an events subscription completed'),
    },
  );
}

const positionSubscribers = Number(values.positions);
const eventSubscribers = Number(values.events);
const connected = await Promise.all(Array.from({ length: positionSubscribers + eventSubscribers }, connect));
connected.forEach((client, i) => (i < positionSubscribers ? subscribePositions(client) : subscribeEvents(client, i - positionSubscribers)));
process.send?.({ ready: true });

async function quiet(): Promise<void> {
  const deadline = now() + MAX_WAIT_MS;
  while (now() - lastReceived < QUIET_MS && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let cpuAtStart = process.cpuUsage();
let startedAt = now();
let processFigures: SubscribersReport['process'] = { cpu: NaN, loopDelayP50: NaN, loopDelayP99: NaN };

process.on('message', (message: { window: 'start' } | { from: number; to: number; settleFrom: number }) => {
  if ('window' in message) {
    cpuAtStart = process.cpuUsage();
    startedAt = now();
    loopDelay.enable();
    return;
  }
  // This process's figures stop where the measured window does, before the wait for stragglers.
  const usage = process.cpuUsage(cpuAtStart);
  loopDelay.disable();
  processFigures = { cpu: (usage.user + usage.system) / 1000 / (now() - startedAt), loopDelayP50: loopDelay.percentile(50) / 1e6, loopDelayP99: loopDelay.percentile(99) / 1e6 };
  void quiet().then(() => report(message));
});

function report({ from, to, settleFrom }: { from: number; to: number; settleFrom: number }): void {
  const answer: SubscribersReport = {
    positions: {
      subscribers: positionSubscribers,
      messages: batches.receivedBetween(from, to),
      latencies: positionLatency.latenciesSentBetween(from, to),
      positionsReceived,
      batchesReceived: batches.count,
      tickLatencies: batches.latenciesSentBetween(from, to),
    },
    events: {
      subscribers: eventSubscribers,
      messages: eventLatency.receivedBetween(from, to),
      latencies: eventLatency.latenciesSentBetween(from, to),
      perSubscriber: eventsBySubscriber,
      settleLatencies: eventLatency.latenciesSentBetween(settleFrom, from),
    },
    process: processFigures,
    failures,
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
  void Promise.all(clients.map((client) => client.dispose())).then(() => process.send?.(answer, () => process.disconnect?.()));
}
