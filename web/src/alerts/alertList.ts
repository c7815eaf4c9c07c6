/**
 * Lists of alerts as the dashboard holds them: newest first, each alert once
 * (by id), whatever mix of history pages, live messages and catch-ups they
 * came from; and the window's filter.
 */
import type { AlertRowFragment, AlertType } from '../graph/generated/graphql';

/** One alert as the window, the toasts and the feed read it. */
export type AlertItem = AlertRowFragment;

/** Every alert type, in the order the filter offers them. */
export const ALERT_TYPES: readonly AlertType[] = ['DEATH', 'RARE', 'IDLE', 'IDLE_ENDED', 'VORTEX', 'OFFLINE', 'GOAL_REACHED', 'LOOT'];

/**
 * Orders two alert ids, which are decimal integers that only grow (possibly
 * past 2^53, so compared as text): negative when `a` is older.
 */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * `list` with `added` merged in, newest first, each id once, at most `limit`
 * (the oldest go). Returns `list` itself when nothing new was added, so that
 * a repeated message causes no re-render.
 */
export function mergeAlerts(list: readonly AlertItem[], added: readonly AlertItem[], limit = Number.POSITIVE_INFINITY): readonly AlertItem[] {
  const known = new Set(list.map((alert) => alert.id));
  const fresh = added.filter((alert) => {
    if (known.has(alert.id)) return false;
    known.add(alert.id);
    return true;
  });
  if (!fresh.length) return list;
  const merged = [...list, ...fresh].sort((a, b) => compareIds(b.id, a.id));
  return merged.length > limit ? merged.slice(0, limit) : merged;
}

/**
 * The Alerts window's type chips, each meaning "this type": from every type
 * (the "All" chip), a chip picks only its type; with some picked, it adds or
 * removes its own; removing the last one picked is every type again.
 */
export function pickAlertType(types: ReadonlySet<AlertType>, type: AlertType): ReadonlySet<AlertType> {
  if (types.size === ALERT_TYPES.length) return new Set([type]);
  const next = new Set(types);
  if (!next.delete(type)) next.add(type);
  return next.size === 0 ? new Set(ALERT_TYPES) : next;
}

/** What the Alerts window shows: the types ticked, and one character or every one. */
export interface AlertFilter {
  types: ReadonlySet<AlertType>;
  character: string | undefined;
}

/** Whether `alert` passes `filter`. */
export function alertMatches(alert: AlertItem, filter: AlertFilter): boolean {
  return filter.types.has(alert.type) && (filter.character === undefined || alert.character === filter.character);
}

/**
 * The `alerts` arguments for `filter`: omitted (null) where it keeps
 * everything, since the graph refuses an empty list; undefined when the
 * filter keeps nothing at all (no type ticked) and there is nothing to ask.
 */
export function alertQueryFilter(filter: AlertFilter): { types: AlertType[] | null; characters: string[] | null } | undefined {
  if (filter.types.size === 0) return undefined;
  return {
    types: filter.types.size === ALERT_TYPES.length ? null : ALERT_TYPES.filter((type) => filter.types.has(type)),
    characters: filter.character === undefined ? null : [filter.character],
  };
}

/** Whether `alert` deserves a toast: deaths and great rares, the ones a person acts on at once. */
export function isToastWorthy(alert: AlertItem): boolean {
  return alert.type === 'DEATH' || (alert.type === 'RARE' && alert.rare?.tier === 'GREAT');
}
