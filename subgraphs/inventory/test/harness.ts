import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type * as GraphQL from 'graphql';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import type pg from 'pg';
import { requestLoaders, type SubgraphContext } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import type { TestIngest } from '@lifestone/test-kit/ingest';
import { inventorySubgraph } from '../index.js';

/** Helpers shared by the inventory subgraph's tests. */

// Vitest resolves `graphql` to its ES module build, while @apollo/subgraph
// (CommonJS) requires the CommonJS one: a schema from one is refused by the
// other. Tests execute with the instance that built the schema, as Node does.
const { graphql, parse, subscribe } = createRequire(import.meta.url)('graphql') as typeof GraphQL;

export const schema: GraphQLSchema = buildSubgraphSchema([inventorySubgraph()]);

/** The context a request gets from `startSubgraph`, over the test's database and pubsub; `pool` may be swapped for a counting one. */
export function contextOf(stack: TestIngest, pool: pg.Pool = stack.db): SubgraphContext {
  return {
    identity: { kind: 'user', id: '1', name: 'tester', role: 'viewer' },
    pool,
    pubsub: stack.pubsub,
    log: createLogger('inventory-test', 'silent'),
    now: () => new Date(),
    loaders: requestLoaders(),
  };
}

/** Runs one operation with a context of its own, as each request gets one; the result holds its errors, if any. */
export async function run<T = Record<string, unknown>>(
  context: SubgraphContext,
  source: string,
  variableValues: Record<string, unknown> = {},
): Promise<ExecutionResult<T>> {
  return (await graphql({ schema, source, variableValues, contextValue: { ...context } })) as ExecutionResult<T>;
}

/** The data of an operation that must succeed. */
export async function data<T = Record<string, unknown>>(context: SubgraphContext, source: string, variableValues: Record<string, unknown> = {}): Promise<T> {
  const result = await run<T>(context, source, variableValues);
  if (result.errors) throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** Starts a subscription; resolves once it listens. */
export async function subscription<T>(context: SubgraphContext, source: string, variableValues: Record<string, unknown> = {}): Promise<AsyncGenerator<ExecutionResult<T>>> {
  const result = await subscribe({ schema, document: parse(source), variableValues, contextValue: { ...context } });
  if (!(Symbol.asyncIterator in result)) throw new Error(`subscription refused: ${JSON.stringify(result.errors)}`);
  return result as AsyncGenerator<ExecutionResult<T>>;
}

/** A pool that counts the statements sent through it (and keeps their text), to show a request's query count and what it read. */
export function countingPool(pool: pg.Pool): { pool: pg.Pool; statements: () => number; texts: string[] } {
  const texts: string[] = [];
  const counting = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (...args: Parameters<pg.Pool['query']>) => {
          const [statement] = args as unknown[];
          texts.push(typeof statement === 'string' ? statement : (statement as { text: string }).text);
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { pool: counting, statements: () => texts.length, texts };
}

/**
 * The search fixture: three characters' inventories (Delta has none), with
 * armour of two sets, jewellery, a weapon, gems, packs (one whose id sorts
 * before the others as a number but not as text, one an item names without
 * being listed), an item id that two characters share, and a name holding
 * LIKE's wildcards. Keys in expectations are `<character>/<item id>`.
 */
export const fleet: Record<string, object[]> = {
  Alpha: [
    {
      id: 1001, name: 'Gold Breastplate', object_class: 'Armor', container_id: 0, equipped_slot: 'Chest', value: 12000, burden: 800,
      material: 'Gold', set_name: "Defender's Set", armor_level: 612, coverage: ['Chest', 'Abdomen'],
      spells: ['Legendary Defender', 'Epic Invulnerability'], tinks: 10, workmanship: 9.5, imbue: null, mana: 1200, max_mana: 1500,
      spellcraft: 430, wield_requirements: [{ skill: 'Melee Defense', level: 400 }, { skill: 'Level', level: 180 }],
      ratings: { damage_resist: 4, crit_resist: 2 }, sheen: 'glossy',
    },
    {
      id: 1002, name: 'Steel Gauntlets', object_class: 'Armor', container_id: 0, equipped_slot: 'Hands', material: 'Steel',
      set_name: "Defender's Set", armor_level: 540, spells: ['Legendary Defender'], tinks: 7, workmanship: 8, ratings: { damage: 3 },
    },
    {
      id: 1003, name: 'Ring of Shimmering', object_class: 'Jewelry', container_id: 0, equipped_slot: 'LeftRing', material: 'Silver',
      spells: ['Major Strength'], ratings: { crit_damage: 2, vitality: 5 },
    },
    { id: 1004, name: 'Pack', object_class: 'Container', container_id: 0 },
    { id: 1005, name: 'Mana Stone', object_class: 'Gem', container_id: 1004, value: 10 },
    {
      id: 1006, name: 'Olthoi Helm', object_class: 'Armor', container_id: 1004, material: 'Iron', set_name: "Soldier's Set",
      armor_level: 600, spells: ['Legendary Defender', 'Major Strength'], tinks: 0, workmanship: 6,
    },
  ],
  Bravo: [
    { id: 1001, name: 'Silver Bracelet', object_class: 'Jewelry', container_id: 2004, material: 'Silver' },
    {
      id: 2001, name: 'Pyreal Sword', object_class: 'MeleeWeapon', container_id: 0, equipped_slot: 'Wield', material: 'Steel',
      max_damage: 42.5, attack_bonus: 0.15, melee_defense_bonus: 0.2, imbue: 'Crippling Blow', spells: ['Epic Blood Drinker'],
      tinks: 9, workmanship: 10, ratings: { damage: 5, crit: 3 },
    },
    {
      id: 2002, name: 'Gold Breastplate', object_class: 'Armor', container_id: 2004, material: 'Gold', set_name: "Defender's Set",
      armor_level: 580, spells: ['Legendary Defender'], tinks: 8, workmanship: 9, ratings: { damage_resist: 3, crit_damage_resist: 1, heal_boost: 2 },
    },
    {
      id: 2003, name: 'Necklace of the Sky', object_class: 'Jewelry', container_id: 0, equipped_slot: 'Neck',
      spells: ['Major Strength', 'Epic Invulnerability'], ratings: { heal_boost: 4 },
    },
    { id: 2004, name: 'Backpack', object_class: 'Container', container_id: 0 },
  ],
  Charlie: [
    { id: 900, name: 'Sack', object_class: 'Container', container_id: 0 },
    { id: 3001, name: 'Gold Breastplate of 50%_off', object_class: 'Armor', container_id: 0, material: 'Gold', armor_level: 700, tinks: 10, workmanship: 10 },
    {
      id: 3002, name: 'Leather Boots', object_class: 'Armor', container_id: 0, equipped_slot: 'Feet', material: 'Leather',
      set_name: "Soldier's Set", armor_level: 450, spells: ['Legendary Defender', 'Epic Invulnerability', 'Major Strength'],
      tinks: 5, workmanship: 7.5,
      ratings: { damage: 1, damage_resist: 1, crit: 1, crit_damage: 1, crit_resist: 1, crit_damage_resist: 1, heal_boost: 1, vitality: 1 },
    },
    { id: 3003, name: 'Mana Stone', object_class: 'Gem', container_id: 0 },
    { id: 3004, name: 'Aged Scroll', object_class: 'Scroll', container_id: 12000 },
  ],
};

/** One `full_inventory` frame per character of {@link fleet}. */
export function fleetFrames(): object[] {
  return Object.entries(fleet).map(([character, items]) => ({ type: 'full_inventory', character_name: character, items }));
}
