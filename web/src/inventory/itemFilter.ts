/**
 * The Item search form and the `ItemFilter` it becomes: every field is text
 * in the form (what the user typed), and only what was filled in goes into
 * the filter, checked and typed.
 */
import type { SortState } from '../components/sort';
import type { ItemFilter, ItemOrder, ItemOrderField } from '../graph/generated/graphql';

/** The numeric fields of `ItemFilter`. */
export type NumericField = {
  [Key in keyof ItemFilter]-?: NonNullable<ItemFilter[Key]> extends number ? Key : never;
}[keyof ItemFilter];

/** A property searched between a lowest and a highest value. */
export interface RangeField {
  label: string;
  min: NumericField;
  max: NumericField;
  /** Whole numbers only (the graph's `Int`); else any number (`Float`). */
  integer: boolean;
}

/** The ranges, in the order the form shows them. */
export const RANGE_FIELDS: readonly RangeField[] = [
  { label: 'Armor level', min: 'armorLevelMin', max: 'armorLevelMax', integer: true },
  { label: 'Tinks', min: 'tinksMin', max: 'tinksMax', integer: true },
  { label: 'Workmanship', min: 'workmanshipMin', max: 'workmanshipMax', integer: false },
];

/** The rating minimums, in the order the form shows them. */
export const RATING_FIELDS: readonly { label: string; field: NumericField }[] = [
  { label: 'Damage', field: 'damageMin' },
  { label: 'Damage resist', field: 'damageResistMin' },
  { label: 'Crit', field: 'critMin' },
  { label: 'Crit damage', field: 'critDamageMin' },
  { label: 'Crit resist', field: 'critResistMin' },
  { label: 'Crit damage resist', field: 'critDamageResistMin' },
  { label: 'Heal boost', field: 'healBoostMin' },
  { label: 'Vitality', field: 'vitalityMin' },
];

/** Whether to keep equipped items, the others, or both. */
export type EquippedChoice = 'any' | 'equipped' | 'unequipped';

/** What the form holds: text as typed. */
export interface ItemFilterForm {
  text: string;
  /** Character names, separated by commas. */
  characters: string;
  objectClass: string;
  material: string;
  setName: string;
  /** Spell names the item must all have, separated by commas. */
  spells: string;
  equipped: EquippedChoice;
  /** Each numeric field as typed, by its `ItemFilter` name; blank means unset. */
  numbers: Partial<Record<NumericField, string>>;
}

/** A form with nothing filled in: it finds every item. */
export function emptyItemFilterForm(): ItemFilterForm {
  return { text: '', characters: '', objectClass: '', material: '', setName: '', spells: '', equipped: 'any', numbers: {} };
}

/** The filter, or why the form cannot become one (one sentence per problem). */
export interface BuiltItemFilter {
  filter: ItemFilter;
  errors: string[];
}

/** Comma-separated names: trimmed, without blanks or repeats, in the order typed. */
export function splitNames(typed: string): string[] {
  return [...new Set(typed.split(',').map((name) => name.trim()).filter(Boolean))];
}

function label(field: NumericField): string {
  for (const range of RANGE_FIELDS) {
    if (range.min === field) return `${range.label} (lowest)`;
    if (range.max === field) return `${range.label} (highest)`;
  }
  return `${RATING_FIELDS.find((rating) => rating.field === field)?.label ?? field} rating (lowest)`;
}

/** The graph's `Int` is 32 bits: a larger number is refused before it is sent. */
const MAX_INT = 2_147_483_647;

function isInteger(field: NumericField): boolean {
  return !RANGE_FIELDS.some((range) => !range.integer && (range.min === field || range.max === field));
}

/**
 * The `ItemFilter` for `form`: blank fields are left out, text is trimmed,
 * lists are split on commas, numbers are parsed (whole numbers where the graph
 * takes an `Int`, within its 32 bits), and a range whose lowest value is above its highest is refused.
 */
export function buildItemFilter(form: ItemFilterForm): BuiltItemFilter {
  const filter: ItemFilter = {};
  const errors: string[] = [];
  for (const key of ['text', 'objectClass', 'material', 'setName'] as const) {
    const value = form[key].trim();
    if (value) filter[key] = value;
  }
  const characters = splitNames(form.characters);
  if (characters.length) filter.characters = characters;
  const spells = splitNames(form.spells);
  if (spells.length) filter.spells = spells;
  if (form.equipped !== 'any') filter.equipped = form.equipped === 'equipped';

  for (const [field, typed] of Object.entries(form.numbers) as [NumericField, string | undefined][]) {
    const text = typed?.trim() ?? '';
    if (!text) continue;
    const value = Number(text);
    if (!Number.isFinite(value)) errors.push(`${label(field)} must be a number.`);
    else if (isInteger(field) && !Number.isInteger(value)) errors.push(`${label(field)} must be a whole number.`);
    else if (isInteger(field) && (value > MAX_INT || value < -MAX_INT - 1)) errors.push(`${label(field)} must be from -2,147,483,648 to 2,147,483,647.`);
    else filter[field] = value;
  }
  for (const range of RANGE_FIELDS) {
    const low = filter[range.min];
    const high = filter[range.max];
    if (low != null && high != null && low > high) errors.push(`${range.label}: the lowest value is above the highest.`);
  }
  return { filter, errors };
}

/** How many conditions the filter sets (the form's "3 conditions" badge). */
export function conditionCount(filter: ItemFilter): number {
  return Object.values(filter).filter((value) => value != null).length;
}

/** The graph's `orderBy` for a table sorted by `state`. */
export function searchOrder(state: SortState<ItemOrderField>): ItemOrder {
  return { field: state.key, direction: state.direction === 'asc' ? 'ASC' : 'DESC' };
}

/**
 * `typed` (comma-separated names) with `name` added at the end, unless it is
 * there already (case aside): what picking a spell from the suggestions does.
 */
export function addName(typed: string, name: string): string {
  const names = splitNames(typed);
  if (!name.trim() || names.some((known) => known.toLowerCase() === name.trim().toLowerCase())) return names.join(', ');
  return [...names, name.trim()].join(', ');
}

/** What typing a spell into "Add a spell" does: the spell added, the fleet's spells it could mean, or why nothing was added. */
export type SpellPick =
  | { kind: 'added'; spells: string; spell: string }
  | { kind: 'already'; spell: string }
  | { kind: 'several'; matches: string[] }
  | { kind: 'none' };

/**
 * Adds the spell `typed` names to `spells`: the fleet's spell of that name
 * (case aside), else the only one whose name contains it; several such:
 * those, for the person to choose; none: nothing, said so.
 */
export function pickSpell(spells: string, typed: string, known: readonly string[]): SpellPick {
  const wanted = typed.trim().toLowerCase();
  if (!wanted) return { kind: 'none' };
  const exact = known.find((spell) => spell.toLowerCase() === wanted);
  const matches = exact ? [exact] : known.filter((spell) => spell.toLowerCase().includes(wanted));
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length > 1) return { kind: 'several', matches };
  const spell = matches[0] as string;
  if (splitNames(spells).some((name) => name.toLowerCase() === spell.toLowerCase())) return { kind: 'already', spell };
  return { kind: 'added', spells: addName(spells, spell), spell };
}
