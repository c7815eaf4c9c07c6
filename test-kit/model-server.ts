/**
 * A scripted language model on loopback, speaking both streaming protocols
 * the assistant knows: Anthropic's Messages API (`POST /v1/messages`) and
 * OpenAI-compatible chat completions (`POST /v1/chat/completions`). Each
 * request takes the next scripted turn (text in chunks, tool calls with their
 * arguments' JSON in pieces, or an HTTP error) and is recorded, so that a test
 * can check what the assistant sent: the system prompt, the tools, the tool
 * results it sent back.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One tool call of a scripted turn. */
export interface ScriptedToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** One scripted answer of the model. */
export interface ScriptedTurn {
  /** Text the model writes, one chunk per streamed delta. */
  text?: string[];
  /** Tool calls after the text; their arguments' JSON is streamed in pieces of 7 characters. */
  toolCalls?: ScriptedToolCall[];
  /** Instead of a stream: this HTTP status with `errorBody`. */
  status?: number;
  errorBody?: string;
  /** Held before the first event until it resolves (answers in flight, timeouts). */
  hold?: Promise<unknown>;
  /** Held after the text and tool calls, before the events that end the turn, until it resolves (to see the answer stream). */
  holdBeforeEnd?: Promise<unknown>;
  /** Pause between events. @default 2 */
  delayMs?: number;
}

/** One request the model server received. */
export interface RecordedRequest {
  protocol: 'anthropic' | 'openai';
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> & { messages: Record<string, unknown>[] };
}

export interface ModelServer {
  /** Base URL for `LIFESTONE_LLM_PROVIDER=anthropic` (`http://127.0.0.1:port`). */
  anthropicUrl: string;
  /** Base URL for `LIFESTONE_LLM_PROVIDER=openai` (`http://127.0.0.1:port/v1`). */
  openAiUrl: string;
  /** Every request so far, in order. */
  requests: RecordedRequest[];
  /** Adds turns to the script; each request takes the next one. */
  script(...turns: ScriptedTurn[]): void;
  /** Turns not yet taken. */
  readonly pending: number;
  close(): Promise<void>;
}

/** Starts a scripted model server on a free loopback port. */
export async function startModelServer(): Promise<ModelServer> {
  const turns: ScriptedTurn[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const protocol = request.url === '/v1/messages' ? 'anthropic' : request.url === '/v1/chat/completions' ? 'openai' : undefined;
    if (request.method !== 'POST' || !protocol) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    requests.push({ protocol, path: request.url as string, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'] });
    const turn = turns.shift();
    if (!turn) {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"the script has no more turns"}');
      return;
    }
    await turn.hold;
    if (turn.status) {
      response.writeHead(turn.status, { 'content-type': 'application/json' }).end(turn.errorBody ?? '');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of protocol === 'anthropic' ? anthropicEvents(turn) : openAiEvents(turn)) {
      if (event === END) {
        await turn.holdBeforeEnd;
        continue;
      }
      if (response.destroyed) return;
      response.write(event);
      await sleep(turn.delayMs ?? 2);
    }
    response.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    anthropicUrl: `http://127.0.0.1:${port}`,
    openAiUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...more) => turns.push(...more),
    get pending() {
      return turns.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Where a turn's events reach the ones that end it (see {@link ScriptedTurn.holdBeforeEnd}). */
const END = Symbol('end of the turn');

/** `text` in pieces of `size` characters. */
function pieces(text: string, size = 7): string[] {
  const found: string[] = [];
  for (let at = 0; at < text.length; at += size) found.push(text.slice(at, at + size));
  return found.length > 0 ? found : [''];
}

function* anthropicEvents(turn: ScriptedTurn): Generator<string | typeof END> {
  const event = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  yield event('message_start', {
    message: { id: 'msg_scripted', type: 'message', role: 'assistant', model: 'scripted', content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } },
  });
  let index = 0;
  if (turn.text) {
    yield event('content_block_start', { index, content_block: { type: 'text', text: '' } });
    yield 'event: ping\ndata: {"type": "ping"}\n\n';
    for (const text of turn.text) yield event('content_block_delta', { index, delta: { type: 'text_delta', text } });
    yield event('content_block_stop', { index });
    index += 1;
  }
  for (const call of turn.toolCalls ?? []) {
    yield event('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } });
    for (const piece of pieces(JSON.stringify(call.arguments))) yield event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    yield event('content_block_stop', { index });
    index += 1;
  }
  yield END;
  yield event('message_delta', { delta: { stop_reason: turn.toolCalls?.length ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } });
  yield event('message_stop', {});
}

function* openAiEvents(turn: ScriptedTurn): Generator<string | typeof END> {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 1, model: 'scripted', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  yield chunk({ role: 'assistant', content: '' });
  for (const content of turn.text ?? []) yield chunk({ content });
  for (const [index, call] of (turn.toolCalls ?? []).entries()) {
    yield chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
    for (const piece of pieces(JSON.stringify(call.arguments))) yield chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
  }
  yield END;
  yield chunk({}, turn.toolCalls?.length ? 'tool_calls' : 'stop');
  yield 'data: [DONE]\n\n';
}
