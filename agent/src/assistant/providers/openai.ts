/**
 * OpenAI-compatible chat completions, streamed (`POST <url>/chat/completions`
 * with `stream: true`): OpenAI itself, Ollama (`http://127.0.0.1:11434/v1`),
 * llama.cpp's server, vLLM. Text arrives as `delta.content`, tool calls as
 * `delta.tool_calls` pieces keyed by `index` (the id and name first, the
 * arguments' JSON in pieces), the turn ends with `finish_reason`, the stream
 * with `data: [DONE]`.
 */
import { endpoint, eventJson, parseArguments, postForEvents } from './http.js';
import { ModelError, type ChatMessage, type ModelProvider, type ModelSettings, type ModelStopReason, type ModelStreamEvent, type ModelTurnRequest } from './types.js';

type OpenAiMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[] }
  | { role: 'tool'; tool_call_id: string; content: string };

interface Chunk {
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  error?: { message?: string; type?: string } | string;
}

/** The chat API's form of the conversation: the system prompt first, one `tool` message per result. */
export function openAiMessages(system: string, messages: readonly ChatMessage[]): OpenAiMessage[] {
  return [
    { role: 'system', content: system },
    ...messages.flatMap((message): OpenAiMessage[] => {
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
  const url = endpoint(settings.url, '/chat/completions');
  const headers: Record<string, string> = settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};
  return {
    kind: 'openai',
    model: settings.model,
    async *turn({ system, messages, tools, signal }: ModelTurnRequest): AsyncGenerator<ModelStreamEvent> {
      const body = {
        model: settings.model,
        max_tokens: settings.maxTokens ?? 4096,
        messages: openAiMessages(system, messages),
        ...(tools.length > 0
          ? { tools: tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } })) }
          : {}),
        stream: true,
      };
      const calls = new Map<number, { id: string; name: string; json: string }>();
      let finish: string | undefined;
      const ending = (): ModelStreamEvent[] => [
        ...[...calls.entries()]
          .sort(([a], [b]) => a - b)
          .map(([index, call]): ModelStreamEvent => ({
            type: 'tool_call',
            call: { id: call.id || `call_${index}`, name: call.name, arguments: parseArguments(call.json), rawArguments: call.json },
          })),
        { type: 'stop', reason: stopReasonOf(finish, calls.size > 0) },
      ];
      for await (const event of postForEvents(url, headers, body, signal)) {
        if (event.data.trim() === '[DONE]') {
          yield* ending();
          return;
        }
        const chunk = eventJson<Chunk>(event);
        if (chunk.error) {
          const error = typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? chunk.error.type ?? 'error');
          throw new ModelError(`The model's service failed mid-answer: ${error}`);
        }
        for (const choice of chunk.choices ?? []) {
          if (choice.delta?.content) yield { type: 'text', text: choice.delta.content };
          for (const piece of choice.delta?.tool_calls ?? []) {
            const index = piece.index ?? 0;
            const call = calls.get(index) ?? { id: '', name: '', json: '' };
            if (piece.id) call.id = piece.id;
            if (piece.function?.name) call.name += piece.function.name;
            if (piece.function?.arguments) call.json += piece.function.arguments;
            calls.set(index, call);
          }
          if (choice.finish_reason) finish = choice.finish_reason;
        }
      }
      // Some servers end the stream after finish_reason without `[DONE]`.
      if (finish) {
        yield* ending();
        return;
      }
      throw new ModelError("The model's answer ended before finish_reason and [DONE].");
    },
  };
}

function stopReasonOf(finish: string | undefined, calledTools: boolean): ModelStopReason {
  if (finish === 'length') return 'max_tokens';
  // Some servers answer `stop` even when the turn carries tool calls.
  return finish === 'tool_calls' || calledTools ? 'tool_use' : 'end_turn';
}
