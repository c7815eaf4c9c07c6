import { expect } from 'vitest';
import { parseFrame, type Frame, type FrameError } from '@lifestone/lib/protocol';

/** Helpers shared by the protocol tests. */

export const receivedAt = new Date('2024-05-01T12:00:00.000Z');

/** The frame `wire` (an object, or JSON text as sent) parses to; fails the test with the refusal when refused. */
export function parsed(wire: object | string): Frame {
  const result = parseFrame(typeof wire === 'string' ? wire : JSON.stringify(wire), receivedAt);
  expect(result).toMatchObject({ ok: true });
  return (result as { frame: Frame }).frame;
}

/** Why `wire` is refused; fails the test when it is accepted. */
export function refusal(wire: object | string): FrameError {
  const result = parseFrame(typeof wire === 'string' ? wire : JSON.stringify(wire), receivedAt);
  expect(result).toMatchObject({ ok: false });
  return (result as { error: FrameError }).error;
}
