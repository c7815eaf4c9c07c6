import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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
  let text = '';
  for (const row of rows) text += encodeRow(row);
  return copyLines(client, table, columns, text);
}

/**
 * Writes rows already encoded by {@link encodeRow} (`text`: lines, each
 * ending in a newline; as text, UTF-8, or UTF-8 in pieces that each end a
 * line) into `table`. Pieces are sent as they are, not joined: a login's
 * inventory is hundreds of kilobytes.
 */
export async function copyLines(client: PoolClient, table: string, columns: readonly string[], text: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const pieces = (typeof text === 'string' || text instanceof Uint8Array ? [text] : text).filter((piece) => piece.length > 0);
  if (pieces.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    for (const piece of pieces) stream.write(piece);
    stream.end();
  });
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
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
