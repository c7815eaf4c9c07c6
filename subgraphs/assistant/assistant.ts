/**
 * The assistant behind the subgraph: conversations kept in PostgreSQL per
 * asker, the hourly limit and the one answer in flight (both in PostgreSQL,
 * so they hold across instances), the answer streamed as `AskEvent`s, every
 * tool call and result published for Mind's Eye and written to the audit log.
 */
import { hasRole, Role, type Identity, type SubgraphContext } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import { TOOLS, type LifestoneTool, type ReadOnlySql } from '@lifestone/lib/agent';
import { graphClient, graphSubscriber, type GraphRequest } from '@lifestone/lib/graph-client';
import { auditLog, characterArguments, connectToolBox, createModelProvider, lookedAt, type AnswerToolCall, type ModelConfiguration, type ToolBox } from '@lifestone/lib/agent/answering';
import { admitQuestion, HOUR_MS, ownerOf, streamAnswer, type AssistantParts } from './ask.js';
import { AskRefusalCode, askRefusal } from './errors.js';
import type { AskEvent, AssistantStatus, AssistantTrace } from './generated/resolvers.js';
import * as sql from './sql.js';

export { MAX_QUESTION_CHARS, modelHistory, ownerOf, type PublishedTrace } from './ask.js';

/** Longest conversation title accepted, in characters. */
export const MAX_TITLE_CHARS = 200;
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
  /** Read-only SQL for `query_telemetry_db` (lib/agent/sql), each asker its own fair share; absent: that tool is not offered. */
  readOnlySql?: ReadOnlySql;
  /** The tools offered. @default every tool of lib/agent/tools */
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

/** Whether `identity` may see the Mind's Eye traces of `owner`'s answers: a person sees their own, an admin everyone's. */
export function seesTracesOf(identity: Identity, owner: string): boolean {
  return hasRole(identity.role, Role.admin) || ownerOf(identity) === owner;
}

export type Assistant = ReturnType<typeof createAssistant>;

/** The assistant's operations, for the resolvers. */
export function createAssistant(options: AssistantOptions) {
  const parts = assistantParts(options);
  const { asksPerHour, timeoutMs } = options;
  const { provider, graphql, hint, tools } = parts;
  return {
    async status(context: SubgraphContext): Promise<AssistantStatus> {
      const [{ asked }, box] = await Promise.all([parts.questionsInLastHour(context), tools()]);
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

    session: parts.sessionOf,

    /** Mind's Eye's history: the last `last` stored tool calls of the caller's answers (an admin: every asker's), newest first, as results. */
    traceHistory: (last: number | null | undefined, context: SubgraphContext): Promise<AssistantTrace[]> => traceHistory(parts, last, context),

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
      return streamAnswer(parts, await admitQuestion(parts, sessionId, rawQuestion, context), context);
    },
  };
}

/** What the assistant's operations share: the model, the way to the graph, the tools, the audit log and the two reads every ask needs. */
function assistantParts(options: AssistantOptions): AssistantParts {
  const provider = options.model.model ? createModelProvider(options.model.model) : undefined;
  const graphql: GraphRequest | undefined = typeof options.graph === 'function' ? options.graph : options.graph && graphClient(options.graph);
  const subscribe = options.graph && typeof options.graph !== 'function' ? graphSubscriber(options.graph) : undefined;
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
  return {
    options,
    provider,
    graphql,
    hint: [options.model.hint, graphql ? undefined : GRAPH_HINT].filter(Boolean).join(' ') || null,
    audit: auditLog(options.auditLog, options.log),
    toolBoxOf,
    tools,
    async questionsInLastHour(context) {
      const since = new Date(context.now().getTime() - HOUR_MS);
      const { rows } = await context.pool.query<{ asked: number; freed_by: Date | null }>(sql.questionsSince, [ownerOf(context.identity), since, options.asksPerHour]);
      return { asked: rows[0]?.asked ?? 0, freedBy: rows[0]?.freed_by ?? null };
    },
    async sessionOf(id, context) {
      if (!UUID.test(id)) return null;
      const { rows } = await context.pool.query<sql.SessionRow>(sql.sessionOf, [id, ownerOf(context.identity)]);
      return rows[0] ? sessionValue(rows[0]) : null;
    },
  };
}

async function traceHistory(parts: AssistantParts, last: number | null | undefined, context: SubgraphContext): Promise<AssistantTrace[]> {
  const count = last ?? 50;
  if (!Number.isInteger(count) || count < 1 || count > sql.MAX_TRACE_HISTORY) {
    throw askRefusal(AskRefusalCode.BAD_USER_INPUT, `last must be an integer from 1 to ${sql.MAX_TRACE_HISTORY}; got ${count}.`, { argument: 'last', max: sql.MAX_TRACE_HISTORY });
  }
  const [{ rows }, box] = await Promise.all([context.pool.query<sql.TraceHistoryRow>(sql.traceHistory, [count, hasRole(context.identity.role, Role.admin) ? null : ownerOf(context.identity)]), parts.tools().catch(() => undefined)]);
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
}

/** A conversation row as the resolvers hand it on. */
export function sessionValue(row: sql.SessionRow): SessionValue {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at, messageCount: row.message_count };
}
