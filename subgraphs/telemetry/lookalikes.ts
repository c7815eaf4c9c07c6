/**
 * Character names that look alike: `Bоb` with a Cyrillic `о` beside `Bob`,
 * `rn` beside `m`. Ingest refuses names with hidden characters and stores
 * them in NFC (lib/protocol), but letters of other scripts that look like
 * Latin ones are names like any other; the graph names each character's
 * look-alikes so that the dashboard and the Discord bot can mark them.
 */
import unhomoglyph from 'unhomoglyph';
import type pg from 'pg';
import * as sql from './sql.js';

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The confusables skeleton of a name (Unicode TS #39, section 4: NFD, default
 * ignorables removed, each character mapped through `confusables.txt` by
 * unhomoglyph, NFD again): two names look alike when their skeletons are
 * equal. Surrounding white space is dropped first, so that names stored
 * before ingest refused it (`"Bob "`) still match the name they imitate.
 */
export function nameSkeleton(name: string): string {
  return unhomoglyph(name.normalize('NFD').replace(DEFAULT_IGNORABLE, '').trim()).normalize('NFD');
}

/** Skeletons kept between requests, so that a fleet's names are mapped once, not at every request. */
const SKELETONS_KEPT = 100_000;
const skeletons = new Map<string, string>();

function skeletonOf(name: string): string {
  let skeleton = skeletons.get(name);
  if (skeleton === undefined) {
    skeleton = nameSkeleton(name);
    // The oldest entry goes first: a Map iterates in insertion order.
    if (skeletons.size >= SKELETONS_KEPT) skeletons.delete(skeletons.keys().next().value as string);
    skeletons.set(name, skeleton);
  }
  return skeleton;
}

/** Every character's name grouped by skeleton, and the fingerprint of the names it was built from. */
interface NameIndex {
  fingerprint: string;
  groups: Map<string, string[]>;
}

/** The latest index per database (per pool), rebuilt only when its names changed. */
const indexes = new WeakMap<object, NameIndex>();
/** The refresh under way per database: callers who come meanwhile share it rather than pile up on a stalled one. */
const refreshing = new WeakMap<object, Promise<NameIndex>>();

/**
 * How long a refresh may take before the last index is used: look-alikes
 * ride on live values (an alert to a subscriber) that must not wait for a
 * stalled database, and a name added in the last moment is all they miss.
 */
const REFRESH_WAIT_MS = 200;

async function refresh(pool: Pick<pg.Pool, 'query'>): Promise<NameIndex> {
  const fingerprint = await sql.characterNamesFingerprint(pool);
  const known = indexes.get(pool);
  if (known?.fingerprint === fingerprint) return known;
  const groups = new Map<string, string[]>();
  for (const name of await sql.characterNames(pool)) {
    const skeleton = skeletonOf(name);
    const group = groups.get(skeleton);
    if (group) group.push(name);
    else groups.set(skeleton, [name]);
  }
  const index = { fingerprint, groups };
  indexes.set(pool, index);
  return index;
}

/** The index, refreshed; the last one when the database takes longer than {@link REFRESH_WAIT_MS} or fails. */
function nameIndex(pool: Pick<pg.Pool, 'query'>): Promise<NameIndex> {
  let refreshed = refreshing.get(pool);
  if (!refreshed) {
    refreshed = refresh(pool).finally(() => refreshing.delete(pool));
    refreshing.set(pool, refreshed);
  }
  const known = indexes.get(pool);
  if (!known) return refreshed;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(known), REFRESH_WAIT_MS);
    (refreshed as Promise<NameIndex>).then(
      (index) => {
        clearTimeout(timer);
        resolve(index);
      },
      () => {
        clearTimeout(timer);
        resolve(known);
      },
    );
  });
}

/**
 * For each of `names`, the other characters ever seen whose names look the
 * same, in code point order; a name without look-alikes is left out. One
 * query for all the characters of a request, of one row while no character
 * was added since the last; every name is read again only when one was.
 * While the database does not answer (within 200 ms) the last answer stands.
 */
export async function lookalikesOf(pool: Pick<pg.Pool, 'query'>, names: readonly string[]): Promise<Map<string, string[]>> {
  const { groups } = await nameIndex(pool);
  const found = new Map<string, string[]>();
  for (const name of names) {
    const others = (groups.get(skeletonOf(name)) ?? []).filter((other) => other !== name);
    if (others.length > 0) found.set(name, others.sort());
  }
  return found;
}
