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
            (SELECT array_agg(spell ORDER BY spell) FROM unnest(i.spells) AS spell) AS spells
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

  it('counts the value deltas move after a full inventory in the same batch, from the values the login brought', async () => {
    const c = 'Trader';
    await sendAndFlush(session.stack, session.plugin, [
      { type: 'full_inventory', character_name: c, items: [breastplate, gem, pack] },
      { type: 'inventory_delta', character_name: c, action: 'update', item: { ...gem, value: 25 } },
      { type: 'inventory_delta', character_name: c, action: 'remove', item: { id: breastplate.id } },
      { type: 'inventory_delta', character_name: c, action: 'add', item: { id: 106, name: 'Pyreal Nugget', object_class: 'Misc', container_id: 500, value: 40 } },
    ]);
    const [moved] = (await session.stack.db.query(
      'SELECT sum(value_gained)::int AS gained, sum(value_lost)::int AS lost FROM activity_minutes WHERE character_name = $1', [c])).rows;
    expect(moved).toEqual({ gained: 15 + 40, lost: breastplate.value });
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
        `SELECT item_id::text, 'spell' AS part FROM inventory_items, unnest(spells) WHERE character_name = $1
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
    expect((await session.stack.db.query(`SELECT spell FROM inventory_items, unnest(spells) AS spell WHERE character_name = $1`, [c])).rows).toEqual([{ spell: 'Minor Focus' }]);
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

  it("writes a login's rows as the writer would encode them, whether it is its character's last change or deltas follow", async () => {
    // Separators COPY escapes, in values of every table and in unnamed properties.
    const odd = {
      id: 201, name: 'Tab\there, back\\slash', object_class: 'Misc', container_id: 0, equipped_slot: null, value: 7,
      spells: ['Line\nBreak', 'Back\\slash', 'Line\nBreak'], wield_requirements: [{ skill: 'Tab\tSkill', level: 1 }, { skill: 'Melee Defense', level: 2 }],
      ratings: { crit: 3, vitality: 1 }, 'note\t': 'a\\b\nc',
    };
    const items = [breastplate, odd, ring, { ...ring, name: 'Ring Seen Twice' }, pack];
    const fresh = 'Fresh\\Login';
    const trailed = 'Trailed';
    await sendAndFlush(session.stack, session.plugin, [
      { type: 'full_inventory', character_name: trailed, items: [breastplate, { ...odd, value: 1 }, ring, pack] },
      // Seen by the plugin well before ingest received it: only the receipt is the items' update.
      { type: 'full_inventory', character_name: fresh, timestamp: '2026-01-02T03:04:05Z', items },
      { type: 'inventory_delta', character_name: trailed, action: 'update', item: odd },
      { type: 'inventory_delta', character_name: trailed, action: 'update', item: { ...ring, name: 'Ring Seen Twice' } },
    ]);
    const rows = async (character: string, table: string, order: string) => (await session.stack.db.query(
      `SELECT to_jsonb(t) - 'character_name' - 'updated_at' AS row FROM ${table} t WHERE character_name = $1 ORDER BY ${order}`,
      [character],
    )).rows.map((row: { row: unknown }) => row.row);
    const tables = [['inventory_items', 'item_id'], ['inventory_item_requirements', 'item_id, position'], ['inventory_item_ratings', 'item_id']] as const;
    // The trailed character's rows are encoded by the writer; the fresh one's come encoded from its decode thread.
    for (const [table, order] of tables) expect(await rows(fresh, table, order)).toEqual(await rows(trailed, table, order));
    expect(await rows(fresh, 'inventory_items', 'item_id')).toHaveLength(4);
    const [stored] = (await session.stack.db.query(
      `SELECT name, extra, spells FROM inventory_items WHERE character_name = $1 AND item_id = 201`, [fresh])).rows;
    // Spells as sent, each once.
    expect(stored).toEqual({ name: odd.name, extra: { 'note\t': 'a\\b\nc' }, spells: ['Line\nBreak', 'Back\\slash'] });
    expect(await rows(fresh, 'inventory_item_requirements', 'item_id, position')).toEqual([
      { item_id: 101, position: 0, skill: 'Melee Defense', level: 400 },
      { item_id: 201, position: 0, skill: 'Tab\tSkill', level: 1 },
      { item_id: 201, position: 1, skill: 'Melee Defense', level: 2 },
    ]);
    expect(await rows(fresh, 'inventory_item_ratings', 'item_id')).toEqual([
      { item_id: 101, damage: null, damage_resist: 4, crit: null, crit_damage: null, crit_resist: 2, crit_damage_resist: null, heal_boost: null, vitality: null },
      { item_id: 201, damage: null, damage_resist: null, crit: 3, crit_damage: null, crit_resist: null, crit_damage_resist: null, heal_boost: null, vitality: 1 },
    ]);
    // Each character's items are updated at its last change: the fresh login's when it was received, as its snapshot says.
    const updates = async (character: string) => (await session.stack.db.query(
      `SELECT count(DISTINCT i.updated_at)::int AS times, bool_and(i.updated_at = s.received_at) AS at_login,
              min(s.item_count) AS item_count, min(s.frame->'items'->1->>'name') AS second
         FROM inventory_items i JOIN inventory_snapshots s USING (character_name) WHERE character_name = $1`,
      [character],
    )).rows[0];
    expect(await updates(fresh)).toEqual({ times: 1, at_login: true, item_count: 5, second: odd.name });
    expect(await updates(trailed)).toMatchObject({ times: 1, item_count: 4, second: odd.name });
  });

  it('keeps arrival order across separate batches', async () => {
    const c = 'Slowpoke';
    await sendAndFlush(session.stack, session.plugin, [{ type: 'full_inventory', character_name: c, items: [breastplate, ring] }]);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: c, action: 'remove', item: { id: 101 } }]);
    await sendAndFlush(session.stack, session.plugin, [{ type: 'inventory_delta', character_name: c, action: 'add', item: { ...breastplate, tinks: 3 } }]);
    expect((await inventory(c)).map((row) => [row.item_id, row.tinks])).toEqual([[101, 3], [102, null]]);
  });
});
