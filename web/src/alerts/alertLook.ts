/**
 * How each kind of alert looks wherever it is shown (window rows, toasts,
 * filter chips): a glyph, a colour and a word. Glyphs are plain text symbols
 * that common system fonts carry (DejaVu has all of them), not emoji.
 */
import type { AlertType } from '../graph/generated/graphql';
import type { AlertItem } from './alertList';

/** One type's look. `colour` is a CSS colour, mostly the theme's variables. */
export interface AlertLook {
  glyph: string;
  colour: string;
  label: string;
}

export const ALERT_LOOKS: Readonly<Record<AlertType, AlertLook>> = {
  DEATH: { glyph: '☠', colour: 'var(--danger)', label: 'Death' },
  RARE: { glyph: '★', colour: 'var(--warning)', label: 'Rare' },
  IDLE: { glyph: '‖', colour: 'var(--state-idle)', label: 'Idle' },
  IDLE_ENDED: { glyph: '▶', colour: 'var(--ok)', label: 'Active again' },
  VORTEX: { glyph: '⚠', colour: '#c586f5', label: 'Vortex' },
  OFFLINE: { glyph: '○', colour: 'var(--muted)', label: 'Offline' },
  GOAL_REACHED: { glyph: '⚑', colour: 'var(--ok)', label: 'Goal reached' },
  LOOT: { glyph: '¤', colour: 'var(--warning)', label: 'Loot' },
};

/** The look of one alert: a common rare is quieter than a great one. */
export function alertLook(alert: Pick<AlertItem, 'type' | 'rare'>): AlertLook {
  if (alert.type === 'RARE' && alert.rare?.tier === 'COMMON') return { glyph: '◆', colour: '#b9a36a', label: 'Common rare' };
  if (alert.type === 'RARE') return { ...ALERT_LOOKS.RARE, label: 'Great rare' };
  return ALERT_LOOKS[alert.type];
}
