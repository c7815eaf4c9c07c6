import type { PoolClient, QueryResult } from 'pg';

/** The last item per key, in the order those last items arrived. */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const last = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    last.delete(k);
    last.set(k, item);
  }
  return [...last.values()];
}

/**
 * Runs `sql` with the records as its one parameter, `$1::jsonb`, for
 * `jsonb_to_recordset`: a whole batch of upserts in one statement.
 */
export function queryRecords(client: PoolClient, sql: string, records: readonly object[]): Promise<QueryResult | undefined> {
  if (records.length === 0) return Promise.resolve(undefined);
  return client.query(sql, [JSON.stringify(records)]);
}
