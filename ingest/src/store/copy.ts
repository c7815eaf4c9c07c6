import type { Connection, PoolClient, Submittable } from 'pg';
import { pipelineOf, writeCopyData, type CopyStream } from './pipeline.js';

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
 * need no parameters (a DELETE of what a COPY replaces): all in one query,
 * each COPY's data after it (PostgreSQL runs a query's statements in turn,
 * each COPY reading its data until its CopyDone). A round trip costs both
 * processes more CPU than most statements do on these machines (a prepared
 * `SELECT $1` about 160 us of the client's and 100 us of the server's), and a
 * batch writes up to five append-only tables. The first statement that fails
 * fails the query: the rest of it is skipped, as its data is. A COPY with
 * no rows is left out. In a writer transaction they are deferred instead, to
 * go with its next statement whose result is read (see pipeline.ts).
 */
export async function copyMany(client: PoolClient, steps: ReadonlyArray<CopyInput | PlainStatement>): Promise<void> {
  const statements: PipelinedCopy['statements'] = [];
  for (const step of steps) {
    if ('sql' in step) {
      statements.push({ text: step.sql, pieces: undefined });
      continue;
    }
    const { table, columns, text } = step;
    const pieces = (typeof text === 'string' || text instanceof Uint8Array ? [text] : text).filter((piece) => piece.length > 0);
    if (pieces.length > 0) statements.push({ text: `COPY ${table} (${columns.join(', ')}) FROM STDIN`, pieces });
  }
  if (statements.length === 0) return;
  const pipeline = pipelineOf(client);
  if (pipeline) {
    // In a writer transaction they wait to go with its next statement that is read (see pipeline.ts).
    for (const { text, pieces } of statements) pipeline.defer({ text, copy: pieces });
    return;
  }
  const copy = new PipelinedCopy(statements);
  client.query(copy);
  await copy.done;
}

/** The message that ends a COPY FROM STDIN's data. */
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);

/**
 * `COPY ... FROM STDIN` statements whose data goes out with their query, in
 * one write, instead of after PostgreSQL's CopyInResponse: one round trip
 * instead of two for each. A writer's statements each wait for ingest's
 * event loop, which is busy under load, so every round trip saved shortens the batch's
 * transaction. The protocol allows it: a server that refuses the COPY
 * before reading the data ignores the CopyData and CopyDone that follow
 * ("accept but ignore these messages, per protocol spec"), as it does the
 * rest of the data after an error in a row; either way the refusal is this
 * query's error, and the connection goes on.
 */
class PipelinedCopy implements Submittable {
  readonly done: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: Error) => void };

  /** Each statement, with its data when it is a COPY. */
  constructor(readonly statements: Array<{ text: string; pieces: ReadonlyArray<string | Uint8Array> | undefined }>) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  /** The query: every statement, in order. */
  get text(): string {
    return this.statements.map((statement) => statement.text).join('; ');
  }

  submit(connection: Connection): void {
    const stream = (connection as Connection & { stream: CopyStream }).stream;
    stream.cork();
    connection.query(this.text);
    for (const { pieces } of this.statements) {
      if (!pieces) continue;
      for (const piece of pieces) writeCopyData(stream, piece);
      stream.write(COPY_DONE);
    }
    stream.uncork();
  }

  /** Defined so that pg can wrap it with its query_timeout; nothing to do. */
  callback(): void {}

  handleCopyInResponse(): void {}

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    this.settle.resolve();
  }

  handleError(error: Error): void {
    this.settle.reject(error);
  }
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
