/**
 * Alerts as ingest stores and publishes them (`topics.alert`) and the
 * telemetry subgraph reads them: one shape, defined here for both.
 */
import { formatPlace, type Game } from '../game/coordinates.js';

export const ALERT_TYPES = ['DEATH', 'IDLE', 'IDLE_ENDED', 'VORTEX', 'RARE', 'OFFLINE', 'GOAL_REACHED', 'LOOT'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** A row of the `alerts` table, with its times as ISO text: the payload of `topics.alert`. */
export interface StoredAlert {
  /** A decimal integer that only grows. */
  id: string;
  type: AlertType;
  character_name: string;
  /** When it happened, by the plugin's clock. */
  occurred_at: string;
  /** When ingest stored it. */
  created_at: string;
  ew: number | null;
  ns: number | null;
  z: number | null;
  landblock: string | null;
  /**
   * The character's game, read from `live_characters` with the alert (an
   * alert row has no game of its own); null or absent when the character
   * has no live row, and then read as the first game.
   */
  game?: Game | null;
  /**
   * RARE: `name`, `tier`; VORTEX: `text`, `channel`, `sender`; IDLE, IDLE_ENDED: `idle_since`; OFFLINE: `last_seen_at`;
   * DEATH: `deaths` or `vitae_pct`; GOAL_REACHED: `goal`; LOOT: `name`, `value`, `min_value`.
   */
  detail: AlertDetail;
}

export interface AlertDetail {
  name?: string;
  tier?: 'common' | 'great';
  text?: string;
  channel?: string;
  sender?: string | null;
  idle_since?: string;
  last_seen_at?: string;
  deaths?: number;
  vitae_pct?: number;
  goal?: GoalDetail;
  value?: number;
  min_value?: number;
}

/** The goal a GOAL_REACHED alert is about, as it was set. */
export interface GoalDetail {
  id: string;
  kind: 'LEVEL' | 'EXPERIENCE' | 'KILLS' | 'RARES';
  target: number;
  monster: string | null;
  /** Who set it (an account's or a token's name). */
  set_by: string;
}

/** A goal as a person says it: `level 200`, `10,000,000 experience`, `50 kills of Drudge Slinker`, `3 rares`. */
export function goalText(goal: Pick<GoalDetail, 'kind' | 'target' | 'monster'>): string {
  const count = goal.target.toLocaleString('en-US');
  switch (goal.kind) {
    case 'LEVEL':
      return `level ${goal.target}`;
    case 'EXPERIENCE':
      return `${count} experience`;
    case 'KILLS':
      return `${count} kills of ${goal.monster ?? 'a monster'}`;
    case 'RARES':
      return goal.target === 1 ? '1 rare' : `${count} rares`;
  }
}

/**
 * The columns of `alerts` a query selects (or an insert returns) to read back
 * a {@link StoredAlert}; the table must be named `alerts`, not aliased. The
 * game is the character's (one primary-key probe of `live_characters`).
 */
export const STORED_ALERT_COLUMNS = `id::text AS id, type, character_name, to_json(occurred_at) #>> '{}' AS occurred_at,
  to_json(created_at) #>> '{}' AS created_at, ew, ns, z, landblock, detail,
  (SELECT live.game FROM live_characters AS live WHERE live.character_name = alerts.character_name) AS game`;

/** Where an alert happened as its game's players write it (`12.3N, 45.6E`, `x 12, y 64, z -30`); null when no position was reported. */
export function alertCoordinates(alert: StoredAlert): string | null {
  return alert.ew === null || alert.ns === null ? null : formatPlace(alert.game, { ew: alert.ew, ns: alert.ns, z: alert.z ?? 0 });
}

/** A length of time as a person says it: `45 s`, `12 min`, `2 h 5 min`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** The longest stretch of a chat line a summary quotes. */
const QUOTE_LENGTH = 120;

/** One line a person reads at a glance, e.g. `Vexor died at 12.3N, 45.6E`, `Alice died at x 12, y 64, z -30`. */
export function alertSummary(alert: StoredAlert): string {
  const who = alert.character_name;
  const coordinates = alertCoordinates(alert);
  const at = coordinates === null ? '' : ` at ${coordinates}`;
  const { detail } = alert;
  const since = (iso: string | undefined): string => (iso ? duration(Date.parse(alert.occurred_at) - Date.parse(iso)) : '');
  switch (alert.type) {
    case 'DEATH':
      return `${who} died${at}`;
    case 'IDLE':
      return `${who} has been idle for ${since(detail.idle_since)}${at}`;
    case 'IDLE_ENDED':
      return `${who} is active again after ${since(detail.idle_since)} idle${at}`;
    case 'VORTEX': {
      const text = detail.text ?? '';
      return `${who} saw a vortex warning${at}: "${text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text}"`;
    }
    case 'RARE':
      return `${who} found ${detail.name ?? 'a rare'} (${detail.tier === 'common' ? 'common' : 'great'} rare)${at}`;
    case 'OFFLINE':
      return `${who} stopped reporting ${since(detail.last_seen_at)} ago without logging out`;
    case 'GOAL_REACHED':
      return `${who} reached ${detail.goal ? goalText(detail.goal) : 'a goal'}${detail.goal ? ` (set by ${detail.goal.set_by})` : ''}`;
    case 'LOOT':
      return `${who} picked up ${detail.name ?? 'an item'} worth ${(detail.value ?? 0).toLocaleString('en-US')}${at}`;
  }
}
