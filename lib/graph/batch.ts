import type { SubgraphContext } from './context.js';

/**
 * Loads values by key for the resolvers of one request, together: every key
 * asked for before the event loop's next turn (every character of an
 * `_entities` list, each asking for several fields) goes to one call of
 * `load`, once. Nothing is kept after that: a subscription runs each event
 * with the same context and must see fresh data. Keys `load` leaves out get
 * `missing()`.
 */
export function requestBatcher<V>(
  load: (keys: string[], context: SubgraphContext) => Promise<Map<string, V>>,
  missing: () => V,
): (context: SubgraphContext, key: string) => Promise<V> {
  const pending = new WeakMap<SubgraphContext, Map<string, Waiting<V>>>();
  return (context, key) => {
    let batch = pending.get(context);
    if (!batch) {
      const started = new Map<string, Waiting<V>>();
      pending.set(context, started);
      setImmediate(() => {
        pending.delete(context);
        flush(started, context);
      });
      batch = started;
    }
    const known = batch.get(key);
    if (known) return known.value;
    let settle: Omit<Waiting<V>, 'value'> | undefined;
    const value = new Promise<V>((resolve, reject) => {
      settle = { resolve, reject };
    });
    batch.set(key, { value, ...(settle as Omit<Waiting<V>, 'value'>) });
    return value;
  };

  function flush(batch: Map<string, Waiting<V>>, context: SubgraphContext): void {
    load([...batch.keys()], context).then(
      (values) => {
        for (const [key, { resolve }] of batch) resolve(values.get(key) ?? missing());
      },
      (error: unknown) => {
        for (const { reject } of batch.values()) reject(error);
      },
    );
  }
}

interface Waiting<V> {
  value: Promise<V>;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}
