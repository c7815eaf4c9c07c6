/**
 * The items a search draws from, read from PostgreSQL by the search's own
 * thread (the subgraph's event loop then never holds them), or by the
 * subgraph for the few pieces it checks or reports.
 */
import pg from 'pg';
import { suitItemRows, type SuitItemRow } from '../sql.js';
import { RATING_NAMES, type SuitItem } from './types.js';

/** The key the search knows an item by: its owner and game id. */
export function suitItemKey(owner: string, id: string): string {
  return `${owner}\u0000${id}`;
}

/** An item key's owner and id. */
export function ownerAndId(key: string): { owner: string; id: string } {
  const at = key.lastIndexOf('\u0000');
  return { owner: key.slice(0, at), id: key.slice(at + 1) };
}

/** Which items a search reads: the wearable items of `characters` (all when null), worn ones too unless `includeEquipped` is false. */
export interface SuitItemSource {
  /** Where the database is: plain connection settings, as they cross to the thread. */
  connection: pg.ClientConfig;
  characters: string[] | null;
  includeEquipped: boolean;
}

/** A row of {@link suitItemRows} as the search sees it. */
export function suitItemOf(row: SuitItemRow): SuitItem {
  const ratings = Object.fromEntries(RATING_NAMES.map((name, index) => [name, row.ratings?.[index] ?? 0])) as SuitItem['ratings'];
  return {
    key: suitItemKey(row.character_name, row.id),
    owner: row.character_name,
    id: row.id,
    name: row.name ?? '',
    objectClass: row.object_class,
    equippedSlot: row.equipped_slot,
    coverage: row.coverage ?? [],
    validSlots: row.valid_slots ?? [],
    material: row.material,
    set: row.set_name,
    armorLevel: row.armor_level ?? 0,
    spells: row.spells,
    ratings,
  };
}

/**
 * Longest the search thread's read of items may run. Longer than the
 * subgraph's own statements may: it reads the whole fleet's wearable items
 * at once (up to the cache's 250,000) and keeps them, whatever a caller
 * asked, so no argument can make it longer.
 */
const SUIT_READ_STATEMENT_TIMEOUT_MS = 60_000;

/** Reads the wearable items of `characters` (all when null) on a connection of its own. */
async function readRows(connection: pg.ClientConfig, characters: readonly string[] | null, includeEquipped: boolean): Promise<SuitItem[]> {
  const client = new pg.Client({ ...connection, application_name: 'lifestone-suit-search', statement_timeout: SUIT_READ_STATEMENT_TIMEOUT_MS });
  await client.connect();
  try {
    const { rows } = await client.query<SuitItemRow>(suitItemRows(characters, includeEquipped));
    return rows.map(suitItemOf);
  } finally {
    await client.end();
  }
}

export interface SuitItemCacheOptions {
  /** Past this many wearable items the cache is not kept: each search reads its own. @default 250,000 */
  maxItems?: number;
  /** The whole cache is read again after this long, in case a change notice was lost (a pubsub reconnect). @default 10 minutes */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Every character's wearable items, kept by the search thread between
 * searches so that a search does not read tens of thousands of rows: read
 * whole once, then only the characters the subgraph reports changed (from
 * the inventory topics ingest publishes on) are read again before a search.
 */
export class SuitItemCache {
  private readonly byOwner = new Map<string, SuitItem[]>();
  private readonly stale = new Set<string>();
  private loadedAt = -Infinity;
  /** Whether the fleet's items fit the cache (as of the last whole read). */
  private kept = false;
  private readonly maxItems: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly connection: pg.ClientConfig,
    options: SuitItemCacheOptions = {},
  ) {
    this.maxItems = options.maxItems ?? 250_000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The items of these characters changed (or they are new), or anyone's (`all`): read them again before the next search. */
  changed(characters: Iterable<string> | 'all'): void {
    if (characters === 'all') this.loadedAt = -Infinity;
    else for (const character of characters) this.stale.add(character);
  }

  /** The items of `characters` (all when null), worn ones too unless `includeEquipped` is false. */
  async items(characters: readonly string[] | null, includeEquipped: boolean): Promise<SuitItem[]> {
    if (!(await this.refresh())) return readRows(this.connection, characters, includeEquipped);
    const owners = characters ?? [...this.byOwner.keys()];
    const items: SuitItem[] = [];
    for (const owner of owners) {
      for (const item of this.byOwner.get(owner) ?? []) if (includeEquipped || item.equippedSlot === null) items.push(item);
    }
    return items;
  }

  /** Brings the cache up to date; false when the fleet has too many items to keep. */
  private async refresh(): Promise<boolean> {
    if (this.now() - this.loadedAt > this.maxAgeMs) {
      this.byOwner.clear();
      this.stale.clear();
      this.loadedAt = this.now();
      const all = await readRows(this.connection, null, true);
      this.kept = all.length <= this.maxItems;
      if (this.kept) for (const item of all) this.add(item);
      return this.kept;
    }
    if (!this.kept) return false;
    if (this.stale.size === 0) return true;
    const owners = [...this.stale];
    this.stale.clear();
    const fresh = await readRows(this.connection, owners, true);
    for (const owner of owners) this.byOwner.delete(owner);
    for (const item of fresh) this.add(item);
    return true;
  }

  private add(item: SuitItem): void {
    const list = this.byOwner.get(item.owner);
    if (list) list.push(item);
    else this.byOwner.set(item.owner, [item]);
  }
}

/** The plain settings of `pool`'s connections, to hand to another thread (functions and sockets do not cross). */
export function connectionOf(pool: pg.Pool): pg.ClientConfig {
  const { connectionString, host, port, user, password, database } = pool.options;
  return Object.fromEntries(Object.entries({ connectionString, host, port, user, password: typeof password === 'string' ? password : undefined, database }).filter(([, value]) => value !== undefined));
}
