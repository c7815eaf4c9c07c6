/**
 * What a character's automation is doing, as the map colours it. The plugin
 * reports VTank's state as free text (`Combat`, `Navigating`, `Idle`,
 * `Buffing`, `Dead` ...); each falls in one of a few categories, each with its
 * colour in styles.css (`--state-<category>`).
 */

export const STATE_CATEGORIES = ['combat', 'navigating', 'idle', 'dead', 'other'] as const;

export type StateCategory = (typeof STATE_CATEGORIES)[number];

/** The category of a reported state; unknown or missing states are `other`. */
export function stateCategory(state: string | null | undefined): StateCategory {
  const text = state?.trim().toLowerCase() ?? '';
  if (text.includes('dead') || text.includes('died')) return 'dead';
  if (text.includes('combat') || text.includes('fight')) return 'combat';
  if (text.includes('navigat')) return 'navigating';
  if (text.includes('idle')) return 'idle';
  return 'other';
}
