/**
 * How an item reads in the inventory windows: a one-line headline for lists
 * and the labelled properties of its detail, each only when the item has it.
 */
import { formatFraction, formatNumber } from '../components/format';
import { coverageName, objectClassName, slotName } from '../components/gameNames';
import type { ItemDetailFragment } from '../graph/generated/graphql';

/** The figure that matters most for the item's kind: armor level, damage, or nothing. */
export function itemHeadline(item: Pick<ItemDetailFragment, 'armorLevel' | 'maxDamage'>): string {
  if (item.armorLevel != null) return `AL ${formatNumber(item.armorLevel)}`;
  if (item.maxDamage != null) return `Dmg ${formatNumber(item.maxDamage, 1)}`;
  return '';
}

/** Workmanship as the game shows it: whole values bare (`9`), averaged ones (salvage) to two decimals (`7.25`). */
export function formatWorkmanship(workmanship: number | null | undefined): string {
  return workmanship == null ? '' : formatNumber(workmanship, Number.isInteger(workmanship) ? 0 : 2);
}

const RATING_LABELS: [keyof NonNullable<ItemDetailFragment['ratings']>, string][] = [
  ['damage', 'Damage'],
  ['damageResist', 'Damage resist'],
  ['crit', 'Crit'],
  ['critDamage', 'Crit damage'],
  ['critResist', 'Crit resist'],
  ['critDamageResist', 'Crit damage resist'],
  ['healBoost', 'Heal boost'],
  ['vitality', 'Vitality'],
];

/** The ratings an item has, as `Damage 3, Crit damage 2`; empty when none. */
export function itemRatings(ratings: ItemDetailFragment['ratings']): string {
  if (!ratings) return '';
  return RATING_LABELS.filter(([key]) => ratings[key] != null)
    .map(([key, label]) => `${label} ${formatNumber(ratings[key])}`)
    .join(', ');
}

/**
 * Where an equipped item is worn, as players say it ("Right ring"); just "yes"
 * where the slot only repeats the class (a melee weapon wielded as one); null
 * when not equipped.
 */
export function equippedAs(item: Pick<ItemDetailFragment, 'objectClass' | 'equippedSlot'>): string | null {
  if (!item.equippedSlot) return null;
  const slot = slotName(item.equippedSlot);
  return slot === objectClassName(item.objectClass) ? 'yes' : slot;
}

/** The labelled properties of an item's detail, in reading order, leaving out what it does not have. */
export function itemProperties(item: ItemDetailFragment): [label: string, value: string][] {
  const properties: [string, string | null][] = [
    ['Class', objectClassName(item.objectClass) || null],
    ['Equipped', equippedAs(item)],
    ['Set', item.setName ?? null],
    ['Material', item.material ?? null],
    ['Armor level', item.armorLevel != null ? formatNumber(item.armorLevel) : null],
    ['Covers', item.coverage.length ? item.coverage.map(coverageName).join(', ') : null],
    ['Max damage', item.maxDamage != null ? formatNumber(item.maxDamage, 1) : null],
    ['Attack', item.attackBonus != null ? `+${formatFraction(item.attackBonus)}` : null],
    ['Melee defense', item.meleeDefenseBonus != null ? `+${formatFraction(item.meleeDefenseBonus)}` : null],
    ['Magic defense', item.magicDefenseBonus != null ? `+${formatFraction(item.magicDefenseBonus)}` : null],
    ['Imbue', item.imbue ?? null],
    ['Ratings', itemRatings(item.ratings) || null],
    ['Workmanship', formatWorkmanship(item.workmanship) || null],
    ['Tinks', item.tinks != null ? formatNumber(item.tinks) : null],
    ['Spellcraft', item.spellcraft != null ? formatNumber(item.spellcraft) : null],
    ['Mana', item.mana != null || item.maxMana != null ? `${formatNumber(item.mana)} / ${formatNumber(item.maxMana)}` : null],
    ['Wield', item.wieldRequirements.length ? item.wieldRequirements.map((requirement) => `${requirement.skill} ${formatNumber(requirement.level)}`).join(', ') : null],
    ['Value', item.value != null ? `${formatNumber(item.value)} py` : null],
    ['Burden', item.burden != null ? formatNumber(item.burden) : null],
  ];
  return properties.filter((property): property is [string, string] => property[1] != null);
}
