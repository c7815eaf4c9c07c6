/**
 * Server uptime from the status changes the graph keeps: the strip of up
 * and down spans over the last days, and the share of it a server was up.
 */
import type { ServerState } from '../graph/generated/graphql';

/** A status change as the graph returns it. */
export interface StatusChange {
  status: ServerState;
  at: string;
}

/** A span of one status, in ms since the epoch, `from` inclusive. */
export interface StatusSpan {
  status: ServerState;
  from: number;
  to: number;
}

/**
 * The spans between `from` and `to` (ms), oldest first, from `changes`
 * newest first (as the graph returns them). Time before the first change
 * known is `UNKNOWN`.
 */
export function statusSpans(changes: readonly StatusChange[], from: number, to: number): StatusSpan[] {
  const spans: StatusSpan[] = [];
  let cursor = from;
  let status: ServerState = 'UNKNOWN';
  for (const change of [...changes].reverse()) {
    const at = Math.min(Math.max(Date.parse(change.at), from), to);
    if (at > cursor) spans.push({ status, from: cursor, to: at });
    cursor = Math.max(cursor, at);
    status = change.status;
  }
  if (to > cursor) spans.push({ status, from: cursor, to });
  return mergeNeighbours(spans);
}

function mergeNeighbours(spans: readonly StatusSpan[]): StatusSpan[] {
  const merged: StatusSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && last.status === span.status && last.to === span.from) last.to = span.to;
    else merged.push({ ...span });
  }
  return merged;
}

/** The share of the known time (up or down) the server was up, 0 to 1; null when nothing is known. */
export function uptimeShare(spans: readonly StatusSpan[]): number | null {
  let up = 0;
  let known = 0;
  for (const span of spans) {
    if (span.status === 'UNKNOWN') continue;
    known += span.to - span.from;
    if (span.status === 'UP') up += span.to - span.from;
  }
  return known > 0 ? up / known : null;
}
