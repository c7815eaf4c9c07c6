import type pg from 'pg';
import type { Logger } from '../log/index.js';
import type { PubSub } from '../pubsub/types.js';
import type { Identity } from './identity.js';
import type { RequestLoaders } from './loaders.js';

/** What every subgraph resolver receives. */
export interface SubgraphContext {
  /** The caller, as the gateway signed it; subgraphs refuse requests without a valid signature. */
  identity: Identity;
  pool: pg.Pool;
  pubsub: PubSub;
  log: Logger;
  /** The clock; tests inject one (e.g. to age characters out of `livePlayers`). */
  now: () => Date;
  /** This request's DataLoaders (`loaderOf(context, kind)`); a new, empty set for every request. */
  loaders: RequestLoaders;
}
