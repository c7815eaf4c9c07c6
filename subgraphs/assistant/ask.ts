/**
 * One ask, in its two phases: admitting the question (its checks, the claim
 * on the asker's one answer in flight, the hourly limit, the conversation so
 * far) and streaming the answer (its events, Mind's Eye traces, the audit
 * log, the stored answer).
 */
import { GraphErrorCode, PushIterator, type Identity, type SubgraphContext } from '@lifestone/lib/graph';
import type { GraphRequest } from '@lifestone/lib/graph-client';
import { traceId as newTraceId, type Logger } from '@lifestone/lib/log';
import { topics } from '@lifestone/lib/pubsub';
import {
  answerQuestion,
  AnswerError,
  characterArguments,
  lookedAt,
  ModelError,
  systemPrompt,
  type AnswerEvent,
  type AnswerToolCall,
  type AuditEvent,
  type auditLog,
  type ChatMessage,
  type createModelProvider,
  type ToolBox,
} from '@lifestone/lib/agent/answering';
import type { AssistantOptions, SessionValue } from './assistant.js';
import { AskRefusalCode, askRefusal } from './errors.js';
import type { AskEvent, AssistantTrace } from './generated/resolvers.js';
import * as sql from './sql.js';

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 4_000;
/** How long past its timeout an answer in flight still blocks its asker's next one, should its instance die. */
const CLAIM_GRACE_MS = 5_000;
export const HOUR_MS = 3_600_000;

/** The key of an asker's conversations and limits: `user:<account id>` or `token:<token id>`. */
export function ownerOf(identity: Identity): string {
  return `${identity.kind}:${identity.id}`;
}

/** A Mind's Eye trace as published on the pubsub: the trace, and whose answer it is part of (`ownerOf`). */
export interface PublishedTrace extends AssistantTrace {
  owner: string;
}

/** What the assistant's operations share (assistant.ts builds it once). */
export interface AssistantParts {
  options: AssistantOptions;
  provider: ReturnType<typeof createModelProvider> | undefined;
  graphql: GraphRequest | undefined;
  /** Which settings to set, when the model or the graph is not configured. */
  hint: string | null;
  audit: ReturnType<typeof auditLog>;
  /** The tools as `caller` calls them: its SQL statements in its own fair share. */
  toolBoxOf(caller: string): Promise<ToolBox>;
  /** The tools as listed (status, Mind's Eye). */
  tools(): Promise<ToolBox>;
  questionsInLastHour(context: SubgraphContext): Promise<{ asked: number; freedBy: Date | null }>;
  sessionOf(id: string, context: SubgraphContext): Promise<SessionValue | null>;
}

/** A question admitted: its claim taken, its question stored, the conversation so far read. */
interface Admitted {
  provider: NonNullable<AssistantParts['provider']>;
  sessionId: string;
  question: string;
  owner: string;
  traceId: string;
  started: Date;
  log: Logger;
  at: { traceId: string; sessionId: string; user: Identity; time: Date };
  history: ChatMessage[];
  release(): Promise<void>;
}

/** Admits a question, or refuses it with an {@link AskRefusalCode} (audited) when it cannot start. */
export async function admitQuestion(parts: AssistantParts, sessionId: string, rawQuestion: string, context: SubgraphContext): Promise<Admitted> {
  const { provider, graphql, hint, audit } = parts;
  const { asksPerHour, timeoutMs } = parts.options;
  const { identity, pool } = context;
  const owner = ownerOf(identity);
  const traceId = newTraceId();
  const started = context.now();
  const log = context.log.child({ assistantTraceId: traceId, sessionId });
  const question = rawQuestion.trim();
  const at = { traceId, sessionId, user: identity, time: started };
  const refuse = async (code: AskRefusalCode, message: string, extensions: Record<string, unknown> = {}): Promise<never> => {
    audit.record({ ...at, time: context.now() }, { event: 'refused', code, question });
    await audit.flush();
    throw askRefusal(code, message, { ...extensions, traceId });
  };

  if (question === '' || question.length > MAX_QUESTION_CHARS) {
    return refuse(AskRefusalCode.BAD_USER_INPUT, `question must be 1 to ${MAX_QUESTION_CHARS} characters, got ${question.length}.`, { argument: 'question', max: MAX_QUESTION_CHARS });
  }
  if (!provider || !graphql) return refuse(AskRefusalCode.ASSISTANT_NOT_CONFIGURED, hint ?? 'The assistant is not configured.', { hint });
  if (!(await parts.sessionOf(sessionId, context))) {
    return refuse(AskRefusalCode.NOT_FOUND, `You have no assistant session ${JSON.stringify(sessionId)}; start one with newAssistantSession.`, { sessionId });
  }

  const expiresAt = new Date(started.getTime() + timeoutMs + CLAIM_GRACE_MS);
  const claim = await pool.query(sql.claimAsk, [owner, traceId, sessionId, started, expiresAt]);
  if (claim.rowCount !== 1) {
    const { rows } = await pool.query<{ trace_id: string; session_id: string; expires_at: Date }>(sql.askInFlight, [owner]);
    const busy = rows[0];
    const retryAfterSeconds = Math.max(1, Math.ceil(((busy?.expires_at.getTime() ?? started.getTime()) - started.getTime()) / 1000));
    return refuse(
      AskRefusalCode.ASK_IN_FLIGHT,
      `Your previous question is still being answered (trace ${busy?.trace_id ?? 'unknown'}); one at a time. Ask again when it is done, within ${retryAfterSeconds} s at most.`,
      { retryAfterSeconds, inFlightTraceId: busy?.trace_id ?? null, inFlightSessionId: busy?.session_id ?? null },
    );
  }
  const release = () => pool.query(sql.releaseAsk, [owner, traceId]).then(() => undefined);

  let history: ChatMessage[];
  try {
    const { asked, freedBy } = await parts.questionsInLastHour(context);
    if (asked >= asksPerHour) {
      const retryAt = new Date((freedBy ?? started).getTime() + HOUR_MS);
      const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - started.getTime()) / 1000));
      // Thrown into the catch below, which releases the claim.
      return await refuse(
        AskRefusalCode.RATE_LIMITED,
        `You have asked ${asked} questions in the last hour, the most allowed (LIFESTONE_ASSISTANT_ASKS_PER_HOUR=${asksPerHour}); ask again at ${retryAt.toISOString()}, in ${retryAfterSeconds} s.`,
        { retryAfterSeconds, retryAt: retryAt.toISOString(), limit: asksPerHour },
      );
    }
    const { rows } = await pool.query<sql.MessageRow>(sql.recentMessagesOf, [sessionId]);
    history = modelHistory(rows.reverse());
    await pool.query(sql.insertQuestion, [sessionId, owner, question, traceId, started]);
  } catch (error) {
    await release().catch((releaseError: unknown) => log.error({ err: releaseError }, 'could not release an answer in flight'));
    throw error;
  }
  audit.record(at, { event: 'ask', question });
  return { provider, sessionId, question, owner, traceId, started, log, at, history, release };
}

/** Answers an admitted question in the background; its events, each delivered, end with DONE or ERROR. */
export function streamAnswer(parts: AssistantParts, admitted: Admitted, context: SubgraphContext): AsyncIterableIterator<{ ask: AskEvent }> {
  const { sessionId, traceId, owner, log, at } = admitted;
  const abort = new AbortController();
  // Every event of an answer is delivered (none dropped); leaving early stops the answer.
  const stream = new PushIterator<{ ask: AskEvent }>(() => abort.abort(), { maxQueued: Number.POSITIVE_INFINITY });
  const event = (fields: Omit<AskEvent, 'sessionId' | 'traceId' | 'time'>): void =>
    stream.push({ ask: { ...fields, sessionId, traceId, time: context.now() } });
  let published: Promise<void> = Promise.resolve();
  const trace = (fields: Omit<AssistantTrace, 'sessionId' | 'traceId' | 'user' | 'time'>): void => {
    const value: PublishedTrace = { ...fields, sessionId, traceId, user: context.identity.name, time: context.now().toISOString(), owner };
    published = published
      .then(() => context.pubsub.publish({ topic: topics.assistantTrace, key: sessionId, payload: JSON.stringify(value) }))
      .catch((error: unknown) => log.error({ err: error }, "could not publish a Mind's Eye trace"));
  };
  const record = (fields: AuditEvent) => parts.audit.record({ ...at, time: context.now() }, fields);
  let box: ToolBox | undefined;
  const looked = (tool: string, input: unknown, resultText?: string) =>
    lookedAt(input, resultText, characterArguments(box?.tools.find((known) => known.name === tool)?.inputSchema));

  const onEvent = (happened: AnswerEvent): void => {
    switch (happened.type) {
      case 'token':
        event({ type: 'TOKEN', text: happened.text });
        break;
      case 'tool_call': {
        const { id, tool, arguments: input } = happened;
        event({ type: 'TOOL_CALL', tool, toolCallId: id, arguments: input });
        record({ event: 'tool_call', tool, toolCallId: id, arguments: input });
        trace({ type: 'TOOL_CALL', toolCallId: id, tool, arguments: input, ...looked(tool, input) });
        break;
      }
      case 'tool_result': {
        const { id, tool, arguments: input, resultSummary, resultBytes, isError, durationMs } = happened.call;
        event({ type: 'TOOL_RESULT', tool, toolCallId: id, resultSummary, resultBytes, isError, durationMs });
        record({ event: 'tool_result', tool, toolCallId: id, resultBytes, isError, durationMs });
        trace({ type: 'TOOL_RESULT', toolCallId: id, tool, arguments: input, resultSummary, resultBytes, isError, durationMs, ...looked(tool, input, happened.resultText) });
        break;
      }
    }
  };

  const answer = async (): Promise<void> => {
    const outcome = await runAnswer(parts, admitted, abort.signal, onEvent, (opened) => (box = opened));
    await box?.close().catch((error: unknown) => log.warn({ err: error }, "could not close an answer's tools"));
    const messageId = await storeAnswer(admitted, outcome, context);
    const durationMs = context.now().getTime() - admitted.started.getTime();
    record({ event: 'answer', outcome: outcome.errorCode ? 'error' : 'done', errorCode: outcome.errorCode, answerChars: outcome.text.length, toolCalls: outcome.toolCalls.length, durationMs });
    // Released, logged and published before the last event: an asker who asks again at once is not refused.
    await admitted.release().catch((error: unknown) => log.error({ err: error }, 'could not release an answer in flight'));
    await Promise.all([parts.audit.flush(), published]);
    if (outcome.errorCode) event({ type: 'ERROR', errorCode: outcome.errorCode, text: outcome.message ?? null });
    else event({ type: 'DONE', text: outcome.text, messageId, durationMs });
    stream.end();
  };
  void answer().catch((error: unknown) => log.error({ err: error }, 'an answer failed after it was stored'));
  return stream;
}

/** How an answer ended: its text and tool calls, and the error code and message of one that failed. */
interface Outcome {
  text: string;
  toolCalls: AnswerToolCall[];
  errorCode: string | null;
  message?: string;
}

/** Runs the answering loop with the asker's own tools (handed to `opened` to be closed after); a failure is an outcome, never thrown. */
async function runAnswer(parts: AssistantParts, admitted: Admitted, signal: AbortSignal, onEvent: (happened: AnswerEvent) => void, opened: (box: ToolBox) => void): Promise<Outcome> {
  const { timeoutMs, maxToolRounds } = parts.options;
  try {
    const box = await parts.toolBoxOf(admitted.owner);
    opened(box);
    const done = await answerQuestion({
      provider: admitted.provider,
      toolBox: box,
      system: systemPrompt(box.instructions, admitted.started),
      history: admitted.history,
      question: admitted.question,
      signal,
      timeoutMs,
      onEvent,
      ...(maxToolRounds ? { maxToolRounds } : {}),
    });
    return { ...done, errorCode: null };
  } catch (error) {
    if (error instanceof AnswerError) {
      if (error.cause instanceof ModelError) admitted.log.warn({ err: error.cause, service: error.cause.service, status: error.cause.status }, 'the model failed');
      return { ...error.partial, errorCode: error.code, message: error.message };
    }
    admitted.log.error({ err: error }, 'an answer failed');
    return { text: '', toolCalls: [], errorCode: GraphErrorCode.INTERNAL_SERVER_ERROR, message: `The assistant failed on Lifestone's side; the logs say why under trace id ${admitted.traceId}.` };
  }
}

/** Stores the answer in its conversation; its message id, or null (logged) when it could not be stored. */
async function storeAnswer(admitted: Admitted, outcome: Outcome, context: SubgraphContext): Promise<string | null> {
  try {
    const { rows } = await context.pool.query<{ id: string }>(sql.insertAnswer, [admitted.sessionId, admitted.owner, outcome.text, JSON.stringify(outcome.toolCalls), outcome.errorCode, admitted.traceId, context.now()]);
    return rows[0]?.id ?? null;
  } catch (error) {
    admitted.log.error({ err: error }, 'could not store an answer');
    return null;
  }
}

/**
 * The earlier messages the model is given: each answered question and its
 * answer's text (not its tool calls, which the text sums up); a question
 * whose answer failed or is missing is left out with it.
 */
export function modelHistory(rows: readonly sql.MessageRow[]): ChatMessage[] {
  const history: ChatMessage[] = [];
  rows.forEach((row, index) => {
    const next = rows[index + 1];
    if (row.role === 'user' && next?.role === 'assistant' && next.error_code === null && next.text !== '') {
      history.push({ role: 'user', text: row.text }, { role: 'assistant', text: next.text, toolCalls: [] });
    }
  });
  return history;
}
