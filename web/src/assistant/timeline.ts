/**
 * The Mind's Eye timeline: every tool call of every assistant session, newest
 * first, its result folded into the same entry when it arrives.
 */
import type { MindsEyeSubscription } from '../graph/generated/graphql';
import type { ToolCall } from './toolCall';

/** One `AssistantTrace`: a tool call or its result. */
export type AssistantTrace = MindsEyeSubscription['mindsEye'];

/** One tool call in the timeline, with its result once it returned. */
export interface TimelineEntry extends ToolCall {
  /** Unique in the timeline: the session and the call's id. */
  key: string;
  sessionId: string;
  traceId: string;
  /** Who asked: an account's or an API token's name. */
  user: string;
  /** When the call was made (ISO-8601); a result seen without its call gives its own time. */
  time: string;
  /** The characters the call and its result named. */
  characters: string[];
}

/** Entries the timeline keeps. */
export const TIMELINE_SIZE = 300;

/** The timeline key of a trace. */
export const traceKey = (trace: Pick<AssistantTrace, 'sessionId' | 'toolCallId'>): string => `${trace.sessionId}/${trace.toolCallId}`;

function union(known: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...known, ...more])];
}

/**
 * `timeline` with `trace` added: a call becomes a new entry on top (a call
 * seen twice is kept once); a result completes the entry of its call where it
 * stands, or, when the call was missed, becomes an entry of its own. At most
 * `limit` entries, the oldest dropped. Returns a new array.
 * @default limit TIMELINE_SIZE
 */
export function addTrace(timeline: readonly TimelineEntry[], trace: AssistantTrace, limit = TIMELINE_SIZE): TimelineEntry[] {
  const key = traceKey(trace);
  const index = timeline.findIndex((entry) => entry.key === key);
  const result =
    trace.type === 'TOOL_RESULT' ? { resultSummary: trace.resultSummary ?? '', resultBytes: trace.resultBytes, isError: trace.isError ?? false, durationMs: trace.durationMs } : {};
  if (index >= 0) {
    const known = timeline[index] as TimelineEntry;
    const updated: TimelineEntry = { ...known, ...result, characters: union(known.characters, trace.characters) };
    return timeline.map((entry, at) => (at === index ? updated : entry));
  }
  const entry: TimelineEntry = {
    key,
    id: trace.toolCallId,
    sessionId: trace.sessionId,
    traceId: trace.traceId,
    user: trace.user,
    tool: trace.tool,
    arguments: trace.arguments,
    resultSummary: null,
    resultBytes: null,
    isError: false,
    durationMs: null,
    ...result,
    time: trace.time,
    characters: [...trace.characters],
  };
  return [entry, ...timeline].slice(0, limit);
}

/**
 * `timeline` with `history` (stored traces, newest first) added below what
 * it already holds: the page saw those live, so a trace already there is
 * kept as it is. At most `limit` entries. Returns a new array.
 * @default limit TIMELINE_SIZE
 */
export function addHistory(timeline: readonly TimelineEntry[], history: readonly AssistantTrace[], limit = TIMELINE_SIZE): TimelineEntry[] {
  const known = new Set(timeline.map((entry) => entry.key));
  let older: TimelineEntry[] = [];
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const trace = history[index] as AssistantTrace;
    if (!known.has(traceKey(trace))) older = addTrace(older, trace, Number.POSITIVE_INFINITY);
  }
  return [...timeline, ...older].slice(0, limit);
}
