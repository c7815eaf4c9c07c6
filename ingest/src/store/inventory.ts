import type { PoolClient } from 'pg';
import { itemFieldNames, type InventoryItem } from '@lifestone/lib/protocol';
import { frameJsonOf } from '@lifestone/lib/published';
import type { EventOf } from '../accepted-event.js';
import { planInventory, valueChange, type InventoryChange } from '../derived/inventory.js';
import type { BatchActivity } from './activity.js';
import { copyRows, Json, JsonText, type CopyValue } from './copy.js';
import { queryPrepared } from './upserts.js';

type InventoryEvent = EventOf<'full_inventory' | 'inventory_delta'>;

/**
 * One statement deleting the items `where` selects with their spells,
 * requirements and ratings, which no foreign key deletes (migration 0014).
 */
function deleteFromItemTables(where: string): string {
  const [items, ...parts] = ['inventory_items', 'inventory_item_spells', 'inventory_item_requirements', 'inventory_item_ratings'];
  return `WITH ${parts.map((table, i) => `p${i} AS (DELETE FROM ${table} WHERE ${where})`).join(', ')} DELETE FROM ${items} WHERE ${where}`;
}

const ratingNames = ['damage', 'damage_resist', 'crit', 'crit_damage', 'crit_resist', 'crit_damage_resist', 'heal_boost', 'vitality'] as const;

/** An item a character picked up (see `valueChange`), for the loot alert. */
export interface PickedUp { character: string; item: InventoryItem; at: Date }

/**
 * Applies `full_inventory` and `inventory_delta` frames, in arrival order per
 * character, to the normalised inventory tables. A batch's changes for one
 * character are first folded into their end result (see `planInventory`), so
 * each item is written once however often it changed. The value the deltas
 * gained and lost goes to `activity`; returns the items picked up.
 */
export async function updateInventory(client: PoolClient, events: readonly InventoryEvent[], activity: BatchActivity): Promise<PickedUp[]> {
  if (events.length === 0) return [];
  const changes = new Map<string, InventoryChange<InventoryItem>[]>();
  const lastUpdate = new Map<string, Date>();
  for (const { frame, receivedAt } of events) {
    const list = changes.get(frame.character_name) ?? [];
    if (frame.type === 'full_inventory') list.push({ kind: 'full', items: frame.items });
    else if (frame.action === 'remove') list.push({ kind: 'delta', action: 'remove', item: frame.item });
    else list.push({ kind: 'delta', action: frame.action, item: frame.item });
    changes.set(frame.character_name, list);
    lastUpdate.set(frame.character_name, receivedAt);
  }
  const pickedUp = await trackValue(client, changes, lastUpdate, activity);
  const replaced: string[] = [];
  const removedNames: string[] = [];
  const removedIds: number[] = [];
  const written: Array<{ character: string; item: InventoryItem; at: Date }> = [];
  for (const [character, list] of changes) {
    const plan = planInventory(list);
    if (plan.replaceAll) replaced.push(character);
    for (const id of [...plan.removes, ...(plan.replaceAll ? [] : plan.upserts.keys())]) {
      removedNames.push(character);
      removedIds.push(id);
    }
    for (const item of plan.upserts.values()) written.push({ character, item, at: lastUpdate.get(character) as Date });
  }
  if (replaced.length > 0) await queryPrepared(client, deleteFromItemTables('character_name = ANY($1::text[])'), [replaced]);
  if (removedIds.length > 0) await queryPrepared(client, deleteFromItemTables('(character_name, item_id) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))'), [removedNames, removedIds]);
  await writeItems(client, written);
  await storeSnapshots(client, events);
  return pickedUp;
}

/**
 * The value each character's changes gained and lost, from the stored values
 * of the items its deltas touch (read before the batch changes them).
 */
async function trackValue(
  client: PoolClient,
  changes: ReadonlyMap<string, InventoryChange<InventoryItem>[]>,
  lastUpdate: ReadonlyMap<string, Date>,
  activity: BatchActivity,
): Promise<PickedUp[]> {
  const names: string[] = [];
  const ids: number[] = [];
  for (const [character, list] of changes) {
    for (const change of list) {
      if (change.kind === 'full') break;
      names.push(character);
      ids.push(change.item.id);
    }
  }
  const held = new Map<string, Map<number, number>>();
  if (ids.length > 0) {
    const { rows } = await queryPrepared<{ character_name: string; item_id: string; value: string | null }>(
      client,
      `SELECT character_name, item_id, value FROM inventory_items
        WHERE (character_name, item_id) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))`,
      [names, ids],
    );
    for (const row of rows) {
      const values = held.get(row.character_name) ?? new Map<number, number>();
      values.set(Number(row.item_id), Number(row.value ?? 0));
      held.set(row.character_name, values);
    }
  }
  const pickedUp: PickedUp[] = [];
  for (const [character, list] of changes) {
    const at = lastUpdate.get(character) as Date;
    const change = valueChange(list, held.get(character) ?? new Map());
    activity.add(character, at, { valueGained: change.gained, valueLost: change.lost });
    for (const item of change.pickedUp) pickedUp.push({ character, item, at });
  }
  return pickedUp;
}

async function writeItems(client: PoolClient, written: Array<{ character: string; item: InventoryItem; at: Date }>): Promise<void> {
  await copyRows(
    client,
    'inventory_items',
    ['character_name', 'item_id', 'name', 'object_class', 'container_id', 'equipped_slot', 'value', 'burden', 'material',
      'set_name', 'armor_level', 'coverage', 'valid_slots', 'tinks', 'workmanship', 'imbue', 'max_damage', 'attack_bonus',
      'melee_defense_bonus', 'magic_defense_bonus', 'mana', 'max_mana', 'spellcraft', 'extra', 'updated_at'],
    written.map(({ character, item: i, at }) => [
      character, i.id, i.name, i.object_class, i.container_id, i.equipped_slot === null ? null : String(i.equipped_slot),
      i.value, i.burden, i.material, i.set_name, i.armor_level, i.coverage, i.valid_slots, i.tinks, i.workmanship, i.imbue, i.max_damage,
      i.attack_bonus, i.melee_defense_bonus, i.magic_defense_bonus, i.mana, i.max_mana, i.spellcraft, itemExtra(i), at,
    ]),
  );
  await copyRows(
    client,
    'inventory_item_spells',
    ['character_name', 'item_id', 'spell'],
    written.flatMap(({ character, item }) => [...new Set(item.spells ?? [])].map((spell) => [character, item.id, spell])),
  );
  await copyRows(
    client,
    'inventory_item_requirements',
    ['character_name', 'item_id', 'position', 'skill', 'level'],
    written.flatMap(({ character, item }) =>
      (item.wield_requirements ?? []).map((requirement, position) => [character, item.id, position, requirement.skill, requirement.level]),
    ),
  );
  await copyRows(
    client,
    'inventory_item_ratings',
    ['character_name', 'item_id', ...ratingNames],
    written.flatMap(({ character, item }) => {
      const ratings = item.ratings;
      if (!ratings) return [];
      return [[character, item.id, ...ratingNames.map((name): CopyValue => ratings[name])]];
    }),
  );
}

/** Properties of an item the protocol does not name, or NULL when there are none. */
function itemExtra(item: InventoryItem): Json | null {
  let extra: Record<string, unknown> | undefined;
  for (const key in item) {
    if (itemFieldNames.has(key)) continue;
    extra ??= {};
    extra[key] = item[key];
  }
  return extra ? new Json(extra) : null;
}

/** Keeps each character's last `full_inventory` frame exactly as received. */
async function storeSnapshots(client: PoolClient, events: readonly InventoryEvent[]): Promise<void> {
  const last = new Map<string, EventOf<'full_inventory'>>();
  for (const event of events) if (event.frame.type === 'full_inventory') last.set(event.frame.character_name, event as EventOf<'full_inventory'>);
  if (last.size === 0) return;
  await queryPrepared(client, 'DELETE FROM inventory_snapshots WHERE character_name = ANY($1::text[])', [[...last.keys()]]);
  await copyRows(
    client,
    'inventory_snapshots',
    ['character_name', 'received_at', 'observed_at', 'item_count', 'frame'],
    [...last.values()].map((event) => {
      const { frame, receivedAt } = event;
      return [frame.character_name, receivedAt, frame.timestamp, frame.items.length, new JsonText(frameJsonOf(event.payload))];
    }),
  );
}
