/**
 * A per-request batching cache in the manner of DataLoader: every `load` made
 * while graphql-js resolves one level of a result (e.g. `position` of each of
 * 1,000 live players) becomes one call of `fetch` with all the keys, and each
 * key is fetched at most once per request.
 */
export class BatchLoader<V> {
  private readonly cache = new Map<string, Promise<V | undefined>>();
  private pending: Array<{ key: string; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }> = [];

  /** `fetch` returns the value of each key it found; a key it leaves out loads as `undefined`. */
  constructor(private readonly fetch: (keys: string[]) => Promise<Map<string, V>>) {}

  load(key: string): Promise<V | undefined> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const loaded = new Promise<V | undefined>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      // After the promise jobs already queued, as DataLoader does: siblings resolved in the same pass join the batch.
      if (this.pending.length === 1) void Promise.resolve().then(() => process.nextTick(() => this.dispatch()));
    });
    this.cache.set(key, loaded);
    return loaded;
  }

  /** Seeds the cache with a value already read (e.g. the rows a list query returned). */
  prime(key: string, value: V): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value));
  }

  private dispatch(): void {
    const batch = this.pending;
    this.pending = [];
    this.fetch(batch.map(({ key }) => key)).then(
      (values) => {
        for (const { key, resolve } of batch) resolve(values.get(key));
      },
      (error: unknown) => {
        for (const { key, reject } of batch) {
          this.cache.delete(key);
          reject(error);
        }
      },
    );
  }
}

/** The rows of `rows` by their `key`, for a `fetch` that reads one row per key. */
export function indexBy<R>(rows: readonly R[], key: (row: R) => string): Map<string, R> {
  return new Map(rows.map((row) => [key(row), row]));
}

/** The rows of `rows` grouped by their `key`, each group in the rows' order, for a `fetch` that reads many rows per key. */
export function groupBy<R>(rows: readonly R[], key: (row: R) => string): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
