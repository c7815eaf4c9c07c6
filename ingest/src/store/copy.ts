import type { PoolClient } from 'pg';
import { pipelineOf, StatementPipeline, type Statement } from './pipeline.js';

/** A value for a `jsonb` column, serialised as JSON (plain objects and arrays would be ambiguous). */
export class Json {
  constructor(readonly value: unknown) {}
}

/** A value for a `jsonb` column that is JSON text already. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** `jsonb` value of the unknown fields a frame carried, or NULL when there were none. */
export function extraJson(extra: Record<string, unknown> | null | undefined): Json | null {
  return extra && Object.keys(extra).length > 0 ? new Json(extra) : null;
}

export type CopyValue = string | number | boolean | Date | Json | JsonText | readonly string[] | null | undefined;

/**
 * Writes `rows` into `table` with one `COPY ... FROM STDIN` (text format), the
 * fastest way into PostgreSQL: measured about 6x batched INSERT on this stack.
 */
export function copyRows(client: PoolClient, table: string, columns: readonly string[], rows: readonly CopyValue[][]): Promise<void> {
  return copyLines(client, table, columns, encodeRows(rows));
}

/** Rows in COPY's text format, each ending in a newline (see {@link encodeRow}). */
export function encodeRows(rows: readonly CopyValue[][]): string {
  let text = '';
  for (const row of rows) text += encodeRow(row);
  return text;
}

/** What one `COPY ... FROM STDIN` writes: rows already encoded by {@link encodeRow}. */
export interface CopyInput {
  table: string;
  columns: readonly string[];
  /** Lines, each ending in a newline: as text, UTF-8, or UTF-8 in pieces that each end a line. */
  text: string | Uint8Array | readonly Uint8Array[];
}

/**
 * Writes rows already encoded by {@link encodeRow} (`text`: lines, each
 * ending in a newline; as text, UTF-8, or UTF-8 in pieces that each end a
 * line) into `table`. Pieces are sent as they are, not joined: a login's
 * inventory is hundreds of kilobytes.
 */
export function copyLines(client: PoolClient, table: string, columns: readonly string[], text: CopyInput['text']): Promise<void> {
  return copyMany(client, [{ table, columns, text }]);
}

/**
 * A statement of {@link copyMany} that is not a COPY: SQL text without
 * parameters, whose values were written into it by `escapeLiteral`.
 */
export interface PlainStatement {
  sql: string;
}

/**
 * Writes several COPYs in one round trip, with statements between them that
 * need no parameters (a DELETE of what a COPY replaces): pipelined, each
 * COPY's data right after it (see pipeline.ts). A round trip costs both
 * processes more CPU than most statements do on these machines (a prepared
 * `SELECT $1` about 160 us of the client's and 100 us of the server's), and a
 * batch writes up to five append-only tables. The first statement that fails
 * fails the round trip: the rest of it is skipped, as its data is. A COPY with
 * no rows is left out. In a writer transaction they are deferred instead, to
 * go with its next statement whose result is read (see pipeline.ts).
 */
export async function copyMany(client: PoolClient, steps: ReadonlyArray<CopyInput | PlainStatement>): Promise<void> {
  const statements: Statement[] = [];
  for (const step of steps) {
    if ('sql' in step) {
      statements.push({ text: step.sql });
      continue;
    }
    const { table, columns, text } = step;
    const copy = (typeof text === 'string' || text instanceof Uint8Array ? [text] : text).filter((piece) => piece.length > 0);
    if (copy.length > 0) statements.push({ text: `COPY ${table} (${columns.join(', ')}) FROM STDIN`, copy });
  }
  if (statements.length === 0) return;
  // In a writer transaction they wait to go with its next statement that is read; alone, they go now.
  const transaction = pipelineOf(client);
  const pipeline = transaction ?? new StatementPipeline(client, client.query);
  for (const statement of statements) void pipeline.defer(statement);
  if (!transaction) await pipeline.flush();
}

/** One row in COPY's text format: values separated by tabs, ending in a newline. */
export function encodeRow(row: readonly CopyValue[]): string {
  let text = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) text += '\t';
    text += encodeCopyValue(row[i]);
  }
  return text + '\n';
}

/** The last Date encoded: a batch's rows share their receive times, and toISOString is not free. */
let lastTime = NaN;
let lastIso = '';

/** One value in COPY's text format: `\\N` for NULL, backslash escapes for the separators. */
export function encodeCopyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeCopyText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) {
    if (value.getTime() !== lastTime) {
      lastTime = value.getTime();
      lastIso = value.toISOString();
    }
    return lastIso;
  }
  if (value instanceof Json) return escapeCopyText(JSON.stringify(value.value));
  if (value instanceof JsonText) return escapeCopyText(value.text);
  return escapeCopyText(arrayLiteral(value));
}

/** Text in COPY's text format: backslash escapes for the separators. */
export function escapeCopyText(text: string): string {
  return /[\\\n\r\t]/.test(text)
    ? text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t')
    : text;
}

/** A PostgreSQL `text[]` literal: `{"a","b \"c\""}`. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map(arrayElementText).join(',')}}`;
}

/** Text as an element of a PostgreSQL array literal: quoted, its quotes and backslashes escaped. */
export function arrayElementText(text: string): string {
  return /["\\]/.test(text) ? `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : `"${text}"`;
}
