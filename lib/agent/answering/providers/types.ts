/**
 * What the assistant needs from a language model, whatever its API: one
 * streamed turn of a conversation with tools. Each provider (`anthropic.ts`,
 * `openai.ts`) translates this to and from its own wire format.
 */

/** The kinds of model service Lifestone speaks (`LIFESTONE_LLM_PROVIDER`). */
export const ModelProviderKind = { anthropic: 'anthropic', openai: 'openai' } as const;
export type ModelProviderKind = (typeof ModelProviderKind)[keyof typeof ModelProviderKind];

/** A tool as the model is told about it. */
export interface ModelTool {
  name: string;
  description: string;
  /** JSON Schema of the tool's arguments (an object schema). */
  inputSchema: Record<string, unknown>;
}

/** A tool call the model asked for. */
export interface ModelToolCall {
  /** The model's id for the call; its result is sent back under it. */
  id: string;
  name: string;
  /** The parsed arguments; `undefined` when the model sent text that is not a JSON object (`rawArguments` holds it). */
  arguments: Record<string, unknown> | undefined;
  rawArguments: string;
}

/** A tool's result as the model gets it back. */
export interface ModelToolResult {
  callId: string;
  name: string;
  text: string;
  isError: boolean;
}

/** One message of a conversation, in the providers' common shape. */
export type ChatMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: ModelToolCall[] }
  | { role: 'tool'; results: ModelToolResult[] };

/** What a streamed turn yields: text as it is written, each tool call once complete, then why the turn ended. */
export type ModelStreamEvent =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; call: ModelToolCall }
  | { type: 'stop'; reason: ModelStopReason };

/** Why a turn ended: the model wants tool results, it is done, or it ran out of output tokens. */
export type ModelStopReason = 'tool_use' | 'end_turn' | 'max_tokens';

export interface ModelTurnRequest {
  system: string;
  messages: readonly ChatMessage[];
  tools: readonly ModelTool[];
  signal: AbortSignal;
}

/** One model service. */
export interface ModelProvider {
  readonly kind: ModelProviderKind;
  readonly model: string;
  /** Streams one turn; rejects with a {@link ModelError} when the service fails or refuses. */
  turn(request: ModelTurnRequest): AsyncIterable<ModelStreamEvent>;
}

/** The model's service failed, refused the request, or answered something unreadable. */
export class ModelError extends Error {
  constructor(
    /** What went wrong, for the asker: never the service's address (it may be internal, or carry credentials). */
    message: string,
    /** The HTTP status, when the service answered one. */
    readonly status?: number,
    /** The address called, for the assistant's log only. */
    readonly service?: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** Where a model service is and which model to use (see `../settings.ts`). */
export interface ModelSettings {
  provider: ModelProviderKind;
  /** Base URL: `https://api.anthropic.com`, or an OpenAI-compatible `.../v1`. */
  url: string;
  apiKey?: string | undefined;
  model: string;
  /** Most tokens the model may write in one turn. @default 4096 */
  maxTokens?: number;
}
