import type { PoolClient } from 'pg';
import type { GoalDetail } from '@lifestone/lib/alerts';
import type { NewAlert } from './detect.js';
import type { PickedUp } from '../store/inventory.js';
import { queryPrepared } from '../store/upserts.js';

interface ReachedGoal {
  id: string;
  character_name: string;
  kind: GoalDetail['kind'];
  target: string;
  monster: string | null;
  owner_name: string;
}

/**
 * Marks reached the open goals of `characters` whose progress (the
 * `goal_progress` view) came to their target with this batch, and returns
 * their GOAL_REACHED alerts. The update is the claim: of two writers that
 * see the same goal reached, one alone raises its alert.
 */
export async function reachGoals(client: PoolClient, characters: readonly string[], now: Date): Promise<NewAlert[]> {
  if (characters.length === 0) return [];
  const { rows } = await queryPrepared<ReachedGoal>(
    client,
    `UPDATE goals g SET reached_at = $2
       FROM goal_progress p
      WHERE p.id = g.id AND g.reached_at IS NULL AND g.character_name = ANY($1::text[]) AND p.progress >= p.target
      RETURNING g.id::text AS id, g.character_name, g.kind, g.target::text AS target, g.monster, g.owner_name`,
    [[...new Set(characters)].sort(), now],
  );
  return rows.map((goal) => ({
    type: 'GOAL_REACHED',
    character: goal.character_name,
    occurredAt: now,
    place: null,
    detail: { goal: { id: goal.id, kind: goal.kind, target: Number(goal.target), monster: goal.monster, set_by: goal.owner_name } satisfies GoalDetail },
    dedupKey: goal.id,
  }));
}

/**
 * LOOT alerts for the items picked up worth at least the fleet's threshold
 * (`loot_settings`, set with `setLootAlertThreshold`); none while it is unset.
 */
export async function lootAlerts(client: PoolClient, pickedUp: readonly PickedUp[]): Promise<NewAlert[]> {
  const valued = pickedUp.filter(({ item }) => (item.value ?? 0) > 0);
  if (valued.length === 0) return [];
  const { rows } = await queryPrepared<{ min_value: string | null }>(client, 'SELECT min_value FROM loot_settings', []);
  const threshold = rows[0]?.min_value === null || rows[0] === undefined ? null : Number(rows[0].min_value);
  if (threshold === null) return [];
  return valued
    .filter(({ item }) => (item.value ?? 0) >= threshold)
    .map(({ character, item, at }) => ({
      type: 'LOOT',
      character,
      occurredAt: at,
      place: null,
      detail: { name: item.name ?? `item ${item.id}`, value: item.value ?? 0, min_value: threshold },
      dedupKey: String(item.id),
    }));
}
