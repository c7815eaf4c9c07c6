/**
 * The assistant behind the subgraph: conversations kept in PostgreSQL per
 * asker, the hourly limit and the one answer in flight (both in PostgreSQL,
 * so they hold across instances), the answer streamed as `AskEvent`s, every
 * tool call and result published for Mind's Eye and written to the audit log.
 */
import { GraphErrorCode, hasRole, PushIterator, Role, type Identity, type SubgraphContext } from '@lifestone/lib/graph';
import { traceId as newTraceId, type Logger } from '@lifestone/lib/log';
import { topics } from '@lifestone/lib/pubsub';
import { TOOLS, type LifestoneTool, type ReadOnlySql } from '@lifestone/agent';
import { graphClient, graphSubscriber, type GraphRequest } from '@lifestone/lib/graph-client';
import {
  answerQuestion,
  AnswerError,
  auditLog,
  characterArguments,
  connectToolBox,
  createModelProvider,
  lookedAt,
  ModelError,
  systemPrompt,
  type AnswerEvent,
  type AnswerToolCall,
  type AuditEvent,
  type ChatMessage,
  type ModelConfiguration,
  type ToolBox,
} from '@lifestone/agent/answering';
import { AskRefusalCode, askRefusal } from './errors.js';
import type { AskEvent, AssistantStatus, AssistantTrace } from './generated/resolvers.js';
import * as sql from './sql.js';

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 4_000;
/** Longest conversation title accepted, in characters. */
export const MAX_TITLE_CHARS = 200;
/** How long past its timeout an answer in flight still blocks its asker's next one, should its instance die. */
const CLAIM_GRACE_MS = 5_000;
const HOUR_MS = 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const GRAPH_HINT =
  "The assistant's tools have no API token to query the graph with: set LIFESTONE_ASSISTANT_API_TOKEN to a token an admin creates " +
  '(the createApiToken mutation, role VIEWER) and LIFESTONE_ASSISTANT_GATEWAY_URL to the gateway\'s /graphql; then restart the assistant.';

export interface AssistantOptions {
  /** The model, or a hint saying which variables to set. */
  model: ModelConfiguration;
  /**
   * How the tools reach the graph: a request function, or the gateway's URL
   * and an API token. Absent: the assistant is not configured.
   */
  graph?: GraphRequest | { url: string; token: string } | undefined;
  /** Read-only SQL for `query_telemetry_db` (agent/src/sql), each asker its own fair share; absent: that tool is not offered. */
  readOnlySql?: ReadOnlySql;
  /** The tools offered. @default every tool of agent/src/tools */
  tools?: readonly LifestoneTool[];
  /** Questions each asker may ask in any hour (`LIFESTONE_ASSISTANT_ASKS_PER_HOUR`). */
  asksPerHour: number;
  /** Longest one answer may take, in milliseconds (`LIFESTONE_ASSISTANT_TIMEOUT_MS`). */
  timeoutMs: number;
  /** The JSONL audit log's file (`LIFESTONE_ASSISTANT_AUDIT_LOG`); absent: none. */
  auditLog?: string | undefined;
  /** Turns of tool calls one answer may take. @default 8 */
  maxToolRounds?: number;
  /** Where audit log failures are reported. */
  log?: Logger;
}

/** A conversation as the resolvers hand it on. */
export interface SessionValue {
  id: string;
  title: string | null;
  createdAt: Date;
  updatedAt: Date;
  messageCount: number;
}

/** The key of an asker's conversations and limits: `user:<account id>` or `token:<token id>`. */
export function ownerOf(identity: Identity): string {
  return `${identity.kind}:${identity.id}`;
}

/** A Mind's Eye trace as published on the pubsub: the trace, and whose answer it is part of (`ownerOf`). */
export interface PublishedTrace extends AssistantTrace {
  owner: string;
}

/** Whether `identity` may see the Mind's Eye traces of `owner`'s answers: a person sees their own, an admin everyone's. */
export function seesTracesOf(identity: Identity, owner: string): boolean {
  return hasRole(identity.role, Role.admin) || ownerOf(identity) === owner;
}

export type Assistant = ReturnType<typeof createAssistant>;

/** The assistant's operations, for the resolvers. */
export function createAssistant(options: AssistantOptions) {
  const { asksPerHour, timeoutMs } = options;
  const provider = options.model.model && createModelProvider(options.model.model);
  const graphql: GraphRequest | undefined = typeof options.graph === 'function' ? options.graph : options.graph && graphClient(options.graph);
  const subscribe = options.graph && typeof options.graph !== 'function' ? graphSubscriber(options.graph) : undefined;
  const hint = [options.model.hint, graphql ? undefined : GRAPH_HINT].filter(Boolean).join(' ') || null;
  const audit = auditLog(options.auditLog, options.log);
  /** The tools as `caller` calls them: its SQL statements in its own fair share. */
  const toolBoxOf = (caller: string): Promise<ToolBox> =>
    connectToolBox(
      {
        graphql: graphql ?? (() => Promise.reject(new Error(GRAPH_HINT))),
        ...(subscribe ? { subscribe } : {}),
        ...(options.readOnlySql ? { readOnlySql: options.readOnlySql.forCaller(caller) } : {}),
      },
      options.tools ?? TOOLS,
    );
  // The tools as listed (status, Mind's Eye); an answer calls them through a box of its asker's own.
  let toolBox: Promise<ToolBox> | undefined;
  const tools = (): Promise<ToolBox> =>
    (toolBox ??= toolBoxOf('assistant').catch((error: unknown) => {
      toolBox = undefined;
      throw error;
    }));

  async function questionsInLastHour(context: SubgraphContext): Promise<{ asked: number; freedBy: Date | null }> {
    const since = new Date(context.now().getTime() - HOUR_MS);
    const { rows } = await context.pool.query<{ asked: number; freed_by: Date | null }>(sql.questionsSince, [ownerOf(context.identity), since, asksPerHour]);
    return { asked: rows[0]?.asked ?? 0, freedBy: rows[0]?.freed_by ?? null };
  }

  async function sessionOf(id: string, context: SubgraphContext): Promise<SessionValue | null> {
    if (!UUID.test(id)) return null;
    const { rows } = await context.pool.query<sql.SessionRow>(sql.sessionOf, [id, ownerOf(context.identity)]);
    return rows[0] ? sessionValue(rows[0]) : null;
  }

  return {
    async status(context: SubgraphContext): Promise<AssistantStatus> {
      const [{ asked }, box] = await Promise.all([questionsInLastHour(context), tools()]);
      return {
        configured: Boolean(provider && graphql),
        provider: provider ? (provider.kind === 'anthropic' ? 'ANTHROPIC' : 'OPENAI') : null,
        model: provider ? provider.model : null,
        hint,
        asksPerHour,
        asksLeft: Math.max(0, asksPerHour - asked),
        timeoutMs,
        tools: box.tools.map(({ name, description }) => ({ name, description })),
      };
    },

    async sessions(context: SubgraphContext): Promise<SessionValue[]> {
      const { rows } = await context.pool.query<sql.SessionRow>(sql.sessionsOf, [ownerOf(context.identity)]);
      return rows.map(sessionValue);
    },

    session: sessionOf,

    /** Mind's Eye's history: the last `last` stored tool calls of the caller's answers (an admin: every asker's), newest first, as results. */
    async traceHistory(last: number | null | undefined, context: SubgraphContext): Promise<AssistantTrace[]> {
      const count = last ?? 50;
      if (!Number.isInteger(count) || count < 1 || count > sql.MAX_TRACE_HISTORY) {
        throw askRefusal(AskRefusalCode.BAD_USER_INPUT, `last must be an integer from 1 to ${sql.MAX_TRACE_HISTORY}; got ${count}.`, { argument: 'last', max: sql.MAX_TRACE_HISTORY });
      }
      const [{ rows }, box] = await Promise.all([context.pool.query<sql.TraceHistoryRow>(sql.traceHistory, [count, hasRole(context.identity.role, Role.admin) ? null : ownerOf(context.identity)]), tools().catch(() => undefined)]);
      const argumentKeys = (tool: string) => characterArguments(box?.tools.find((known) => known.name === tool)?.inputSchema);
      return rows.map((row) => {
        const call = row.call as AnswerToolCall;
        return {
          type: 'TOOL_RESULT',
          toolCallId: call.id,
          traceId: row.trace_id,
          sessionId: row.session_id,
          user: row.user_name,
          tool: call.tool,
          arguments: call.arguments,
          resultSummary: call.resultSummary,
          resultBytes: call.resultBytes,
          isError: call.isError,
          durationMs: call.durationMs,
          time: row.created_at.toISOString(),
          ...lookedAt(call.arguments, call.resultSummary, argumentKeys(call.tool)),
        };
      });
    },

    /** The messages of a conversation already known to be the caller's. */
    async messages(sessionId: string, context: SubgraphContext) {
      const { rows } = await context.pool.query<sql.MessageRow>(sql.messagesOf, [sessionId]);
      return rows.map((row) => ({
        id: row.id,
        role: row.role === 'user' ? ('USER' as const) : ('ASSISTANT' as const),
        text: row.text,
        toolCalls: row.tool_calls as AnswerToolCall[],
        errorCode: row.error_code,
        traceId: row.trace_id,
        time: row.created_at,
      }));
    },

    async newSession(title: string | null | undefined, context: SubgraphContext): Promise<SessionValue> {
      const trimmed = title?.trim() || null;
      if (trimmed && trimmed.length > MAX_TITLE_CHARS) {
        throw askRefusal(AskRefusalCode.BAD_USER_INPUT, `title must be at most ${MAX_TITLE_CHARS} characters, got ${trimmed.length}.`, { argument: 'title', max: MAX_TITLE_CHARS });
      }
      const { rows } = await context.pool.query<sql.SessionRow>(sql.insertSession, [ownerOf(context.identity), trimmed, context.now()]);
      return sessionValue(rows[0] as sql.SessionRow);
    },

    async deleteSession(id: string, context: SubgraphContext): Promise<boolean> {
      if (!UUID.test(id)) return false;
      const { rowCount } = await context.pool.query(sql.deleteSession, [id, ownerOf(context.identity)]);
      return rowCount === 1;
    },

    /**
     * Starts an answer and returns its events; refuses with an
     * {@link AskRefusalCode} when it cannot start.
     */
    async ask(sessionId: string, rawQuestion: string, context: SubgraphContext): Promise<AsyncIterableIterator<{ ask: AskEvent }>> {
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
      if (!(await sessionOf(sessionId, context))) {
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
        const { asked, freedBy } = await questionsInLastHour(context);
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

      const abort = new AbortController();
      // Every event of an answer is delivered (none dropped); leaving early stops the answer.
      const stream = new PushIterator<{ ask: AskEvent }>(() => abort.abort(), { maxQueued: Number.POSITIVE_INFINITY });
      const event = (fields: Omit<AskEvent, 'sessionId' | 'traceId' | 'time'>): void =>
        stream.push({ ask: { ...fields, sessionId, traceId, time: context.now() } });
      let published: Promise<void> = Promise.resolve();
      const trace = (fields: Omit<AssistantTrace, 'sessionId' | 'traceId' | 'user' | 'time'>): void => {
        const value: PublishedTrace = { ...fields, sessionId, traceId, user: identity.name, time: context.now().toISOString(), owner };
        published = published
          .then(() => context.pubsub.publish({ topic: topics.assistantTrace, key: sessionId, payload: JSON.stringify(value) }))
          .catch((error: unknown) => log.error({ err: error }, "could not publish a Mind's Eye trace"));
      };
      const record = (fields: AuditEvent) => audit.record({ ...at, time: context.now() }, fields);
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
        let outcome: { text: string; toolCalls: AnswerToolCall[]; errorCode: string | null; message?: string };
        try {
          box = await toolBoxOf(owner);
          const done = await answerQuestion({
            provider,
            toolBox: box,
            system: systemPrompt(box.instructions, started),
            history,
            question,
            signal: abort.signal,
            timeoutMs,
            onEvent,
            ...(options.maxToolRounds ? { maxToolRounds: options.maxToolRounds } : {}),
          });
          outcome = { ...done, errorCode: null };
        } catch (error) {
          if (error instanceof AnswerError) {
            if (error.cause instanceof ModelError) log.warn({ err: error.cause, service: error.cause.service, status: error.cause.status }, 'the model failed');
            outcome = { ...error.partial, errorCode: error.code, message: error.message };
          } else {
            log.error({ err: error }, 'an answer failed');
            outcome = { text: '', toolCalls: [], errorCode: GraphErrorCode.INTERNAL_SERVER_ERROR, message: `The assistant failed on Lifestone's side; the logs say why under trace id ${traceId}.` };
          }
        }
        await box?.close().catch((error: unknown) => log.warn({ err: error }, "could not close an answer's tools"));
        let messageId: string | null = null;
        try {
          const { rows } = await pool.query<{ id: string }>(sql.insertAnswer, [sessionId, owner, outcome.text, JSON.stringify(outcome.toolCalls), outcome.errorCode, traceId, context.now()]);
          messageId = rows[0]?.id ?? null;
        } catch (error) {
          log.error({ err: error }, 'could not store an answer');
        }
        const durationMs = context.now().getTime() - started.getTime();
        record({ event: 'answer', outcome: outcome.errorCode ? 'error' : 'done', errorCode: outcome.errorCode, answerChars: outcome.text.length, toolCalls: outcome.toolCalls.length, durationMs });
        // Released, logged and published before the last event: an asker who asks again at once is not refused.
        await release().catch((error: unknown) => log.error({ err: error }, 'could not release an answer in flight'));
        await Promise.all([audit.flush(), published]);
        if (outcome.errorCode) event({ type: 'ERROR', errorCode: outcome.errorCode, text: outcome.message ?? null });
        else event({ type: 'DONE', text: outcome.text, messageId, durationMs });
        stream.end();
      };
      void answer().catch((error: unknown) => log.error({ err: error }, 'an answer failed after it was stored'));
      return stream;
    },
  };
}

/** A conversation row as the resolvers hand it on. */
function sessionValue(row: sql.SessionRow): SessionValue {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at, messageCount: row.message_count };
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
