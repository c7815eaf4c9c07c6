import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { connectPlugin, type TestPlugin } from '@lifestone/test-kit/plugin';
import { ADMIN_PASSWORD, findBinary, PLUGIN_SECRET, startCluster, startPubSubServer, type Cluster, type PubSubServer } from '../scale-out/services.js';
import { haproxyBinary, startBalancer, startServiceDns, type Balancer, type ServiceDns } from './balancer.js';

/**
 * docker-compose.yml's balancer for real (README.md here): ops/haproxy/haproxy.cfg
 * run by haproxy on loopback in front of two gateways and two ingests, each
 * replica on an address of its own behind one name, as `--scale` makes them.
 */

vi.setConfig({ testTimeout: 120_000 });

const A = '127.0.0.2';
const B = '127.0.0.3';
/**
 * The balancer's `timeout client` here: 60 s as shipped (ops/compose.test.ts
 * checks the shipped values), shortened so that the silence below outlasts it
 * in seconds rather than a minute.
 */
const CLIENT_TIMEOUT_S = 15;
/** Past `timeout client`: only `timeout tunnel` keeps a silent plugin's socket open. */
const SILENCE_MS = (CLIENT_TIMEOUT_S + 5) * 1000;

const missing = !haproxyBinary ? 'haproxy (apt-get install haproxy)' : !findBinary('redis-server') || !process.env.REDIS_URL ? 'redis-server and REDIS_URL' : undefined;

describe.skipIf(missing !== undefined)(`the load balancer of docker-compose.yml${missing ? ` (skipped: needs ${missing})` : ''}`, () => {
  const run = randomBytes(3).toString('hex');
  const name = (who: string): string => `${who} ${run}`;
  let dns: ServiceDns;
  let pubsub: PubSubServer;
  let database: TestDatabase;
  let cluster: Cluster;
  let balancer: Balancer;
  let db: pg.Pool;
  let operator: string;
  let gatewayWs: string;
  let pluginUrl: string;
  const clients: Client[] = [];
  const plugins: TestPlugin[] = [];
  let silent: { plugin: TestPlugin; since: number };

  beforeAll(async () => {
    dns = await startServiceDns();
    pubsub = await startPubSubServer('redis');
    database = await createTestDatabase();
    cluster = await startCluster(database.url, pubsub, { hosts: [A, B] });
    // Two gateways from the start; one ingest until a test scales it to two.
    dns.replicas.set('gateway', [A, B]);
    dns.replicas.set('ingest', [A]);
    balancer = await startBalancer(dns, Number(new URL(cluster.a.gateway.base).port), Number(new URL(cluster.a.ingest.base).port), CLIENT_TIMEOUT_S);
    gatewayWs = `${balancer.gatewayBase.replace('http', 'ws')}/graphql`;
    pluginUrl = `${balancer.ingestBase.replace('http', 'ws')}/ws/position`;
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    operator = await apiToken(`${balancer.gatewayBase}/graphql`);
    silent = { plugin: await plugin(), since: Date.now() };
  }, 300_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(plugins.map((connected) => connected.close()));
    await balancer?.stop();
    await cluster?.close();
    await dns?.close();
    await db?.end();
    await database?.drop();
  }, 120_000);

  async function plugin(): Promise<TestPlugin> {
    const connected = await connectPlugin(pluginUrl, PLUGIN_SECRET);
    plugins.push(connected);
    return connected;
  }

  /** Plugins connected to each ingest, by its own /healthz. */
  async function pluginsOn(): Promise<{ a: number; b: number }> {
    const count = async (base: string): Promise<number> => ((await (await fetch(`${base}/healthz`)).json()) as { plugins: number }).plugins;
    return { a: await count(cluster.a.ingest.base), b: await count(cluster.b.ingest.base) };
  }

  const telemetry = (character: string, at: number, kills: number) => ({
    type: 'telemetry', character_name: character, timestamp: new Date(at).toISOString(), ew: 10, ns: -20, z: 0, vt_state: 'Combat', kills,
  });

  it('carries a plugin WebSocket and a graphql-ws subscription: every frame reaches the subscriber, in order', async () => {
    const character = name('Courier');
    const received: number[] = [];
    const errors: unknown[] = [];
    const client = createClient({ url: gatewayWs, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${operator}` }, lazy: false, retryAttempts: 0, onNonLazyError: (error) => errors.push(error) });
    clients.push(client);
    client.subscribe<{ events: { raw: { kills: number } } }>(
      { query: 'subscription ($c: [String!]) { events(characters: $c, types: [TELEMETRY]) { raw } }', variables: { c: [character] } },
      { next: (result) => (result.data ? received.push(result.data.events.raw.kills) : errors.push(result.errors)), error: (error) => errors.push(error), complete: () => {} },
    );
    const sender = await plugin();
    const start = Date.now() - 60_000;
    // Kills 0 until the subscription hears one, then 1 to 100.
    await vi.waitFor(() => {
      if (received.length === 0) sender.send(telemetry(character, start, 0));
      expect(received.length, JSON.stringify(errors)).toBeGreaterThan(0);
    }, { timeout: 30_000, interval: 250 });
    for (let kills = 1; kills <= 100; kills++) sender.send(telemetry(character, start + 1000 + kills * 100, kills));
    await vi.waitFor(() => expect(received.at(-1)).toBe(100), { timeout: 30_000 });
    expect(received.filter((kills) => kills > 0)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(sender.received).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('spreads graphql-ws connections over both gateways', async () => {
    const before = { a: await metric(cluster.a.gateway.base), b: await metric(cluster.b.gateway.base) };
    for (let i = 0; i < 4; i++) {
      const client = createClient({ url: gatewayWs, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${operator}` }, lazy: false, retryAttempts: 0 });
      clients.push(client);
      await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    }
    const after = { a: await metric(cluster.a.gateway.base), b: await metric(cluster.b.gateway.base) };
    expect(after.a + after.b - before.a - before.b).toBe(4);
    // Least connections: the two gateways end within one socket of each other.
    expect(Math.abs(after.a - after.b)).toBeLessThanOrEqual(1);
  });

  it('finds an ingest replica that joins the service name, and gives it the new plugins', async () => {
    expect((await pluginsOn()).b).toBe(0);
    while ((await pluginsOn()).a < 4) await plugin();
    dns.replicas.set('ingest', [A, B]);
    // HAProxy asks the DNS every second, then checks the new server twice, 2 s apart.
    await vi.waitFor(async () => {
      await plugin();
      expect((await pluginsOn()).b).toBeGreaterThan(0);
    }, { timeout: 20_000, interval: 1_000 });
    const { a } = await pluginsOn();
    while ((await pluginsOn()).b < a) await plugin();
    // Every new plugin went to B until it had as many as A.
    expect(await pluginsOn()).toEqual({ a, b: a });
    const character = name('Newcomer');
    const last = plugins.at(-1) as TestPlugin;
    last.send(telemetry(character, Date.now(), 7));
    await vi.waitFor(async () => {
      const { rows } = await db.query<{ kills: number }>('SELECT kills FROM telemetry_events WHERE character_name = $1', [character]);
      expect(rows).toEqual([{ kills: 7 }]);
    }, { timeout: 15_000, interval: 100 });
  });

  it('welcomes a protocol 2 stream with what is stored, whichever replica the balancer gives it, and stores a resend once', async () => {
    const stream = `lb-${run}`;
    const character = name('Resumer');
    const headers = { 'X-Lifestone-Protocol': '2', 'X-Lifestone-Stream': stream };
    const first = await connectPlugin(pluginUrl, PLUGIN_SECRET, headers);
    for (let seq = 1; seq <= 100; seq++) first.send({ seq, ...telemetry(character, Date.now() - 60_000 + seq, seq) });
    await first.waitFor((frame) => frame.type === 'ack' && frame.seq === 100, 30_000);
    await first.close();
    // Both replicas hold as many plugins (the test before): least connections gives these four to both.
    const before = await pluginsOn();
    const resumed = await Promise.all(Array.from({ length: 4 }, () => connectPlugin(pluginUrl, PLUGIN_SECRET, headers)));
    plugins.push(...resumed);
    const after = await pluginsOn();
    expect([after.a - before.a, after.b - before.b].every((added) => added > 0)).toBe(true);
    for (const connection of resumed) expect(await connection.waitFor((frame) => frame.type === 'welcome')).toEqual({ type: 'welcome', protocol: 2, stream, acked: 100 });
    const resender = resumed[0] as TestPlugin;
    for (let seq = 91; seq <= 110; seq++) resender.send({ seq, ...telemetry(character, Date.now() - 60_000 + seq, seq) });
    await resender.waitFor((frame) => frame.type === 'ack' && frame.seq === 110, 30_000);
    const { rows } = await db.query<{ kills: number }>('SELECT kills FROM telemetry_events WHERE character_name = $1 ORDER BY kills', [character]);
    expect(rows.map((row) => row.kills)).toEqual(Array.from({ length: 110 }, (_, i) => i + 1));
  });

  it(`keeps a plugin's socket open through ${SILENCE_MS / 1000} s of silence`, async () => {
    const waited = Date.now() - silent.since;
    if (waited < SILENCE_MS) await sleep(SILENCE_MS - waited);
    const character = name('Quiet');
    silent.plugin.send(telemetry(character, Date.now(), 1));
    await vi.waitFor(async () => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_events WHERE character_name = $1', [character]);
      expect(rows[0]?.n).toBe(1);
    }, { timeout: 15_000, interval: 100 });
    expect(silent.plugin.received).toEqual([]);
  });

  it('gives new plugins to degraded ingests when none is healthy (Redis down), and their frames are stored', async () => {
    const health = async (base: string): Promise<number> => (await fetch(`${base}/healthz`)).status;
    await pubsub.stop();
    try {
      // Each ingest answers 503 "degraded"; two failed checks 2 s apart take it out of the healthy backend.
      await vi.waitFor(() => expect(balancer.output.join('')).toMatch(/backend '?ingests'? has no server available/), { timeout: 20_000, interval: 200 });
      expect([await health(cluster.a.ingest.base), await health(cluster.b.ingest.base)]).toEqual([503, 503]);
      const character = name('Degraded');
      const sender = await plugin();
      sender.send(telemetry(character, Date.now(), 3));
      await vi.waitFor(async () => {
        const { rows } = await db.query<{ kills: number }>('SELECT kills FROM telemetry_events WHERE character_name = $1', [character]);
        expect(rows).toEqual([{ kills: 3 }]);
      }, { timeout: 15_000, interval: 100 });
      await sender.close();
      // The request log names the backend once the tunnel ends.
      await vi.waitFor(() => expect(balancer.output.join('')).toMatch(/ingests_degraded\/ingest\d+ /), { timeout: 10_000, interval: 100 });
    } finally {
      await pubsub.start();
    }
    await vi.waitFor(async () => expect([await health(cluster.a.ingest.base), await health(cluster.b.ingest.base)]).toEqual([200, 200]), { timeout: 20_000, interval: 250 });
  });
});

/** An operator's API token, made by the first admin signed in through the balancer. */
async function apiToken(url: string): Promise<string> {
  const signIn = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($p: String!) { signIn(username: "admin", password: $p) { name } }', variables: { p: ADMIN_PASSWORD } }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const made = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query: 'mutation { createApiToken(name: "load-balancer", role: OPERATOR) { token } }' }),
  });
  const answer = (await made.json()) as { data?: { createApiToken: { token: string } }; errors?: unknown[] };
  if (!answer.data) throw new Error(`createApiToken failed: ${JSON.stringify(answer.errors)}`);
  return answer.data.createApiToken.token;
}

/** graphql-ws connections a gateway has open (its `lifestone_gateway_websockets`). */
async function metric(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('lifestone_gateway_websockets '));
  return line ? Number(line.split(' ')[1]) : 0;
}
