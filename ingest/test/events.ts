import type { AcceptedEvent } from '../src/accepted-event.js';
import { acceptedEventAt, decodeFrames } from '../src/frame-decoder/decode-frames.js';

/** The accepted event ingest makes of a plugin frame (an object sent as JSON, or its text), decoded as the frame decoder does. */
export function acceptedEventOf(wire: object | string, receivedAt = new Date()): AcceptedEvent {
  const decoded = decodeFrames({ texts: [typeof wire === 'string' ? wire : JSON.stringify(wire)], receivedAt: [receivedAt.getTime()] });
  const outcome = decoded.outcomes[0];
  if (typeof outcome !== 'string') throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return acceptedEventAt(decoded, 0, receivedAt, 't');
}

/**
 * `event` with some of what it carries replaced, the rest read from it as
 * before (an accepted event reads what it carries from its decoded message
 * when asked: spreading it would copy nothing).
 */
export function alteredEvent<E extends AcceptedEvent>(event: E, changes: { readonly [K in keyof E]?: E[K] }): E {
  const altered = Object.create(event) as E;
  for (const [key, value] of Object.entries(changes)) Object.defineProperty(altered, key, { value, enumerable: true, writable: true });
  return altered;
}
