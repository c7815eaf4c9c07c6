import type { IncomingMessage } from 'node:http';

/** Largest HTTP body a subgraph or the gateway reads, unless told otherwise (graphql-ws messages have the same limit). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP request's body, whole, or why it was not read: over `limit` (413). */
export type RequestBody = { ok: true; bytes: Buffer } | { ok: false; status: 413; message: string };

/**
 * Reads a request's body into one buffer, refusing it as soon as it is over
 * `limit` bytes: by its Content-Length before reading anything, or while
 * reading a body sent in chunks.
 */
export async function readRequestBody(request: IncomingMessage, limit: number): Promise<RequestBody> {
  const tooLarge = { ok: false, status: 413, message: `The request body is over ${limit} bytes.` } as const;
  if (Number(request.headers['content-length'] ?? 0) > limit) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return tooLarge;
    chunks.push(chunk);
  }
  return { ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) };
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
