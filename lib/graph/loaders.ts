/**
 * DataLoaders per request. A resolver loads by key (`loaderOf(context,
 * liveCharacter).load(name)`); every key asked for in the same pass of
 * graphql-js (the `position` of each of 1,000 live players, each character
 * of an `_entities` list) goes to one call of the kind's `load`, so one query
 * serves them all. The loaders live in the request's context and go with it.
 */
import DataLoader from 'dataloader';
import type { SubgraphContext } from './context.js';

/** One kind of value loaded by key, and how its request's DataLoader batches it. */
export interface LoaderKind<K, V, P = undefined> {
  /** Reads the values of `keys` at once; a key left out of the map loads as `missing`. */
  load(keys: readonly K[], context: SubgraphContext, parameter: P): Promise<ReadonlyMap<K, V>>;
  /** What a key `load` leaves out loads as. */
  missing: V;
  /**
   * The key of a parameter's own loader (the trail of the last 10 minutes is
   * not the trail of the last 60); parameters with the same key share one.
   * @default String(parameter)
   */
  variant?: (parameter: P) => string;
  /**
   * Whether the request keeps what it loaded, so that a later load of the same
   * key asks nothing. Off for values a subscription reads: it resolves every
   * event with the same context, and each must see fresh rows. @default true
   */
  cache?: boolean;
  /**
   * When a batch is sent: `tick`, DataLoader's own (after the promise jobs
   * already queued), or `turn`, the event loop's next turn, which also gathers
   * the fields Apollo resolves a few promises later for each entity of an
   * `_entities` list. @default 'tick'
   */
  window?: 'tick' | 'turn';
}

/** A request's loaders, one per kind and variant, made on first use. */
export type RequestLoaders = Map<object, Map<string, DataLoader<unknown, unknown>>>;

/** An empty set of loaders, for a new request's context. */
export function requestLoaders(): RequestLoaders {
  return new Map();
}

/** The loader of `kind` (for `parameter`) in this request. */
export function loaderOf<K, V>(context: SubgraphContext, kind: LoaderKind<K, V>): DataLoader<K, V>;
export function loaderOf<K, V, P>(context: SubgraphContext, kind: LoaderKind<K, V, P>, parameter: P): DataLoader<K, V>;
export function loaderOf<K, V, P>(context: SubgraphContext, kind: LoaderKind<K, V, P>, parameter?: P): DataLoader<K, V> {
  let variants = context.loaders.get(kind);
  if (!variants) {
    variants = new Map();
    context.loaders.set(kind, variants);
  }
  const variant = kind.variant ? kind.variant(parameter as P) : String(parameter);
  let loader = variants.get(variant) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(
      async (keys) => {
        const values = await kind.load(keys, context, parameter as P);
        return keys.map((key) => (values.has(key) ? (values.get(key) as V) : kind.missing));
      },
      { cache: kind.cache ?? true, ...(kind.window === 'turn' ? { batchScheduleFn: (send: () => void) => setImmediate(send) } : {}) },
    );
    variants.set(variant, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** The rows of `rows` by their `key`, for a `load` that reads one row per key. */
export function indexBy<R, K = string>(rows: readonly R[], key: (row: R) => K): Map<K, R> {
  return new Map(rows.map((row) => [key(row), row]));
}

/** The rows of `rows` grouped by their `key`, each group in the rows' order, for a `load` that reads many rows per key. */
export function groupBy<R, K = string>(rows: readonly R[], key: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
