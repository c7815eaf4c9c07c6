/**
 * Several GraphQL requests in one HTTP request, from the gateway to a
 * subgraph (lib/graph/README.md, "Batches"): operations that reach the
 * gateway in the same turn of its event loop, for the same subgraph and the
 * same caller, share one round trip, so that a busy gateway and its
 * subgraphs parse, sign-check and write one HTTP message where they would
 * write many.
 *
 * - The request: `POST /graphql` with {@link BATCH_HEADER} set to the number
 *   of operations, the body a JSON list of ordinary GraphQL request bodies,
 *   one identity header for all, and the trace-id header carrying one trace
 *   id per operation, comma-separated (trace ids have no commas).
 * - The answer: `200` with {@link BATCH_HEADER} set, then one line per
 *   operation as soon as that operation is answered (so that a slow one
 *   holds up no other): `<index> <HTTP status> <JSON answer>`. JSON text has
 *   no raw line break, so the line break frames it.
 *
 * A refusal of the whole request (no valid signature, too large) is an
 * ordinary answer without the header; it stands for every operation.
 */

/** Request: how many operations the body lists. Answer: set when the body is a batch answer's lines. */
export const BATCH_HEADER = 'x-lifestone-batch';

/** Most operations in one batch. */
export const MAX_BATCH_OPERATIONS = 64;

/** A batch's body: the operations' own bodies (JSON text each), as one JSON list. */
export function batchBody(bodies: readonly string[]): string {
  return `[${bodies.join(',')}]`;
}

/** The line of a batch answer for operation `index`. */
export function batchAnswerLine(index: number, status: number, json: string): string {
  return `${index} ${status} ${json.endsWith('\n') ? json.slice(0, -1) : json}\n`;
}

/** One line of a batch answer (without its line break), read back; undefined when it is not one. */
export function parseBatchAnswerLine(line: string): { index: number; status: number; json: string } | undefined {
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  if (first < 1 || second < 0) return undefined;
  const index = Number(line.slice(0, first));
  const status = Number(line.slice(first + 1, second));
  if (!Number.isInteger(index) || !Number.isInteger(status)) return undefined;
  return { index, status, json: line.slice(second + 1) };
}
