import { itemFieldNames, type InventoryItem } from '@lifestone/lib/protocol';
import type { Character, Container, Item, ItemRatings } from './generated/resolvers.js';
import type { ItemRow } from './sql.js';

/**
 * The `Character` an item points to, by its key alone: every Character field
 * this subgraph serves is resolved from the name, and the others come from
 * their own subgraphs. Typed as the full `Character` because codegen maps no
 * model for it (its `inventory` is non-null), so this is the one place that
 * stands a reference in for one.
 */
export function characterRef(name: string): Character {
  return { __typename: 'Character', name } as Character;
}

/** An item as stored (see `selectItems` in sql.ts). */
export function itemFromRow(row: ItemRow): Item {
  return toItem(row.character_name, row, row.spells, row.extra, row.updated_at);
}

/**
 * An item as a `full_inventory` or `inventory_delta` frame carries it, in
 * the same shape the stored one has: spells once each in byte order, and the
 * properties the protocol does not name in `extra`.
 */
export function itemFromWire(owner: string, item: InventoryItem, receivedAt: string): Item {
  const spells = [...new Set(item.spells ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return toItem(owner, item, spells, unnamedProperties(item), receivedAt);
}

/** The properties both forms share, by their wire names. */
type ItemProperties = Omit<ItemRow, 'character_name' | 'spells' | 'extra' | 'updated_at' | 'wield_requirements' | 'ratings'> & {
  wield_requirements: ReadonlyArray<{ skill: string; level: number }> | null;
  ratings: Partial<Record<keyof typeof ratingNames, number | null>> | null;
};

const ratingNames = {
  damage: 'damage',
  damage_resist: 'damageResist',
  crit: 'crit',
  crit_damage: 'critDamage',
  crit_resist: 'critResist',
  crit_damage_resist: 'critDamageResist',
  heal_boost: 'healBoost',
  vitality: 'vitality',
} as const satisfies Record<string, keyof ItemRatings>;

function toItem(owner: string, item: ItemProperties, spells: string[], extra: unknown, updatedAt: Date | string): Item {
  return {
    __typename: 'Item',
    id: String(item.id),
    owner: characterRef(owner),
    name: item.name ?? '',
    objectClass: item.object_class,
    containerId: item.container_id === null ? null : String(item.container_id),
    equippedSlot: item.equipped_slot,
    value: item.value === null ? null : Number(item.value),
    burden: item.burden,
    material: item.material,
    setName: item.set_name,
    armorLevel: item.armor_level,
    coverage: item.coverage ?? [],
    validSlots: item.valid_slots ?? [],
    spells,
    tinks: item.tinks,
    workmanship: item.workmanship,
    imbue: item.imbue,
    maxDamage: item.max_damage,
    attackBonus: item.attack_bonus,
    meleeDefenseBonus: item.melee_defense_bonus,
    magicDefenseBonus: item.magic_defense_bonus,
    mana: item.mana,
    maxMana: item.max_mana,
    spellcraft: item.spellcraft,
    wieldRequirements: (item.wield_requirements ?? []).map(({ skill, level }) => ({ skill, level })),
    ratings: item.ratings ? ratingsOf(item.ratings) : null,
    extra: extra ?? null,
    updatedAt,
  };
}

function ratingsOf(ratings: NonNullable<ItemProperties['ratings']>): ItemRatings {
  const result: ItemRatings = {};
  for (const [wire, field] of Object.entries(ratingNames)) result[field] = ratings[wire as keyof typeof ratingNames] ?? null;
  return result;
}

/** What ingest keeps in `extra`: the properties the protocol does not name, or null when there are none. */
function unnamedProperties(item: InventoryItem): Record<string, unknown> | null {
  const entries = Object.entries(item).filter(([key]) => !itemFieldNames.has(key));
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

/** The body's container id: items carried on the character rather than in a pack. */
const BODY = '0';

/**
 * An inventory (ordered by item id) grouped by container: the body first
 * (equipped items, then the others), then every pack, by id: each item of
 * class `Container`, and each container id an item names even when the pack
 * itself is not listed. An item without a container id counts as on the body.
 */
export function containersOf(items: readonly Item[]): Container[] {
  if (items.length === 0) return [];
  const byContainer = new Map<string, Item[]>();
  const packIds = new Set<string>();
  for (const item of items) {
    const containerId = item.containerId ?? BODY;
    const inside = byContainer.get(containerId);
    if (inside) inside.push(item);
    else byContainer.set(containerId, [item]);
    if (containerId !== BODY) packIds.add(containerId);
    if (item.objectClass === 'Container') packIds.add(item.id);
  }
  const onBody = byContainer.get(BODY) ?? [];
  const body: Container = {
    id: BODY,
    pack: null,
    items: [...onBody.filter((item) => item.equippedSlot !== null), ...onBody.filter((item) => item.equippedSlot === null)],
  };
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const packs = [...packIds]
    .sort((a, b) => compareIds(a, b))
    .map((id): Container => ({ id, pack: itemsById.get(id) ?? null, items: byContainer.get(id) ?? [] }));
  return [body, ...packs];
}

/** Orders decimal item ids by value. */
function compareIds(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
