import type { AcceptedEvent } from '../src/accepted-event.js';
import { acceptedEventAt, decodeFrames } from '../src/frame-decoder/decode-frames.js';

/** The accepted event ingest makes of a plugin frame (an object sent as JSON, or its text), decoded as the frame decoder does. */
export function acceptedEventOf(wire: object | string, receivedAt = new Date()): AcceptedEvent {
  const decoded = decodeFrames({ texts: [typeof wire === 'string' ? wire : JSON.stringify(wire)], receivedAt: [receivedAt.getTime()] });
  const outcome = decoded.outcomes[0];
  if (typeof outcome !== 'string') throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return acceptedEventAt(decoded, 0, receivedAt, 't');
}
