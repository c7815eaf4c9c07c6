import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphModule } from '@lifestone/lib/graph';
import { resolvers } from './resolvers.js';

/** The SDL, the source of truth for this subgraph's part of the graph. */
export const combatSdl = readFileSync(new URL('./combat.graphql', import.meta.url), 'utf8');

/**
 * The combat subgraph: each character's latest session and lifetime combat
 * statistics, per damage element and per monster, and the lifetime board.
 * Serve it with `startSubgraph` from `@lifestone/lib/graph`.
 */
export function combatSubgraph(): SubgraphModule {
  return { name: 'combat', typeDefs: parse(combatSdl), resolvers };
}
