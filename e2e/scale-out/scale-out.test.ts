import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { metricValue } from '@lifestone/test-kit/http';
import { connectPlugin, type TestPlugin } from '@lifestone/test-kit/plugin';
import { ADMIN_PASSWORD, findBinary, PLUGIN_SECRET, startCluster, startPubSubServer, type Cluster, type PubSubKind, type PubSubServer } from './services.js';

/**
 * Many instances, proven: two ingests, two of each subgraph and two gateways
 * over one PostgreSQL and one Redis, then one NATS (README.md here). Every
 * service is a process of its own, started from its production entry point.
 */

// Processes, sockets and a pubsub server between every step: seconds, not milliseconds.
vi.setConfig({ testTimeout: 120_000 });

const backends: { kind: PubSubKind; binary: string }[] = [
  { kind: 'redis', binary: 'redis-server' },
  { kind: 'nats', binary: 'nats-server' },
];

describe.each(backends)('several instances over $kind', ({ kind, binary }) => {
  // The machine's servers are what CI runs against; without the binary the scenario cannot run.
  const available = findBinary(binary) !== undefined && Boolean(process.env[kind === 'redis' ? 'REDIS_URL' : 'NATS_URL']);
  const run = `${kind}-${randomBytes(3).toString('hex')}`;
  const name = (who: string): string => `${who} ${run}`;
  let pubsub: PubSubServer;
  let database: TestDatabase;
  let cluster: Cluster;
  let db: pg.Pool;
  let operator: string;
  const clients: Client[] = [];
  const plugins: TestPlugin[] = [];

  beforeAll(async () => {
    if (!available) return;
    pubsub = await startPubSubServer(kind);
    database = await createTestDatabase();
    cluster = await startCluster(database.url, pubsub);
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    operator = await apiToken(cluster.a.graphqlUrl, 'OPERATOR');
  }, 300_000);

  afterAll(async () => {
    if (!available) return;
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(plugins.map((plugin) => plugin.close()));
    await cluster?.close();
    await db?.end();
    await database?.drop();
  }, 120_000);

  async function plugin(url: string): Promise<TestPlugin> {
    const connected = await connectPlugin(url, PLUGIN_SECRET);
    plugins.push(connected);
    return connected;
  }

  /**
   * A graphql-ws client of `url`, and what its subscription received. Like
   * the dashboard, it subscribes again when a subgraph ends the feed with
   * LIVE_FEED_INTERRUPTED (the pubsub lost values), and counts it.
   */
  function subscribe<T>(url: string, query: string, variables: Record<string, unknown> = {}): { received: T[]; errors: unknown[]; interruptions: number; client: Client } {
    const feed = { received: [] as T[], errors: [] as unknown[], interruptions: 0, client: undefined as unknown as Client };
    feed.client = createClient({
      url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${operator}` }, lazy: false, retryAttempts: 0,
      // A gateway stopped under it is part of the scenario, not an error to print.
      onNonLazyError: (error) => feed.errors.push(error),
    });
    clients.push(feed.client);
    const isInterruption = (errors: unknown): boolean =>
      Array.isArray(errors) && errors.some((error: { extensions?: { code?: unknown } }) => error.extensions?.code === 'LIVE_FEED_INTERRUPTED');
    const open = (): void => {
      let interrupted = false;
      const again = (): void => {
        feed.interruptions += 1;
        open();
      };
      feed.client.subscribe<T>({ query, variables }, {
        next: (result) => {
          if (isInterruption(result.errors)) interrupted = true;
          else if (result.errors) feed.errors.push(result.errors);
          else feed.received.push(result.data as T);
        },
        // The gateway ends it with a last result then complete, or with graphql-ws's error message.
        error: (error) => (isInterruption(error) ? again() : feed.errors.push(error)),
        complete: () => {
          if (interrupted) again();
        },
      });
    };
    open();
    return feed;
  }

  /**
   * Sends `frame()` until the subscription has heard one, so that the frames
   * that follow are surely after the subscription is live end to end.
   */
  async function untilLive(heard: () => boolean, send: () => void, errors: unknown[] = []): Promise<void> {
    await vi.waitFor(() => {
      if (!heard()) send();
      expect(heard(), `nothing heard; errors: ${JSON.stringify(errors)}`).toBe(true);
    }, { timeout: 30_000, interval: 250 });
  }

  const telemetry = (character: string, at: number, fields: Record<string, unknown> = {}) => ({
    type: 'telemetry', character_name: character, timestamp: new Date(at).toISOString(), ew: 10, ns: -20, z: 0, vt_state: 'Combat', ...fields,
  });

  it.runIf(available)('a subscriber on gateway B receives every event a plugin sends to ingest A, in order', async () => {
    const character = name('Courier');
    const feed = subscribe<{ events: { raw: { kills: number } } }>(cluster.b.wsUrl, 'subscription ($c: [String!]) { events(characters: $c, types: [TELEMETRY]) { raw } }', { c: [character] });
    const sender = await plugin(cluster.a.pluginUrl);
    const start = Date.now() - 120_000;
    // Warm-up frames say kills 0; the 300 counted ones 1 to 300.
    await untilLive(() => feed.received.length > 0, () => sender.send(telemetry(character, start, { kills: 0 })), feed.errors);
    const warmup = feed.received.length;
    for (let i = 1; i <= 300; i++) sender.send(telemetry(character, start + 1000 + i * 100, { kills: i }));
    await vi.waitFor(() => expect(feed.received.length - warmup).toBeGreaterThanOrEqual(300), { timeout: 30_000 });
    const kills = feed.received.slice(warmup).map((event) => event.events.raw.kills);
    expect(kills).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(sender.received).toEqual([]);
    expect(feed.errors).toEqual([]);
  });

  it.runIf(available)('a command sent through gateway B reaches the plugin on ingest A, and vitals are shared across ingests', async () => {
    const character = name('Listener');
    const listener = await plugin(cluster.a.pluginUrl);
    listener.send(telemetry(character, Date.now()));
    await vi.waitFor(async () => {
      const answer = await graphql(cluster.b.graphqlUrl, 'mutation ($c: String!) { sendCommand(character: $c, command: "/vt start") }', { c: character }, operator);
      expect(answer.errors, JSON.stringify(answer)).toBeUndefined();
      expect(listener.received.some((frame) => frame.type === 'command')).toBe(true);
    }, { timeout: 20_000, interval: 500 });
    expect(listener.received.find((frame) => frame.type === 'command')).toMatchObject({ type: 'command', command: '/vt start' });

    const group = name('Fellows');
    const onA = await plugin(cluster.a.pluginUrl);
    const onB = await plugin(cluster.b.pluginUrl);
    const share = (who: string, health: number) => ({ type: 'share_vitals', character_name: who, group, health_pct: health, stamina_pct: 50, mana_pct: 50 });
    onB.send(share(name('Healer'), 90));
    await untilLive(() => onB.received.some((frame) => frame.type === 'share_vitals'), () => onA.send(share(name('Tank'), 40)));
    expect(onB.received.find((frame) => frame.type === 'share_vitals')).toMatchObject({ character_name: name('Tank'), health_pct: 40, group });
  });

  it.runIf(available)('alerts fire once, whichever ingest holds the plugin and whichever gateway is asked', async () => {
    const character = name('Unlucky');
    const onGatewayA = subscribe<{ alerts: { id: string; type: string } }>(cluster.a.wsUrl, 'subscription ($c: [String!]) { alerts(characters: $c) { id type } }', { c: [character] });
    const onGatewayB = subscribe<{ alerts: { id: string; type: string } }>(cluster.b.wsUrl, 'subscription ($c: [String!]) { alerts(characters: $c) { id type } }', { c: [character] });
    await sleep(1_000);
    const viaA = await plugin(cluster.a.pluginUrl);
    const viaB = await plugin(cluster.b.pluginUrl);
    const start = Date.now() - 3_600_000;
    const vitals = (at: number, vitae: number) => ({ type: 'vitals', character_name: character, timestamp: new Date(at).toISOString(), health_pct: 80, stamina_pct: 80, mana_pct: 80, vitae_pct: vitae });
    // Alive on A; died on B (the state that says it was alive is in PostgreSQL, not in ingest A).
    viaA.send(vitals(start, 0));
    await sleep(500);
    viaB.send(vitals(start + 1_000, 5));
    // Idle for six minutes of the plugin's clock, half of it reported to each ingest.
    // As a plugin that reconnects: the second half goes to B once A has stored the first.
    for (let s = 0; s < 180; s += 2) viaA.send(telemetry(character, start + 2_000 + s * 1000, { vt_state: 'Idle' }));
    await vi.waitFor(async () => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_events WHERE character_name = $1', [character]);
      expect(rows[0]?.n).toBe(90);
    }, { timeout: 20_000, interval: 100 });
    for (let s = 180; s <= 360; s += 2) viaB.send(telemetry(character, start + 2_000 + s * 1000, { vt_state: 'Idle' }));
    viaB.send({ type: 'rare', character_name: character, timestamp: new Date(start + 400_000).toISOString(), name: 'Pearl of Blood Drinking', ew: 10, ns: -20, z: 0 });

    const types = ['DEATH', 'IDLE', 'RARE'];
    await vi.waitFor(() => {
      for (const feed of [onGatewayA, onGatewayB]) expect(feed.received.map((event) => event.alerts.type).sort()).toEqual(types);
    }, { timeout: 30_000, interval: 250 });
    await sleep(1_000);
    const { rows } = await db.query<{ type: string }>('SELECT type FROM alerts WHERE character_name = $1 ORDER BY type', [character]);
    expect(rows.map((row) => row.type)).toEqual(types);
    expect(onGatewayA.received.map((event) => event.alerts.id)).toEqual(onGatewayB.received.map((event) => event.alerts.id));
    expect(onGatewayA.received).toHaveLength(3);
  });

  it.runIf(available)(`restarting ${kind}: the pubsub recovers, nothing is lost from storage, and the feed's subscriber is told of its gap`, async () => {
    const character = name('Steady');
    const feed = subscribe<{ events: { raw: { kills: number } } }>(cluster.b.wsUrl, 'subscription ($c: [String!]) { events(characters: $c, types: [TELEMETRY]) { raw } }', { c: [character] });
    const sender = await plugin(cluster.b.pluginUrl);
    const start = Date.now() - 120_000;
    await untilLive(() => feed.received.length > 0, () => sender.send(telemetry(character, start, { kills: 0 })), feed.errors);
    const warmups = feed.received.length;
    // A plugin on ingest A hears commands sent through gateway B: once before the restart, then one after it.
    const listenerName = name('Steady Listener');
    const listener = await plugin(cluster.a.pluginUrl);
    listener.send(telemetry(listenerName, Date.now()));
    const sendCommand = async (command: string) => {
      const answer = await graphql(cluster.b.graphqlUrl, 'mutation ($c: String!, $command: String!) { sendCommand(character: $c, command: $command) }', { c: listenerName, command }, operator);
      expect(answer.errors, JSON.stringify(answer)).toBeUndefined();
    };
    const commands = (command: string) => listener.received.filter((frame) => frame.type === 'command' && frame.command === command).length;
    await vi.waitFor(async () => {
      if (commands('/vt start') === 0) await sendCommand('/vt start');
      expect(commands('/vt start')).toBeGreaterThan(0);
    }, { timeout: 20_000, interval: 500 });
    // Frame n says kills n, from 1.
    let sent = 0;
    const pump = setInterval(() => sender.send(telemetry(character, start + 1000 + sent * 50, { kills: ++sent })), 50);
    try {
      await sleep(2_000);
      await pubsub.stop();
      const downFrom = sent;
      await sleep(2_000);
      const downTo = sent;
      await pubsub.start();
      // Delivery resumes: frames sent after the restart reach the subscriber.
      const afterRestart = sent + 20;
      void warmups;
      await vi.waitFor(() => expect(feed.received.some((event) => event.events.raw.kills >= afterRestart)).toBe(true), { timeout: 30_000, interval: 250 });
      // A command sent once after the restart reaches the plugin, once, without waiting for a consumer to time out.
      await sendCommand('/vt stop');
      await vi.waitFor(() => expect(commands('/vt stop')).toBe(1), { timeout: 5_000, interval: 100 });
      clearInterval(pump);
      const last = sent;
      await vi.waitFor(() => expect(feed.received.some((event) => event.events.raw.kills === last)).toBe(true), { timeout: 15_000, interval: 100 });
      // Storage never depended on the pubsub: every frame is stored.
      await vi.waitFor(async () => {
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_events WHERE character_name = $1 AND kills > 0', [character]);
        expect(rows[0]?.n).toBe(sent);
      }, { timeout: 15_000, interval: 250 });
      const received = new Set(feed.received.map((event) => event.events.raw.kills));
      const lost = Array.from({ length: sent }, (_, i) => i + 1).filter((i) => !received.has(i));
      // The feed is at most once: what was published while the server was down may be lost, nothing else, and the
      // subgraph ended the subscription with LIVE_FEED_INTERRUPTED so that its subscriber knows to read it back.
      console.info(`${kind} restart: ${sent} frames sent, ${downTo - downFrom} while the server was down, ${lost.length} lost to the feed (${lost.length ? `kills ${lost[0]}..${lost.at(-1)}` : 'none'}), ${feed.interruptions} interruption(s) told`);
      expect(feed.interruptions).toBeGreaterThanOrEqual(1);
      expect(feed.errors).toEqual([]);
      // The outage as the clients saw it: from the server's stop (less frames in flight) until delivery resumed,
      // which on a busy machine comes a while after the restart, once every client has reconnected.
      const margin = 40;
      const resumed = Math.min(...[...received].filter((kills) => kills > downFrom));
      for (const kills of lost) expect(kills >= downFrom - margin && kills < resumed, `frame ${kills} lost outside the outage (${downFrom}..${downTo}, delivery resumed at ${resumed})`).toBe(true);
      // In order, without duplicates.
      const order = feed.received.map((event) => event.events.raw.kills).filter((kills) => kills > 0);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(new Set(order).size).toBe(order.length);
      expect(commands('/vt stop')).toBe(1);
    } finally {
      clearInterval(pump);
    }
  }, 90_000);

  it.runIf(available)('stopping gateway A: its subscriber reconnects to gateway B and catches up on what it missed', async () => {
    const character = name('Finder');
    const query = 'subscription ($c: [String!]) { alerts(characters: $c, types: [RARE]) { id cursor } }';
    const onA = subscribe<{ alerts: { id: string; cursor: string } }>(cluster.a.wsUrl, query, { c: [character] });
    const finder = await plugin(cluster.a.pluginUrl);
    const rare = (at: number) => ({ type: 'rare', character_name: character, timestamp: new Date(at).toISOString(), name: 'Smithy\'s Crystal', ew: 1, ns: 1, z: 0 });
    const start = Date.now() - 60_000;
    // A rare is an alert once: each try is a rare of its own, or one stored before the subscription was live would never be heard.
    let tries = 0;
    await untilLive(() => onA.received.length > 0, () => finder.send(rare(start + tries++)));
    const rares = async () => (await db.query<{ id: string }>("SELECT id::text FROM alerts WHERE character_name = $1 AND type = 'RARE' ORDER BY id", [character])).rows.map((row) => row.id);
    // Every try is stored; the subscriber hears each from the first it heard on (tries before it was live are not its to hear).
    const first = BigInt((onA.received[0] as { alerts: { id: string } }).alerts.id);
    const heardFromFirst = async () => (await rares()).filter((id) => BigInt(id) >= first);
    await vi.waitFor(async () => {
      expect(await rares()).toHaveLength(tries);
      expect(onA.received.map((event) => event.alerts.id)).toEqual(await heardFromFirst());
    });
    const seen = onA.received.map((event) => event.alerts);

    expect(await cluster.a.gateway.stop()).toBe(0);
    // Found while the subscriber has no gateway.
    finder.send(rare(start + 1_000));
    await vi.waitFor(async () => expect(await rares()).toHaveLength(tries + 1));

    // As the dashboard does: subscribe on the gateway still up, then read what came after the newest cursor held.
    const onB = subscribe<{ alerts: { id: string; cursor: string } }>(cluster.b.wsUrl, query, { c: [character] });
    await sleep(1_000);
    const missed = await graphql<{ alerts: { edges: { node: { id: string; cursor: string } }[] } }>(
      cluster.b.graphqlUrl,
      'query ($c: [String!], $before: String) { alerts(characters: $c, types: [RARE], last: 100, before: $before) { edges { node { id cursor } } } }',
      { c: [character], before: (seen.at(-1) as { cursor: string }).cursor },
      operator,
    );
    const caughtUp = [...seen, ...(missed.data?.alerts.edges.map((edge) => edge.node).reverse() ?? [])];
    finder.send(rare(start + 2_000));
    await vi.waitFor(() => expect(onB.received.length).toBeGreaterThanOrEqual(1), { timeout: 20_000 });
    const all = [...caughtUp, ...onB.received.map((event) => event.alerts).filter((alert) => !caughtUp.some((known) => known.id === alert.id))];
    expect(all.map((alert) => alert.id)).toEqual(await heardFromFirst());
  });

  it.runIf(available)('stopping ingest A: everything it accepted is stored, and its plugin carries on through ingest B', async () => {
    const character = name('Survivor');
    const accepted = () => metricValue(cluster.a.ingest.base, 'lifestone_frames_accepted_total{type="telemetry"}');
    const before = await accepted();
    const onA = await plugin(cluster.a.pluginUrl);
    const start = Date.now() - 120_000;
    for (let i = 0; i < 500; i++) onA.send(telemetry(character, start + i * 100, { kills: i }));
    await vi.waitFor(async () => expect((await accepted()) - before).toBe(500), { timeout: 20_000, interval: 100 });
    expect(await cluster.a.ingest.stop()).toBe(0);
    const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_events WHERE character_name = $1', [character])).rows[0]?.n;
    expect(await stored()).toBe(500);

    const onB = await plugin(cluster.b.pluginUrl);
    for (let i = 500; i < 1000; i++) onB.send(telemetry(character, start + i * 100, { kills: i }));
    await vi.waitFor(async () => expect(await stored()).toBe(1000), { timeout: 20_000, interval: 100 });
  });
});

/** An API token of `role`, made by the first admin through the graph. */
async function apiToken(url: string, role: string): Promise<string> {
  const signIn = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($p: String!) { signIn(username: "admin", password: $p) { name } }', variables: { p: ADMIN_PASSWORD } }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const made = await graphql<{ createApiToken: { token: string } }>(url, `mutation { createApiToken(name: "scale-out", role: ${role}) { token } }`, {}, undefined, cookie);
  if (!made.data) throw new Error(`createApiToken failed: ${JSON.stringify(made.errors)}`);
  return made.data.createApiToken.token;
}

async function graphql<T = unknown>(url: string, query: string, variables: Record<string, unknown>, token?: string, cookie?: string): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}
