/**
 * Sorting for the dashboard's tables: a column key and a direction, values
 * compared by kind (numbers as numbers, text case-insensitively with numbers
 * inside it in order), and missing values always last whichever the direction.
 */

export type SortDirection = 'asc' | 'desc';

/** Which column a table is sorted by, and which way. */
export interface SortState<Key extends string> {
  key: Key;
  direction: SortDirection;
}

/** A sortable value; null and undefined mean "not known". */
export type SortValue = string | number | boolean | null | undefined;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Compares two known values: numbers and booleans by value, text with the collator. */
export function compareValues(a: NonNullable<SortValue>, b: NonNullable<SortValue>): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return Number(a) - Number(b);
}

/**
 * The state after the user clicks `key`'s header: the same column flips its
 * direction; another column starts with `firstDirection` (@default `asc`).
 */
export function nextSort<Key extends string>(current: SortState<Key>, key: Key, firstDirection: SortDirection = 'asc'): SortState<Key> {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: firstDirection };
}

/**
 * A sorted copy of `rows` by `state`, reading each column with `columns[key]`.
 * Missing values go last in both directions; equal rows keep their order.
 */
export function sortRows<Row, Key extends string>(rows: readonly Row[], state: SortState<Key>, columns: Record<Key, (row: Row) => SortValue>): Row[] {
  const read = columns[state.key];
  const sign = state.direction === 'asc' ? 1 : -1;
  return [...rows].sort((left, right) => {
    const a = read(left);
    const b = read(right);
    if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
    return sign * compareValues(a, b);
  });
}
