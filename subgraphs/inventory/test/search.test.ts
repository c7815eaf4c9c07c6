import { describe, expect, it } from 'vitest';
import type { SubgraphContext } from '@lifestone/lib/graph';
import { sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';
import { contextOf, countingPool, data, fleetFrames, run } from './harness.js';

const session = usePluginSession(fleetFrames());
/** The subgraph context over this suite's database, made once the suite has started. */
const context = (): SubgraphContext => contextOf(session.stack);

interface Page {
  edges: Array<{ cursor: string; node: { id: string; owner: { name: string } } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const SEARCH = `query ($filter: ItemFilter!, $orderBy: ItemOrder, $first: Int, $after: String) {
  searchItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { cursor node { id owner { name } } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

async function page(filter: object, first?: number | null, after?: string | null, orderBy?: object): Promise<Page> {
  return (await data<{ searchItems: Page }>(context(), SEARCH, { filter, first, after, orderBy })).searchItems;
}

/** The `<character>/<item id>` keys of every item matching `filter`, in result order. */
async function found(filter: object): Promise<string[]> {
  const result = await page(filter, 200);
  expect(result.pageInfo.hasNextPage).toBe(false);
  expect(result.totalCount).toBe(result.edges.length);
  return result.edges.map(({ node }) => `${node.owner.name}/${node.id}`);
}

const everything = [
  'Alpha/1001', 'Alpha/1002', 'Alpha/1003', 'Alpha/1004', 'Alpha/1005', 'Alpha/1006',
  'Bravo/1001', 'Bravo/2001', 'Bravo/2002', 'Bravo/2003', 'Bravo/2004',
  'Charlie/900', 'Charlie/3001', 'Charlie/3002', 'Charlie/3003', 'Charlie/3004',
];

describe('searchItems filters', () => {
  it.each([
    ['no condition', {}, everything],
    ['text, case-insensitive', { text: 'bREASTplate' }, ['Alpha/1001', 'Bravo/2002', 'Charlie/3001']],
    ['text with LIKE wildcards, matched literally', { text: '50%_o' }, ['Charlie/3001']],
    ['text %', { text: '%' }, ['Charlie/3001']],
    ['text _', { text: '_' }, ['Charlie/3001']],
    ['characters', { characters: ['Bravo', 'Charlie'] }, everything.filter((key) => !key.startsWith('Alpha/'))],
    ['characters, none', { characters: [] }, []],
    ['characters, unknown', { characters: ['Delta'] }, []],
    ['objectClass', { objectClass: 'Jewelry' }, ['Alpha/1003', 'Bravo/1001', 'Bravo/2003']],
    ['objectClass Container', { objectClass: 'Container' }, ['Alpha/1004', 'Bravo/2004', 'Charlie/900']],
    ['material', { material: 'Gold' }, ['Alpha/1001', 'Bravo/2002', 'Charlie/3001']],
    ['setName', { setName: "Defender's Set" }, ['Alpha/1001', 'Alpha/1002', 'Bravo/2002']],
    ['armorLevelMin', { armorLevelMin: 600 }, ['Alpha/1001', 'Alpha/1006', 'Charlie/3001']],
    ['armorLevelMax', { armorLevelMax: 540 }, ['Alpha/1002', 'Charlie/3002']],
    ['armorLevelMin and Max', { armorLevelMin: 541, armorLevelMax: 650 }, ['Alpha/1001', 'Alpha/1006', 'Bravo/2002']],
    ['one spell', { spells: ['Legendary Defender'] }, ['Alpha/1001', 'Alpha/1002', 'Alpha/1006', 'Bravo/2002', 'Charlie/3002']],
    ['two spells, both needed', { spells: ['Legendary Defender', 'Major Strength'] }, ['Alpha/1006', 'Charlie/3002']],
    ['two other spells', { spells: ['Epic Invulnerability', 'Major Strength'] }, ['Bravo/2003', 'Charlie/3002']],
    ['a spell named twice', { spells: ['Epic Blood Drinker', 'Epic Blood Drinker'] }, ['Bravo/2001']],
    ['a spell no item has', { spells: ['Legendary Defender', 'Nonexistent'] }, []],
    ['no spells', { spells: [] }, everything],
    ['tinksMin', { tinksMin: 9 }, ['Alpha/1001', 'Bravo/2001', 'Charlie/3001']],
    ['tinksMax', { tinksMax: 5 }, ['Alpha/1006', 'Charlie/3002']],
    ['workmanshipMin', { workmanshipMin: 9.5 }, ['Alpha/1001', 'Bravo/2001', 'Charlie/3001']],
    ['workmanshipMax', { workmanshipMax: 7.5 }, ['Alpha/1006', 'Charlie/3002']],
    ['equipped', { equipped: true }, ['Alpha/1001', 'Alpha/1002', 'Alpha/1003', 'Bravo/2001', 'Bravo/2003', 'Charlie/3002']],
    [
      'not equipped',
      { equipped: false },
      ['Alpha/1004', 'Alpha/1005', 'Alpha/1006', 'Bravo/1001', 'Bravo/2002', 'Bravo/2004', 'Charlie/900', 'Charlie/3001', 'Charlie/3003', 'Charlie/3004'],
    ],
    ['damageMin', { damageMin: 3 }, ['Alpha/1002', 'Bravo/2001']],
    ['damageResistMin', { damageResistMin: 3 }, ['Alpha/1001', 'Bravo/2002']],
    ['critMin', { critMin: 1 }, ['Bravo/2001', 'Charlie/3002']],
    ['critDamageMin', { critDamageMin: 2 }, ['Alpha/1003']],
    ['critResistMin', { critResistMin: 2 }, ['Alpha/1001']],
    ['critDamageResistMin', { critDamageResistMin: 1 }, ['Bravo/2002', 'Charlie/3002']],
    ['healBoostMin', { healBoostMin: 3 }, ['Bravo/2003']],
    ['vitalityMin', { vitalityMin: 1 }, ['Alpha/1003', 'Charlie/3002']],
  ])('%s', async (_name, filter, expected) => {
    expect(await found(filter)).toEqual(expected);
  });

  it.each([
    ['class, material and not equipped', { objectClass: 'Armor', material: 'Gold', equipped: false }, ['Bravo/2002', 'Charlie/3001']],
    [
      'set, spell, armor level, tinks and workmanship',
      { setName: "Defender's Set", spells: ['Legendary Defender'], armorLevelMin: 550, tinksMin: 8, workmanshipMin: 9 },
      ['Alpha/1001', 'Bravo/2002'],
    ],
    ['one character, a spell, equipped', { characters: ['Alpha'], spells: ['Legendary Defender'], equipped: true }, ['Alpha/1001', 'Alpha/1002']],
    ['text within characters', { text: 'stone', characters: ['Alpha', 'Charlie'] }, ['Alpha/1005', 'Charlie/3003']],
    ['two ratings', { healBoostMin: 1, damageResistMin: 1 }, ['Bravo/2002', 'Charlie/3002']],
    ['text, set and a rating', { text: 'gold', setName: "Defender's Set", critDamageResistMin: 1 }, ['Bravo/2002']],
    ['conditions no item meets together', { material: 'Gold', equipped: true, tinksMax: 5 }, []],
  ])('combined: %s', async (_name, filter, expected) => {
    expect(await found(filter)).toEqual(expected);
  });

  it.each([
    ['objectClass', { objectClass: 'jewelry' }, ['Alpha/1003', 'Bravo/1001', 'Bravo/2003']],
    ['objectClass, shouted', { objectClass: 'MELEEWEAPON' }, ['Bravo/2001']],
    ['material', { material: 'gOLD' }, ['Alpha/1001', 'Bravo/2002', 'Charlie/3001']],
    ['setName', { setName: "defender's set" }, ['Alpha/1001', 'Alpha/1002', 'Bravo/2002']],
    ['spells', { spells: ['legendary defender', 'MAJOR STRENGTH'] }, ['Alpha/1006', 'Charlie/3002']],
    ['one spell named in two cases', { spells: ['Epic Blood Drinker', 'epic blood drinker'] }, ['Bravo/2001']],
    ['part of a value matches nothing', { material: 'Gol' }, []],
  ])('case-insensitive: %s', async (_name, filter, expected) => {
    expect(await found(filter)).toEqual(expected);
  });
});

describe('itemFilterValues', () => {
  it("lists the fleet's distinct classes, materials, sets and spells, alphabetical", async () => {
    expect(await data(context(), '{ itemFilterValues { objectClasses materials setNames spells } }')).toEqual({
      itemFilterValues: {
        objectClasses: ['Armor', 'Container', 'Gem', 'Jewelry', 'MeleeWeapon', 'Scroll'],
        materials: ['Gold', 'Iron', 'Leather', 'Silver', 'Steel'],
        setNames: ["Defender's Set", "Soldier's Set"],
        spells: ['Epic Blood Drinker', 'Epic Invulnerability', 'Legendary Defender', 'Major Strength'],
      },
    });
  });
});

describe('searchItems order', () => {
  const keys = (result: Page) => result.edges.map(({ node }) => `${node.owner.name}/${node.id}`);

  /** Every item of `filter` in `orderBy`, `size` a page, following endCursor. */
  async function ordered(filter: object, orderBy: object, size: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const next: Page = await page(filter, size, after, orderBy);
      seen.push(...keys(next));
      if (!next.pageInfo.hasNextPage) return seen;
      after = next.pageInfo.endCursor;
    }
  }

  const armor = { objectClass: 'Armor' };
  it.each([
    ['armor level, ascending', armor, { field: 'ARMOR_LEVEL' }, ['Charlie/3002', 'Alpha/1002', 'Bravo/2002', 'Alpha/1006', 'Alpha/1001', 'Charlie/3001']],
    ['armor level, descending', armor, { field: 'ARMOR_LEVEL', direction: 'DESC' }, ['Charlie/3001', 'Alpha/1001', 'Alpha/1006', 'Bravo/2002', 'Alpha/1002', 'Charlie/3002']],
    // Ties (three Gold Breastplates' names differ; two items at workmanship 10) by owner, then id; items without a set last either way.
    ['name, case aside', armor, { field: 'NAME' }, ['Alpha/1001', 'Bravo/2002', 'Charlie/3001', 'Charlie/3002', 'Alpha/1006', 'Alpha/1002']],
    ['set, descending, the set-less last', armor, { field: 'SET_NAME', direction: 'DESC' }, ['Alpha/1006', 'Charlie/3002', 'Alpha/1001', 'Alpha/1002', 'Bravo/2002', 'Charlie/3001']],
    ['workmanship, descending, ties by owner', {}, { field: 'WORKMANSHIP', direction: 'DESC' }, [
      'Bravo/2001', 'Charlie/3001', 'Alpha/1001', 'Bravo/2002', 'Alpha/1002', 'Charlie/3002', 'Alpha/1006',
      'Alpha/1003', 'Alpha/1004', 'Alpha/1005', 'Bravo/1001', 'Bravo/2003', 'Bravo/2004', 'Charlie/900', 'Charlie/3003', 'Charlie/3004',
    ]],
    ['owner, descending', { characters: ['Alpha', 'Bravo'] }, { field: 'OWNER', direction: 'DESC' }, [
      'Bravo/2004', 'Bravo/2003', 'Bravo/2002', 'Bravo/2001', 'Bravo/1001', 'Alpha/1006', 'Alpha/1005', 'Alpha/1004', 'Alpha/1003', 'Alpha/1002', 'Alpha/1001',
    ]],
  ])('%s: one page, and the same across pages of 1, 2 and 4', async (_name, filter, orderBy, expected) => {
    expect(keys(await page(filter, 50, null, orderBy))).toEqual(expected);
    for (const size of [1, 2, 4]) expect(await ordered(filter, orderBy, size)).toEqual(expected);
  });

  it('refuses a cursor of another order', async () => {
    const first = await page({}, 2, null, { field: 'VALUE' });
    const result = await run(context(), SEARCH, { filter: {}, first: 2, after: first.pageInfo.endCursor, orderBy: { field: 'VALUE', direction: 'DESC' } });
    expect(result.errors?.map((error) => ({ message: error.message, code: error.extensions.code }))).toEqual([
      { message: 'after is a cursor of another order: ask for the first page again when the order changes.', code: 'BAD_USER_INPUT' },
    ]);
  });
});

describe('searchItems pages', () => {
  /** Every page of `filter` at `size` items a page, following endCursor. */
  async function allPages(filter: object, size: number): Promise<Page[]> {
    const pages: Page[] = [];
    let after: string | null = null;
    for (;;) {
      const next: Page = await page(filter, size, after);
      pages.push(next);
      if (!next.pageInfo.hasNextPage) return pages;
      expect(next.pageInfo.endCursor).toBe(next.edges.at(-1)?.cursor);
      after = next.pageInfo.endCursor;
    }
  }

  it.each([
    ['everything, 2 a page', {}, 2, everything],
    ['everything, 3 a page', {}, 3, everything],
    ['everything, 16 a page', {}, 16, everything],
    ['not equipped, 3 a page', { equipped: false }, 3, [
      'Alpha/1004', 'Alpha/1005', 'Alpha/1006', 'Bravo/1001', 'Bravo/2002', 'Bravo/2004', 'Charlie/900', 'Charlie/3001', 'Charlie/3003', 'Charlie/3004',
    ]],
  ])('%s: the pages together are the whole result, once each', async (_name, filter, size, expected) => {
    const pages = await allPages(filter, size);
    expect(pages.map((p) => p.edges.length)).toEqual(
      Array.from({ length: Math.ceil(expected.length / size) }, (_, index) => Math.min(size, expected.length - index * size)),
    );
    expect(pages.flatMap((p) => p.edges.map(({ node }) => `${node.owner.name}/${node.id}`))).toEqual(expected);
    expect(pages.every((p) => p.totalCount === expected.length)).toBe(true);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual(pages.map((_, index) => index < pages.length - 1));
  });

  it('defaults to 50 a page; an empty page says whether more follow', async () => {
    expect((await page({}, undefined)).edges).toHaveLength(16);
    expect(await page({}, 0)).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 16 });
    expect(await page({ material: 'Mithril' }, 5)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it('stays stable while inventories change between pages: no repeat, no skip of what stayed', async () => {
    const first = await page({ characters: ['Bravo'] }, 2);
    expect(first.edges.map(({ node }) => node.id)).toEqual(['1001', '2001']);
    await sendAndFlush(session.stack, session.plugin, [
      { type: 'inventory_delta', character_name: 'Bravo', action: 'add', item: { id: 1500, name: 'Early Arrival', container_id: 0 } },
      { type: 'inventory_delta', character_name: 'Bravo', action: 'add', item: { id: 2500, name: 'Late Arrival', container_id: 0 } },
    ]);
    try {
      const second = await page({ characters: ['Bravo'] }, 2, first.pageInfo.endCursor);
      const third = await page({ characters: ['Bravo'] }, 2, second.pageInfo.endCursor);
      expect([...second.edges, ...third.edges].map(({ node }) => node.id)).toEqual(['2002', '2003', '2004', '2500']);
      expect(third.pageInfo.hasNextPage).toBe(false);
      expect(third.totalCount).toBe(7);
    } finally {
      await sendAndFlush(session.stack, session.plugin, [
        { type: 'inventory_delta', character_name: 'Bravo', action: 'remove', item: { id: 1500 } },
        { type: 'inventory_delta', character_name: 'Bravo', action: 'remove', item: { id: 2500 } },
      ]);
    }
  });

  it('costs one statement a page, and one more only when totalCount is asked', async () => {
    const counted = countingPool(session.stack.db);
    const countingContext = contextOf(session.stack, counted.pool);
    await data(countingContext, '{ searchItems(filter: { equipped: true }, first: 2) { edges { node { id name spells ratings { damage } wieldRequirements { skill } } } pageInfo { hasNextPage } } }');
    expect(counted.statements()).toBe(1);
    await data(countingContext, '{ searchItems(filter: { equipped: true }, first: 2) { totalCount edges { node { id } } } }');
    expect(counted.statements()).toBe(3);
  });

  it('reads only the items\' own rows when their nodes ask for no detail, with the same values as whole items', async () => {
    const counted = countingPool(session.stack.db);
    const ask = async (fields: string, fragments = ''): Promise<Array<Record<string, unknown>>> =>
      (await data<{ searchItems: { edges: Array<{ node: Record<string, unknown> }> } }>(
        contextOf(session.stack, counted.pool),
        `{ searchItems(filter: {}, first: 200) { edges { cursor node { ${fields} } } } } ${fragments}`,
      )).searchItems.edges.map(({ node }) => node);
    const own = 'id owner { name } name objectClass containerId equippedSlot value burden material setName armorLevel coverage validSlots tinks workmanship';
    const light = await ask(own);
    // The ratings are joined once, for the filter, and not again for the items.
    expect(counted.texts.at(-1)).not.toMatch(/inventory_item_requirements/);
    expect(counted.texts.at(-1)?.match(/inventory_item_ratings/g)).toHaveLength(1);
    const whole = await ask(`${own} spells wieldRequirements { skill level } ratings { damage } extra`);
    expect(counted.texts.at(-1)).toMatch(/inventory_item_requirements/);
    expect(counted.texts.at(-1)?.match(/inventory_item_ratings/g)).toHaveLength(2);
    expect(light).toEqual(whole.map(({ spells: _s, wieldRequirements: _w, ratings: _r, extra: _e, ...rest }) => rest));
    expect(light).toHaveLength(everything.length);
    expect(whole.some((item) => (item.spells as string[]).length > 0 && item.ratings !== null)).toBe(true);

    // A detail asked for through a fragment, on the node or on the connection, loads whole items.
    const [first] = await ask('id ...Magic', 'fragment Magic on Item { spells }');
    expect(first).toEqual({ id: '1001', spells: ['Epic Invulnerability', 'Legendary Defender'] });
    const throughConnection = await data<{ searchItems: { edges: Array<{ node: Record<string, unknown> }> } }>(
      contextOf(session.stack, counted.pool),
      '{ searchItems(filter: {}, first: 1) { ...Page } } fragment Page on ItemConnection { edges { node { id ... on Item { extra } } } }',
    );
    expect(throughConnection.searchItems.edges[0]?.node).toEqual({ id: '1001', extra: { sheen: 'glossy' } });
  });

  it.each([
    ['first over the limit', { filter: {}, first: 201 }, 'first must be from 0 to 200, got 201.'],
    ['negative first', { filter: {}, first: -1 }, 'first must be from 0 to 200, got -1.'],
    ['a cursor that is not one', { filter: {}, after: 'bm90IGEgY3Vyc29y' }, 'after is not a cursor of searchItems: pass the endCursor of the previous page.'],
    ['a cursor of the wrong shape', { filter: {}, after: Buffer.from('["Alpha","1001"]').toString('base64url') }, 'after is not a cursor of searchItems: pass the endCursor of the previous page.'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, variables, message) => {
    const result = await run(context(), SEARCH, variables);
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => ({ message: error.message, code: error.extensions.code }))).toEqual([{ message, code: 'BAD_USER_INPUT' }]);
  });
});
