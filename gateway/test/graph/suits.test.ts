import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PubSub } from '@lifestone/lib/pubsub';
import { createRedisPubSub } from '@lifestone/lib/pubsub/redis';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import { uniqueSuffix } from '@lifestone/test-kit/pubsub-contract';
import { cutRedisClients, withRedis } from '@lifestone/test-kit/redis';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';

/**
 * The suitbuilder end to end: inventories from plugin frames, stored by
 * ingest, searched by the inventory subgraph on its worker thread, streamed
 * through the gateway over graphql-ws. The search's rules are tested case by
 * case, and against a brute-force oracle, in subgraphs/inventory/test/.
 */

const piece = (id: number, name: string, coverage: string[], set: string | null, armorLevel: number, spells: string[] = []) => ({
  id, name, object_class: 'Armor', container_id: 0, equipped_slot: null, material: 'Steel', set_name: set, armor_level: armorLevel, coverage, spells,
});
const DEFENDER = "Defender's Set";
const SOLDIER = "Soldier's Set";
const ALPHA = [
  piece(1, 'Celdon Helm', ['Head'], DEFENDER, 300, ['Epic Strength']),
  piece(2, 'Celdon Breastplate', ['Chest'], DEFENDER, 320),
  piece(3, 'Amuli Leggings', ['UpperLegs', 'LowerLegs'], DEFENDER, 310),
  { id: 8, name: 'Pyreal', object_class: 'Money', container_id: 0, value: 1 },
];
const BETA = [
  piece(4, 'Celdon Gauntlets', ['Hands'], DEFENDER, 290),
  piece(5, 'Celdon Sollerets', ['Feet'], DEFENDER, 280),
  piece(6, 'Koujia Helm', ['Head'], null, 400),
  piece(7, 'Chiran Girth', ['Abdomen'], SOLDIER, 200),
];

const SEARCH = `subscription ($input: SuitSearchInput!) {
  suitSearch(input: $input) {
    kind
    progress { candidatesBeforePruning candidates nodes bestScore }
    suit { rank score }
    done {
      exhaustive message
      suits {
        rank score armorLevel why gatherText
        scoreParts { armorLevel sets cantrips ratings }
        pieces { slots reduction item { id name owner { name } } }
        sets { name pieces tier role }
        cantrips { family wanted level }
        missingCantrips { family wanted level }
        gather { character pieces { item { id } } }
      }
    }
  }
}`;

interface SuitResult {
  rank: number; score: number; armorLevel: number; why: string; gatherText: string;
  scoreParts: { armorLevel: number; sets: number; cantrips: number; ratings: number };
  pieces: { slots: string[]; reduction: string | null; item: { id: string; name: string; owner: { name: string } } }[];
  sets: { name: string; pieces: number; tier: number; role: string | null }[];
  cantrips: { family: string; wanted: string; level: string | null }[];
  missingCantrips: { family: string; wanted: string; level: string | null }[];
  gather: { character: string; pieces: { item: { id: string } }[] }[];
}
interface SearchEvent {
  suitSearch: {
    kind: 'PROGRESS' | 'SUIT' | 'DONE';
    progress: { candidatesBeforePruning: number; candidates: number; nodes: number; bestScore: number | null };
    suit: { rank: number; score: number } | null;
    done: { exhaustive: boolean; message: string; suits: SuitResult[] } | null;
  };
}

let stack: TestStack;
let plugin: TestPlugin;
let viewer: string;
beforeAll(async () => {
  stack = await startTestStack();
  plugin = await stack.connectPlugin();
  viewer = (await stack.createToken('viewer', 'suit reader')).token;
  await stack.send(plugin, [
    { type: 'full_inventory', character_name: 'Alpha', items: ALPHA },
    { type: 'full_inventory', character_name: 'Beta', items: BETA },
  ]);
});
afterAll(() => stack?.close());

/** Runs a search to its end and returns every event. */
function search(input: Record<string, unknown>): Promise<SearchEvent['suitSearch'][]> {
  return searchOn(stack, viewer, input);
}

/** {@link search} on another stack, as `token`. */
async function searchOn(on: TestStack, token: string, input: Record<string, unknown>): Promise<SearchEvent['suitSearch'][]> {
  const stream = await on.subscribeWs<SearchEvent>(SEARCH, { input }, token);
  try {
    await stream.waitFor((result) => Boolean(result.errors) || result.data?.suitSearch.kind === 'DONE', 20_000);
    const failed = stream.results.find((result) => result.errors);
    if (failed) throw Object.assign(new Error(failed.errors![0]!.message), { extensions: failed.errors![0]!.extensions });
    return stream.results.map((result) => result.data!.suitSearch);
  } finally {
    await stream.close();
  }
}

describe('suitSearch', () => {
  it('streams the exact best suits of a named set and a cantrip, with their pieces, owners and gather list', async () => {
    const events = await search({ primarySet: { mode: 'NAMED', name: DEFENDER }, secondarySet: { mode: 'NONE' }, cantrips: [{ family: 'strength', minLevel: 'MAJOR' }], slotGroups: ['ARMOR'] });
    const done = events.at(-1)!;
    expect(done.kind).toBe('DONE');
    expect(events.filter((event) => event.kind === 'DONE')).toHaveLength(1);
    expect(done.progress.candidatesBeforePruning).toBe(7);
    expect(done.done!.exhaustive).toBe(true);
    const [best, second, ...rest] = done.done!.suits;
    expect(rest).toEqual([]);
    // Helm 300 + breastplate 320 + leggings 310 x 2 + gauntlets 290 + sollerets 280 + girth 200.
    expect(best!.armorLevel).toBe(2010);
    expect(best!.scoreParts).toEqual({ armorLevel: 2010, sets: 5 * 400, cantrips: 2000, ratings: 0 });
    expect(best!.score).toBe(6010);
    expect(best!.pieces.map((p) => [p.slots.join('+'), p.item.id, p.item.owner.name, p.reduction])).toEqual([
      ['HEAD', '1', 'Alpha', null],
      ['HANDS', '4', 'Beta', null],
      ['FEET', '5', 'Beta', null],
      ['CHEST', '2', 'Alpha', null],
      ['ABDOMEN', '7', 'Beta', null],
      ['UPPER_LEGS+LOWER_LEGS', '3', 'Alpha', null],
    ]);
    expect(best!.sets).toEqual([
      { name: DEFENDER, pieces: 5, tier: 5, role: 'PRIMARY' },
      { name: SOLDIER, pieces: 1, tier: 0, role: null },
    ]);
    expect(best!.cantrips).toEqual([{ family: 'strength', wanted: 'MAJOR', level: 'EPIC' }]);
    expect(best!.missingCantrips).toEqual([]);
    expect(best!.gather.map(({ character, pieces }) => [character, pieces.map((p) => p.item.id)])).toEqual([
      ['Alpha', ['1', '2', '3']],
      ['Beta', ['4', '5', '7']],
    ]);
    expect(best!.gatherText).toBe(
      'Alpha: Celdon Helm (head), Celdon Breastplate (chest), Amuli Leggings (upper legs + lower legs)\n' +
        'Beta: Celdon Gauntlets (hands), Celdon Sollerets (feet), Chiran Girth (abdomen)',
    );
    // The other helm: more armour, but no set piece and no Strength.
    expect(second!.pieces.map((p) => p.item.id).sort()).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(second!.score).toBe(2110 + 4 * 400);
    expect(second!.missingCantrips).toEqual([{ family: 'strength', wanted: 'MAJOR', level: null }]);
    // Suits arrive as they enter the list, before the end.
    expect(events.filter((event) => event.kind === 'SUIT').length).toBeGreaterThanOrEqual(1);
  });

  it('builds around a locked piece and leaves out an excluded one', async () => {
    const events = await search({
      primarySet: { mode: 'NAMED', name: DEFENDER }, secondarySet: { mode: 'NONE' }, slotGroups: ['ARMOR'],
      locked: [{ owner: 'Beta', id: '6' }], excluded: [{ owner: 'Beta', id: '7' }], suits: 1,
    });
    const [suit] = events.at(-1)!.done!.suits;
    expect(suit!.pieces.map((p) => p.item.id)).toEqual(['6', '4', '5', '2', '3']);
  });

  it('draws from the chosen characters only', async () => {
    const events = await search({ characters: ['Beta'], slotGroups: ['ARMOR'], suits: 1 });
    const [suit] = events.at(-1)!.done!.suits;
    expect(new Set(suit!.pieces.map((p) => p.item.owner.name))).toEqual(new Set(['Beta']));
  });

  it('searches the items as they are now: what ingest stores after a search is in the next one', async () => {
    const input = { primarySet: { mode: 'NAMED', name: DEFENDER }, secondarySet: { mode: 'NONE' }, slotGroups: ['ARMOR'], suits: 1 };
    const bestHelm = async (): Promise<string | undefined> => {
      const [suit] = (await search(input)).at(-1)!.done!.suits;
      return suit!.pieces.find((p) => p.slots.includes('HEAD'))?.item.id;
    };
    expect(await bestHelm()).toBe('1');
    await stack.send(plugin, [{ type: 'inventory_delta', character_name: 'Beta', action: 'add', item: piece(9, 'Ancient Helm', ['Head'], DEFENDER, 600) }]);
    await vi.waitFor(async () => expect(await bestHelm()).toBe('9'), { timeout: 10_000, interval: 100 });
    await stack.send(plugin, [{ type: 'inventory_delta', character_name: 'Beta', action: 'remove', item: { id: 9 } }]);
    await vi.waitFor(async () => expect(await bestHelm()).toBe('1'), { timeout: 10_000, interval: 100 });
    // A piece reported before is reported as it is now.
    const helmName = async (): Promise<string | undefined> => {
      const [suit] = (await search(input)).at(-1)!.done!.suits;
      return suit!.pieces.find((p) => p.slots.includes('HEAD'))?.item.name;
    };
    expect(await helmName()).toBe('Celdon Helm');
    await stack.send(plugin, [{ type: 'inventory_delta', character_name: 'Alpha', action: 'update', item: { ...ALPHA[0], name: 'Polished Celdon Helm' } }]);
    await vi.waitFor(async () => expect(await helmName()).toBe('Polished Celdon Helm'), { timeout: 10_000, interval: 100 });
  });

  it('refuses what it cannot search, with a code and the argument', async () => {
    const refused = async (input: Record<string, unknown>) => {
      const error = await search(input).then(() => null, (failure: { message: string; extensions?: Record<string, unknown> }) => failure);
      return [error?.extensions?.code, error?.extensions?.argument];
    };
    expect(await refused({ suits: 0 })).toEqual(['BAD_USER_INPUT', 'input.suits']);
    expect(await refused({ timeBudgetMs: 60_001 })).toEqual(['BAD_USER_INPUT', 'input.timeBudgetMs']);
    expect(await refused({ primarySet: { mode: 'NAMED' } })).toEqual(['BAD_USER_INPUT', 'input.primarySet.name']);
    expect(await refused({ weights: { armorLevel: -1 } })).toEqual(['BAD_USER_INPUT', 'input.weights.armorLevel']);
    expect(await refused({ slotGroups: [] })).toEqual(['BAD_USER_INPUT', 'input.slotGroups']);
    expect(await refused({ locked: [{ owner: 'Alpha', id: '99' }] })).toEqual(['NOT_FOUND', 'input.locked']);
  });
});

describe('suitBuilderOptions', () => {
  it("lists the fleet's sets, cantrip families and characters with wearable items", async () => {
    const { body } = await stack.graphql<{ suitBuilderOptions: unknown }>('{ suitBuilderOptions { sets { name count } cantrips { family bestLevel count } characters } }', {}, { token: viewer });
    expect(body.errors).toBeUndefined();
    expect(body.data!.suitBuilderOptions).toEqual({
      sets: [{ name: DEFENDER, count: 5 }, { name: SOLDIER, count: 1 }],
      cantrips: [{ family: 'Strength', bestLevel: 'EPIC', count: 1 }],
      characters: ['Alpha', 'Beta'],
    });
  });
});

describe.skipIf(!process.env.REDIS_URL)('suitSearch when the pubsub lost an inventory change', () => {
  const name = `suits-gap-${uniqueSuffix()}`;
  let pubsub: PubSub;
  let own: TestStack;
  let token: string;
  beforeAll(async () => {
    pubsub = await createRedisPubSub({ url: process.env.REDIS_URL as string, name, onError: () => {} });
    own = await startTestStack({ pubsub });
    token = (await own.createToken('viewer', 'suit reader')).token;
    await own.send(await own.connectPlugin(), [
      { type: 'full_inventory', character_name: 'Alpha', items: ALPHA },
      { type: 'full_inventory', character_name: 'Beta', items: BETA },
    ]);
  });
  afterAll(async () => {
    await own?.close();
    await pubsub?.close();
  });

  it('reads every item again once Redis cut the subgraph\'s subscriber, as it may have lost a change', async () => {
    const input = { primarySet: { mode: 'NAMED', name: DEFENDER }, secondarySet: { mode: 'NONE' }, slotGroups: ['ARMOR'], suits: 1 };
    const bestHelm = async (): Promise<string | undefined> => {
      const [suit] = (await searchOn(own, token, input)).at(-1)!.done!.suits;
      return suit!.pieces.find((p) => p.slots.includes('HEAD'))?.item.id;
    };
    expect(await bestHelm()).toBe('1');
    // The helm goes without a word on the pubsub, as though Redis had dropped the change; then Redis cuts the subscriber.
    await own.db.query("DELETE FROM inventory_items WHERE character_name = 'Alpha' AND item_id = 1");
    expect(await bestHelm()).toBe('1');
    expect(await withRedis((redis) => cutRedisClients(redis, `${name}:sub`))).toBe(1);
    await vi.waitFor(async () => expect(await bestHelm()).toBe('6'), { timeout: 10_000, interval: 100 });
  });
});
