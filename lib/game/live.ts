/**
 * When a character counts as live: the rule the graph's `livePlayers` and
 * `online` apply and the dashboard's map follows, so both drop a character
 * at the same moment.
 */

/** A character is live, online, for this long after ingest received its last frame. */
export const LIVE_WINDOW_MS = 30_000;
