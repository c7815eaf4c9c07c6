import type { ItemFilter, ItemOrderField, OrderDirection } from './generated/resolvers.js';

/**
 * Every SQL statement of the inventory subgraph. Values always travel as
 * parameters; the only text assembled here is fixed fragments chosen by which
 * filter fields are set.
 */

/** A statement and its parameters, as `pool.query` takes them. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** An item as {@link selectItems} returns it: the wire protocol's names, plus owner, `extra` and when it changed. */
export interface ItemRow {
  character_name: string;
  id: number | string;
  name: string | null;
  object_class: string | null;
  container_id: number | string | null;
  equipped_slot: string | null;
  value: number | string | null;
  burden: number | null;
  material: string | null;
  set_name: string | null;
  armor_level: number | null;
  coverage: string[] | null;
  valid_slots: string[] | null;
  spells: string[];
  tinks: number | null;
  workmanship: number | null;
  imbue: string | null;
  max_damage: number | null;
  attack_bonus: number | null;
  melee_defense_bonus: number | null;
  magic_defense_bonus: number | null;
  mana: number | null;
  max_mana: number | null;
  spellcraft: number | null;
  wield_requirements: Array<{ skill: string; level: number }>;
  ratings: Record<(typeof ratingColumns)[number], number | null> | null;
  extra: unknown;
  updated_at: Date;
  /** The search's sort key (see {@link searchPage}); null elsewhere. */
  sort_key?: string | number | null;
}

const ratingColumns = ['damage', 'damage_resist', 'crit', 'crit_damage', 'crit_resist', 'crit_damage_resist', 'heal_boost', 'vitality'] as const;

/** Each item's ratings (`r`), beside the item (`i`); both the search's conditions and the item columns read them. */
const JOIN_RATINGS = 'LEFT JOIN inventory_item_ratings r ON r.character_name = i.character_name AND r.item_id = i.item_id';

const ITEM_ORDER = 'i.character_name, i.item_id';

/** The columns of an item's own row, `i`. */
const ITEM_COLUMNS = `i.character_name, i.item_id AS id, i.name, i.object_class, i.container_id, i.equipped_slot, i.value, i.burden,
    i.material, i.set_name, i.armor_level, i.coverage, i.valid_slots, i.tinks, i.workmanship, i.imbue, i.max_damage, i.attack_bonus,
    i.melee_defense_bonus, i.magic_defense_bonus, i.mana, i.max_mana, i.spellcraft, i.updated_at`;

/**
 * The items `from` and `where` pick: whole, with their spells (alphabetical,
 * byte order), wield requirements (as reported), ratings and `extra` in the
 * same statement, so a page of items costs one round trip; or, without
 * `details`, their own rows alone (spells and requirements empty, ratings
 * and `extra` null: no subquery or join per item, and nothing for the
 * subgraph to decode, for a list of names). `from` names the items `i`.
 */
function selectItems(from: string, where: string, { orderBy = ITEM_ORDER, sortKey = 'NULL::text', details = true }: { orderBy?: string; sortKey?: string; details?: boolean } = {}): string {
  const detailColumns = details
    ? `i.extra,
    ARRAY(SELECT spell FROM unnest(i.spells) AS spell ORDER BY spell COLLATE "C") AS spells,
    COALESCE((SELECT json_agg(json_build_object('skill', w.skill, 'level', w.level) ORDER BY w.position)
                FROM inventory_item_requirements w
               WHERE w.character_name = i.character_name AND w.item_id = i.item_id), '[]'::json) AS wield_requirements,
    CASE WHEN r.item_id IS NULL THEN NULL
         ELSE json_build_object(${ratingColumns.map((column) => `'${column}', r.${column}`).join(', ')}) END AS ratings`
    : `NULL AS extra, '{}'::text[] AS spells, '[]'::json AS wield_requirements, NULL AS ratings`;
  return `SELECT ${ITEM_COLUMNS}, ${sortKey} AS sort_key, ${detailColumns}
  FROM ${from} ${details ? JOIN_RATINGS : ''}
  WHERE ${where}
  ORDER BY ${orderBy}`;
}

/**
 * Item fields that need more than the item's own row: its spells, wield
 * requirements, ratings and `extra`. A statement asked without them (see
 * {@link selectItems}) leaves them empty, so it may serve only selections
 * that do not ask for them.
 */
export const ITEM_DETAIL_FIELDS: ReadonlySet<string> = new Set(['spells', 'wieldRequirements', 'ratings', 'extra']);

/**
 * The inventory of each of the characters `$1`, ordered by character, then
 * item id: whole, or, without `details`, the items' own rows alone.
 */
export function inventoriesOf(characters: readonly string[], details = true): Statement {
  return { text: selectItems('inventory_items i', 'i.character_name = ANY($1::text[])', { details }), values: [characters] };
}

/** The order of a search: which property, which way. */
export interface SearchOrder {
  field: ItemOrderField;
  direction: OrderDirection;
}

/** The order `searchItems` uses when none is asked for. */
export const DEFAULT_SEARCH_ORDER: SearchOrder = { field: 'OWNER', direction: 'ASC' };

/**
 * Each order's sort key over `i` and its SQL type; text lowered, so that the
 * order ignores case as the filters do. OWNER has none: the (owner, item id)
 * key is the order itself.
 */
const ORDER_KEYS: Record<Exclude<ItemOrderField, 'OWNER'>, readonly [expression: string, type: string]> = {
  NAME: ['lower(i.name)', 'text'],
  OBJECT_CLASS: ['lower(i.object_class)', 'text'],
  SET_NAME: ['lower(i.set_name)', 'text'],
  ARMOR_LEVEL: ['i.armor_level', 'integer'],
  MAX_DAMAGE: ['i.max_damage', 'double precision'],
  WORKMANSHIP: ['i.workmanship', 'double precision'],
  TINKS: ['i.tinks', 'integer'],
  VALUE: ['i.value', 'bigint'],
};

/** Where a page of search results starts: after this item, whose sort key is `key` (null for OWNER, or when the item lacks the property). */
export interface SearchPosition {
  character: string;
  itemId: number;
  key: string | number | null;
}

/**
 * One page of `searchItems`: `limit` items matching `filter` after `after`,
 * in `order`, items without the property last, ties by (owner, item id)
 * ascending. The page's keys are found first, then only those items are read
 * whole (without their details when `details` is false, see
 * {@link selectItems}). Each row carries its `sort_key`, for the cursor.
 */
export function searchPage(filter: ItemFilter, order: SearchOrder, after: SearchPosition | null, limit: number, details = true): Statement {
  const values: unknown[] = [];
  const conditions = searchConditions(filter, values);
  const way = order.direction === 'DESC' ? 'DESC' : 'ASC';
  const later = way === 'DESC' ? '<' : '>';
  let orderBy: string;
  let key = 'NULL::text';
  if (order.field === 'OWNER') {
    // The primary key's own order: the index serves it, whichever way.
    orderBy = `i.character_name ${way}, i.item_id ${way}`;
    if (after) conditions.push(`(i.character_name, i.item_id) ${later} (${param(values, after.character, 'text')}, ${param(values, after.itemId, 'bigint')})`);
  } else {
    const [expression, type] = ORDER_KEYS[order.field];
    key = expression;
    orderBy = `(${key}) IS NULL, ${key} ${way}, ${ITEM_ORDER}`;
    if (after) {
      const tie = `(i.character_name, i.item_id) > (${param(values, after.character, 'text')}, ${param(values, after.itemId, 'bigint')})`;
      if (after.key === null) {
        conditions.push(`((${key}) IS NULL AND ${tie})`);
      } else {
        const value = param(values, after.key, type);
        conditions.push(`((${key}) IS NULL OR ${key} ${later} ${value} OR (${key} = ${value} AND ${tie}))`);
      }
    }
  }
  const text = `WITH page AS (
    SELECT i.character_name, i.item_id FROM inventory_items i ${JOIN_RATINGS}
     WHERE ${conditions.join(' AND ')}
     ORDER BY ${orderBy}
     LIMIT ${param(values, limit, 'integer')}
  )
  ${selectItems('page JOIN inventory_items i ON i.character_name = page.character_name AND i.item_id = page.item_id', 'TRUE', { orderBy, sortKey: key, details })}`;
  return { text, values };
}

/** The values the item search's text fields can match, as `itemFilterValues` lists them: each distinct, alphabetical (case aside). */
export const FILTER_VALUES = `SELECT
    ARRAY(SELECT DISTINCT object_class FROM inventory_items WHERE object_class IS NOT NULL ORDER BY 1) AS object_classes,
    ARRAY(SELECT DISTINCT material FROM inventory_items WHERE material IS NOT NULL ORDER BY 1) AS materials,
    ARRAY(SELECT DISTINCT set_name FROM inventory_items WHERE set_name IS NOT NULL ORDER BY 1) AS set_names,
    ARRAY(SELECT DISTINCT spell FROM inventory_items, unnest(spells) AS spell ORDER BY 1) AS spells`;

/** How many items match `filter` in all. */
export function searchCount(filter: ItemFilter): Statement {
  const values: unknown[] = [];
  const conditions = searchConditions(filter, values);
  return { text: `SELECT count(*)::integer AS total FROM inventory_items i ${JOIN_RATINGS} WHERE ${conditions.join(' AND ')}`, values };
}

/** Inclusive bounds of `ItemFilter`: the filter field, the column it bounds, and the column's type. */
const bounds = [
  ['armorLevelMin', 'i.armor_level', '>=', 'integer'],
  ['armorLevelMax', 'i.armor_level', '<=', 'integer'],
  ['tinksMin', 'i.tinks', '>=', 'integer'],
  ['tinksMax', 'i.tinks', '<=', 'integer'],
  ['workmanshipMin', 'i.workmanship', '>=', 'double precision'],
  ['workmanshipMax', 'i.workmanship', '<=', 'double precision'],
  ['damageMin', 'r.damage', '>=', 'integer'],
  ['damageResistMin', 'r.damage_resist', '>=', 'integer'],
  ['critMin', 'r.crit', '>=', 'integer'],
  ['critDamageMin', 'r.crit_damage', '>=', 'integer'],
  ['critResistMin', 'r.crit_resist', '>=', 'integer'],
  ['critDamageResistMin', 'r.crit_damage_resist', '>=', 'integer'],
  ['healBoostMin', 'r.heal_boost', '>=', 'integer'],
  ['vitalityMin', 'r.vitality', '>=', 'integer'],
] as const satisfies ReadonlyArray<readonly [keyof ItemFilter, string, '>=' | '<=', string]>;

/** Whole-value matches of `ItemFilter`, case-insensitive: the filter field and its column (each has a `lower(column)` index, migration 0013). */
const equalities = [
  ['objectClass', 'i.object_class'],
  ['material', 'i.material'],
  ['setName', 'i.set_name'],
] as const satisfies ReadonlyArray<readonly [keyof ItemFilter, string]>;

/** The conditions `filter` sets, over `i` and `r`, its values appended to `values`; `TRUE` when it sets none. */
function searchConditions(filter: ItemFilter, values: unknown[]): string[] {
  const conditions = ['TRUE'];
  if (filter.text !== null && filter.text !== undefined) {
    conditions.push(`i.name ILIKE ${param(values, `%${escapeLike(filter.text)}%`, 'text')}`);
  }
  if (filter.characters) conditions.push(`i.character_name = ANY(${param(values, filter.characters, 'text[]')})`);
  for (const [field, column] of equalities) {
    const value = filter[field];
    if (value !== null && value !== undefined) conditions.push(`lower(${column}) = lower(${param(values, value, 'text')})`);
  }
  for (const [field, column, operator, type] of bounds) {
    const value = filter[field];
    if (value !== null && value !== undefined) conditions.push(`${column} ${operator} ${param(values, value, type)}`);
  }
  const spells = [...new Set(filter.spells ?? [])];
  if (spells.length > 0) {
    // Items holding every wanted spell, names differing in case only being one spell: the expression of
    // the GIN index on the lowered spells (migration 0050), so that the index finds them.
    conditions.push(`lifestone_lower_spells(i.spells) @> lifestone_lower_spells(${param(values, spells, 'text[]')})`);
  }
  if (filter.equipped === true) conditions.push('i.equipped_slot IS NOT NULL');
  if (filter.equipped === false) conditions.push('i.equipped_slot IS NULL');
  return conditions;
}

/** Appends a parameter and returns its typed placeholder. */
function param(values: unknown[], value: unknown, type: string): string {
  values.push(value);
  return `$${values.length}::${type}`;
}

/** `text` as a LIKE pattern that matches it literally (`%`, `_` and `\` escaped). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The items of `characters` (all when null) that may be worn as armour,
 * underclothes or jewellery, over `i`: with a coverage or valid slots, of a
 * wearable class, or worn now (the search decides which fit a slot); without
 * `equipped`, worn items are left out. Their values are appended to `values`.
 */
function wearableConditions(characters: readonly string[] | null, equipped: boolean, values: unknown[]): string[] {
  const conditions = [
    `(cardinality(i.coverage) > 0 OR cardinality(i.valid_slots) > 0 OR i.object_class IN ('Armor', 'Clothing', 'Jewelry') OR i.equipped_slot IS NOT NULL)`,
  ];
  if (characters) conditions.push(`i.character_name = ANY(${param(values, characters, 'text[]')})`);
  if (!equipped) conditions.push('i.equipped_slot IS NULL');
  return conditions;
}

/** The rating columns in the order of the suitbuilder's `RATING_NAMES`. */
const suitRatingColumns = ['damage', 'damage_resist', 'crit', 'crit_resist', 'crit_damage', 'crit_damage_resist', 'heal_boost', 'vitality'] as const;

/** An item as the suitbuilder's search reads it: what decides where it fits and what it is worth, nothing more. */
export interface SuitItemRow {
  character_name: string;
  id: string;
  name: string | null;
  object_class: string | null;
  equipped_slot: string | null;
  coverage: string[] | null;
  valid_slots: string[] | null;
  material: string | null;
  set_name: string | null;
  armor_level: number | null;
  spells: string[];
  ratings: number[] | null;
}

/**
 * The wearable items of `characters` (all when null) as the search reads
 * them (see {@link wearableConditions} for which; only those of `keys` when
 * given), ratings in `SuitItem` order: read by the search's own thread, so
 * the subgraph's event loop never holds tens of thousands of rows.
 */
export function suitItemRows(characters: readonly string[] | null, equipped: boolean, keys?: { owners: readonly string[]; ids: readonly string[] }): Statement {
  const values: unknown[] = [];
  const conditions = wearableConditions(characters, equipped, values);
  if (keys) conditions.push(`(i.character_name, i.item_id) IN (SELECT * FROM unnest(${param(values, keys.owners, 'text[]')}, ${param(values, keys.ids, 'bigint[]')}))`);
  return {
    text: `SELECT i.character_name, i.item_id::text AS id, i.name, i.object_class, i.equipped_slot, i.coverage, i.valid_slots,
      i.material, i.set_name, i.armor_level,
      i.spells,
      CASE WHEN r.item_id IS NULL THEN NULL ELSE ARRAY[${suitRatingColumns.map((column) => `coalesce(r.${column}, 0)`).join(', ')}] END AS ratings
    FROM inventory_items i ${JOIN_RATINGS}
    WHERE ${conditions.join(' AND ')}`,
    values,
  };
}

/**
 * The items of the given owners and ids (pairs by position), whole, for the
 * suits a search reports.
 */
export function itemsByKeys(owners: readonly string[], ids: readonly string[]): Statement {
  return {
    text: selectItems('inventory_items i', '(i.character_name, i.item_id) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))'),
    values: [owners, ids],
  };
}
