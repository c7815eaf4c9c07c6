/**
 * Countdowns for values the plugin reports as "seconds left" (quest timers,
 * spell durations): each counts from when the plugin reported it
 * (`reportedAt`, the frame's timestamp), so a report an hour old shows an
 * hour less, whenever the page loaded it.
 */

/**
 * Seconds left at `now` (ms) of `seconds` reported at `reportedAt`; never
 * below zero, and never more than reported (a plugin clock ahead of this
 * page's does not add time).
 */
export function secondsLeft(seconds: number, reportedAt: string, now: number): number {
  const elapsed = Math.max(0, now - Date.parse(reportedAt)) / 1000;
  return Math.max(0, seconds - elapsed);
}
