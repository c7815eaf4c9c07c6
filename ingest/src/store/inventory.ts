import type { PoolClient } from 'pg';
import { itemFieldNames, type FrameOf, type InventoryItem } from '@lifestone/lib/protocol';
import { frameJsonOf } from '@lifestone/lib/published';
import type { EventOf } from '../accepted-event.js';
import { planInventory, valueChange, type InventoryChange, type ValuedItem } from '../derived/inventory.js';
import type { BatchActivity } from './activity.js';
import { copyMany, encodeRow, Json, JsonText, type CopyInput, type CopyValue } from './copy.js';
import { queryPrepared, writePrepared } from './upserts.js';

type InventoryEvent = EventOf<'full_inventory' | 'inventory_delta'>;

/**
 * One statement deleting the items `where` selects with their requirements
 * and ratings, which no foreign key deletes (migration 0014).
 */
function deleteFromItemTables(where: string): string {
  const [items, ...parts] = ['inventory_items', 'inventory_item_requirements', 'inventory_item_ratings'];
  return `WITH ${parts.map((table, i) => `p${i} AS (DELETE FROM ${table} WHERE ${where})`).join(', ')} DELETE FROM ${items} WHERE ${where}`;
}

const ratingNames = ['damage', 'damage_resist', 'crit', 'crit_damage', 'crit_resist', 'crit_damage_resist', 'heal_boost', 'vitality'] as const;

/** An item a character picked up (see `valueChange`), for the loot alert. */
export interface PickedUp { character: string; item: InventoryItem; at: Date }

/**
 * Applies `full_inventory` and `inventory_delta` frames, in arrival order per
 * character, to the normalised inventory tables. A batch's changes for one
 * character are first folded into their end result (see `planInventory`), so
 * each item is written once however often it changed; a character whose
 * last change is a `full_inventory` gets the rows its decode thread encoded
 * (see {@link fullInventoryLines}). The value the deltas gained and lost goes
 * to `activity`; returns the items picked up.
 */
export async function updateInventory(client: PoolClient, events: readonly InventoryEvent[], activity: BatchActivity): Promise<PickedUp[]> {
  if (events.length === 0) return [];
  const byCharacter = new Map<string, InventoryEvent[]>();
  for (const event of events) {
    const list = byCharacter.get(event.character);
    if (list) list.push(event);
    else byCharacter.set(event.character, [event]);
  }
  const pickedUp = await trackValue(client, byCharacter, activity);
  const replaced: string[] = [];
  const removedNames: string[] = [];
  const removedIds: number[] = [];
  const written: Array<{ character: string; item: InventoryItem; at: Date }> = [];
  // The full replacement's lines of each character whose last change in the batch is a full_inventory.
  const lastFull: InventoryLines[] = [];
  for (const [character, list] of byCharacter) {
    const last = list.at(-1) as InventoryEvent;
    if (last.type === 'full_inventory') {
      replaced.push(character);
      lastFull.push(last.lines);
      continue;
    }
    const plan = planInventory(list.map(itemChange));
    if (plan.replaceAll) replaced.push(character);
    for (const id of [...plan.removes, ...(plan.replaceAll ? [] : plan.upserts.keys())]) {
      removedNames.push(character);
      removedIds.push(id);
    }
    for (const item of plan.upserts.values()) written.push({ character, item, at: last.receivedAt });
  }
  if (replaced.length > 0) await writePrepared(client, deleteFromItemTables('character_name = ANY($1::text[])'), [replaced]);
  if (removedIds.length > 0) await writePrepared(client, deleteFromItemTables('(character_name, item_id) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))'), [removedNames, removedIds]);
  const snapshots = lastSnapshots(events);
  if (snapshots.size > 0) await writePrepared(client, 'DELETE FROM inventory_snapshots WHERE character_name = ANY($1::text[])', [[...snapshots.keys()]]);
  // The items' rows and the snapshots in one round trip.
  await copyMany(client, [...itemCopies(lastFull, written), { table: 'inventory_snapshots', columns: snapshotColumns, text: [...snapshots.values()] }]);
  return pickedUp;
}

/**
 * An inventory event as a change with whole items, for a character whose
 * deltas follow its full inventory in the batch (rare: a full inventory
 * comes at login): the full inventory's items are read back from its
 * payload, the coerced frame as published.
 */
function itemChange(event: InventoryEvent): InventoryChange<InventoryItem> {
  if (event.type === 'full_inventory') return { kind: 'full', items: (JSON.parse(frameJsonOf(event.payload)) as FrameOf<'full_inventory'>).items };
  const delta = event.frame;
  return delta.action === 'remove' ? { kind: 'delta', action: 'remove', item: delta.item } : { kind: 'delta', action: delta.action, item: delta.item };
}

/** An inventory event as value tracking sees it: a full inventory's items by id and value alone (see `itemValues`). */
function valuedChange(event: InventoryEvent): InventoryChange<InventoryItem, ValuedItem> {
  if (event.type !== 'full_inventory') return itemChange(event);
  const values = event.itemValues;
  const items: ValuedItem[] = [];
  for (let i = 0; i < values.length; i += 2) {
    const value = values[i + 1] as number;
    items.push({ id: values[i] as number, value: Number.isNaN(value) ? null : value });
  }
  return { kind: 'full', items };
}

/**
 * The value each character's changes gained and lost, from the stored values
 * of the items its deltas touch (read before the batch changes them).
 */
async function trackValue(client: PoolClient, byCharacter: ReadonlyMap<string, readonly InventoryEvent[]>, activity: BatchActivity): Promise<PickedUp[]> {
  const names: string[] = [];
  const ids: number[] = [];
  for (const [character, list] of byCharacter) {
    for (const event of list) {
      if (event.type === 'full_inventory') break;
      names.push(character);
      ids.push(event.frame.item.id);
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
  for (const [character, list] of byCharacter) {
    const at = (list.at(-1) as InventoryEvent).receivedAt;
    const change = valueChange(list.map(valuedChange), held.get(character) ?? new Map());
    activity.add(character, at, { valueGained: change.gained, valueLost: change.lost });
    for (const item of change.pickedUp) pickedUp.push({ character, item, at });
  }
  return pickedUp;
}

/** The four tables an item is written to, each with its COPY lines of type `L` (text, or UTF-8 made on a decode thread). */
export interface ItemLines<L> { items: L; requirements: L; ratings: L }

/** The lines a `full_inventory` frame's rows become (see {@link fullInventoryLines}), in UTF-8. */
export interface InventoryLines extends ItemLines<Uint8Array> { snapshot: Uint8Array }

const itemTables: ItemLines<{ table: string; columns: readonly string[] }> = {
  items: {
    table: 'inventory_items',
    columns: ['character_name', 'item_id', 'name', 'object_class', 'container_id', 'equipped_slot', 'value', 'burden', 'material',
      'set_name', 'armor_level', 'coverage', 'valid_slots', 'tinks', 'workmanship', 'imbue', 'max_damage', 'attack_bonus',
      'melee_defense_bonus', 'magic_defense_bonus', 'mana', 'max_mana', 'spellcraft', 'spells', 'extra', 'updated_at'],
  },
  requirements: { table: 'inventory_item_requirements', columns: ['character_name', 'item_id', 'position', 'skill', 'level'] },
  ratings: { table: 'inventory_item_ratings', columns: ['character_name', 'item_id', ...ratingNames] },
};

const itemParts = Object.keys(itemTables) as Array<keyof ItemLines<unknown>>;

const snapshotColumns = ['character_name', 'received_at', 'observed_at', 'item_count', 'frame'];

/** Adds the rows of `character`'s item `i`, updated at `at`, to `lines`: the one encoding of an item, on a decode thread or here. */
function encodeItem(lines: ItemLines<string>, character: string, i: InventoryItem, at: Date): void {
  lines.items += encodeRow([
    character, i.id, i.name, i.object_class, i.container_id, i.equipped_slot === null ? null : String(i.equipped_slot),
    i.value, i.burden, i.material, i.set_name, i.armor_level, i.coverage, i.valid_slots, i.tinks, i.workmanship, i.imbue, i.max_damage,
    i.attack_bonus, i.melee_defense_bonus, i.magic_defense_bonus, i.mana, i.max_mana, i.spellcraft, [...new Set(i.spells ?? [])], itemExtra(i), at,
  ]);
  (i.wield_requirements ?? []).forEach((requirement, position) => {
    lines.requirements += encodeRow([character, i.id, position, requirement.skill, requirement.level]);
  });
  const ratings = i.ratings;
  if (ratings) lines.ratings += encodeRow([character, i.id, ...ratingNames.map((name): CopyValue => ratings[name])]);
}

/**
 * The COPY lines (text) of what a `full_inventory` frame, received at
 * `receivedAt` with pubsub payload `payload`, stores when it is its
 * character's last change in a batch: its items as {@link updateInventory}
 * writes a full replacement (updated at `receivedAt`), and its snapshot.
 * The frame decoder makes them beside the parse, so the writer only sends them.
 */
export function fullInventoryLines(frame: FrameOf<'full_inventory'>, receivedAt: Date, payload: string): ItemLines<string> & { snapshot: string } {
  const lines = { items: '', requirements: '', ratings: '' };
  for (const item of planInventory([{ kind: 'full', items: frame.items }]).upserts.values()) encodeItem(lines, frame.character_name, item, receivedAt);
  const snapshot = encodeRow([frame.character_name, receivedAt, frame.timestamp, frame.items.length, new JsonText(frameJsonOf(payload))]);
  return { ...lines, snapshot };
}

/** The COPYs of the item rows its decode thread encoded (`encoded`) and of those of `written`, encoded here. */
function itemCopies(
  encoded: readonly ItemLines<Uint8Array>[],
  written: ReadonlyArray<{ character: string; item: InventoryItem; at: Date }>,
): CopyInput[] {
  const lines: ItemLines<string> = { items: '', requirements: '', ratings: '' };
  for (const { character, item, at } of written) encodeItem(lines, character, item, at);
  return itemParts.map((part) => ({ ...itemTables[part], text: [...encoded.map((e) => e[part]), Buffer.from(lines[part])] }));
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

/** Each character's last `full_inventory` frame, kept exactly as received: the snapshot lines its decode thread made. */
function lastSnapshots(events: readonly InventoryEvent[]): Map<string, Uint8Array> {
  const last = new Map<string, Uint8Array>();
  for (const event of events) if (event.type === 'full_inventory') last.set(event.character, event.lines.snapshot);
  return last;
}
