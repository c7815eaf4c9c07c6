/**
 * The plugin health window's logic: how bad each character's plugin looks,
 * and the order that puts the worst first.
 */
import type { PluginHealthQuery } from '../graph/generated/graphql';

/** One row of the plugin health window. */
export type HealthRow = PluginHealthQuery['characters'][number];

/** How long a silence stays "just stopped reporting" before it reads as logged off. */
export const RECENT_SILENCE_MS = 60 * 60_000;
/** How recent a refused frame must be to put its character among the troubled. */
export const RECENT_REFUSAL_MS = 10 * 60_000;

/** Where a character stands, worst first. */
export enum HealthTier {
  /** No frame for 30 s, the last less than an hour ago: the plugin or the game stopped. */
  StoppedReporting = 0,
  /** Reporting, with a frame refused in the last 10 minutes. */
  Refusing = 1,
  /** Reporting, nothing refused lately. */
  Reporting = 2,
  /** Silent for over an hour (or never seen): most likely logged off. */
  LongSilent = 3,
}

/** Frames refused over every code. */
export function refusedTotal(row: Pick<HealthRow, 'refusals'>): number {
  return row.refusals.reduce((sum, refusal) => sum + refusal.count, 0);
}

/** The latest refusal over every code; undefined when none. */
export function lastRefusal(row: Pick<HealthRow, 'refusals'>): HealthRow['refusals'][number] | undefined {
  let latest: HealthRow['refusals'][number] | undefined;
  for (const refusal of row.refusals) if (!latest || Date.parse(refusal.lastAt) > Date.parse(latest.lastAt)) latest = refusal;
  return latest;
}

/** The tier of `row` at `now` (ms). */
export function healthTier(row: HealthRow, now: number): HealthTier {
  if (!row.online) {
    const lastSeen = row.lastSeen ? Date.parse(row.lastSeen) : Number.NEGATIVE_INFINITY;
    return now - lastSeen <= RECENT_SILENCE_MS ? HealthTier.StoppedReporting : HealthTier.LongSilent;
  }
  const latest = lastRefusal(row);
  return latest && now - Date.parse(latest.lastAt) <= RECENT_REFUSAL_MS ? HealthTier.Refusing : HealthTier.Reporting;
}

const descending = (a: number | null | undefined, b: number | null | undefined): number => (b ?? -1) - (a ?? -1);

/**
 * `rows` worst first: by tier (see {@link HealthTier}); among the silent the
 * most recently seen first; among the refusing the most frames refused first;
 * then the highest latency, CPU and memory; then by name.
 */
export function worstFirst(rows: readonly HealthRow[], now: number): HealthRow[] {
  const tiers = new Map(rows.map((row) => [row.name, healthTier(row, now)]));
  return [...rows].sort((left, right) => {
    const tier = tiers.get(left.name) ?? HealthTier.Reporting;
    if (tier !== tiers.get(right.name)) return tier - (tiers.get(right.name) ?? HealthTier.Reporting);
    const silent = descending(left.online ? null : Date.parse(left.lastSeen ?? ''), right.online ? null : Date.parse(right.lastSeen ?? ''));
    return (
      (Number.isNaN(silent) ? 0 : silent) ||
      (tier === HealthTier.Refusing ? descending(refusedTotal(left), refusedTotal(right)) : 0) ||
      descending(left.plugin?.latencyMs, right.plugin?.latencyMs) ||
      descending(left.plugin?.cpuPct, right.plugin?.cpuPct) ||
      descending(left.plugin?.memMb, right.plugin?.memMb) ||
      left.name.localeCompare(right.name)
    );
  });
}
