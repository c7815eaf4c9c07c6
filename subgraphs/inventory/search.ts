import { GraphErrorCode, graphError, type SubgraphContext } from '@lifestone/lib/graph';
import type { ItemConnection, ItemFilter } from './generated/resolvers.js';
import { itemFromRow } from './items.js';
import { searchCount, searchPage, type ItemRow, type SearchPosition } from './sql.js';

/** Page size of `searchItems` when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest page `searchItems` serves; a larger `first` is refused. */
export const MAX_PAGE_SIZE = 200;

/**
 * One page of items across every character, in (owner name, item id) order,
 * with keyset cursors: a page costs one query (plus one for `totalCount`,
 * only when asked), however deep it is.
 */
export async function searchItems(
  context: SubgraphContext,
  filter: ItemFilter,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ItemConnection> {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `first must be from 0 to ${MAX_PAGE_SIZE}, got ${size}.`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  const position = after === null || after === undefined ? null : decodeCursor(after);
  const { rows } = await context.pool.query<ItemRow>(searchPage(filter, position, size + 1));
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor({ character: row.character_name, itemId: Number(row.id) }), node: itemFromRow(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null },
    totalCount: onDemand(async () => {
      const { rows: [count] } = await context.pool.query<{ total: number }>(searchCount(filter));
      return count?.total ?? 0;
    }),
  };
}

/**
 * A field value computed only if the query selects the field: graphql-js's
 * default resolver calls a function it finds in the field's place.
 */
function onDemand<T>(compute: () => Promise<T>): T {
  return compute as unknown as T;
}

/** A cursor: base64url of the JSON `[owner, item id]` of the edge's item. Opaque to clients. */
export function encodeCursor(position: SearchPosition): string {
  return Buffer.from(JSON.stringify([position.character, position.itemId])).toString('base64url');
}

function decodeCursor(cursor: string): SearchPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2) {
    const [character, itemId] = decoded as unknown[];
    if (typeof character === 'string' && typeof itemId === 'number' && Number.isSafeInteger(itemId)) return { character, itemId };
  }
  throw graphError(GraphErrorCode.BAD_USER_INPUT, 'after is not a cursor of searchItems: pass the endCursor of the previous page.', { argument: 'after' });
}
