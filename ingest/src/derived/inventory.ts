/** The least of an item ingest needs to apply changes: its id. */
export interface ItemLike { id: number }

export type InventoryChange<Item extends ItemLike> =
  | { kind: 'full'; items: readonly Item[] }
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
