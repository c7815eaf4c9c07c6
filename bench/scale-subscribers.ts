/**
 * The subscriber side of `npm run bench:scale`, run as child processes: many
 * graphql-ws clients of one gateway on raw WebSockets (the graphql-ws
 * protocol is four message types), so that a thousand of them cost the load
 * generator little. Each is given its subscription in a {@link SubscriberPlan};
 * every message is counted, and only the `sample`d subscribers parse theirs
 * to measure latency (a position's `time` is its frame's send time; an
 * event's `raw.extra.bench_sent_at` likewise) and to keep the last position
 * of each character. Idle subscribers only connect and subscribe.
 *
 * IPC: the parent sends the plans; the process answers `{ ready }` once every
 * connection is acknowledged and its subscription sent. Latencies count from
 * `{ window: 'start' }`, and what arrives between it and `{ window: 'end' }` is
 * counted apart (the deliveries of the measured window). On `{ report: true,
 * expected }` (the events each `events` subscriber should get, in plan order)
 * it waits for the rest (until every `events` subscriber has its count and
 * nothing arrived for a second, or nothing at all for {@link QUIET_MS}, or
 * {@link MAX_WAIT_MS}) and answers a {@link ScaleSubscribersReport};
 * `{ close: true }` ends it.
 */
import WebSocket from 'ws';
import { now } from './common.js';

export interface SubscriberPlan {
  /** What this subscriber is, for the report (`positions`, `region`, `events`, `idle`). */
  group: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Parse every message: latencies, last positions. */
  sample: boolean;
}

export interface SubscriberSetup {
  url: string;
  token: string;
  plans: SubscriberPlan[];
}

export interface GroupReport {
  subscribers: number;
  /** Messages each subscriber received, in plan order. */
  messages: number[];
  /** Times each subscriber's feed was ended with LIVE_FEED_INTERRUPTED or SUBSCRIBER_TOO_SLOW (and subscribed again), in plan order. */
  interrupted: number[];
  /** Positions or events the sampled subscribers received, with their latencies (ms). */
  latencies: number[];
  /** The events' latencies again, by the event's `type` (`TELEMETRY`, `CHAT`...): some are published as ingest accepts them, the rest once stored. */
  latenciesByType: Record<string, number[]>;
  /** Per sampled positions subscriber, each character's last position received (`ew ns`). */
  lastPositions: Record<string, string>[];
  /** Bytes received by all subscribers of the group. */
  bytes: number;
  /** Messages all subscribers of the group received in the measured window. */
  windowMessages: number;
  /** Of those, the sampled subscribers' messages, and the positions or events in them. */
  windowSampledMessages: number;
  windowSampledItems: number;
}

export interface ScaleSubscribersReport {
  groups: Record<string, GroupReport>;
  failures: number;
  firstFailure?: string;
  /** The wait for the rest ended at {@link MAX_WAIT_MS} with `events` subscribers short of their count. */
  gaveUp: boolean;
}

/** What the parent asks for the report with: the events each `events` subscriber of this process should get, in plan order. */
export interface ReportRequest {
  report: true;
  expected: number[];
}

/** Codes that end a feed with a gap its subscriber is told of, as the dashboard's `useSubscription` reads them. */
const RESUBSCRIBE_CODES = ['LIVE_FEED_INTERRUPTED', 'SUBSCRIBER_TOO_SLOW'];
/** How long a subscriber whose feed was interrupted waits before it subscribes again (the dashboard's first backoff is 0.25-0.5 s). */
const RESUBSCRIBE_MS = 500;
/** How the gateway closes a connection that answered a ping too late (1013 Try Again Later): the client connects again. */
const RECONNECT_CLOSE = 1013;
/** Nothing arrived for this long and `events` subscribers are short: what is missing is lost. */
const QUIET_MS = 10_000;
/** Every `events` subscriber has its count: this long without a message and the positions have settled too. */
const SETTLED_MS = 1_000;
/** Longest wait for the rest after the fleet stopped: a backlog still arriving is late, not lost. */
const MAX_WAIT_MS = 300_000;

const groups: Record<string, GroupReport> = {};
let failures = 0;
let firstFailure: string | undefined;
let lastReceived = 0;
const sockets: WebSocket[] = [];

function fail(reason: string): void {
  failures++;
  firstFailure ??= reason;
}

interface NextMessage {
  type: string;
  payload?: { data?: Record<string, unknown>; errors?: unknown };
}

/** One subscriber: resolves once the gateway acknowledged the connection and the subscription is sent. */
function subscribe(url: string, token: string, plan: SubscriberPlan, index: number): Promise<void> {
  const group = (groups[plan.group] ??= { subscribers: 0, messages: [], interrupted: [], latencies: [], latenciesByType: {}, lastPositions: [], bytes: 0, windowMessages: 0, windowSampledMessages: 0, windowSampledItems: 0 });
  const slot = group.subscribers++;
  group.messages[slot] = 0;
  group.interrupted[slot] = 0;
  /** The operation's id: a new one for each subscription after an interruption. */
  let operation = 1;
  let interrupted = false;
  const subscribeNow = (socket: WebSocket): void => {
    socket.send(JSON.stringify({ id: String(operation), type: 'subscribe', payload: { query: plan.query, variables: plan.variables ?? {} } }));
  };
  const last: Record<string, string> | undefined = plan.sample && plan.group !== 'events' && plan.group !== 'idle' ? {} : undefined;
  if (last) group.lastPositions.push(last);
  return new Promise((resolve, reject) => {
    let acknowledged = false;
    const connect = (): void => {
      // The load generator shares the machine with what it measures: it counts messages and checks no UTF-8.
      const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false, skipUTF8Validation: true });
      sockets.push(socket);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
      socket.once('error', (error) => {
        if (!acknowledged) reject(error);
      });
      socket.once('close', (code, reason) => {
        if (stopping) return;
        // As the dashboard does: a connection closed for answering a ping too late (1013, the gateway's keep-alive) is
        // opened again and its feed subscribed again; what it lacks is counted as told, not lost.
        if (code === RECONNECT_CLOSE && acknowledged) {
          group.interrupted[slot]!++;
          interrupted = false;
          operation++;
          setTimeout(connect, RESUBSCRIBE_MS);
          return;
        }
        reject(new Error(`closed before it was acknowledged: ${code} ${String(reason)}`));
        fail(`subscriber ${index} (${plan.group}) closed: ${code} ${String(reason)}`);
      });
      socket.on('message', (data: Buffer) => {
        const at = (lastReceived = now());
        group.bytes += data.length;
        // Most messages are `next` with data: only the sampled subscribers and the other messages are parsed.
        const head = data.subarray(0, 48).toString('latin1');
        if (head.includes('"next"') && head.includes('"payload":{"data"') && !plan.sample) {
          group.messages[slot]!++;
          if (inWindow) group.windowMessages++;
          return;
        }
        const message = JSON.parse(data.toString('utf8')) as NextMessage;
        if (message.type === 'connection_ack') {
          subscribeNow(socket);
          acknowledged = true;
          resolve();
        } else if (message.type === 'ping') socket.send('{"type":"pong"}');
        else if (message.type === 'next' && message.payload?.errors) {
          // As the dashboard does: a feed ended with a code that tells of a gap (the pubsub lost values, or this
          // subscriber fell too far behind) is subscribed again, and the dashboard reads what it missed from storage;
          // its shortfall is counted as told, not lost.
          const errors = JSON.stringify(message.payload.errors);
          if (RESUBSCRIBE_CODES.some((code) => errors.includes(`"${code}"`))) interrupted = true;
          else fail(errors.slice(0, 300));
        } else if (message.type === 'next') {
          group.messages[slot]!++;
          if (inWindow) group.windowMessages++;
          measure(plan, group, message.payload?.data ?? {}, at, last);
        } else if (message.type === 'complete' && interrupted) {
          interrupted = false;
          group.interrupted[slot]!++;
          operation++;
          setTimeout(() => subscribeNow(socket), RESUBSCRIBE_MS);
        } else if (message.type === 'error' || message.type === 'complete') fail(`subscriber ${index} (${plan.group}): ${data.toString('utf8').slice(0, 300)}`);
      });
    };
    connect();
  });
}

/** Latencies are recorded from `{ window: 'start' }` on (once the fleet is logged in), however late they arrive. */
let measuring = false;
/** Between `{ window: 'start' }` and `{ window: 'end' }`: deliveries are counted for the window. */
let inWindow = false;

function measure(plan: SubscriberPlan, group: GroupReport, data: Record<string, unknown>, at: number, last: Record<string, string> | undefined): void {
  if (inWindow) group.windowSampledMessages++;
  if (plan.group === 'events') {
    const event = data.events as { type?: string; raw?: { extra?: { bench_sent_at?: unknown } } } | undefined;
    const sentAt = event?.raw?.extra?.bench_sent_at;
    if (measuring && typeof sentAt === 'number') {
      group.latencies.push(at - sentAt);
      (group.latenciesByType[event?.type ?? '?'] ??= []).push(at - sentAt);
    }
    if (inWindow) group.windowSampledItems++;
    return;
  }
  const batch = data.positions as { positions: { character: string; time: string; position: { ew: number; ns: number } }[] } | undefined;
  if (inWindow) group.windowSampledItems += batch?.positions.length ?? 0;
  for (const { character, time, position } of batch?.positions ?? []) {
    if (measuring) group.latencies.push(at - Date.parse(time));
    if (last) last[character] = `${position.ew} ${position.ns}`;
  }
}

let stopping = false;

/**
 * Waits for the rest: until every `events` subscriber has `expected` (its
 * characters' frames) and nothing arrived for {@link SETTLED_MS}, or nothing
 * arrived for {@link QUIET_MS}, or {@link MAX_WAIT_MS}. True when it gave up
 * at the last with events still short (a backlog still arriving).
 */
async function quiet(expected: number[]): Promise<boolean> {
  const deadline = now() + MAX_WAIT_MS;
  const received = groups.events?.messages ?? [];
  const short = (): boolean => expected.some((count, slot) => (received[slot] ?? 0) < count);
  for (;;) {
    const silent = now() - lastReceived;
    if (silent >= QUIET_MS || (silent >= SETTLED_MS && !short())) return false;
    if (now() >= deadline) return short();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

process.on('message', (message: SubscriberSetup | { window: 'start' | 'end' } | ReportRequest | { close: true }) => {
  void (async () => {
    if ('window' in message) {
      measuring = true;
      inWindow = message.window === 'start';
    }
    else if ('plans' in message) {
      // A few hundred at a time, as so many viewers would arrive.
      for (let i = 0; i < message.plans.length; i += 200) {
        await Promise.all(message.plans.slice(i, i + 200).map((plan, j) => subscribe(message.url, message.token, plan, i + j)));
      }
      process.send?.({ ready: true });
    } else if ('report' in message) {
      const gaveUp = await quiet(message.expected);
      process.send?.({ groups, failures, gaveUp, ...(firstFailure === undefined ? {} : { firstFailure }) } satisfies ScaleSubscribersReport);
    } else {
      stopping = true;
      for (const socket of sockets) socket.terminate();
      process.send?.({ closed: true }, () => process.disconnect?.());
    }
  })().catch((error: unknown) => {
    fail(error instanceof Error ? error.message : String(error));
    process.send?.({ ready: false, error: firstFailure });
  });
});
process.on('disconnect', () => process.exit(0));
