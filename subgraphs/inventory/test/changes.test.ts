import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { SubgraphContext } from '@lifestone/lib/graph';
import { sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';
import { contextOf, data, subscription } from './harness.js';

const session = usePluginSession();
/** The subgraph context over this suite's database, made once the suite has started. */
const context = (): SubgraphContext => contextOf(session.stack);

interface Change {
  character: { name: string };
  action: string;
  itemId: string | null;
  item: Record<string, unknown> | null;
  items: Array<Record<string, unknown>> | null;
  at: string;
}

const ITEM = `id owner { name } name objectClass containerId equippedSlot material spells tinks workmanship coverage
  wieldRequirements { skill level } ratings { damage damageResist crit critDamage critResist critDamageResist healBoost vitality }
  extra updatedAt`;
const CHANGES = `subscription ($characters: [String!]) {
  itemChanges(characters: $characters) { character { name } action itemId item { ${ITEM} } items { id name } at }
}`;

/** The next `count` changes of `stream`. */
async function take(stream: AsyncGenerator<ExecutionResult<{ itemChanges: Change }>>, count: number): Promise<Change[]> {
  const changes: Change[] = [];
  while (changes.length < count) {
    const { value, done } = await stream.next();
    if (done) throw new Error('the subscription ended');
    if (value.errors) throw new Error(JSON.stringify(value.errors));
    changes.push((value.data as { itemChanges: Change }).itemChanges);
  }
  return changes;
}

const sword = {
  id: 7, name: 'Pyreal Sword', object_class: 'MeleeWeapon', container_id: 0, equipped_slot: 'Wield', material: 'Steel',
  spells: ['Epic Blood Drinker', 'Legendary Heart Seeker', 'Epic Blood Drinker'], tinks: 9, workmanship: 10,
  wield_requirements: [{ skill: 'Heavy Weapons', level: 375 }], ratings: { damage: 5, crit: 3 }, glow: 'blue',
};

describe('itemChanges', () => {
  it('streams the changes of the characters asked for, in order, items as the graph gives them', async () => {
    const stream = await subscription<{ itemChanges: Change }>(context(), CHANGES, { characters: ['Echo'] });
    const at = '2024-05-01T12:00:00.000Z';
    // One frame at a time: the two frame types travel on two topics, ordered only within each.
    const frames = [
      { type: 'full_inventory', character_name: 'Foxtrot', timestamp: at, items: [{ id: 1, name: 'Not Yours' }] },
      { type: 'full_inventory', character_name: 'Echo', timestamp: at, items: [{ id: 1, name: 'Pack', object_class: 'Container', container_id: 0 }] },
      { type: 'inventory_delta', character_name: 'Foxtrot', timestamp: at, action: 'add', item: sword },
      { type: 'inventory_delta', character_name: 'Echo', timestamp: at, action: 'add', item: sword },
      { type: 'inventory_delta', character_name: 'Echo', timestamp: '2024-05-01T12:00:05.000Z', action: 'update', item: { ...sword, container_id: 1, equipped_slot: null } },
      { type: 'inventory_delta', character_name: 'Echo', timestamp: '2024-05-01T12:00:09.000Z', action: 'remove', item: { id: 7 } },
    ];
    for (const frame of frames) await sendAndFlush(session.stack, session.plugin, [frame]);
    const changes = await take(stream, 4);
    await stream.return(undefined);

    const echo = { name: 'Echo' };
    expect(changes.map(({ character, action, itemId, at: time }) => ({ character, action, itemId, at: time }))).toEqual([
      { character: echo, action: 'REPLACE_ALL', itemId: null, at },
      { character: echo, action: 'ADD', itemId: '7', at },
      { character: echo, action: 'UPDATE', itemId: '7', at: '2024-05-01T12:00:05.000Z' },
      { character: echo, action: 'REMOVE', itemId: '7', at: '2024-05-01T12:00:09.000Z' },
    ]);
    expect(changes[0]).toMatchObject({ item: null, items: [{ id: '1', name: 'Pack' }] });
    expect(changes[1]?.item).toEqual({
      id: '7', owner: echo, name: 'Pyreal Sword', objectClass: 'MeleeWeapon', containerId: '0', equippedSlot: 'Wield', material: 'Steel',
      spells: ['Epic Blood Drinker', 'Legendary Heart Seeker'], tinks: 9, workmanship: 10, coverage: [],
      wieldRequirements: [{ skill: 'Heavy Weapons', level: 375 }],
      ratings: { damage: 5, damageResist: null, crit: 3, critDamage: null, critResist: null, critDamageResist: null, healBoost: null, vitality: null },
      extra: { glow: 'blue' }, updatedAt: expect.any(String),
    });
    expect(changes[2]?.item).toMatchObject({ containerId: '1', equippedSlot: null });
    expect(changes[3]).toMatchObject({ item: null, items: null });
  });

  it('gives an item the same shape the inventory query gives it', async () => {
    const stream = await subscription<{ itemChanges: Change }>(context(), CHANGES, { characters: ['Golf'] });
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: 'Golf', action: 'add', item: sword }]);
    const [change] = await take(stream, 1);
    await stream.return(undefined);
    const { _entities } = await data<{ _entities: Array<{ inventory: unknown[] }> }>(
      context(),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Character { inventory { ${ITEM} } } } }`,
      { representations: [{ __typename: 'Character', name: 'Golf' }] },
    );
    expect(_entities[0]?.inventory).toEqual([change?.item]);
  });

  it('without characters, streams every character', async () => {
    const stream = await subscription<{ itemChanges: Change }>(context(), CHANGES, {});
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: 'Hotel', action: 'remove', item: { id: 1 } }]);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: 'India', action: 'remove', item: { id: 2 } }]);
    const changes = await take(stream, 2);
    await stream.return(undefined);
    expect(changes.map(({ character, itemId }) => [character.name, itemId])).toEqual([['Hotel', '1'], ['India', '2']]);
  });

  it('reads the inventory afresh for each change, though every change runs with the one context of the subscription', async () => {
    const stream = await subscription<{ itemChanges: { character: { inventory: Array<{ id: string }> } } }>(
      context(),
      'subscription { itemChanges(characters: ["Juliet"]) { character { inventory { id } } } }',
    );
    const inventories: string[][] = [];
    for (const id of [1, 2]) {
      await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: 'Juliet', action: 'add', item: { id, name: `Item ${id}` } }]);
      const { value } = await stream.next();
      const change = (value as ExecutionResult<{ itemChanges: { character: { inventory: Array<{ id: string }> } } }>).data?.itemChanges;
      inventories.push(change?.character.inventory.map((item) => item.id) ?? []);
    }
    await stream.return(undefined);
    expect(inventories).toEqual([['1'], ['1', '2']]);
  });
});
