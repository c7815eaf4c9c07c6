/** Items for the inventory tests. */
import type { ItemDetailFragment } from '../graph/generated/graphql';

/** An item with `id` and `name` and nothing else known, but `changes`. */
export function item(id: string, name: string, changes: Partial<ItemDetailFragment> = {}): ItemDetailFragment {
  return {
    id,
    name,
    objectClass: null,
    containerId: '0',
    equippedSlot: null,
    value: null,
    burden: null,
    material: null,
    setName: null,
    armorLevel: null,
    coverage: [],
    spells: [],
    tinks: null,
    workmanship: null,
    imbue: null,
    maxDamage: null,
    attackBonus: null,
    meleeDefenseBonus: null,
    magicDefenseBonus: null,
    mana: null,
    maxMana: null,
    spellcraft: null,
    wieldRequirements: [],
    ratings: null,
    ...changes,
  };
}
