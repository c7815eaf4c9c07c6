import { readServerSentEvents, type ServerSentEvent } from '../sse.js';
import { ModelError } from './types.js';

/** Longest part of an error body quoted in a {@link ModelError}. */
const ERROR_BODY_CHARS = 500;

/**
 * POSTs `body` as JSON and yields the server-sent events of the answer.
 * A refused request (any non-2xx) or an unreachable service rejects with a
 * {@link ModelError} quoting what the service said; an abort rejects with the
 * signal's reason.
 */
export async function* postForEvents(url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal): AsyncGenerator<ServerSentEvent> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new ModelError(`The model's service is unreachable: ${(error as Error).message}`, undefined, url);
  }
  if (!response.ok || !response.body) {
    const text = (await response.text().catch(() => '')).slice(0, ERROR_BODY_CHARS);
    throw new ModelError(`The model's service answered HTTP ${response.status}: ${text || response.statusText}`, response.status, url);
  }
  try {
    yield* readServerSentEvents(response.body as unknown as AsyncIterable<Uint8Array>);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new ModelError(`The model's answer broke off: ${(error as Error).message}`);
  }
}

/** Parses one event's JSON data; a {@link ModelError} naming the event otherwise. */
export function eventJson<T>(event: ServerSentEvent): T {
  try {
    return JSON.parse(event.data) as T;
  } catch {
    throw new ModelError(`The model's service sent an unreadable ${event.event} event: ${event.data.slice(0, ERROR_BODY_CHARS)}`);
  }
}

/** A tool call's arguments from the JSON text the model streamed: the object, or `undefined` when it is not one. */
export function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `base` and `path` joined with exactly one slash. */
export function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
