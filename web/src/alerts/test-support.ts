/** For the alerts tests only: alerts as the graph sends them, and the graph's answers about them. */
import type { AlertType } from '../graph/generated/graphql';
import type { AlertItem } from './alertList';

/** Alert number `id` of `character`, its cursor `c<id>`, `seconds` into 2026-05-01 12:00 (local time). */
export function alertItem(id: number, type: AlertType, character = 'Vexor', seconds = id): AlertItem {
  const rare = type === 'RARE' ? { name: 'Ring of Channeling', tier: 'GREAT' as const } : null;
  return {
    id: String(id),
    cursor: `c${id}`,
    type,
    character,
    characterLookalikes: [],
    time: new Date(2026, 4, 1, 12, 0, seconds).toISOString(),
    summary: `${character} ${type.toLowerCase()} ${id}`,
    coordinates: '12.3N, 45.6E',
    rare,
  };
}

/** A common rare. */
export function commonRare(id: number, character = 'Vexor'): AlertItem {
  return { ...alertItem(id, 'RARE', character), rare: { name: 'Pearl of Blood Drinking', tier: 'COMMON' } };
}

/** A connection page as `alerts` answers it: newest first. */
export function alertPage(nodes: readonly AlertItem[], more = false) {
  const edges = [...nodes].sort((a, b) => Number(b.id) - Number(a.id)).map((node) => ({ node }));
  return { alerts: { edges, pageInfo: { hasNextPage: more, hasPreviousPage: more } } };
}
