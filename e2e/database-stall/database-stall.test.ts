import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePartitions, migrate, retentionPolicies, createPool, startEmbeddedPostgres, type EmbeddedDatabase } from '@lifestone/lib/db';
import { adminQuery, connectionsLeft } from '@lifestone/test-kit/database';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import { processes } from '@lifestone/test-kit/processes';
import { topics, type PubSubMessage } from '@lifestone/lib/pubsub';

/**
 * The live feeds never wait for the disk: every PostgreSQL process of a
 * cluster of the test's own is stopped (SIGSTOP) for 4 s while a plugin
 * sends chat lines and vitals at a steady rate; a graphql-ws `events`
 * subscriber on the gateway gets each of them once, quickly, on the same
 * socket, and every one is stored once the database is continued (SIGCONT).
 * The stack shares this process with the test: a freeze that missed the
 * bound while this process's event loop stood still for 100 ms or more (the
 * machine's doing, not the database's) is measured again, at most twice,
 * and the failure message gives every freeze's figures.
 */

const FREEZE_MS = 4_000;
/** Events sent during the freeze, alternately a chat line and a vitals report, one every {@link SEND_EVERY_MS}. */
const SENT = 120;
const SEND_EVERY_MS = 28;
const P99_LIMIT_MS = 250;
/** An event-loop delay this long in a freeze that missed the bound is the machine's, not the database's: that freeze is measured again (twice at most). */
const STALLED_LOOP_MS = 100;
const character = 'Ser Stall';
/** A name that looks like {@link character} (capital I for small l): alerts about it name it among their look-alikes. */
const lookalike = 'Ser StaII';
/** The character of a subscription started during the stall. */
const latecomer = 'Ser Late';

const EVENTS = `subscription ($characters: [String!]) {
  events(types: [CHAT, VITALS], characters: $characters) {
    type
    payload { __typename ... on ChatPayload { text } ... on VitalsPayload { healthCurrent } }
  }
}`;

const ALERTS = `subscription ($characters: [String!]) {
  alerts(characters: $characters) { id character characterLookalikes }
}`;

interface AlertResult {
  alerts: { id: string; character: string; characterLookalikes: string[] };
}

/** An alert as ingest publishes it once stored: one committed just before the database stalled reaches subscribers during the stall. */
function vortexAlert(id: number): PubSubMessage {
  const time = new Date().toISOString();
  const alert = {
    id: String(id), type: 'VORTEX', character_name: character, occurred_at: time, created_at: time,
    ew: null, ns: null, z: null, landblock: null, detail: { text: 'You are caught in a Whirlwind of Vortexes!', channel: 'Local', sender: null },
  };
  return { topic: topics.alert, key: character, payload: JSON.stringify(alert) };
}

interface EventResult {
  events: { type: 'CHAT' | 'VITALS'; payload: { text?: string; healthCurrent?: number | null } };
}

/** Each event's id: `c<n>` for the chat line `stall <n>`, `v<n>` for the vitals with health 1000 + n. */
function idOf(result: EventResult): string {
  const { type, payload } = result.events;
  return type === 'CHAT' ? `c${String(payload.text).replace('stall ', '')}` : `v${Number(payload.healthCurrent) - 1000}`;
}

function frameOf(n: number): object {
  return n % 2 === 0
    ? { type: 'chat', character_name: character, channel: 'Trade', text: `stall ${n}` }
    : { type: 'vitals', character_name: character, health_pct: 50, stamina_pct: 50, mana_pct: 50, health_current: 1000 + n, health_max: 2000 };
}

const PROBE = 'c-1';
const idOfFrame = (n: number): string => (n % 2 === 0 ? `c${n}` : `v${n}`);

/** The postmaster's pid (the first line of `postmaster.pid`) and every process it started. */
async function clusterProcesses(clusterDir: string): Promise<number[]> {
  const postmaster = Number((await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const children = (await processes()).filter((entry) => entry.parent === postmaster).map((entry) => entry.pid);
  return [postmaster, ...children];
}

function signal(pids: readonly number[], name: 'SIGSTOP' | 'SIGCONT'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // A backend that ended on its own since it was listed.
    }
  }
}

let dataDir: string;
let server: EmbeddedDatabase;
let stack: TestStack;
let plugin: TestPlugin;
let frozen: number[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'lifestone-stall-pg-'));
  server = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
  await adminQuery(server.url, 'CREATE DATABASE lifestone_stall');
  const url = new URL(server.url);
  url.pathname = '/lifestone_stall';
  await migrate(url.toString());
  const pool = createPool(url.toString(), 'lifestone-stall-setup', 1);
  try {
    for (const policy of await retentionPolicies(pool)) if (policy.method === 'partitions') await ensurePartitions(pool, policy.table, new Date(), 1);
  } finally {
    await pool.end();
  }
  // The gateway checks its sockets' credentials every second and keeps a lookup for a second, so that the freeze
  // meets several re-checks, and a subscription started in it finds its caller's lookup expired.
  stack = await startTestStack({ database: { url: url.toString(), drop: async () => {} }, revalidateMs: 1_000, authCacheMs: 1_000 });
  plugin = await stack.connectPlugin();
}, 120_000);

afterAll(async () => {
  signal(frozen, 'SIGCONT');
  await stack?.close();
  // A closed stack holds no connection: one left would meet the server's shutdown with no one listening for its error.
  const left = server ? await connectionsLeft(server.url, 'lifestone_stall') : [];
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  expect(left, 'database connections still open after the stack closed, by application name').toEqual([]);
}, 60_000);

describe('a PostgreSQL stall', () => {
  it('changes nothing live: chat and vitals reach an events subscriber once, within 250 ms, and are all stored after', async () => {
    const { token } = await stack.createToken('viewer', 'stall watcher');
    const arrivals: Array<{ id: string; at: number }> = [];
    let ended: string | undefined;
    const client = stack.wsClient(token);
    const dispose = client.subscribe<EventResult>(
      { query: EVENTS, variables: { characters: [character] } },
      {
        next: (result) => {
          if (!result.data) {
            ended = `an error result: ${JSON.stringify(result.errors)}`;
            return;
          }
          const id = idOf(result.data);
          // Probes sent while the subscription went live may still be on their way later.
          if (id !== PROBE || arrivals.length === 0) arrivals.push({ id, at: performance.now() });
        },
        error: (error) => (ended = `the subscription failed: ${String(error instanceof Error ? error.message : JSON.stringify(error))}`),
        complete: () => (ended ??= 'the subscription completed'),
      },
    );
    const arrived = async (id: string, timeoutMs = 10_000): Promise<void> => {
      const until = performance.now() + timeoutMs;
      while (!arrivals.some((arrival) => arrival.id === id)) {
        if (ended) throw new Error(ended);
        if (performance.now() > until) throw new Error(`${id} never arrived; plugin got ${JSON.stringify(plugin.received.slice(-5))}; received ${arrivals.map((arrival) => arrival.id).join(' ')}`);
        await sleep(5);
      }
    };
    // Live all the way to the subgraph's pubsub handler: a probe sent now arrives.
    for (let probe = 0; !arrivals.some((arrival) => arrival.id === PROBE); probe++) {
      if (probe === 100) throw new Error(`the subscription never went live: ${ended ?? 'nothing arrived'}`);
      plugin.send({ type: 'chat', character_name: character, channel: 'Trade', text: 'stall -1' });
      await sleep(100);
    }
    // The look-alike is a character the database knows; an alert about Ser Stall names it.
    plugin.send({ type: 'vitals', character_name: lookalike, health_pct: 1, stamina_pct: 1, mana_pct: 1 });
    await stack.ingest.ingest.flush();
    arrivals.length = 0;

    const alerts = new Map<string, { at: number; lookalikes: string[] }>();
    const disposeAlerts = client.subscribe<AlertResult>(
      { query: ALERTS, variables: { characters: [character] } },
      {
        next: (result) => {
          if (result.data) alerts.set(result.data.alerts.id, { at: performance.now(), lookalikes: result.data.alerts.characterLookalikes });
          else ended = `an error result: ${JSON.stringify(result.errors)}`;
        },
        error: (error) => (ended = `the alerts subscription failed: ${String(error instanceof Error ? error.message : JSON.stringify(error))}`),
        complete: () => (ended ??= 'the alerts subscription completed'),
      },
    );
    for (let probe = 1; !alerts.has('1'); probe++) {
      if (probe === 100) throw new Error(`the alerts subscription never went live: ${ended ?? 'nothing arrived'}`);
      await stack.ingest.pubsub.publish(vortexAlert(1));
      await sleep(100);
    }
    expect(alerts.get('1')?.lookalikes).toEqual([lookalike]);

    /** One freeze: SENT events from `first` on, sent by `sender` while the database is stopped; what reached whom, and when. */
    const freeze = async (sender: TestPlugin, first: number, alertId: number) => {
      frozen = await clusterProcesses(path.join(dataDir, 'postgres'));
      expect(frozen.length).toBeGreaterThan(3);
      // The whole stack runs in this process: a tail that follows the machine shows in its event loop's delay.
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const stalledAt = performance.now();
      signal(frozen, 'SIGSTOP');
      const sentAt = new Map<string, number>();
      let alertSentAt = 0;
      // A subscription started on the same socket during the stall, its caller's lookup expired: it is authenticated
      // with the last good answer and goes live without waiting for the database.
      let late: Promise<number> | undefined;
      const subscribeLate = async (): Promise<number> => {
        const startedAt = performance.now();
        let live = false;
        const disposeLate = client.subscribe<EventResult>(
          { query: EVENTS, variables: { characters: [latecomer] } },
          { next: (result) => (live ||= Boolean(result.data)), error: () => {}, complete: () => {} },
        );
        while (!live && performance.now() - startedAt < 10_000) {
          sender.send({ type: 'chat', character_name: latecomer, channel: 'Trade', text: 'late' });
          await sleep(100);
        }
        disposeLate();
        return performance.now();
      };
      for (let i = 0; i < SENT; i++) {
        // A steady rate, held against the clock rather than a sum of sleeps that a loaded machine stretches.
        const due = stalledAt + 100 + i * SEND_EVERY_MS;
        if (due > performance.now()) await sleep(due - performance.now());
        sentAt.set(idOfFrame(first + i), performance.now());
        sender.send(frameOf(first + i));
        if (i === SENT / 2) {
          alertSentAt = performance.now();
          await stack.ingest.pubsub.publish(vortexAlert(alertId));
          late = subscribeLate();
        }
      }
      await arrived(idOfFrame(first + SENT - 1));
      const beforeContinue = arrivals.filter((arrival) => sentAt.has(arrival.id)).length;
      loop.disable();
      const alertBeforeContinue = alerts.get(String(alertId));
      const lateLiveAt = (await late) ?? Infinity;
      const stillFrozen = FREEZE_MS - (performance.now() - stalledAt);
      if (stillFrozen > 0) await sleep(stillFrozen);
      signal(frozen, 'SIGCONT');
      frozen = [];
      const firstArrival = (id: string) => arrivals.find((arrival) => arrival.id === id)?.at ?? Infinity;
      const latencies = [...sentAt].map(([id, at]) => firstArrival(id) - at).sort((a, b) => a - b);
      const p99 = latencies[Math.ceil(0.99 * latencies.length) - 1] as number;
      const loopMaxMs = loop.max / 1e6;
      console.log(`database stall: ${SENT} events over ${Math.round(SENT * SEND_EVERY_MS)} ms of a ${FREEZE_MS} ms freeze; frame to subscriber p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms; this process's event-loop delay max ${loopMaxMs.toFixed(0)} ms`);
      return { sent: [...sentAt.keys()], p99, loopMaxMs, beforeContinue, stalledAt, lateLiveAt, alertSentAt, alertBeforeContinue };
    };

    // The whole stack shares this process with the test: when the machine, not the database, held this process's
    // event loop past what the bound leaves (another suite's burst on two cores), the freeze is measured again.
    const rounds = [await freeze(plugin, 0, 2)];
    while ((rounds.at(-1)?.p99 ?? 0) >= P99_LIMIT_MS && (rounds.at(-1)?.loopMaxMs ?? 0) >= STALLED_LOOP_MS && rounds.length < 3) {
      await stack.ingest.ingest.flush();
      // A connection of its own: the first one spent its burst allowance (the freeze sends faster than the steady rate).
      rounds.push(await freeze(await stack.connectPlugin(), rounds.length * SENT, 2 + rounds.length));
    }
    const round = rounds.at(-1) as Awaited<ReturnType<typeof freeze>>;
    const sent = rounds.flatMap((each) => each.sent);
    const closing = rounds.length * SENT;

    // Once everything is stored and published, a last chat line and vitals report close each topic: anything
    // published again after commit would have arrived before them.
    await stack.ingest.ingest.flush();
    plugin.send(frameOf(closing));
    plugin.send(frameOf(closing + 1));
    await arrived(idOfFrame(closing));
    await arrived(idOfFrame(closing + 1));
    dispose();
    disposeAlerts();

    const received = new Map<string, number[]>();
    for (const { id, at } of arrivals) received.set(id, [...(received.get(id) ?? []), at]);
    // Every event sent during a freeze reached the subscriber while the database was still stopped...
    for (const each of rounds) expect(each.beforeContinue).toBe(SENT);
    // ...each exactly once, and nothing else came.
    expect(sent.filter((id) => received.get(id)?.length !== 1)).toEqual([]);
    expect([...received.keys()].sort()).toEqual([...sent, idOfFrame(closing), idOfFrame(closing + 1)].sort());
    expect(round.p99, `p99 of each freeze: ${rounds.map((each) => `${each.p99.toFixed(1)} ms (event-loop delay max ${each.loopMaxMs.toFixed(0)} ms)`).join(', ')}`).toBeLessThan(P99_LIMIT_MS);
    expect(ended).toBeUndefined();
    for (const each of rounds) {
      // The database was continued no sooner than FREEZE_MS after it was stopped.
      expect(each.lateLiveAt - each.stalledAt).toBeLessThan(FREEZE_MS);
      // An alert published during the stall reached its subscriber during it, its look-alikes from what was known.
      expect(each.alertBeforeContinue?.lookalikes).toEqual([lookalike]);
    }
    expect((round.alertBeforeContinue?.at ?? Infinity) - round.alertSentAt).toBeLessThan(P99_LIMIT_MS + 200);

    // The gateway's re-checks met the stopped database and kept the last good answer rather than waiting or cutting.
    expect((await stack.gateway.metrics.authStaleAnswers.get()).values[0]?.value).toBeGreaterThan(0);

    // Every event is stored, once (the closing pair too: heard of on accept, they may still be on their way in).
    await stack.ingest.ingest.flush();
    const chats = await stack.db.query<{ text: string; count: number }>(
      "SELECT text, count(*)::int AS count FROM chat_messages WHERE character_name = $1 AND text <> 'stall -1' GROUP BY text",
      [character],
    );
    const vitals = await stack.db.query<{ health_current: number; count: number }>(
      'SELECT health_current, count(*)::int AS count FROM vitals_events WHERE character_name = $1 GROUP BY health_current',
      [character],
    );
    const stored = [...chats.rows.map((row) => [`c${row.text.replace('stall ', '')}`, row.count]), ...vitals.rows.map((row) => [`v${row.health_current - 1000}`, row.count])];
    expect(new Map(stored as [string, number][])).toEqual(new Map([...sent, idOfFrame(closing), idOfFrame(closing + 1)].map((id) => [id, 1])));
  }, 120_000);
});
