/**
 * When an assistant session counts as working: from each trace (tool call or
 * result) until {@link ACTIVE_MS} after it. Its highlights on the map then
 * fade out over {@link FADE_MS}. Times are this page's clock (ms), taken when
 * each trace arrived, so a skewed clock cannot keep a session active.
 */

/** A session is active until this long after its last trace. */
export const ACTIVE_MS = 10_000;

/** Its map highlights fade out over this long once it goes idle. */
export const FADE_MS = 2_000;

/** `active` while less than {@link ACTIVE_MS} passed since `lastTraceAt`, `idle` after. */
export function sessionActivity(lastTraceAt: number, now: number): 'active' | 'idle' {
  return now - lastTraceAt < ACTIVE_MS ? 'active' : 'idle';
}

/** How opaque the session's highlights are at `now`: 1 while active, falling linearly to 0 over {@link FADE_MS}, 0 after. */
export function focusOpacity(lastTraceAt: number, now: number): number {
  const idleFor = now - lastTraceAt - ACTIVE_MS;
  if (idleFor < 0) return 1;
  return Math.max(0, 1 - idleFor / FADE_MS);
}
