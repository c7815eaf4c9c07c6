/**
 * The Rares window's feed: history and live finds merged, newest first,
 * each find once.
 */
import type { RareTier } from '../graph/generated/graphql';

/** One rare found. */
export interface RareFind {
  character: string;
  name: string;
  tier: RareTier;
  /** When the character found it (ISO-8601). */
  time: string;
}

/** A find's identity: the same character cannot find two of the same rare at the same instant. */
export function rareKey(find: RareFind): string {
  return `${find.character}\u0000${find.time}\u0000${find.name}`;
}

/** `feed` with `finds` added, newest first, each find once, at most `limit`. Returns a new array. */
export function addRares(feed: readonly RareFind[], finds: readonly RareFind[], limit: number): RareFind[] {
  const known = new Set(feed.map(rareKey));
  const added = finds.filter((find) => {
    const key = rareKey(find);
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  if (!added.length) return [...feed];
  return [...feed, ...added].sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, limit);
}
