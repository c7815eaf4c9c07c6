import { describe, expect, it } from 'vitest';
import { sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';

const session = usePluginSession();

const breastplate = {
  id: 101, name: 'Gold Breastplate', object_class: 'Armor', container_id: 0, equipped_slot: 'Chest', value: 12000,
  burden: 800, material: 'Gold', set_name: "Defender's Set", armor_level: 612, coverage: ['Chest', 'Abdomen'],
  spells: ['Legendary Defender', 'Epic Invulnerability'], tinks: 10, workmanship: 9.5, imbue: null, mana: 1200, max_mana: 1500,
  spellcraft: 430, wield_requirements: [{ skill: 'Melee Defense', level: 400 }], ratings: { damage_resist: 4, crit_resist: 2 },
  sheen: 'glossy',
};
const ring = { id: 102, name: 'Ring of Shimmering', object_class: 'Jewelry', container_id: 0, equipped_slot: 'LeftRing', spells: ['Major Strength'] };
const gem = { id: 103, name: 'Mana Stone', object_class: 'Gem', container_id: 500, equipped_slot: null, value: 10 };
const pack = { id: 500, name: 'Pack', object_class: 'Container', container_id: 0 };

async function inventory(character: string): Promise<Record<string, unknown>[]> {
  return (await session.stack.db.query(
    `SELECT item_id, name, container_id, equipped_slot, tinks,
            (SELECT array_agg(spell ORDER BY spell) FROM inventory_item_spells s WHERE s.character_name = i.character_name AND s.item_id = i.item_id) AS spells
       FROM inventory_items i WHERE character_name = $1 ORDER BY item_id`,
    [character],
  )).rows;
}

describe('inventory', () => {
  it('full_inventory then deltas give exactly the expected inventory', async () => {
    const c = 'Packrat';
    await sendAndFlush(session.stack, session.plugin, [
      { type: 'full_inventory', character_name: c, items: [breastplate, ring, gem, pack] },
      { type: 'inventory_delta', character_name: c, action: 'update', item: { ...breastplate, tinks: 9 } },
      { type: 'inventory_delta', character_name: c, action: 'remove', item: { id: 102 } },
      { type: 'inventory_delta', character_name: c, action: 'add', item: { id: 104, name: 'Pyreal Sword', object_class: 'MeleeWeapon', container_id: 500 } },
      { type: 'inventory_delta', character_name: c, action: 'remove', item: { id: 999 } },
      { type: 'inventory_delta', character_name: c, action: 'update', item: { id: 105, name: 'Unknown Until Now', object_class: 'Misc', container_id: 500 } },
      { type: 'inventory_delta', character_name: c, action: 'update', item: { ...gem, container_id: 0 } },
    ]);
    expect(await inventory(c)).toEqual([
      { item_id: 101, name: 'Gold Breastplate', container_id: 0, equipped_slot: 'Chest', tinks: 9, spells: ['Epic Invulnerability', 'Legendary Defender'] },
      { item_id: 103, name: 'Mana Stone', container_id: 0, equipped_slot: null, tinks: null, spells: null },
      { item_id: 104, name: 'Pyreal Sword', container_id: 500, equipped_slot: null, tinks: null, spells: null },
      { item_id: 105, name: 'Unknown Until Now', container_id: 500, equipped_slot: null, tinks: null, spells: null },
      { item_id: 500, name: 'Pack', container_id: 0, equipped_slot: null, tinks: null, spells: null },
    ]);
  });

  it('stores every normalised part, unknown properties, and the raw frame', async () => {
    const c = 'Normal';
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory', character_name: c, items: [breastplate] }]);
    const [item] = (await session.stack.db.query(
      `SELECT material, set_name, armor_level, coverage, workmanship, value, burden, mana, max_mana, spellcraft, extra
         FROM inventory_items WHERE character_name = $1`, [c])).rows;
    expect(item).toEqual({ material: 'Gold', set_name: "Defender's Set", armor_level: 612, coverage: ['Chest', 'Abdomen'], workmanship: 9.5,
      value: 12000, burden: 800, mana: 1200, max_mana: 1500, spellcraft: 430, extra: { sheen: 'glossy' } });
    expect((await session.stack.db.query(`SELECT skill, level FROM inventory_item_requirements WHERE character_name = $1`, [c])).rows)
      .toEqual([{ skill: 'Melee Defense', level: 400 }]);
    expect((await session.stack.db.query(`SELECT damage, damage_resist, crit_resist, vitality FROM inventory_item_ratings WHERE character_name = $1`, [c])).rows)
      .toEqual([{ damage: null, damage_resist: 4, crit_resist: 2, vitality: null }]);
    expect((await session.stack.db.query(`SELECT item_count, frame->'items'->0->>'name' AS first FROM inventory_snapshots WHERE character_name = $1`, [c])).rows)
      .toEqual([{ item_count: 1, first: 'Gold Breastplate' }]);
    // The frame's text as ingest wrote it, its keys in their order (jsonb would sort them).
    const keys = (await session.stack.db.query<{ key: string }>(`SELECT json_object_keys(frame) AS key FROM inventory_snapshots WHERE character_name = $1`, [c])).rows;
    expect(keys.map((row) => row.key).slice(0, 2)).toEqual(['type', 'character_name']);
  });

  it("deletes an item's spells, requirements and ratings with it: removed by a delta, replaced by a login", async () => {
    const c = 'Tidy';
    const parts = async () => {
      const { rows } = await session.stack.db.query<{ item_id: string; part: string }>(
        `SELECT item_id::text, 'spell' AS part FROM inventory_item_spells WHERE character_name = $1
         UNION ALL SELECT item_id::text, 'requirement' FROM inventory_item_requirements WHERE character_name = $1
         UNION ALL SELECT item_id::text, 'rating' FROM inventory_item_ratings WHERE character_name = $1 ORDER BY 1, 2`,
        [c],
      );
      return rows.map((row) => `${row.item_id} ${row.part}`);
    };
    await sendAndFlush(session.stack, session.plugin, [{ type: 'full_inventory', character_name: c, items: [breastplate, ring] }]);
    expect(await parts()).toEqual(['101 rating', '101 requirement', '101 spell', '101 spell', '102 spell']);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: c, action: 'remove', item: { id: 101 } }]);
    expect(await parts()).toEqual(['102 spell']);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'full_inventory', character_name: c, items: [gem, { ...breastplate, spells: ['Minor Focus'] }] }]);
    expect(await parts()).toEqual(['101 rating', '101 requirement', '101 spell']);
    expect((await session.stack.db.query(`SELECT spell FROM inventory_item_spells WHERE character_name = $1`, [c])).rows).toEqual([{ spell: 'Minor Focus' }]);
  });

  it('a later full_inventory replaces everything, and deltas before it in the same batch do not leak', async () => {
    const c = 'Relogger';
    await sendAndFlush(session.stack, session.plugin, [
      { type: 'full_inventory', character_name: c, items: [breastplate, ring] },
      { type: 'inventory_delta', character_name: c, action: 'add', item: gem },
      { type: 'full_inventory', character_name: c, items: [pack] },
      { type: 'inventory_delta', character_name: c, action: 'add', item: { ...gem, id: 600 } },
    ]);
    expect((await inventory(c)).map((row) => row.item_id)).toEqual([500, 600]);
  });

  it('keeps arrival order across separate batches', async () => {
    const c = 'Slowpoke';
    await sendAndFlush(session.stack, session.plugin, [{ type: 'full_inventory', character_name: c, items: [breastplate, ring] }]);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: c, action: 'remove', item: { id: 101 } }]);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: c, action: 'add', item: { ...breastplate, tinks: 3 } }]);
    expect((await inventory(c)).map((row) => [row.item_id, row.tinks])).toEqual([[101, 3], [102, null]]);
  });
});
