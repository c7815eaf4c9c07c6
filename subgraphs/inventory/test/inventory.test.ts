import { describe, expect, it } from 'vitest';
import type { SubgraphContext } from '@lifestone/lib/graph';
import { sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';
import { contextOf, countingPool, data, fleetFrames } from './harness.js';

const session = usePluginSession(fleetFrames());
/** The subgraph context over this suite's database, made once the suite has started. */
const context = (): SubgraphContext => contextOf(session.stack);

const ITEM_FIELDS = `id owner { name } name objectClass containerId equippedSlot value burden material setName armorLevel coverage spells
  tinks workmanship imbue maxDamage attackBonus meleeDefenseBonus magicDefenseBonus mana maxMana spellcraft
  wieldRequirements { skill level }
  ratings { damage damageResist crit critDamage critResist critDamageResist healBoost vitality }
  extra updatedAt`;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Character {
      name
      inventory { id }
      equipped { id equippedSlot }
      containers { id pack { id name } items { id } }
    }
  }
}`;

const characters = (...names: string[]) => ({ representations: names.map((name) => ({ __typename: 'Character', name })) });

const unrated = { damage: null, damageResist: null, crit: null, critDamage: null, critResist: null, critDamageResist: null, healBoost: null, vitality: null };

describe('Character inventory, resolved from the gateway\'s entity references', () => {
  it('gives each character its inventory, equipped items and containers', async () => {
    const { _entities } = await data<{ _entities: unknown[] }>(context(), ENTITIES, characters('Alpha', 'Bravo', 'Charlie', 'Delta'));
    expect(_entities).toEqual([
      {
        name: 'Alpha',
        inventory: ['1001', '1002', '1003', '1004', '1005', '1006'].map((id) => ({ id })),
        equipped: [{ id: '1001', equippedSlot: 'Chest' }, { id: '1002', equippedSlot: 'Hands' }, { id: '1003', equippedSlot: 'LeftRing' }],
        containers: [
          { id: '0', pack: null, items: [{ id: '1001' }, { id: '1002' }, { id: '1003' }, { id: '1004' }] },
          { id: '1004', pack: { id: '1004', name: 'Pack' }, items: [{ id: '1005' }, { id: '1006' }] },
        ],
      },
      {
        name: 'Bravo',
        inventory: ['1001', '2001', '2002', '2003', '2004'].map((id) => ({ id })),
        equipped: [{ id: '2001', equippedSlot: 'Wield' }, { id: '2003', equippedSlot: 'Neck' }],
        containers: [
          // Equipped first, then the rest, each by id.
          { id: '0', pack: null, items: [{ id: '2001' }, { id: '2003' }, { id: '2004' }] },
          { id: '2004', pack: { id: '2004', name: 'Backpack' }, items: [{ id: '1001' }, { id: '2002' }] },
        ],
      },
      {
        name: 'Charlie',
        inventory: ['900', '3001', '3002', '3003', '3004'].map((id) => ({ id })),
        equipped: [{ id: '3002', equippedSlot: 'Feet' }],
        containers: [
          { id: '0', pack: null, items: [{ id: '3002' }, { id: '900' }, { id: '3001' }, { id: '3003' }] },
          // Packs by id as numbers (900 before 12000); an empty pack is listed, and so is a container only its items name.
          { id: '900', pack: { id: '900', name: 'Sack' }, items: [] },
          { id: '12000', pack: null, items: [{ id: '3004' }] },
        ],
      },
      { name: 'Delta', inventory: [], equipped: [], containers: [] },
    ]);
  });

  it('loads every character of one request with one statement per depth of detail', async () => {
    const counted = countingPool(session.stack.db);
    // `inventory` and `equipped` ask for no item details here; `containers` always loads whole items.
    await data(contextOf(session.stack, counted.pool), ENTITIES, characters('Alpha', 'Bravo', 'Charlie', 'Delta'));
    expect(counted.statements()).toBe(2);
  });

  it('reads only the items\' own rows when no detail is asked for, with the same values as whole items', async () => {
    const ownFields = ITEM_FIELDS.replace(/\b(spells|extra)\b/g, '').replace(/wieldRequirements \{[^}]*\}|ratings \{[^}]*\}/g, '');
    const { pool: recording, texts: statements } = countingPool(session.stack.db);
    const ask = (fields: string) =>
      data<{ _entities: Array<{ inventory: Array<Record<string, unknown>> }> }>(
        contextOf(session.stack, recording),
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Character { inventory { ${fields} } } } } ${fields.includes('...Magic') ? 'fragment Magic on Item { spells }' : ''}`,
        characters('Alpha', 'Bravo'),
      );
    const light = await ask(ownFields);
    expect(statements.at(-1)).not.toMatch(/inventory_item_requirements/);
    const whole = await ask(ITEM_FIELDS);
    expect(statements.at(-1)).toMatch(/inventory_item_requirements/);
    const withoutDetails = whole._entities.map(({ inventory }) =>
      inventory.map(({ spells: _s, extra: _e, wieldRequirements: _w, ratings: _r, ...own }) => own),
    );
    expect(light._entities.map(({ inventory }) => inventory)).toEqual(withoutDetails);
    expect(withoutDetails.flat().length).toBeGreaterThan(5);

    // A detail asked for through a fragment or an inline fragment loads whole items.
    const throughFragment = await ask('id ...Magic');
    expect(throughFragment._entities[0]?.inventory[0]).toEqual({ id: '1001', spells: ['Epic Invulnerability', 'Legendary Defender'] });
    const inline = await ask('id ... on Item { extra }');
    expect(inline._entities[0]?.inventory[0]).toEqual({ id: '1001', extra: { sheen: 'glossy' } });
  });

  it('gives every property of an item exactly as sent, unknown ones in extra', async () => {
    const { _entities } = await data<{ _entities: Array<{ inventory: unknown[] }> }>(
      context(),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Character { inventory { ${ITEM_FIELDS} } } } }`,
      characters('Alpha'),
    );
    const [breastplate, gauntlets, , pack] = _entities[0]?.inventory ?? [];
    expect(breastplate).toEqual({
      id: '1001',
      owner: { name: 'Alpha' },
      name: 'Gold Breastplate',
      objectClass: 'Armor',
      containerId: '0',
      equippedSlot: 'Chest',
      value: 12000,
      burden: 800,
      material: 'Gold',
      setName: "Defender's Set",
      armorLevel: 612,
      coverage: ['Chest', 'Abdomen'],
      spells: ['Epic Invulnerability', 'Legendary Defender'],
      tinks: 10,
      workmanship: 9.5,
      imbue: null,
      maxDamage: null,
      attackBonus: null,
      meleeDefenseBonus: null,
      magicDefenseBonus: null,
      mana: 1200,
      maxMana: 1500,
      spellcraft: 430,
      wieldRequirements: [{ skill: 'Melee Defense', level: 400 }, { skill: 'Level', level: 180 }],
      ratings: { ...unrated, damageResist: 4, critResist: 2 },
      extra: { sheen: 'glossy' },
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(gauntlets).toMatchObject({ workmanship: 8, ratings: { ...unrated, damage: 3 }, coverage: [], wieldRequirements: [], extra: null });
    expect(pack).toMatchObject({ name: 'Pack', objectClass: 'Container', spells: [], ratings: null, equippedSlot: null, armorLevel: null });
  });

  it('follows deltas: an update moves an item, a removal drops it', async () => {
    await sendAndFlush(session.stack, session.plugin, [
      { type: 'full_inventory', character_name: 'Mover', items: [{ id: 1, name: 'Pack', object_class: 'Container', container_id: 0 }, { id: 2, name: 'Sword', container_id: 0, equipped_slot: 'Wield' }] },
      { type: 'inventory_delta', character_name: 'Mover', action: 'update', item: { id: 2, name: 'Sword', container_id: 1 } },
      { type: 'inventory_delta', character_name: 'Mover', action: 'add', item: { id: 3, name: 'Shield', container_id: 0, equipped_slot: 'Shield' } },
    ]);
    const { _entities } = await data<{ _entities: unknown[] }>(context(), ENTITIES, characters('Mover'));
    expect(_entities).toEqual([
      {
        name: 'Mover',
        inventory: [{ id: '1' }, { id: '2' }, { id: '3' }],
        equipped: [{ id: '3', equippedSlot: 'Shield' }],
        containers: [
          { id: '0', pack: null, items: [{ id: '3' }, { id: '1' }] },
          { id: '1', pack: { id: '1', name: 'Pack' }, items: [{ id: '2' }] },
        ],
      },
    ]);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: 'Mover', action: 'remove', item: { id: 2 } }]);
    const after = await data<{ _entities: Array<{ inventory: unknown[] }> }>(context(), ENTITIES, characters('Mover'));
    expect(after._entities[0]?.inventory).toEqual([{ id: '1' }, { id: '3' }]);
  });
});
