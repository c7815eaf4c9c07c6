/**
 * OpenAI-compatible chat completions, streamed, through the official `openai`
 * client: OpenAI itself, Ollama (`http://127.0.0.1:11434/v1`), llama.cpp's
 * server, vLLM. Text arrives as `delta.content`, tool calls as
 * `delta.tool_calls` pieces keyed by `index` (the id and name first, the
 * arguments' JSON in pieces), and the turn ends with `finish_reason`.
 */
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { modelError, parseArguments, serviceDetail, type ModelFailure } from './failures.js';
import { ModelError, type ChatMessage, type ModelProvider, type ModelSettings, type ModelStopReason, type ModelStreamEvent, type ModelTurnRequest } from './types.js';

/** The chat API's form of the conversation: the system prompt first, one `tool` message per result. */
export function openAiMessages(system: string, messages: readonly ChatMessage[]): OpenAI.ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: system },
    ...messages.flatMap((message): OpenAI.ChatCompletionMessageParam[] => {
      switch (message.role) {
        case 'user':
          return [{ role: 'user', content: message.text }];
        case 'assistant':
          return [
            {
              role: 'assistant',
              content: message.text || null,
              ...(message.toolCalls.length > 0
                ? { tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.rawArguments || '{}' } })) }
                : {}),
            },
          ];
        case 'tool':
          // A failed tool's text already says so (`{"error": ...}`); the chat API has no error flag.
          return message.results.map((result) => ({ role: 'tool', tool_call_id: result.callId, content: result.text }));
      }
    }),
  ];
}

/** A provider for an OpenAI-compatible chat completions API at `settings.url` (e.g. `http://127.0.0.1:11434/v1`). */
export function openAiProvider(settings: ModelSettings): ModelProvider {
  if (!settings.url) throw new Error('an OpenAI-compatible provider needs a base URL (LIFESTONE_LLM_URL), e.g. http://127.0.0.1:11434/v1');
  const baseURL = settings.url;
  const client = new OpenAI({
    baseURL,
    // Local servers (Ollama, llama.cpp) need no key: the client requires one, so it gets a
    // placeholder and the header that would carry it is left out.
    apiKey: settings.apiKey ?? 'none',
    ...(settings.apiKey ? {} : { defaultHeaders: { authorization: null } }),
    organization: null,
    project: null,
    // No retries: a failed turn ends the answer with MODEL_ERROR, and the asker may ask again.
    maxRetries: 0,
  });
  return {
    kind: 'openai',
    model: settings.model,
    async *turn({ system, messages, tools, signal }: ModelTurnRequest): AsyncGenerator<ModelStreamEvent> {
      const calls = new Map<number, { id: string; name: string; json: string }>();
      let finish: string | undefined;
      try {
        const stream = await client.chat.completions.create(
          {
            model: settings.model,
            // `max_tokens` rather than `max_completion_tokens`: the one every compatible server reads.
            max_tokens: settings.maxTokens ?? 4096,
            messages: openAiMessages(system, messages),
            ...(tools.length > 0
              ? { tools: tools.map((tool) => ({ type: 'function' as const, function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } })) }
              : {}),
            stream: true,
          },
          { signal },
        );
        for await (const chunk of stream) {
          for (const choice of chunk.choices) {
            if (choice.delta.content) yield { type: 'text', text: choice.delta.content };
            for (const piece of choice.delta.tool_calls ?? []) {
              const call = calls.get(piece.index) ?? { id: '', name: '', json: '' };
              if (piece.id) call.id = piece.id;
              if (piece.function?.name) call.name += piece.function.name;
              if (piece.function?.arguments) call.json += piece.function.arguments;
              calls.set(piece.index, call);
            }
            if (choice.finish_reason) finish = choice.finish_reason;
          }
        }
      } catch (error) {
        throw modelError(failureOf(error), signal, baseURL);
      }
      // The client ends an aborted stream quietly.
      signal.throwIfAborted();
      if (!finish) throw new ModelError("The model's answer ended before finish_reason.");
      for (const [index, call] of [...calls.entries()].sort(([a], [b]) => a - b)) {
        yield { type: 'tool_call', call: { id: call.id || `call_${index}`, name: call.name, arguments: parseArguments(call.json), rawArguments: call.json } };
      }
      yield { type: 'stop', reason: stopReasonOf(finish, calls.size > 0) };
    },
  };
}

function failureOf(error: unknown): ModelFailure {
  if (error instanceof APIConnectionError) return { kind: 'unreachable', detail: error.cause instanceof Error ? error.cause.message : error.message };
  if (error instanceof APIError) {
    const body = error.error as { message?: unknown } | undefined;
    const detail = serviceDetail(error.status, error.type, typeof body?.message === 'string' ? body.message : undefined, error.message);
    return error.status === undefined ? { kind: 'failed mid-answer', detail } : { kind: 'refused', status: error.status, detail };
  }
  return { kind: 'broke off', detail: (error as Error).message };
}

function stopReasonOf(finish: string, calledTools: boolean): ModelStopReason {
  if (finish === 'length') return 'max_tokens';
  // Some servers answer `stop` even when the turn carries tool calls.
  return finish === 'tool_calls' || calledTools ? 'tool_use' : 'end_turn';
}
