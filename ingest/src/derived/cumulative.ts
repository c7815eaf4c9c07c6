/**
 * Plugins report session counters and combat stats as cumulative totals of the
 * current session. Lifetime totals add each report's increase over the last
 * report of the same session: a re-sent report adds nothing, a new session
 * starts from zero, and a total that drops within a session (the plugin
 * restarted counting) is taken as a restart, so its new value is the increase.
 */
export function cumulativeIncrease(previous: number | null | undefined, next: number): number {
  if (previous === null || previous === undefined) return next;
  return next >= previous ? next - previous : next;
}

/** Session key of a frame: its `session_id`, or `''` for plugins that send none. */
export function sessionKey(sessionId: string | null | undefined): string {
  return sessionId ?? '';
}
