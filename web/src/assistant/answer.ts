/**
 * A conversation as the Assistant window shows it: the stored history, and
 * the answer being written, built up from the `ask` subscription's events.
 */
import type { AssistantAskSubscription, AssistantHistoryQuery, AssistantMessageRole } from '../graph/generated/graphql';
import type { ToolCall } from './toolCall';

/** One `AskEvent`. */
export type AskEvent = AssistantAskSubscription['ask'];

/** One stored message of `assistantSession(id).messages`. */
export type StoredMessage = NonNullable<AssistantHistoryQuery['assistantSession']>['messages'][number];

/** One message on screen: a question, or an answer (stored, or being written). */
export interface ChatMessage {
  /** The stored id; a local one (`local-…`) until the answer is stored. */
  id: string;
  role: AssistantMessageRole;
  text: string;
  /** The tools the answer called, in order. */
  toolCalls: ToolCall[];
  /** When the answer failed: its stable code (`ASSISTANT_TIMEOUT`, `MODEL_ERROR`); null otherwise. */
  errorCode: string | null;
  /** What went wrong, in words, when the answer failed while this page watched; null otherwise. */
  errorText: string | null;
  /** True while the answer is being written. */
  streaming: boolean;
  /** When it was written (ISO-8601). */
  time: string;
}

/** What an answer that failed says when only its code is known (it failed in an earlier visit). */
const ERROR_CODE_TEXT: Record<string, string> = {
  ASSISTANT_TIMEOUT: 'The answer took too long and was stopped.',
  MODEL_ERROR: "The model's service failed or refused.",
  STOPPED: 'Stopped before the answer was complete.',
  INTERRUPTED: 'The connection dropped while the answer was written; ask again once it is back.',
};

/** What a failed answer says: its own text when this page saw it fail, else the meaning of its code. */
export function answerProblem(message: Pick<ChatMessage, 'errorCode' | 'errorText'>): string | null {
  if (message.errorCode === null) return null;
  return message.errorText ?? ERROR_CODE_TEXT[message.errorCode] ?? 'The answer failed: ask again.';
}

/** A stored message as the window shows it. */
export function fromStored(message: StoredMessage): ChatMessage {
  return { id: message.id, role: message.role, text: message.text, toolCalls: message.toolCalls.map((call) => ({ ...call })), errorCode: message.errorCode, errorText: null, streaming: false, time: message.time };
}

/** A question just asked, and the empty answer about to be written to it. */
export function startAnswer(question: string, now: Date, localId: string): [ChatMessage, ChatMessage] {
  const time = now.toISOString();
  return [
    { id: `local-${localId}-question`, role: 'USER', text: question, toolCalls: [], errorCode: null, errorText: null, streaming: false, time },
    { id: `local-${localId}-answer`, role: 'ASSISTANT', text: '', toolCalls: [], errorCode: null, errorText: null, streaming: true, time },
  ];
}

function withCall(calls: readonly ToolCall[], id: string, change: (call: ToolCall) => ToolCall, fresh: ToolCall): ToolCall[] {
  const index = calls.findIndex((call) => call.id === id);
  if (index < 0) return [...calls, change(fresh)];
  return calls.map((call, at) => (at === index ? change(call) : call));
}

/**
 * `answer` after `event`: a TOKEN appends its text, a TOOL_CALL adds a
 * running call, a TOOL_RESULT completes the call of the same id (or adds it,
 * when its call was missed), DONE replaces the text with the whole answer and
 * takes the stored id, ERROR keeps the text written so far and records what
 * went wrong. After DONE or ERROR the answer is no longer streaming. Returns
 * a new message.
 */
export function applyAskEvent(answer: ChatMessage, event: AskEvent): ChatMessage {
  switch (event.type) {
    case 'TOKEN':
      return { ...answer, text: answer.text + (event.text ?? '') };
    case 'TOOL_CALL': {
      const id = event.toolCallId ?? `call-${answer.toolCalls.length}`;
      const call: ToolCall = { id, tool: event.tool ?? '?', arguments: event.arguments ?? null, resultSummary: null, resultBytes: null, isError: false, durationMs: null };
      return { ...answer, toolCalls: withCall(answer.toolCalls, id, (known) => ({ ...known, tool: call.tool, arguments: call.arguments }), call) };
    }
    case 'TOOL_RESULT': {
      const id = event.toolCallId ?? `call-${answer.toolCalls.length}`;
      const result = { resultSummary: event.resultSummary ?? '', resultBytes: event.resultBytes, isError: event.isError ?? false, durationMs: event.durationMs };
      const missed: ToolCall = { id, tool: event.tool ?? '?', arguments: null, resultSummary: null, resultBytes: null, isError: false, durationMs: null };
      return { ...answer, toolCalls: withCall(answer.toolCalls, id, (known) => ({ ...known, ...result }), missed) };
    }
    case 'DONE':
      return { ...answer, id: event.messageId ?? answer.id, text: event.text ?? answer.text, streaming: false, time: event.time };
    case 'ERROR':
      return { ...answer, errorCode: event.errorCode ?? 'MODEL_ERROR', errorText: event.text, streaming: false, time: event.time };
  }
}

/** Whether `event` is the last of its answer. */
export const isFinal = (event: Pick<AskEvent, 'type'>): boolean => event.type === 'DONE' || event.type === 'ERROR';

/** `answer` ended by this page rather than by the assistant (`STOPPED` by the user, `INTERRUPTED` by a lost connection), unless it already ended. */
export function endAnswer(answer: ChatMessage, errorCode: 'STOPPED' | 'INTERRUPTED', now: Date): ChatMessage {
  return answer.streaming ? { ...answer, streaming: false, errorCode, errorText: null, time: now.toISOString() } : answer;
}
