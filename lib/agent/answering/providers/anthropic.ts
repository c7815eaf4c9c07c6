/**
 * Anthropic's Messages API, streamed, through the official client: text
 * arrives as `text_delta`s, a tool call as a `tool_use` content block whose
 * input arrives as `input_json_delta` pieces, and the turn ends with
 * `message_delta.stop_reason`. The client speaks the API version it was
 * released for and sends the key as a bearer token.
 */
import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import { modelError, parseArguments, serviceDetail, type ModelFailure } from './failures.js';
import { ModelError, type ChatMessage, type ModelProvider, type ModelSettings, type ModelStopReason, type ModelStreamEvent, type ModelTurnRequest } from './types.js';

/** The default base URL when `LIFESTONE_LLM_URL` is unset. */
export const ANTHROPIC_URL = 'https://api.anthropic.com';

/** The Messages API's form of the conversation: tool results travel in a user message. */
export function anthropicMessages(messages: readonly ChatMessage[]): Anthropic.MessageParam[] {
  return messages.map((message): Anthropic.MessageParam => {
    switch (message.role) {
      case 'user':
        return { role: 'user', content: message.text };
      case 'assistant':
        return {
          role: 'assistant',
          content: [
            ...(message.text ? [{ type: 'text' as const, text: message.text }] : []),
            ...message.toolCalls.map((call) => ({ type: 'tool_use' as const, id: call.id, name: call.name, input: call.arguments ?? {} })),
          ],
        };
      case 'tool':
        return {
          role: 'user',
          content: message.results.map((result) => ({ type: 'tool_result' as const, tool_use_id: result.callId, content: result.text, ...(result.isError ? { is_error: true } : {}) })),
        };
    }
  });
}

/** A provider for Anthropic's Messages API at `settings.url` (default {@link ANTHROPIC_URL}). */
export function anthropicProvider(settings: ModelSettings): ModelProvider {
  const baseURL = settings.url || ANTHROPIC_URL;
  // No retries: a failed turn ends the answer with MODEL_ERROR, and the asker may ask again.
  const client = new Anthropic({ baseURL, apiKey: settings.apiKey ?? null, maxRetries: 0 });
  return {
    kind: 'anthropic',
    model: settings.model,
    async *turn({ system, messages, tools, signal }: ModelTurnRequest): AsyncGenerator<ModelStreamEvent> {
      const toolBlocks = new Map<number, { id: string; name: string; json: string }>();
      let stopReason: ModelStopReason | undefined;
      try {
        const stream = await client.messages.create(
          {
            model: settings.model,
            max_tokens: settings.maxTokens ?? 4096,
            system,
            messages: anthropicMessages(messages),
            tools: tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema as Anthropic.Tool.InputSchema })),
            stream: true,
          },
          { signal },
        );
        for await (const event of stream) {
          switch (event.type) {
            case 'content_block_start':
              if (event.content_block.type === 'tool_use') {
                toolBlocks.set(event.index, { id: event.content_block.id, name: event.content_block.name, json: '' });
              } else if (event.content_block.type === 'text' && event.content_block.text) {
                yield { type: 'text', text: event.content_block.text };
              }
              break;
            case 'content_block_delta':
              if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'text', text: event.delta.text };
              else if (event.delta.type === 'input_json_delta') {
                const block = toolBlocks.get(event.index);
                if (block) block.json += event.delta.partial_json;
              }
              break;
            case 'content_block_stop': {
              const block = toolBlocks.get(event.index);
              if (block) {
                toolBlocks.delete(event.index);
                yield { type: 'tool_call', call: { id: block.id, name: block.name, arguments: parseArguments(block.json), rawArguments: block.json } };
              }
              break;
            }
            case 'message_delta':
              if (event.delta.stop_reason) stopReason = stopReasonOf(event.delta.stop_reason);
              break;
            case 'message_stop':
              yield { type: 'stop', reason: stopReason ?? 'end_turn' };
              return;
          }
        }
      } catch (error) {
        throw modelError(failureOf(error), signal, baseURL);
      }
      // The client ends an aborted stream quietly.
      signal.throwIfAborted();
      throw new ModelError("The model's answer ended before message_stop.");
    },
  };
}

function failureOf(error: unknown): ModelFailure {
  if (error instanceof APIConnectionError) return { kind: 'unreachable', detail: causeOf(error) };
  if (error instanceof APIError) {
    const detail = serviceDetail(error.status, error.type, error.apiMessage, error.message);
    return error.status === undefined ? { kind: 'failed mid-answer', detail } : { kind: 'refused', status: error.status, detail };
  }
  return { kind: 'broke off', detail: (error as Error).message };
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? error.cause.message : error.message;
}

function stopReasonOf(reason: string): ModelStopReason {
  if (reason === 'tool_use') return 'tool_use';
  if (reason === 'max_tokens') return 'max_tokens';
  return 'end_turn';
}
