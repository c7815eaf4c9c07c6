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

/** Reads the items of `source` on a connection of its own. */
export async function loadSuitItems(source: SuitItemSource): Promise<SuitItem[]> {
  const client = new pg.Client({ ...source.connection, application_name: 'lifestone-suit-search' });
  await client.connect();
  try {
    const { rows } = await client.query<SuitItemRow>(suitItemRows(source.characters, source.includeEquipped));
    return rows.map(suitItemOf);
  } finally {
    await client.end();
  }
}

/** The plain settings of `pool`'s connections, to hand to another thread (functions and sockets do not cross). */
export function connectionOf(pool: pg.Pool): pg.ClientConfig {
  const { connectionString, host, port, user, password, database } = pool.options;
  return Object.fromEntries(Object.entries({ connectionString, host, port, user, password: typeof password === 'string' ? password : undefined, database }).filter(([, value]) => value !== undefined));
}
