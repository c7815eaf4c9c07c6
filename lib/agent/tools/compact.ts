/**
 * Drops what tells the model nothing: object properties that are null or
 * undefined, and empty arrays (the graph answers `[]` for "none"). Array
 * entries are kept as they are, so positions in a list never shift.
 */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry) => (entry === null ? null : withoutNulls(entry))) as T;
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined || (Array.isArray(entry) && entry.length === 0)) continue;
    kept[key] = withoutNulls(entry);
  }
  return kept as T;
}

/** Whether `text` contains `needle`, ignoring case; true when there is no needle. */
export function containsFolded(text: string | null | undefined, needle: string | undefined): boolean {
  if (!needle) return true;
  return (text ?? '').toLocaleLowerCase('en').includes(needle.toLocaleLowerCase('en'));
}
