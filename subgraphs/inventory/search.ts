import { GraphErrorCode, graphError, type SubgraphContext } from '@lifestone/lib/graph';
import type { ItemConnection, ItemFilter, ItemFilterValues, ItemOrder } from './generated/resolvers.js';
import { itemFromRow } from './items.js';
import { DEFAULT_SEARCH_ORDER, FILTER_VALUES, searchCount, searchPage, type ItemRow, type SearchOrder, type SearchPosition } from './sql.js';

/** Page size of `searchItems` when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest page `searchItems` serves; a larger `first` is refused. */
export const MAX_PAGE_SIZE = 200;

/**
 * One page of items across every character, in `orderBy` order (owner name
 * by default), with keyset cursors: a page costs one query (plus one for
 * `totalCount`, only when asked), however deep it is, and reads the items'
 * details only when `details` says they are asked for.
 */
export async function searchItems(
  context: SubgraphContext,
  filter: ItemFilter,
  orderBy: ItemOrder | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  /** Whether the items' details are asked for (see `selectItems`): without them, each item costs its own row alone. */
  details = true,
): Promise<ItemConnection> {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `first must be from 0 to ${MAX_PAGE_SIZE}, got ${size}.`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  const order: SearchOrder = orderBy ? { field: orderBy.field, direction: orderBy.direction ?? 'ASC' } : DEFAULT_SEARCH_ORDER;
  const position = after === null || after === undefined ? null : decodeCursor(after, order);
  const { rows } = await context.pool.query<ItemRow>(searchPage(filter, order, position, size + 1, details));
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor(order, { character: row.character_name, itemId: Number(row.id), key: row.sort_key ?? null }), node: itemFromRow(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null },
    totalCount: onDemand(async () => {
      const { rows: [count] } = await context.pool.query<{ total: number }>(searchCount(filter));
      return count?.total ?? 0;
    }),
  };
}

/** The distinct object classes, materials, sets and spells the fleet's items have, each alphabetical, case aside. */
export async function itemFilterValues(context: SubgraphContext): Promise<ItemFilterValues> {
  const { rows: [row] } = await context.pool.query<{ object_classes: string[]; materials: string[]; set_names: string[]; spells: string[] }>(FILTER_VALUES);
  const alphabetical = (values: string[] | undefined) => [...(values ?? [])].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0));
  return { objectClasses: alphabetical(row?.object_classes), materials: alphabetical(row?.materials), setNames: alphabetical(row?.set_names), spells: alphabetical(row?.spells) };
}

/**
 * A field value computed only if the query selects the field: graphql-js's
 * default resolver calls a function it finds in the field's place.
 */
function onDemand<T>(compute: () => Promise<T>): T {
  return compute as unknown as T;
}

/**
 * A cursor: base64url of the JSON `[order field, direction, sort key, owner,
 * item id]` of the edge's item. Opaque to clients; it names its order, so a
 * cursor is refused under another.
 */
export function encodeCursor(order: SearchOrder, position: SearchPosition): string {
  return Buffer.from(JSON.stringify([order.field, order.direction, position.key, position.character, position.itemId])).toString('base64url');
}

const NOT_A_CURSOR = 'after is not a cursor of searchItems: pass the endCursor of the previous page.';

function decodeCursor(cursor: string, order: SearchOrder): SearchPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 5) {
    const [field, direction, key, character, itemId] = decoded as unknown[];
    if (typeof character === 'string' && typeof itemId === 'number' && Number.isSafeInteger(itemId) && (key === null || typeof key === 'string' || typeof key === 'number')) {
      if (field !== order.field || direction !== order.direction) {
        throw graphError(GraphErrorCode.BAD_USER_INPUT, 'after is a cursor of another order: ask for the first page again when the order changes.', { argument: 'after' });
      }
      return { character, itemId, key };
    }
  }
  throw graphError(GraphErrorCode.BAD_USER_INPUT, NOT_A_CURSOR, { argument: 'after' });
}
