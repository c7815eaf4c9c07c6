/**
 * Several GraphQL requests in one HTTP request, from the gateway to a
 * subgraph (lib/graph/README.md, "Batches"): the operations that reach the
 * gateway in the same turn of its event loop for the same subgraph, whoever
 * asked, share one round trip, so that a busy gateway and its subgraphs
 * parse and write one HTTP message where they would write many.
 *
 * - The request: `POST /graphql` with {@link BATCH_HEADER} set to the number
 *   of operations and a valid identity header (any of the batch's callers:
 *   signed over the whole body: it shows the request comes from the
 *   gateway); the body a JSON list of {@link batchOperation}s, each an
 *   ordinary GraphQL request body, as JSON text, with its own caller's
 *   identity signed over that text, and its trace id. The text is kept as a
 *   string so that the subgraph checks the signature against the very bytes
 *   the gateway signed.
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

/** One operation of a batch: its caller's identity (signed over `body`), its trace id and its GraphQL request body (JSON text, sent as a string). */
export function batchOperation(identity: string, traceId: string | undefined, body: string): string {
  return `{"identity":${JSON.stringify(identity)},"traceId":${JSON.stringify(traceId ?? '')},"request":${JSON.stringify(body)}}`;
}

/** A batch's body: its operations (from {@link batchOperation}), as one JSON list. */
export function batchBody(operations: readonly string[]): string {
  return `[${operations.join(',')}]`;
}

/** A batch operation as the subgraph reads it; undefined when it is not one. */
export function readBatchOperation(value: unknown): { identity: string; traceId: string; request: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { identity, traceId, request } = value as Record<string, unknown>;
  if (typeof identity !== 'string' || typeof traceId !== 'string' || typeof request !== 'string') return undefined;
  return { identity, traceId, request };
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
