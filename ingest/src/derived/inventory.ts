/** The least of an item ingest needs to apply changes: its id. */
export interface ItemLike { id: number }

/** A change of a character's inventory; a full inventory's items may be of a lighter type (`Full`) than the deltas'. */
export type InventoryChange<Item extends ItemLike, Full extends ItemLike = Item> =
  | { kind: 'full'; items: readonly Full[] }
  | { kind: 'delta'; action: 'add' | 'update'; item: Item }
  | { kind: 'delta'; action: 'remove'; item: ItemLike };

/**
 * What a run of inventory changes for one character, in arrival order, does to
 * the stored inventory: either it replaces everything (`replaceAll`, when a
 * `full_inventory` is among them) or it touches single items. `upserts` holds
 * the final state of every item that exists afterwards and was touched;
 * `removes` the ids that no longer exist. An `add` or `update` of an unknown
 * item is an upsert; a `remove` of an unknown item is harmless.
 */
export interface InventoryPlan<Item extends ItemLike> {
  replaceAll: boolean;
  upserts: Map<number, Item>;
  removes: Set<number>;
}

export function planInventory<Item extends ItemLike>(changes: readonly InventoryChange<Item>[]): InventoryPlan<Item> {
  const plan: InventoryPlan<Item> = { replaceAll: false, upserts: new Map(), removes: new Set() };
  for (const change of changes) {
    if (change.kind === 'full') {
      plan.replaceAll = true;
      plan.upserts = new Map(change.items.map((item) => [item.id, item]));
      plan.removes.clear();
    } else if (change.action === 'remove') {
      plan.upserts.delete(change.item.id);
      if (!plan.replaceAll) plan.removes.add(change.item.id);
    } else {
      plan.upserts.set(change.item.id, change.item);
      plan.removes.delete(change.item.id);
    }
  }
  return plan;
}

/** An item as value tracking sees it: its id, name and value (null: the plugin did not say). */
export interface ValuedItem extends ItemLike { name?: string | null; value?: number | null }

/** What a run of inventory changes of one character gained and lost in value, and the items it picked up. */
export interface ValueChange<Item extends ValuedItem> {
  gained: number;
  lost: number;
  /** Items added that the character did not hold before (not a move, not a restack). */
  pickedUp: Item[];
}

/**
 * The value a run of changes (in arrival order) moved, given the values of
 * the items the character held before (`held`, by id; updated in place). An
 * `add` of an item not held is picked up; an `add` or `update` of one held
 * counts only its change of value, so a move between the character's own
 * packs (the same item, another container) counts nothing; a `remove` loses
 * the item's last value. A `full_inventory` is what the character holds at
 * login, not something it picked up: it replaces `held` and counts nothing.
 */
export function valueChange<Item extends ValuedItem>(changes: readonly InventoryChange<Item, ValuedItem>[], held: Map<number, number>): ValueChange<Item> {
  const change: ValueChange<Item> = { gained: 0, lost: 0, pickedUp: [] };
  const count = (delta: number) => {
    if (delta > 0) change.gained += delta;
    else change.lost -= delta;
  };
  for (const next of changes) {
    if (next.kind === 'full') {
      held.clear();
      for (const item of next.items) held.set(item.id, item.value ?? 0);
    } else if (next.action === 'remove') {
      count(-(held.get(next.item.id) ?? 0));
      held.delete(next.item.id);
    } else {
      const before = held.get(next.item.id);
      const value = next.item.value ?? before ?? 0;
      if (before === undefined && next.action === 'add') change.pickedUp.push(next.item);
      count(value - (before ?? 0));
      held.set(next.item.id, value);
    }
  }
  return change;
}
