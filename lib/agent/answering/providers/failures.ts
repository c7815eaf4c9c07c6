/**
 * The assistant's {@link ModelError}s from what the model clients throw.
 * Both official clients raise the same kinds of failure (a refused request
 * with its status, an unreachable service, an `error` event mid-stream), so
 * each provider sorts its client's errors into these and the asker reads the
 * same sentences whichever API answers.
 */
import { ModelError } from './types.js';

/** Longest part of a service's own words quoted in a {@link ModelError}. */
const DETAIL_CHARS = 500;

/** One failure of a model client, sorted. */
export type ModelFailure =
  | { kind: 'refused'; status: number; detail: string }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'failed mid-answer'; detail: string }
  | { kind: 'broke off'; detail: string };

/**
 * The error to throw for `failure`: the signal's reason when the turn was
 * aborted, a {@link ModelError} otherwise. `service` (the base URL) goes only
 * into the error's `service`, for the assistant's log.
 */
export function modelError(failure: ModelFailure, signal: AbortSignal, service: string): unknown {
  if (signal.aborted) return signal.reason;
  const detail = failure.detail.slice(0, DETAIL_CHARS);
  switch (failure.kind) {
    case 'refused':
      return new ModelError(`The model's service answered HTTP ${failure.status}: ${detail}`, failure.status, service);
    case 'unreachable':
      return new ModelError(`The model's service is unreachable: ${detail}`, undefined, service);
    case 'failed mid-answer':
      return new ModelError(`The model's service failed mid-answer: ${detail}`, undefined, service);
    case 'broke off':
      return new ModelError(`The model's answer broke off: ${detail}`, undefined, service);
  }
}

/**
 * What a service said when it refused or failed: `type: message` from its
 * JSON error, or else the client's message without the status it starts with
 * (the client puts a body that is not JSON there, after the status).
 */
export function serviceDetail(status: number | undefined, type: string | null | undefined, message: string | null | undefined, clientMessage: string): string {
  if (message) return type ? `${type}: ${message}` : message;
  return status !== undefined && clientMessage.startsWith(`${status} `) ? clientMessage.slice(`${status} `.length) : clientMessage;
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
