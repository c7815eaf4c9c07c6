import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type * as GraphQL from 'graphql';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLoaders, type SubgraphContext } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { connectPlugin, type TestPlugin } from '@lifestone/test-kit/plugin';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { sendAndFlush } from '@lifestone/test-kit/plugin-session';
import { combatSubgraph } from '../index.js';

// Vitest resolves `graphql` to its ES module build, @apollo/subgraph requires the CommonJS one:
// execute with the instance that built the schema, as Node does.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof GraphQL;
const schema = buildSubgraphSchema([combatSubgraph()]);

let stack: TestIngest;
let plugin: TestPlugin;
beforeAll(async () => {
  stack = await startTestIngest();
  plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
});
afterAll(async () => {
  await plugin.close();
  await stack.close();
});

/** Runs one operation with a fresh context, as each request gets one. */
async function run(source: string, variableValues: Record<string, unknown> = {}, pool: pg.Pool = stack.db): Promise<GraphQL.ExecutionResult> {
  const contextValue: SubgraphContext = {
    identity: { kind: 'user', id: '1', name: 'tester', role: 'viewer' },
    pool,
    pubsub: stack.pubsub,
    log: createLogger('combat-test', 'silent'),
    now: () => new Date(),
    loaders: requestLoaders(),
  };
  return graphql({ schema, source, variableValues, contextValue });
}

const OFFENSE = 'hits misses crits damage maxHit accuracy critRate averageHit';
const DEFENSE = 'hits evades resists damage';
const TOTALS = `kills offense { ${OFFENSE} } defense { ${DEFENSE} }
  byElement { element offense { ${OFFENSE} } defense { ${DEFENSE} } }
  byMonster { monster kills offense { ${OFFENSE} } defense { ${DEFENSE} } byElement { element offense { ${OFFENSE} } defense { ${DEFENSE} } } }`;
const COMBAT = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Character { name combat { sessionId sessionStartedAt updatedAt session { ${TOTALS} } lifetime { ${TOTALS} } } }
  }
}`;

interface Offense { hits: number; misses: number; crits: number; damage: number; max_hit: number }
interface Defense { hits: number; evades: number; resists: number; damage: number }
type Monsters = Record<string, { kills: number; offense?: Record<string, Offense>; defense?: Record<string, Defense> }>;

const hit = (hits: number, misses: number, crits: number, damage: number, maxHit: number): Offense => ({ hits, misses, crits, damage, max_hit: maxHit });
const guard = (hits: number, evades: number, resists: number, damage: number): Defense => ({ hits, evades, resists, damage });
const report = (character: string, session: string | null, timestamp: string, monsters: Monsters) => ({
  type: 'combat_stats', character_name: character, ...(session === null ? {} : { session_id: session }), timestamp, session: { monsters },
});

/** Offense as the graph gives it, with the rates it derives. */
function offense(hits: number, misses: number, crits: number, damage: number, maxHit: number) {
  return {
    hits, misses, crits, damage, maxHit,
    accuracy: hits + misses > 0 ? hits / (hits + misses) : null,
    critRate: hits > 0 ? crits / hits : null,
    averageHit: hits > 0 ? damage / hits : null,
  };
}
const defense = (hits: number, evades: number, resists: number, damage: number) => ({ hits, evades, resists, damage });
const none = { offense: offense(0, 0, 0, 0, 0), defense: defense(0, 0, 0, 0) };

async function combatOf(...names: string[]): Promise<Array<Record<string, unknown>>> {
  const result = await run(COMBAT, { representations: names.map((name) => ({ __typename: 'Character', name })) });
  expect(result.errors).toBeUndefined();
  return (result.data as { _entities: Array<Record<string, unknown>> })._entities;
}

const sessionA1: Monsters = {
  'Olthoi Soldier': { kills: 5, offense: { slash: hit(10, 2, 1, 1000, 150), fire: hit(4, 0, 2, 600, 220) }, defense: { acid: guard(2, 3, 0, 40) } },
  'Drudge Skulker': { kills: 2, offense: { pierce: hit(3, 1, 0, 90, 40) }, defense: { slash: guard(1, 4, 0, 12) } },
};
const sessionA2: Monsters = {
  'Olthoi Soldier': { kills: 8, offense: { slash: hit(16, 3, 2, 1600, 210), fire: hit(4, 0, 2, 600, 220) }, defense: { acid: guard(3, 5, 1, 70) } },
  'Drudge Skulker': sessionA1['Drudge Skulker'] as Monsters[string],
};
const sessionB: Monsters = {
  'Olthoi Soldier': { kills: 3, offense: { slash: hit(6, 1, 0, 450, 90) } },
  Mite: { kills: 1, offense: { cold: hit(1, 0, 0, 30, 30) }, defense: { nether: guard(1, 0, 2, 25) } },
};

describe('Character.combat', () => {
  it('a repeated snapshot counts once; a growing one replaces the session and adds its growth to the lifetime', async () => {
    const started = '2024-05-01T12:00:00.000Z';
    await sendAndFlush(stack, plugin, [report('Larsson', 'a', started, sessionA1), report('Larsson', 'a', '2024-05-01T12:01:00.000Z', sessionA1)]);
    await sendAndFlush(stack, plugin, [report('Larsson', 'a', '2024-05-01T12:02:00.000Z', sessionA1)]);
    const [first] = await combatOf('Larsson');
    const sessionA1Totals = {
      kills: 7,
      offense: offense(17, 3, 3, 1690, 220),
      defense: defense(3, 7, 0, 52),
      byElement: [
        { element: 'slash', offense: offense(10, 2, 1, 1000, 150), defense: defense(1, 4, 0, 12) },
        { element: 'fire', offense: offense(4, 0, 2, 600, 220), defense: defense(0, 0, 0, 0) },
        { element: 'pierce', offense: offense(3, 1, 0, 90, 40), defense: defense(0, 0, 0, 0) },
        { element: 'acid', ...none, defense: defense(2, 3, 0, 40) },
      ],
      byMonster: [
        {
          monster: 'Olthoi Soldier', kills: 5, offense: offense(14, 2, 3, 1600, 220), defense: defense(2, 3, 0, 40),
          byElement: [
            { element: 'slash', offense: offense(10, 2, 1, 1000, 150), defense: defense(0, 0, 0, 0) },
            { element: 'fire', offense: offense(4, 0, 2, 600, 220), defense: defense(0, 0, 0, 0) },
            { element: 'acid', ...none, defense: defense(2, 3, 0, 40) },
          ],
        },
        {
          monster: 'Drudge Skulker', kills: 2, offense: offense(3, 1, 0, 90, 40), defense: defense(1, 4, 0, 12),
          byElement: [
            { element: 'pierce', offense: offense(3, 1, 0, 90, 40), defense: defense(0, 0, 0, 0) },
            { element: 'slash', ...none, defense: defense(1, 4, 0, 12) },
          ],
        },
      ],
    };
    expect(first).toEqual({
      name: 'Larsson',
      combat: {
        sessionId: 'a',
        sessionStartedAt: started,
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        session: sessionA1Totals,
        lifetime: sessionA1Totals,
      },
    });

    await sendAndFlush(stack, plugin, [report('Larsson', 'a', '2024-05-01T12:03:00.000Z', sessionA2)]);
    const [grown] = (await combatOf('Larsson')) as Array<{ combat: { session: { kills: number; byElement: unknown[] }; lifetime: unknown } }>;
    expect(grown?.combat.session.kills).toBe(10);
    expect(grown?.combat.session.byElement).toEqual([
      { element: 'slash', offense: offense(16, 3, 2, 1600, 210), defense: defense(1, 4, 0, 12) },
      { element: 'fire', offense: offense(4, 0, 2, 600, 220), defense: defense(0, 0, 0, 0) },
      { element: 'pierce', offense: offense(3, 1, 0, 90, 40), defense: defense(0, 0, 0, 0) },
      { element: 'acid', ...none, defense: defense(3, 5, 1, 70) },
    ]);
    // One session so far: its latest snapshot is the lifetime.
    expect(grown?.combat.lifetime).toEqual(grown?.combat.session);
  });

  it('a new session starts over; the lifetime adds it to everything before', async () => {
    const startedB = '2024-05-01T14:00:00.000Z';
    await sendAndFlush(stack, plugin, [report('Larsson', 'b', startedB, { 'Olthoi Soldier': { kills: 1, offense: { slash: hit(2, 0, 0, 150, 90) } } })]);
    await sendAndFlush(stack, plugin, [report('Larsson', 'b', '2024-05-01T14:05:00.000Z', sessionB)]);
    const [larsson] = (await combatOf('Larsson')) as Array<{ combat: Record<string, unknown> }>;
    expect(larsson?.combat).toMatchObject({ sessionId: 'b', sessionStartedAt: startedB });
    expect(larsson?.combat.session).toEqual({
      kills: 4,
      offense: offense(7, 1, 0, 480, 90),
      defense: defense(1, 0, 2, 25),
      byElement: [
        { element: 'slash', offense: offense(6, 1, 0, 450, 90), defense: defense(0, 0, 0, 0) },
        { element: 'cold', offense: offense(1, 0, 0, 30, 30), defense: defense(0, 0, 0, 0) },
        { element: 'nether', ...none, defense: defense(1, 0, 2, 25) },
      ],
      byMonster: [
        {
          monster: 'Olthoi Soldier', kills: 3, offense: offense(6, 1, 0, 450, 90), defense: defense(0, 0, 0, 0),
          byElement: [{ element: 'slash', offense: offense(6, 1, 0, 450, 90), defense: defense(0, 0, 0, 0) }],
        },
        {
          monster: 'Mite', kills: 1, offense: offense(1, 0, 0, 30, 30), defense: defense(1, 0, 2, 25),
          byElement: [
            { element: 'cold', offense: offense(1, 0, 0, 30, 30), defense: defense(0, 0, 0, 0) },
            { element: 'nether', ...none, defense: defense(1, 0, 2, 25) },
          ],
        },
      ],
    });
    expect(larsson?.combat.lifetime).toEqual({
      kills: 8 + 2 + 3 + 1,
      offense: offense(16 + 4 + 3 + 6 + 1, 3 + 0 + 1 + 1 + 0, 2 + 2 + 0 + 0 + 0, 1600 + 600 + 90 + 450 + 30, 220),
      defense: defense(3 + 1 + 1, 5 + 4 + 0, 1 + 0 + 2, 70 + 12 + 25),
      byElement: [
        { element: 'slash', offense: offense(22, 4, 2, 2050, 210), defense: defense(1, 4, 0, 12) },
        { element: 'fire', offense: offense(4, 0, 2, 600, 220), defense: defense(0, 0, 0, 0) },
        { element: 'pierce', offense: offense(3, 1, 0, 90, 40), defense: defense(0, 0, 0, 0) },
        { element: 'cold', offense: offense(1, 0, 0, 30, 30), defense: defense(0, 0, 0, 0) },
        { element: 'acid', ...none, defense: defense(3, 5, 1, 70) },
        { element: 'nether', ...none, defense: defense(1, 0, 2, 25) },
      ],
      byMonster: [
        {
          monster: 'Olthoi Soldier', kills: 11, offense: offense(26, 4, 4, 2650, 220), defense: defense(3, 5, 1, 70),
          byElement: [
            { element: 'slash', offense: offense(22, 4, 2, 2050, 210), defense: defense(0, 0, 0, 0) },
            { element: 'fire', offense: offense(4, 0, 2, 600, 220), defense: defense(0, 0, 0, 0) },
            { element: 'acid', ...none, defense: defense(3, 5, 1, 70) },
          ],
        },
        {
          monster: 'Drudge Skulker', kills: 2, offense: offense(3, 1, 0, 90, 40), defense: defense(1, 4, 0, 12),
          byElement: [
            { element: 'pierce', offense: offense(3, 1, 0, 90, 40), defense: defense(0, 0, 0, 0) },
            { element: 'slash', ...none, defense: defense(1, 4, 0, 12) },
          ],
        },
        {
          monster: 'Mite', kills: 1, offense: offense(1, 0, 0, 30, 30), defense: defense(1, 0, 2, 25),
          byElement: [
            { element: 'cold', offense: offense(1, 0, 0, 30, 30), defense: defense(0, 0, 0, 0) },
            { element: 'nether', ...none, defense: defense(1, 0, 2, 25) },
          ],
        },
      ],
    });
  });

  it('the session shown is the one reported last; re-reporting an old one changes no lifetime number', async () => {
    const [before] = (await combatOf('Larsson')) as Array<{ combat: { lifetime: unknown } }>;
    await sendAndFlush(stack, plugin, [report('Larsson', 'a', '2024-05-01T15:00:00.000Z', sessionA2)]);
    const [after] = (await combatOf('Larsson')) as Array<{ combat: { sessionId: string; sessionStartedAt: string; session: { kills: number }; lifetime: unknown } }>;
    expect(after?.combat).toMatchObject({ sessionId: 'a', sessionStartedAt: '2024-05-01T12:00:00.000Z', session: { kills: 10 } });
    expect(after?.combat.lifetime).toEqual(before?.combat.lifetime);
  });

  it('is null for a character without combat reports; a plugin without session ids has a session all the same', async () => {
    await sendAndFlush(stack, plugin, [report('Anonymous', null, '2024-05-01T12:00:00.000Z', { Mite: { kills: 2 } })]);
    const [anonymous, stranger] = (await combatOf('Anonymous', 'Stranger')) as Array<{ name: string; combat: Record<string, unknown> | null }>;
    expect(anonymous?.combat).toMatchObject({ sessionId: null, session: { kills: 2, byMonster: [{ monster: 'Mite', kills: 2, byElement: [] }] }, lifetime: { kills: 2 } });
    expect(stranger).toEqual({ name: 'Stranger', combat: null });
  });

  it('loads every character of one request with one statement', async () => {
    let statements = 0;
    const counting = new Proxy(stack.db, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (...args: unknown[]) => {
          statements += 1;
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
    const result = await run(COMBAT, { representations: ['Larsson', 'Anonymous', 'Stranger'].map((name) => ({ __typename: 'Character', name })) }, counting);
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(1);
  });
});

describe('combatLeaders', () => {
  it('ranks characters by lifetime kills, then damage dealt', async () => {
    await sendAndFlush(stack, plugin, [
      report('Brawler', 's', '2024-05-01T12:00:00.000Z', { Mite: { kills: 14, offense: { bludgeon: hit(14, 0, 0, 700, 60) } } }),
      report('Pacifist', 's', '2024-05-01T12:00:00.000Z', { Mite: { kills: 0, defense: { nether: guard(3, 0, 0, 90) } } }),
    ]);
    const result = await run('{ combatLeaders(first: 4) { rank character { name } kills damage } }');
    expect(result).toEqual({
      data: {
        combatLeaders: [
          { rank: 1, character: { name: 'Larsson' }, kills: 14, damage: 2770 },
          { rank: 2, character: { name: 'Brawler' }, kills: 14, damage: 700 },
          { rank: 3, character: { name: 'Anonymous' }, kills: 2, damage: 0 },
          { rank: 4, character: { name: 'Pacifist' }, kills: 0, damage: 0 },
        ],
      },
    });
    const refused = await run('{ combatLeaders(first: 101) { rank } }');
    expect(refused.errors?.map((error) => [error.message, error.extensions.code])).toEqual([['first must be from 1 to 100, got 101.', 'BAD_USER_INPUT']]);
  });
});
