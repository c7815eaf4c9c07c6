/** What the stores that upsert derived state share: one statement per batch, rows locked in key order. */
import { createHash } from 'node:crypto';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { sessionKey } from '../derived/cumulative.js';
import { pipelineOf } from './pipeline.js';

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

/** The name each statement text is prepared under: the same on every connection. */
const statementNames = new Map<string, string>();

function preparedName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) statementNames.set(sql, (name = `lifestone_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`));
  return name;
}

/**
 * Runs one of the writer's statements as a prepared statement, parsed and
 * planned once per connection instead of on every batch (planning was about a
 * quarter of the live snapshot's upsert). `sql` must be one of a fixed set of texts, never built
 * from a batch's values: each text stays prepared on its connection. In a
 * writer transaction it goes with the statements deferred before it, in one
 * round trip (see pipeline.ts).
 */
export function queryPrepared<Row extends QueryResultRow = QueryResultRow>(client: PoolClient, sql: string, values: readonly unknown[]): Promise<QueryResult<Row>> {
  const name = preparedName(sql);
  const pipeline = pipelineOf(client);
  if (pipeline) return pipeline.run<Row>({ name, text: sql, values });
  return client.query<Row>({ name, text: sql, values: values as unknown[] });
}

/**
 * Runs a prepared statement whose result is needed only once the
 * transaction has committed: in a writer transaction it is deferred, to go
 * with the next statement run (the COMMIT, when nothing is run after it),
 * and its promise settles then; outside one it is queued on the client at
 * once, as `queryPrepared` does. Awaiting it inside a writer transaction
 * before anything else is run waits for ever.
 */
export function deferPrepared<Row extends QueryResultRow = QueryResultRow>(client: PoolClient, sql: string, values: readonly unknown[]): Promise<QueryResult<Row>> {
  const pipeline = pipelineOf(client);
  if (pipeline) return pipeline.defer<Row>({ name: preparedName(sql), text: sql, values });
  return queryPrepared<Row>(client, sql, values);
}

/**
 * Runs a prepared statement whose result is not needed, as `queryPrepared`
 * does; in a writer transaction it is deferred instead, to go with the next
 * statement whose result is, and resolves at once: should it fail, that
 * statement fails (see pipeline.ts).
 */
export async function writePrepared(client: PoolClient, sql: string, values: readonly unknown[]): Promise<void> {
  const pipeline = pipelineOf(client);
  if (pipeline) pipeline.defer({ name: preparedName(sql), text: sql, values });
  else await queryPrepared(client, sql, values);
}

/**
 * Writes with `sql` and the records as its one parameter, `$1::json`, for
 * `json_to_recordset`: a whole batch of upserts in one statement. `json`,
 * not `jsonb`: the text is read once, as the record's columns, rather than
 * first built into a jsonb value (a fifth of the live snapshot's upsert).
 * Deferred in a writer transaction (see `writePrepared`).
 */
export async function queryRecords(client: PoolClient, sql: string, records: readonly object[]): Promise<void> {
  if (records.length === 0) return;
  await writePrepared(client, sql, [JSON.stringify(records)]);
}

/**
 * Writes with `sql` and several sets of records as its parameters, `$1::json`,
 * `$2::json` and so on, each for a `json_to_recordset`: upserts of several
 * tables in one statement (data-modifying WITH clauses), one round trip
 * instead of one each. Nothing runs when every set is empty. Deferred in a
 * writer transaction (see `writePrepared`).
 */
export async function queryRecordSets(client: PoolClient, sql: string, sets: ReadonlyArray<readonly object[]>): Promise<void> {
  if (sets.every((records) => records.length === 0)) return;
  await writePrepared(client, sql, sets.map((records) => JSON.stringify(records)));
}

/** The key of a (character, session) pair in the maps of a batch. */
export function sessionRowKey(character: string, session: string): string {
  return `${character}\u0000${session}`;
}

/**
 * Reads and locks the rows of `table` for the sessions of `frames`, in key
 * order (one lock order for every writer, so writers cannot deadlock), keyed
 * by {@link sessionRowKey}. The table has `character_name` and `session_key`.
 */
export async function lockSessionRows<Row extends QueryResultRow & { character_name: string; session_key: string }>(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  frames: readonly { character_name: string; session_id: string | null }[],
): Promise<Map<string, Row>> {
  const keys = [...new Set(frames.map((frame) => sessionRowKey(frame.character_name, sessionKey(frame.session_id))))].sort();
  const pairs = keys.map((key) => key.split('\u0000') as [string, string]);
  const { rows } = await queryPrepared<Row>(
    client,
    `SELECT character_name, session_key, ${columns.join(', ')} FROM ${table}
      WHERE (character_name, session_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY character_name, session_key FOR UPDATE`,
    [pairs.map(([name]) => name), pairs.map(([, session]) => session)],
  );
  return new Map(rows.map((row) => [sessionRowKey(row.character_name, row.session_key), row]));
}
