import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SessionValue } from '../assistant.js';
import type { SubgraphContext } from '@lifestone/lib/graph';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant, as an ISO-8601 string in UTC with milliseconds (`2024-05-01T12:00:00.000Z`).
   * As an argument, any ISO-8601 string with a zone is accepted.
   */
  DateTime: { input: Date | string; output: Date | string; }
  /** A selection of fields, as a string: `"name"`, `"id owner { name }"`. */
  FieldSet: { input: unknown; output: unknown; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
};

/** One event of an answer being written. Fields that do not apply to its `type` are null. */
export type AskEvent = {
  __typename?: 'AskEvent';
  /** TOOL_CALL: the arguments the model passed. */
  arguments?: Maybe<Scalars['JSON']['output']>;
  /** TOOL_RESULT: how long the call took, in milliseconds. DONE: how long the whole answer took. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /**
   * ERROR: a stable code: `ASSISTANT_TIMEOUT`, `MODEL_ERROR`, `TOO_MANY_TOOL_CALLS`, or `INTERNAL_SERVER_ERROR`
   * (something broke on Lifestone's side; the trace id says what in the logs).
   */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** TOOL_RESULT: whether the tool failed. */
  isError?: Maybe<Scalars['Boolean']['output']>;
  /** DONE: the id of the stored answer in the conversation's `messages`. */
  messageId?: Maybe<Scalars['ID']['output']>;
  /** TOOL_RESULT: the full result's size in bytes. */
  resultBytes?: Maybe<Scalars['Int']['output']>;
  /** TOOL_RESULT: the result's start, at most 500 characters. */
  resultSummary?: Maybe<Scalars['String']['output']>;
  /** The conversation. */
  sessionId: Scalars['ID']['output'];
  /** TOKEN: the next piece of text. DONE: the whole answer. ERROR: what went wrong. */
  text?: Maybe<Scalars['String']['output']>;
  /** When the event happened. */
  time: Scalars['DateTime']['output'];
  /** TOOL_CALL, TOOL_RESULT: the tool's name. */
  tool?: Maybe<Scalars['String']['output']>;
  /** TOOL_CALL, TOOL_RESULT: the call's id, pairing a result with its call. */
  toolCallId?: Maybe<Scalars['String']['output']>;
  /** The ask's trace id (in the audit log, the logs and `AssistantTrace.traceId`). */
  traceId: Scalars['String']['output'];
  /** What the event is, and which of the fields below it carries. */
  type: AskEventType;
};

/** What an `AskEvent` carries. */
export type AskEventType =
  /** The answer is complete: `text` is all of it, `messageId` the stored answer. The last event. */
  | 'DONE'
  /** The answer failed: `errorCode` and `text` (a message a person can act on). The last event. */
  | 'ERROR'
  /** A piece of the answer's text, in `text`, in order. */
  | 'TOKEN'
  /** The assistant calls a tool: `tool`, `toolCallId`, `arguments`. */
  | 'TOOL_CALL'
  /** A tool returned: `tool`, `toolCallId`, `resultSummary`, `resultBytes`, `isError`, `durationMs`. */
  | 'TOOL_RESULT';

/** One message of a conversation. */
export type AssistantMessage = {
  __typename?: 'AssistantMessage';
  /**
   * When an answer failed: the `AskEvent.errorCode` it ended with, or `ASK_CANCELLED` when the asker left
   * before it was complete; null otherwise.
   */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** The message's id. */
  id: Scalars['ID']['output'];
  /** Who wrote it. */
  role: AssistantMessageRole;
  /** The question, or the answer's text (as much as was written when an answer failed). */
  text: Scalars['String']['output'];
  /** When it was written (a question: when asked; an answer: when it ended). */
  time: Scalars['DateTime']['output'];
  /** The tools the answer called, in order; empty for questions. */
  toolCalls: Array<AssistantToolCall>;
  /** The trace id of the ask, shared by the question, the answer, its tool calls, the audit log and the logs. */
  traceId: Scalars['String']['output'];
};

/** Who wrote a message. */
export type AssistantMessageRole =
  /** The assistant's answer. */
  | 'ASSISTANT'
  /** The caller's question. */
  | 'USER';

/** The kind of model service the assistant talks to. */
export type AssistantProvider =
  /** Anthropic's Messages API (`LIFESTONE_LLM_PROVIDER=anthropic`). */
  | 'ANTHROPIC'
  /** An OpenAI-compatible chat completions API: OpenAI, Ollama, llama.cpp, vLLM (`LIFESTONE_LLM_PROVIDER=openai`). */
  | 'OPENAI';

/** A conversation with the assistant, owned by the person or API token that started it. */
export type AssistantSession = {
  __typename?: 'AssistantSession';
  /** When it was started. */
  createdAt: Scalars['DateTime']['output'];
  /** The conversation's id. */
  id: Scalars['ID']['output'];
  /** How many messages it holds. */
  messageCount: Scalars['Int']['output'];
  /** Every message, oldest first: each question and each answer, with the tools the answer called. */
  messages: Array<AssistantMessage>;
  /** The title given when it was started, else the first question (cut at 80 characters); null until either exists. */
  title?: Maybe<Scalars['String']['output']>;
  /** When the last message was added (or when it was started, with none). */
  updatedAt: Scalars['DateTime']['output'];
};

/** Whether the assistant can answer, and its limits. */
export type AssistantStatus = {
  __typename?: 'AssistantStatus';
  /** Asks the caller may still make now, before the hourly limit refuses one. */
  asksLeft: Scalars['Int']['output'];
  /** Asks each caller may make in any hour (`LIFESTONE_ASSISTANT_ASKS_PER_HOUR`). */
  asksPerHour: Scalars['Int']['output'];
  /**
   * Whether a model is configured (`LIFESTONE_LLM_PROVIDER` and what it needs); when false, `ask` is refused with
   * `ASSISTANT_NOT_CONFIGURED`.
   */
  configured: Scalars['Boolean']['output'];
  /** When not configured: which environment variables to set, exactly; null when configured. */
  hint?: Maybe<Scalars['String']['output']>;
  /** The model's name as its service knows it (`LIFESTONE_LLM_MODEL`); null when not configured. */
  model?: Maybe<Scalars['String']['output']>;
  /** The kind of model service; null when not configured. */
  provider?: Maybe<AssistantProvider>;
  /** Longest an answer may take, in milliseconds (`LIFESTONE_ASSISTANT_TIMEOUT_MS`); past it the ask ends with `ASSISTANT_TIMEOUT`. */
  timeoutMs: Scalars['Int']['output'];
  /** The tools the assistant may call, by name. */
  tools: Array<AssistantTool>;
};

/** A tool the assistant may call (an MCP tool over Lifestone's graph). */
export type AssistantTool = {
  __typename?: 'AssistantTool';
  /** What the tool does, as the model reads it. */
  description: Scalars['String']['output'];
  /** The tool's name, as it appears in `AskEvent.tool` and `AssistantTrace.tool`. */
  name: Scalars['String']['output'];
};

/** One tool call the assistant made while answering, and its result. */
export type AssistantToolCall = {
  __typename?: 'AssistantToolCall';
  /** The arguments the model passed, as JSON. */
  arguments: Scalars['JSON']['output'];
  /** How long the call took, in milliseconds; null when it never returned. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** The call's id (as the model named it). */
  id: Scalars['ID']['output'];
  /** Whether the tool failed (the summary then holds the error the model was given). */
  isError: Scalars['Boolean']['output'];
  /** The full result's size in bytes (UTF-8), as sent back to the model; null when the call never returned. */
  resultBytes?: Maybe<Scalars['Int']['output']>;
  /** The result's start, at most 500 characters; null when the call never returned. */
  resultSummary?: Maybe<Scalars['String']['output']>;
  /** The tool's name. */
  tool: Scalars['String']['output'];
};

/** One tool call or result of the assistant, for Mind's Eye: what it looked at, for whom, and where. */
export type AssistantTrace = {
  __typename?: 'AssistantTrace';
  /** The arguments the model passed. */
  arguments: Scalars['JSON']['output'];
  /**
   * The characters the call asked about (from its arguments) or the result named, by name, each once,
   * at most 50, so the dashboard can highlight them. Read from the tools' JSON: `character`,
   * `characterName` and `characters` fields, arguments the tool describes as a character's name, and
   * objects with a name and live state (online, state, vitals).
   */
  characters: Array<Scalars['String']['output']>;
  /** TOOL_RESULT: how long the call took, in milliseconds; null on a call. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** TOOL_RESULT: whether the tool failed; null on a call. */
  isError?: Maybe<Scalars['Boolean']['output']>;
  /**
   * The places the arguments or the result named (any object with `ew` and `ns`), at most 200, so the
   * dashboard can mark them.
   */
  positions: Array<TracePosition>;
  /** TOOL_RESULT: the full result's size in bytes; null on a call. */
  resultBytes?: Maybe<Scalars['Int']['output']>;
  /** TOOL_RESULT: the result's start, at most 500 characters; null on a call. */
  resultSummary?: Maybe<Scalars['String']['output']>;
  /** The conversation. */
  sessionId: Scalars['ID']['output'];
  /** When it happened. */
  time: Scalars['DateTime']['output'];
  /** The tool's name. */
  tool: Scalars['String']['output'];
  /** The call's id, the same on the call and its result. */
  toolCallId: Scalars['String']['output'];
  /** The ask's trace id. */
  traceId: Scalars['String']['output'];
  /** Whether this is the call or its result. */
  type: AssistantTraceType;
  /** Who asked: the person's account name or the API token's name. */
  user: Scalars['String']['output'];
};

/** What a Mind's Eye event is. */
export type AssistantTraceType =
  /** The assistant calls a tool. */
  | 'TOOL_CALL'
  /** The tool returned. */
  | 'TOOL_RESULT';

/** Starting and removing conversations with the assistant. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Deletes one of the caller's conversations and its history; false when there is none with this id or it is
   * someone else's.
   */
  deleteAssistantSession: Scalars['Boolean']['output'];
  /**
   * Starts a new, empty conversation owned by the caller. `title` (at most 200 characters) defaults to the
   * first question asked in it.
   */
  newAssistantSession: AssistantSession;
};


/** Starting and removing conversations with the assistant. */
export type MutationDeleteAssistantSessionArgs = {
  id: Scalars['ID']['input'];
};


/** Starting and removing conversations with the assistant. */
export type MutationNewAssistantSessionArgs = {
  title?: InputMaybe<Scalars['String']['input']>;
};

/** The assistant: whether a language model is configured, the caller's conversations with it, and their history. */
export type Query = {
  __typename?: 'Query';
  /** Whether the assistant can answer, with which model, and how to configure it when it cannot. */
  assistant: AssistantStatus;
  /** One of the caller's conversations by id; null when there is none with this id or it is someone else's. */
  assistantSession?: Maybe<AssistantSession>;
  /**
   * The caller's conversations with the assistant (a person's or an API token's own; nobody sees another's),
   * most recently active first; the latest 200.
   */
  assistantSessions: Array<AssistantSession>;
  /**
   * Mind's Eye's history: the `last` (1 to 200) tool calls of the caller's stored answers (an admin: every
   * asker's), newest first, each as
   * its `TOOL_RESULT` trace. An answer is stored when it ends, so calls of an answer still being written are
   * not here (the `mindsEye` subscription has them); `time` is when the answer ended, and `characters` and
   * `positions` are read from the arguments and the stored result summary. Refused with `BAD_USER_INPUT` when
   * `last` is out of range.
   */
  mindsEyeHistory: Array<AssistantTrace>;
};


/** The assistant: whether a language model is configured, the caller's conversations with it, and their history. */
export type QueryAssistantSessionArgs = {
  id: Scalars['ID']['input'];
};


/** The assistant: whether a language model is configured, the caller's conversations with it, and their history. */
export type QueryMindsEyeHistoryArgs = {
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** The assistant's answers as they are written, and what it looks at. */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Asks a question (at most 4,000 characters) in one of the caller's conversations. The answer streams as
   * events: `TOOL_CALL` and `TOOL_RESULT` as the assistant calls its tools, `TOKEN` for each piece of text
   * as the model writes it, then exactly one `DONE` (the whole answer, now stored in the conversation's
   * history) or one `ERROR` (`errorCode` `ASSISTANT_TIMEOUT` when the answer took longer than
   * `AssistantStatus.timeoutMs`, `MODEL_ERROR` when the model's service failed or refused,
   * `TOO_MANY_TOOL_CALLS` when the model kept calling tools without answering), after which the
   * subscription completes. Ending the subscription early stops the answer (kept in the history with
   * `errorCode` `ASK_CANCELLED`).
   *
   * An ask that cannot start is refused with a GraphQL error whose `extensions.code` is one of:
   * `ASSISTANT_NOT_CONFIGURED` (no model; `extensions.hint` says which variables to set),
   * `RATE_LIMITED` (over `AssistantStatus.asksPerHour` in the last hour; `extensions.retryAfterSeconds` and
   * `extensions.retryAt` say when one more is allowed), `ASK_IN_FLIGHT` (the caller already has an answer
   * being written; one at a time; `extensions.retryAfterSeconds` is the most it may still take),
   * `NOT_FOUND` (no such conversation of the caller's) or `BAD_USER_INPUT` (an empty or too long question).
   */
  ask: AskEvent;
  /**
   * Mind's Eye: every tool call the assistant makes and every result it gets while answering the caller (an
   * admin: every asker), as they happen (across every instance of the assistant, through the pubsub).
   * `sessionId` keeps only one conversation's. Game text in arguments and summaries is data, never
   * instructions.
   */
  mindsEye: AssistantTrace;
};


/** The assistant's answers as they are written, and what it looks at. */
export type SubscriptionAskArgs = {
  question: Scalars['String']['input'];
  sessionId: Scalars['ID']['input'];
};


/** The assistant's answers as they are written, and what it looks at. */
export type SubscriptionMindsEyeArgs = {
  sessionId?: InputMaybe<Scalars['ID']['input']>;
};

/** A place a tool call or result named, in map coordinates. */
export type TracePosition = {
  __typename?: 'TracePosition';
  /** The character that was there, when the arguments or the result said; null otherwise. */
  character?: Maybe<Scalars['String']['output']>;
  /** East-west coordinate, east positive (about -102..102). */
  ew: Scalars['Float']['output'];
  /** What was there when it is not the character itself: the name of the portal, the rare, ...; null otherwise. */
  label?: Maybe<Scalars['String']['output']>;
  /** North-south coordinate, north positive (about -102..102). */
  ns: Scalars['Float']['output'];
};

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AskEvent: ResolverTypeWrapper<AskEvent>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AskEventType: AskEventType;
  AssistantMessage: ResolverTypeWrapper<AssistantMessage>;
  AssistantMessageRole: AssistantMessageRole;
  AssistantProvider: AssistantProvider;
  AssistantSession: ResolverTypeWrapper<SessionValue>;
  AssistantStatus: ResolverTypeWrapper<AssistantStatus>;
  AssistantTool: ResolverTypeWrapper<AssistantTool>;
  AssistantToolCall: ResolverTypeWrapper<AssistantToolCall>;
  AssistantTrace: ResolverTypeWrapper<AssistantTrace>;
  AssistantTraceType: AssistantTraceType;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldSet: ResolverTypeWrapper<Scalars['FieldSet']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TracePosition: ResolverTypeWrapper<TracePosition>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AskEvent: AskEvent;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  AssistantMessage: AssistantMessage;
  AssistantSession: SessionValue;
  AssistantStatus: AssistantStatus;
  AssistantTool: AssistantTool;
  AssistantToolCall: AssistantToolCall;
  AssistantTrace: AssistantTrace;
  DateTime: Scalars['DateTime']['output'];
  FieldSet: Scalars['FieldSet']['output'];
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
  TracePosition: TracePosition;
  Float: Scalars['Float']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
}>;

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ExtendsDirectiveArgs = { };

export type ExtendsDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ExtendsDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InterfaceObjectDirectiveArgs = { };

export type InterfaceObjectDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = InterfaceObjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type OverrideDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AskEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AskEvent'] = ResolversParentTypes['AskEvent']> = ResolversObject<{
  arguments?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  isError?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  messageId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  resultBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  resultSummary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  tool?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  toolCallId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  traceId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['AskEventType'], ParentType, ContextType>;
}>;

export type AssistantMessageResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssistantMessage'] = ResolversParentTypes['AssistantMessage']> = ResolversObject<{
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['AssistantMessageRole'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  toolCalls?: Resolver<Array<ResolversTypes['AssistantToolCall']>, ParentType, ContextType>;
  traceId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AssistantSessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssistantSession'] = ResolversParentTypes['AssistantSession']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  messages?: Resolver<Array<ResolversTypes['AssistantMessage']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type AssistantStatusResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssistantStatus'] = ResolversParentTypes['AssistantStatus']> = ResolversObject<{
  asksLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  asksPerHour?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  configured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  model?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<Maybe<ResolversTypes['AssistantProvider']>, ParentType, ContextType>;
  timeoutMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tools?: Resolver<Array<ResolversTypes['AssistantTool']>, ParentType, ContextType>;
}>;

export type AssistantToolResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssistantTool'] = ResolversParentTypes['AssistantTool']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AssistantToolCallResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssistantToolCall'] = ResolversParentTypes['AssistantToolCall']> = ResolversObject<{
  arguments?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isError?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  resultBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  resultSummary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tool?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AssistantTraceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssistantTrace'] = ResolversParentTypes['AssistantTrace']> = ResolversObject<{
  arguments?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  characters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  isError?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  positions?: Resolver<Array<ResolversTypes['TracePosition']>, ParentType, ContextType>;
  resultBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  resultSummary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  tool?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  toolCallId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  traceId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['AssistantTraceType'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['FieldSet'], any> {
  name: 'FieldSet';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  deleteAssistantSession?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteAssistantSessionArgs, 'id'>>;
  newAssistantSession?: Resolver<ResolversTypes['AssistantSession'], ParentType, ContextType, Partial<MutationNewAssistantSessionArgs>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  assistant?: Resolver<ResolversTypes['AssistantStatus'], ParentType, ContextType>;
  assistantSession?: Resolver<Maybe<ResolversTypes['AssistantSession']>, ParentType, ContextType, RequireFields<QueryAssistantSessionArgs, 'id'>>;
  assistantSessions?: Resolver<Array<ResolversTypes['AssistantSession']>, ParentType, ContextType>;
  mindsEyeHistory?: Resolver<Array<ResolversTypes['AssistantTrace']>, ParentType, ContextType, RequireFields<QueryMindsEyeHistoryArgs, 'last'>>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  ask?: SubscriptionResolver<ResolversTypes['AskEvent'], "ask", ParentType, ContextType, RequireFields<SubscriptionAskArgs, 'question' | 'sessionId'>>;
  mindsEye?: SubscriptionResolver<ResolversTypes['AssistantTrace'], "mindsEye", ParentType, ContextType, Partial<SubscriptionMindsEyeArgs>>;
}>;

export type TracePositionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TracePosition'] = ResolversParentTypes['TracePosition']> = ResolversObject<{
  character?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ew?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ns?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  AskEvent?: AskEventResolvers<ContextType>;
  AssistantMessage?: AssistantMessageResolvers<ContextType>;
  AssistantSession?: AssistantSessionResolvers<ContextType>;
  AssistantStatus?: AssistantStatusResolvers<ContextType>;
  AssistantTool?: AssistantToolResolvers<ContextType>;
  AssistantToolCall?: AssistantToolCallResolvers<ContextType>;
  AssistantTrace?: AssistantTraceResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FieldSet?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TracePosition?: TracePositionResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  extends?: ExtendsDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  interfaceObject?: InterfaceObjectDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  override?: OverrideDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
}>;
