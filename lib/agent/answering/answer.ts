/**
 * One answer: the model streams a turn; when it asks for tools, each is
 * called through the MCP tool box and the results go back to it for the next
 * turn; until it answers without tools. Everything that happens is reported
 * through `onEvent` as it happens, so that the answer can stream.
 */
import type { ToolBox } from './tools.js';
import { ModelError, type ChatMessage, type ModelProvider, type ModelToolCall, type ModelToolResult } from './providers/types.js';

/** How an answer can fail, as `AskEvent.errorCode` and the history say it. */
export const AnswerErrorCode = {
  /** The answer took longer than the ask's time limit (`LIFESTONE_ASSISTANT_TIMEOUT_MS`). */
  ASSISTANT_TIMEOUT: 'ASSISTANT_TIMEOUT',
  /** The model's service failed, refused the request, or sent something unreadable. */
  MODEL_ERROR: 'MODEL_ERROR',
  /** The model kept calling tools for {@link MAX_TOOL_ROUNDS} turns without answering. */
  TOO_MANY_TOOL_CALLS: 'TOO_MANY_TOOL_CALLS',
  /** The asker went away (ended the subscription) before the answer was complete. */
  ASK_CANCELLED: 'ASK_CANCELLED',
} as const;
export type AnswerErrorCode = (typeof AnswerErrorCode)[keyof typeof AnswerErrorCode];

/** Turns of tool calls an answer may take before it is cut off. */
export const MAX_TOOL_ROUNDS = 8;

/** Characters of a tool's result kept as its summary (in events, traces and history). */
export const RESULT_SUMMARY_CHARS = 500;

/** A tool call of an answer, complete with its outcome. */
export interface AnswerToolCall {
  id: string;
  tool: string;
  /** The arguments as the model sent them: an object, or the raw text when it was not one. */
  arguments: unknown;
  resultSummary: string;
  resultBytes: number;
  isError: boolean;
  durationMs: number;
}

/** What happens during an answer, in order. */
export type AnswerEvent =
  | { type: 'token'; text: string }
  | { type: 'tool_call'; id: string; tool: string; arguments: unknown }
  | { type: 'tool_result'; call: AnswerToolCall; resultText: string };

/** A finished answer. */
export interface Answer {
  text: string;
  toolCalls: AnswerToolCall[];
}

/** An answer that failed, with as much of it as was written. */
export class AnswerError extends Error {
  constructor(
    readonly code: AnswerErrorCode,
    message: string,
    readonly partial: Answer,
    /** What caused it (a ModelError, with the service's address), for the log. */
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'AnswerError';
  }
}

export interface AnswerOptions {
  provider: ModelProvider;
  toolBox: ToolBox;
  system: string;
  /** The conversation so far, oldest first. */
  history: readonly ChatMessage[];
  question: string;
  /** Aborted when the asker goes away. */
  signal: AbortSignal;
  /** Longest the whole answer may take, tool calls included. */
  timeoutMs: number;
  onEvent: (event: AnswerEvent) => void;
  /** @default MAX_TOOL_ROUNDS */
  maxToolRounds?: number;
}

/** Answers `question`; rejects with an {@link AnswerError} carrying the partial answer when it cannot. */
export async function answerQuestion(options: AnswerOptions): Promise<Answer> {
  const { provider, toolBox, system, question, onEvent, timeoutMs } = options;
  const maxToolRounds = options.maxToolRounds ?? MAX_TOOL_ROUNDS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  const deadline = Date.now() + timeoutMs;
  const answer: Answer = { text: '', toolCalls: [] };
  const messages: ChatMessage[] = [...options.history, { role: 'user', text: question }];
  const say = (text: string) => {
    answer.text += text;
    onEvent({ type: 'token', text });
  };

  try {
    for (let round = 0; ; round += 1) {
      let turnText = '';
      const calls: ModelToolCall[] = [];
      for await (const event of provider.turn({ system, messages, tools: toolBox.tools, signal })) {
        if (event.type === 'text') {
          // Text of a turn after tool calls starts a new paragraph of the one answer.
          if (turnText === '' && answer.text !== '') say('\n\n');
          turnText += event.text;
          say(event.text);
        } else if (event.type === 'tool_call') {
          calls.push(event.call);
        }
      }
      messages.push({ role: 'assistant', text: turnText, toolCalls: calls });
      if (calls.length === 0) return answer;
      if (round >= maxToolRounds) {
        throw new AnswerError(AnswerErrorCode.TOO_MANY_TOOL_CALLS, `The model called tools for ${maxToolRounds} turns without answering; ask a narrower question.`, answer);
      }
      const results: ModelToolResult[] = [];
      for (const call of calls) results.push(await callTool(call));
      messages.push({ role: 'tool', results });
    }
  } catch (error) {
    if (error instanceof AnswerError) throw error;
    if (timeout.aborted) throw new AnswerError(AnswerErrorCode.ASSISTANT_TIMEOUT, `The answer took longer than ${timeoutMs} ms (LIFESTONE_ASSISTANT_TIMEOUT_MS) and was stopped; ask a narrower question, or try again.`, answer);
    if (options.signal.aborted) throw new AnswerError(AnswerErrorCode.ASK_CANCELLED, 'The asker went away before the answer was complete.', answer);
    if (error instanceof ModelError) throw new AnswerError(AnswerErrorCode.MODEL_ERROR, error.message, answer, error);
    throw error;
  }

  async function callTool(call: ModelToolCall): Promise<ModelToolResult> {
    const input = call.arguments;
    onEvent({ type: 'tool_call', id: call.id, tool: call.name, arguments: input ?? call.rawArguments });
    const started = performance.now();
    const outcome = input
      ? await toolBox.call(call.name, input, { signal, timeoutMs: deadline - Date.now() })
      : { text: JSON.stringify({ error: { code: 'INVALID_ARGUMENTS', message: `The arguments must be one JSON object; got ${call.rawArguments.slice(0, 200)}` } }), isError: true };
    const done: AnswerToolCall = {
      id: call.id,
      tool: call.name,
      arguments: input ?? call.rawArguments,
      resultSummary: outcome.text.slice(0, RESULT_SUMMARY_CHARS),
      resultBytes: Buffer.byteLength(outcome.text, 'utf8'),
      isError: outcome.isError,
      durationMs: Math.round(performance.now() - started),
    };
    answer.toolCalls.push(done);
    onEvent({ type: 'tool_result', call: done, resultText: outcome.text });
    return { callId: call.id, name: call.name, text: outcome.text, isError: outcome.isError };
  }
}
