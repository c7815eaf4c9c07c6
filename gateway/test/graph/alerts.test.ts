import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INGEST_WAIT, type TestPlugin } from '@lifestone/test-kit/plugin';
import { startTestIngest, type TestIngest } from '@lifestone/test-kit/ingest';
import { startTestStack, type ResultStream, type TestStack } from '@lifestone/test-kit/stack';
import { sendAndFlush } from '@lifestone/test-kit/plugin-session';
import { metricValue } from '@lifestone/test-kit/http';

/**
 * Alerts end to end: plugin frames into ingest, detection in the writer's
 * transaction, the `alerts` table, out through the gateway as a connection
 * and a subscription. Times are short here (idle 10 s of the plugin's clock,
 * offline 2 s of real time); ingest/test/alert-detection.test.ts covers the
 * rules case by case.
 */

const OFFLINE_MS = 2_000;
const IDLE_MS = 10_000;
const T0 = Date.parse('2026-11-22T12:00:00.000Z');

const ALERT_FIELDS = 'id cursor type character time summary coordinates position { ew ns landblock } rare { name tier } chat idleSince lastSeen';
const ALERTS = `query ($types: [AlertType!], $characters: [String!], $first: Int, $after: String, $last: Int, $before: String) {
  alerts(types: $types, characters: $characters, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { ${ALERT_FIELDS} } }
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
  }
}`;
const LIVE = `subscription ($types: [AlertType!], $characters: [String!]) { alerts(types: $types, characters: $characters) { ${ALERT_FIELDS} } }`;

interface AlertNode {
  id: string; cursor: string; type: string; character: string; time: string; summary: string; coordinates: string | null;
  position: { ew: number; ns: number; landblock: string | null } | null; rare: { name: string; tier: string } | null;
  chat: string | null; idleSince: string | null; lastSeen: string | null;
}
interface AlertsResult {
  alerts: { edges: { cursor: string; node: AlertNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null } };
}

let stack: TestStack;
let plugin: TestPlugin;
let viewer: string;
beforeAll(async () => {
  stack = await startTestStack({
    ingest: { rateLimit: 10_000, rateBurst: 10_000, alerts: { idleMs: IDLE_MS, offlineMs: OFFLINE_MS, offlineCheckMs: 200 } },
  });
  plugin = await stack.connectPlugin();
  viewer = (await stack.createToken('viewer', 'alert reader')).token;
});
afterAll(() => stack?.close());

async function alertsOf(variables: Record<string, unknown>): Promise<AlertsResult['alerts']> {
  const { body } = await stack.graphql<AlertsResult>(ALERTS, variables, { token: viewer });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!.alerts;
}
const nodesOf = async (variables: Record<string, unknown>): Promise<AlertNode[]> => (await alertsOf(variables)).edges.map((edge) => edge.node);

const telemetry = (character: string, ms: number, ew: number, ns: number, extra: object = {}) => ({
  type: 'telemetry', character_name: character, session_id: 's1', timestamp: T0 + ms, ew, ns, z: 0, landblock: '0xA9B40019',
  kills: 0, deaths: 0, vt_state: 'Combat', ...extra,
});
const vitals = (character: string, ms: number, vitae: number) => ({
  type: 'vitals', character_name: character, session_id: 's1', timestamp: T0 + ms, health_pct: 90, stamina_pct: 90, mana_pct: 90, vitae_pct: vitae,
});

/** Telemetry every second of the plugin's clock from `fromMs` to `toMs`, standing at (ew, ns). */
function standing(character: string, fromMs: number, toMs: number, ew: number, ns: number): object[] {
  const frames: object[] = [];
  for (let ms = fromMs; ms <= toMs; ms += 1000) frames.push(telemetry(character, ms, ew, ns));
  return frames;
}

/** Sends probes until each subscription shows one: they are live all the way to the subgraph's pubsub handler. */
async function untilLive(streams: ResultStream<{ alerts: AlertNode }>[], character: string): Promise<void> {
  let probes = 0;
  await vi.waitFor(
    async () => {
      if (streams.every((stream) => stream.results.some((result) => result.data?.alerts.character === character))) return;
      probes += 1;
      await stack.send(plugin, [{ type: 'rare', character_name: character, name: `Pearl of Probing ${probes}`, ew: 0, ns: 0, z: 0, timestamp: T0 + probes }]);
      throw new Error('the alerts subscription never went live');
    },
    { timeout: 10_000, interval: 50 },
  );
  // Probes sent while the first was on its way arrive after it, in order: once the last has, none is left to come.
  await Promise.all(streams.map((stream) => stream.waitFor((result) => result.data?.alerts.rare?.name === `Pearl of Probing ${probes}`)));
}

describe('each alert type', () => {
  it('raises DEATH, RARE, VORTEX, IDLE and IDLE_ENDED once each, stored and listed newest first', async () => {
    const who = 'Vexor Alert';
    await stack.send(plugin, [
      telemetry(who, 0, 45.6, 12.34), vitals(who, 0, 0),
      vitals(who, 1500, 5), telemetry(who, 2000, -80, 40, { deaths: 1 }), // died: vitae and the counter, one alert
      { type: 'rare', character_name: who, name: 'Pearl of Spirit Drinking', ew: 3, ns: -4, z: 0, timestamp: T0 + 2500 },
      { type: 'rare', character_name: who, name: "Guardian's Pendant", ew: 3, ns: -4, z: 0, timestamp: T0 + 2600 },
      { type: 'chat', character_name: who, channel: 'Local', text: 'You are caught in a Whirlwind of Vortexes!', timestamp: T0 + 2700 },
      { type: 'chat', character_name: who, channel: 'Local', text: 'just a vortex', timestamp: T0 + 2800 },
      ...standing(who, 3000, 3000 + IDLE_MS + 2000, -80, 40),
      telemetry(who, 3000 + IDLE_MS + 3000, -70, 40),
    ]);
    // OFFLINE comes later for every character here (they all fall silent): the suite's own describe covers it.
    const nodes = await nodesOf({ characters: [who], types: ['DEATH', 'IDLE', 'IDLE_ENDED', 'VORTEX', 'RARE'] });
    expect(nodes.map((node) => node.type)).toEqual(['IDLE_ENDED', 'IDLE', 'VORTEX', 'RARE', 'RARE', 'DEATH']);
    expect(nodes.map((node) => Number(node.id))).toEqual(nodes.map((node) => Number(node.id)).sort((a, b) => b - a));
    const [ended, idle, vortex, great, common, death] = nodes as [AlertNode, AlertNode, AlertNode, AlertNode, AlertNode, AlertNode];
    expect(death).toMatchObject({
      character: who, time: new Date(T0 + 1500).toISOString(), coordinates: '12.3N, 45.6E', summary: `${who} died at 12.3N, 45.6E`,
      position: { ew: 45.6, ns: 12.34, landblock: '0xA9B40019' },
    });
    expect(common).toMatchObject({ rare: { name: 'Pearl of Spirit Drinking', tier: 'COMMON' }, coordinates: '4.0S, 3.0E' });
    expect(great).toMatchObject({ rare: { name: "Guardian's Pendant", tier: 'GREAT' }, summary: `${who} found Guardian's Pendant (great rare) at 4.0S, 3.0E` });
    expect(vortex).toMatchObject({ chat: 'You are caught in a Whirlwind of Vortexes!', coordinates: '40.0N, 80.0W' });
    expect(idle).toMatchObject({ idleSince: new Date(T0 + 3000).toISOString(), summary: `${who} has been idle for 10 s at 40.0N, 80.0W` });
    expect(ended).toMatchObject({ idleSince: new Date(T0 + 3000).toISOString(), coordinates: '40.0N, 70.0W' });
  });

  it('raises nothing more when the same frames arrive again', async () => {
    const who = 'Repeat Alert';
    const frames = [
      vitals(who, 0, 0), vitals(who, 1000, 5),
      { type: 'rare', character_name: who, name: 'Ruby of Focus', ew: 1, ns: 1, z: 0, timestamp: T0 + 1100 },
      { type: 'chat', character_name: who, channel: 'Local', text: 'whirlwind of vortexes', timestamp: T0 + 1200 },
      ...standing(who, 2000, 2000 + IDLE_MS + 1000, 5, 5),
    ];
    await stack.send(plugin, frames);
    const types = ['DEATH', 'IDLE', 'IDLE_ENDED', 'VORTEX', 'RARE'];
    const first = await nodesOf({ characters: [who], types });
    expect(first.map((node) => node.type).sort()).toEqual(['DEATH', 'IDLE', 'RARE', 'VORTEX']);
    await stack.send(plugin, frames);
    await stack.send(plugin, [...frames].reverse());
    expect(await nodesOf({ characters: [who], types })).toEqual(first);
  });

  it('ends an idle spell at a logout: a character that logs out is not idle', async () => {
    const who = 'Logout Alert';
    const leaving = await stack.connectPlugin();
    await stack.send(leaving, standing(who, 100_000, 100_000 + IDLE_MS - 2000, 7, 7));
    await leaving.close();
    await expect.poll(async () => (await stack.db.query('SELECT idle_since FROM alert_state WHERE character_name = $1 AND logged_out_at IS NOT NULL', [who])).rows, INGEST_WAIT).toEqual([{ idle_since: null }]);
    // Back, standing where it stood: a new spell, which the idle time after the logout has not filled.
    const back = await stack.connectPlugin();
    await stack.send(back, standing(who, 100_000 + IDLE_MS - 1000, 100_000 + IDLE_MS + 5000, 7, 7));
    expect(await nodesOf({ characters: [who], types: ['IDLE'] })).toEqual([]);
    await stack.send(back, standing(who, 100_000 + IDLE_MS + 6000, 100_000 + 2 * IDLE_MS, 7, 7));
    expect((await nodesOf({ characters: [who], types: ['IDLE'] })).map((node) => node.idleSince)).toEqual([new Date(100_000 + T0 + IDLE_MS - 1000).toISOString()]);
  });
});

describe('the connection', () => {
  it('pages older with first/after and catches up with last/before, filtered by type and character', async () => {
    const who = 'Pager Alert';
    const rares = Array.from({ length: 7 }, (_, n) => ({ type: 'rare', character_name: who, name: `Opal of Page ${n}`, ew: n, ns: 0, z: 0, timestamp: T0 + n }));
    await stack.send(plugin, rares.slice(0, 4));
    const all = await nodesOf({ characters: [who], types: ['RARE'] });
    expect(all.map((node) => node.rare?.name)).toEqual(['Opal of Page 3', 'Opal of Page 2', 'Opal of Page 1', 'Opal of Page 0']);

    const page1 = await alertsOf({ characters: [who], types: ['RARE'], first: 3 });
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, endCursor: page1.edges[2]?.cursor, startCursor: page1.edges[0]?.cursor });
    const page2 = await alertsOf({ characters: [who], types: ['RARE'], first: 3, after: page1.pageInfo.endCursor });
    expect(page2.edges.map((edge) => edge.node.rare?.name)).toEqual(['Opal of Page 0']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    // A client holding the newest cursor sees nothing new, then exactly what came after it, oldest last.
    const newest = all[0]!.cursor;
    expect((await alertsOf({ characters: [who], types: ['RARE'], last: 2, before: newest })).edges).toEqual([]);
    await stack.send(plugin, rares.slice(4));
    const missed = await alertsOf({ characters: [who], types: ['RARE'], last: 2, before: newest });
    expect(missed.edges.map((edge) => edge.node.rare?.name)).toEqual(['Opal of Page 5', 'Opal of Page 4']);
    expect(missed.pageInfo.hasPreviousPage).toBe(true);
    const rest = await alertsOf({ characters: [who], types: ['RARE'], last: 2, before: missed.pageInfo.startCursor });
    expect(rest.edges.map((edge) => edge.node.rare?.name)).toEqual(['Opal of Page 6']);
    expect(rest.pageInfo.hasPreviousPage).toBe(false);

    // Ids past 9, in number order (not as text, where "10" < "9"), both ways.
    const ids = async (page: string): Promise<number[]> => {
      const { body } = await stack.graphql<{ alerts: { edges: { node: { id: string } }[] } }>(`{ alerts(${page}) { edges { node { id } } } }`, {}, { token: viewer });
      return body.data!.alerts.edges.map((edge) => Number(edge.node.id));
    };
    const everything = await ids('first: 200');
    expect(everything.length).toBeGreaterThan(10);
    expect(everything).toEqual([...everything].sort((a, b) => b - a));
    expect(await ids('last: 12')).toEqual(everything.slice(-12));
  });

  it('refuses a cursor it did not make, both directions at once, and pages out of bounds', async () => {
    const refusal = async (variables: Record<string, unknown>) => (await stack.graphql(ALERTS, variables, { token: viewer })).body.errors?.[0];
    expect(await refusal({ after: 'bm90LWEtY3Vyc29y' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('after is not a cursor of alerts') });
    expect(await refusal({ first: 2, last: 2 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await refusal({ last: 0 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('1 to 500') });
    expect(await refusal({ types: [] })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('the subscription', () => {
  it('delivers each stored alert of the wanted types and characters, once, to every subscriber of one shared subscription', async () => {
    const who = 'Live Alert';
    const variables = { characters: [who], types: ['RARE', 'DEATH'] };
    const stream = await stack.subscribeWs<{ alerts: AlertNode }>(LIVE, variables, viewer);
    // Another viewer (the Discord bot, another dashboard) with the same operation joins the running subscription.
    const other = await stack.subscribeWs<{ alerts: AlertNode }>(LIVE, variables, (await stack.createToken('viewer', 'second alert reader')).token);
    try {
      await untilLive([stream, other], who);
      expect(await metricValue(stack.subgraphs.telemetry?.url ?? '', 'lifestone_subgraph_subscriptions{operation="alerts",subgraph="telemetry"}')).toBe(1);
      const before = stream.results.length;
      const otherBefore = other.results.length;
      await stack.send(plugin, [
        vitals(who, 10_000, 0), vitals(who, 11_000, 7),
        { type: 'chat', character_name: who, channel: 'Local', text: 'whirlwind of vortexes', timestamp: T0 + 11_500 },
        { type: 'rare', character_name: who, name: 'Skullcap of the Deep', ew: 1, ns: 2, z: 0, timestamp: T0 + 12_000 },
        { type: 'rare', character_name: 'Someone Else', name: 'Skullcap of the Deep', ew: 1, ns: 2, z: 0, timestamp: T0 + 12_000 },
      ]);
      await stream.waitFor((result) => result.data?.alerts.rare?.name === 'Skullcap of the Deep');
      await sleep(200);
      const received = stream.results.slice(before).map((result) => result.data?.alerts);
      expect(received.map((alert) => `${alert?.type} ${alert?.character}`)).toEqual([`DEATH ${who}`, `RARE ${who}`]);
      const stored = await nodesOf({ characters: [who], types: ['RARE', 'DEATH'], first: 2 });
      expect(received).toEqual(stored.reverse());
      await other.waitFor((result) => result.data?.alerts.rare?.name === 'Skullcap of the Deep');
      expect(other.results.slice(otherBefore).map((result) => result.data?.alerts)).toEqual(received);
    } finally {
      await Promise.all([stream.close(), other.close()]);
    }
  });
});

describe('OFFLINE', () => {
  it('fires once for a plugin that vanished, never for one that logged out', async () => {
    const lost = await stack.connectPlugin();
    const leaving = await stack.connectPlugin();
    await stack.send(lost, [telemetry('Lost Alert', 0, 1, 1)]);
    await stack.send(leaving, [telemetry('Leaving Alert', 0, 2, 2)]);
    await leaving.close();
    lost.socket.terminate();
    const offline = await vi.waitFor(async () => {
      const nodes = await nodesOf({ types: ['OFFLINE'], characters: ['Lost Alert', 'Leaving Alert'] });
      expect(nodes.length).toBeGreaterThan(0);
      return nodes;
    }, INGEST_WAIT);
    expect(offline.map((node) => node.character)).toEqual(['Lost Alert']);
    expect(offline[0]).toMatchObject({ coordinates: '1.0N, 1.0E', summary: expect.stringMatching(/^Lost Alert stopped reporting \d+ s ago without logging out$/) });
    await sleep(OFFLINE_MS);
    expect(await nodesOf({ types: ['OFFLINE'], characters: ['Lost Alert', 'Leaving Alert'] })).toHaveLength(1);

    // Back, then silent again: a new silence, a new alert.
    const back = await stack.connectPlugin();
    await stack.send(back, [telemetry('Lost Alert', 60_000, 1, 1)]);
    back.socket.terminate();
    await expect.poll(() => nodesOf({ types: ['OFFLINE'], characters: ['Lost Alert'] }), INGEST_WAIT).toHaveLength(2);
  });
});

describe('two ingest instances', () => {
  let second: TestIngest;
  beforeAll(async () => {
    second = await startTestIngest({ database: stack.ingest.database, pubsub: stack.ingest.pubsub, rateLimit: 10_000, rateBurst: 10_000, alerts: { idleMs: IDLE_MS, offlineMs: OFFLINE_MS } });
  });
  afterAll(() => second?.close());

  it('detect each death and idle spell once while a plugin hops between them, its frames repeated', async () => {
    const who = 'Hopper Alert';
    const frames = [
      vitals(who, 0, 0), vitals(who, 500, 4), // a death
      ...standing(who, 1000, 1000 + IDLE_MS + 1000, 9, 9), // an idle spell
      telemetry(who, IDLE_MS + 3000, 10, 9), // active again
      vitals(who, 6 * 60_000, 0), vitals(who, 6 * 60_000 + 500, 3), // a second death, after the cooldown
    ];
    const one = await stack.connectPlugin();
    const { connectPlugin } = await import('@lifestone/test-kit/plugin');
    const { TEST_SECRET } = await import('@lifestone/test-kit/ingest');
    const two = await connectPlugin(second.ingest.pluginUrl, TEST_SECRET);
    try {
      // Each frame goes to one instance, and again to the other (a resend after a reconnect), in both orders.
      for (let i = 0; i < frames.length; i += 3) {
        const chunk = frames.slice(i, i + 3);
        await Promise.all([stack.send(one, chunk), sendAndFlush(second, two, [...chunk].reverse())]);
      }
      const nodes = await nodesOf({ characters: [who], types: ['DEATH', 'IDLE', 'IDLE_ENDED'] });
      expect(nodes.map((node) => `${node.type}@${(Date.parse(node.time) - T0) / 1000}`)).toEqual(['DEATH@360.5', 'IDLE_ENDED@13', 'IDLE@12', 'DEATH@0.5']);
    } finally {
      await two.close();
    }
  });
});
