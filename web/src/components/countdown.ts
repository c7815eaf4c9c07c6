/**
 * Countdowns for values the plugin reports as "seconds left" (quest timers,
 * spell durations). A report carries no time of its own, so each value counts
 * down from the moment this page first saw it; a refresh that brings the same
 * report again does not restart it.
 */
export class CountdownClock {
  private readonly anchors = new Map<string, { reported: number; seenAt: number }>();

  /** Seconds left at `now` (ms) for the report `reported` under `key`; never below zero. */
  remaining(key: string, reported: number, now: number): number {
    let anchor = this.anchors.get(key);
    if (!anchor || anchor.reported !== reported) this.anchors.set(key, (anchor = { reported, seenAt: now }));
    return Math.max(0, reported - (now - anchor.seenAt) / 1000);
  }

  /** Forgets every anchor (another character is shown). */
  clear(): void {
    this.anchors.clear();
  }
}
