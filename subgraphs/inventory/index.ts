import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphModule } from '@lifestone/lib/graph';
import { resolvers } from './resolvers.js';

/** The SDL, the source of truth for this subgraph's part of the graph. */
export const inventorySdl = readFileSync(new URL('./inventory.graphql', import.meta.url), 'utf8');

/**
 * The inventory subgraph: every character's items grouped by container,
 * cross-character item search, and the stream of item changes. Serve it with
 * `startSubgraph` from `@lifestone/lib/graph`.
 */
export function inventorySubgraph(): SubgraphModule {
  return { name: 'inventory', typeDefs: parse(inventorySdl), resolvers };
}
