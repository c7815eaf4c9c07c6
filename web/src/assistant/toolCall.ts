/**
 * How a tool call reads in one line, in the Assistant window's chips and the
 * Mind's Eye timeline: its arguments compact, its result summary cut short.
 */

/** One tool call and, once it returned, its result (`AssistantToolCall`'s shape). */
export interface ToolCall {
  /** The call's id, pairing a result with its call. */
  id: string;
  tool: string;
  arguments: unknown;
  /** Null until the call returned. */
  resultSummary: string | null;
  resultBytes: number | null;
  isError: boolean;
  /** Null until the call returned. */
  durationMs: number | null;
}

/** Where a call stands: `running` until its result arrives, then `done` or `failed`. */
export type ToolCallState = 'running' | 'done' | 'failed';

/** The state of `call`: a call with neither duration nor summary has not returned. */
export function toolCallState(call: Pick<ToolCall, 'isError' | 'durationMs' | 'resultSummary'>): ToolCallState {
  if (call.isError) return 'failed';
  return call.durationMs === null && call.resultSummary === null ? 'running' : 'done';
}

/** Cuts `text` to at most `max` characters, ending in `…` when it was longer. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function compactValue(value: unknown): string {
  if (typeof value === 'string') return /^[\w .'-]*$/.test(value) && value.trim() === value && value !== '' ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * A tool's arguments in one line: `name=Cadna, limit=5` for an object of
 * plain values (strings quoted only when they hold more than words),
 * JSON otherwise; at most `max` characters; empty for no arguments.
 * @default max 120
 */
export function compactArguments(value: unknown, max = 120): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>)
          .filter(([, field]) => field !== null && field !== undefined)
          .map(([key, field]) => `${key}=${compactValue(field)}`)
          .join(', ')
      : compactValue(value);
  return cut(text, max);
}

/** The start of Lifestone's tool envelope (`{"note":"…","data":…}`): its note is the same on every result, so a line shows the data. */
const ENVELOPE_START = /^\{"note":"(?:[^"\\]|\\.)*","data":/;

/**
 * A result summary in one line: the envelope's data without its note (and
 * without the closing brace when the summary holds all of it), newlines and
 * runs of spaces folded, at most `max` characters.
 * @default max 160
 */
export function summaryLine(summary: string | null, max = 160): string {
  if (summary === null) return '';
  const start = ENVELOPE_START.exec(summary);
  const data = start ? summary.slice(start[0].length).replace(/\}$/, '') : summary;
  return cut(data.replace(/\s+/g, ' ').trim(), max);
}

/** A tool call's duration: `840 ms`, `2.4 s`; `—` while it runs. */
export function formatToolDuration(durationMs: number | null): string {
  if (durationMs === null) return '—';
  return durationMs < 1000 ? `${Math.round(durationMs)} ms` : `${(durationMs / 1000).toFixed(1)} s`;
}
