/**
 * Anthropic's Messages API, streamed (`POST /v1/messages` with
 * `stream: true`): text arrives as `text_delta`s, a tool call as a `tool_use`
 * content block whose input arrives as `input_json_delta` pieces, and the
 * turn ends with `message_delta.stop_reason`.
 */
import { endpoint, eventJson, parseArguments, postForEvents } from './http.js';
import { ModelError, type ChatMessage, type ModelProvider, type ModelSettings, type ModelStopReason, type ModelStreamEvent, type ModelTurnRequest } from './types.js';

/** The API version every request names. */
export const ANTHROPIC_VERSION = '2023-06-01';

/** The default base URL when `LIFESTONE_LLM_URL` is unset. */
export const ANTHROPIC_URL = 'https://api.anthropic.com';

type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean };

interface StreamEvent {
  type: string;
  index?: number;
  content_block?: { type: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  error?: { type?: string; message?: string };
}

/** The Messages API's form of the conversation: tool results travel in a user message. */
export function anthropicMessages(messages: readonly ChatMessage[]): { role: 'user' | 'assistant'; content: string | ContentBlock[] }[] {
  return messages.map((message) => {
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
  const url = endpoint(settings.url || ANTHROPIC_URL, '/v1/messages');
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION, ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}) };
  return {
    kind: 'anthropic',
    model: settings.model,
    async *turn({ system, messages, tools, signal }: ModelTurnRequest): AsyncGenerator<ModelStreamEvent> {
      const body = {
        model: settings.model,
        max_tokens: settings.maxTokens ?? 4096,
        system,
        messages: anthropicMessages(messages),
        tools: tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema })),
        stream: true,
      };
      const toolBlocks = new Map<number, { id: string; name: string; json: string }>();
      let stopReason: ModelStopReason | undefined;
      for await (const event of postForEvents(url, headers, body, signal)) {
        if (event.event === 'ping') continue;
        const data = eventJson<StreamEvent>(event);
        switch (data.type) {
          case 'content_block_start':
            if (data.content_block?.type === 'tool_use') {
              toolBlocks.set(data.index ?? 0, { id: data.content_block.id ?? `tool_${data.index ?? 0}`, name: data.content_block.name ?? '', json: '' });
            } else if (data.content_block?.type === 'text' && data.content_block.text) {
              yield { type: 'text', text: data.content_block.text };
            }
            break;
          case 'content_block_delta':
            if (data.delta?.type === 'text_delta' && data.delta.text) yield { type: 'text', text: data.delta.text };
            else if (data.delta?.type === 'input_json_delta') {
              const block = toolBlocks.get(data.index ?? 0);
              if (block) block.json += data.delta.partial_json ?? '';
            }
            break;
          case 'content_block_stop': {
            const block = toolBlocks.get(data.index ?? 0);
            if (block) {
              toolBlocks.delete(data.index ?? 0);
              yield { type: 'tool_call', call: { id: block.id, name: block.name, arguments: parseArguments(block.json), rawArguments: block.json } };
            }
            break;
          }
          case 'message_delta':
            if (data.delta?.stop_reason) stopReason = stopReasonOf(data.delta.stop_reason);
            break;
          case 'message_stop':
            yield { type: 'stop', reason: stopReason ?? 'end_turn' };
            return;
          case 'error':
            throw new ModelError(`The model's service failed mid-answer: ${data.error?.type ?? 'error'}: ${data.error?.message ?? 'no message'}`);
        }
      }
      throw new ModelError("The model's answer ended before message_stop.");
    },
  };
}

function stopReasonOf(reason: string): ModelStopReason {
  if (reason === 'tool_use') return 'tool_use';
  if (reason === 'max_tokens') return 'max_tokens';
  return 'end_turn';
}
