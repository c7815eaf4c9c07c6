import { createHash } from 'node:crypto';
import type { AlertType } from '@lifestone/lib/alerts';
import { rareTier } from '@lifestone/lib/game';
import { sessionKey } from '../derived/cumulative.js';
import type { AcceptedEvent, EventOf } from '../accepted-event.js';
import type { Observation } from './observation.js';

/** When alerts fire (see docs/configuration.md). */
export interface AlertSettings {
  /** Least time between two DEATH alerts of one character. @default 300000 */
  deathCooldownMs: number;
  /** How long a character must be idle without a break for an IDLE alert. @default 300000 */
  idleMs: number;
  /** How long a character must be silent, its plugin not closed cleanly, for an OFFLINE alert. @default 600000 */
  offlineMs: number;
  /** Chat lines that raise a VORTEX alert. @default /whirlwind of vortexes/i */
  vortexPattern: RegExp;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  deathCooldownMs: 300_000,
  idleMs: 300_000,
  offlineMs: 600_000,
  vortexPattern: /whirlwind of vortexes/i,
};

/**
 * How far (map units, 1 = 240 m) a character must get from where its idle
 * spell began for it to count as having moved: about 2.4 m, above the jitter
 * of a character standing still.
 */
export const MOVE_EPSILON = 0.01;

/** Where something happened. */
export interface Place { ew: number; ns: number; z: number; landblock: string | null }

/** An alert detection raised, before it is stored. */
export interface NewAlert {
  type: AlertType;
  character: string;
  /** When it happened, by the plugin's clock. */
  occurredAt: Date;
  place: Place | null;
  /** What the type needs beyond the rest (the rare, the chat line, the idle spell's start). */
  detail: Record<string, unknown>;
  /** What makes it the same alert when its frame arrives twice (see the alerts table). */
  dedupKey: string;
}

/** What detection remembers of a character between batches: a row of `alert_state`. */
export interface CharacterAlertState {
  /** The session of the latest telemetry considered. */
  session: string | null;
  /** The latest telemetry considered (plugin clock) and what it reported. */
  telemetryAt: Date | null;
  place: Place | null;
  kills: number | null;
  deaths: number | null;
  /** The earliest report of the deaths counter's current value (plugin clock). */
  deathsSince: Date | null;
  /** The latest vitals considered (plugin clock) and their vitae. */
  vitalsAt: Date | null;
  vitae: number | null;
  /** The earliest report of the current run of vitae (none, or some). */
  vitaeSince: Date | null;
  /** The last DEATH alert's time, for the cooldown. */
  lastDeathAt: Date | null;
  /** The idle spell under way (null: active), where it began, and whether its IDLE alert fired. */
  idleSince: Date | null;
  idleAnchor: { ew: number; ns: number } | null;
  idleAlerted: boolean;
}

export const EMPTY_STATE: CharacterAlertState = {
  session: null, telemetryAt: null, place: null, kills: null, deaths: null, deathsSince: null, vitalsAt: null, vitae: null,
  vitaeSince: null, lastDeathAt: null, idleSince: null, idleAnchor: null, idleAlerted: false,
};

/** The frames whose order matters to a character's state: positions and counters, and vitals (own or shared). */
export type StatefulEvent = EventOf<'telemetry'> | EventOf<'vitals'> | EventOf<'share_vitals'>;

export function isStateful(event: AcceptedEvent): event is StatefulEvent {
  return event.type === 'telemetry' || event.type === 'vitals' || event.type === 'share_vitals';
}


/**
 * Runs one character's telemetry and vitals through its state, in the order
 * the plugin observed them. A frame as old as the latest of its kind (a
 * resend) changes nothing. An older one (overtaken on the way: frames of a
 * connection that was dropped, committed after those of its successor) only
 * tells about the past: a death it reveals (vitae none in it, some since; a
 * lower deaths counter in it) is placed at the earliest report of the change,
 * and the cooldown keeps one that was already raised from being raised again.
 * So however frames are repeated, reordered or split over batches,
 * reconnects and ingest instances, each death and idle spell is seen once.
 */
export function detectCharacter(
  character: string,
  before: CharacterAlertState,
  events: readonly StatefulEvent[],
  settings: AlertSettings,
): { state: CharacterAlertState; alerts: NewAlert[] } {
  const state: CharacterAlertState = { ...before };
  const alerts: NewAlert[] = [];
  const died = (at: Date, place: Place | null, detail: Record<string, unknown>): void => {
    if (state.lastDeathAt && Math.abs(at.getTime() - state.lastDeathAt.getTime()) < settings.deathCooldownMs) return;
    state.lastDeathAt = at;
    alerts.push({ type: 'DEATH', character, occurredAt: at, place, detail, dedupKey: '' });
  };
  const ordered = events.map((event) => ({ session: sessionKey(event.session), seen: event.observation })).sort((a, b) => a.seen.at - b.seen.at);
  for (const { session, seen } of ordered) {
    if (seen.kind === 'position') position(character, state, session, seen, settings, died, alerts);
    else vitae(state, seen, died);
  }
  return { state, alerts };
}

type Died = (at: Date, place: Place | null, detail: Record<string, unknown>) => void;

function position(
  character: string,
  state: CharacterAlertState,
  session: string,
  seen: Extract<Observation, { kind: 'position' }>,
  settings: AlertSettings,
  died: Died,
  alerts: NewAlert[],
): void {
  const at = new Date(seen.at);
  const place: Place = { ew: seen.ew, ns: seen.ns, z: seen.z, landblock: seen.landblock };
  if (state.telemetryAt && at <= state.telemetryAt) {
    const since = state.deathsSince;
    if (at < state.telemetryAt && since && at < since && state.session === session && seen.deaths !== null && state.deaths !== null) {
      if (seen.deaths < state.deaths) died(since, place, { deaths: state.deaths });
      else if (seen.deaths === state.deaths) state.deathsSince = at;
    }
    return;
  }
  // Silent for longer than the offline time: whatever it did meanwhile is not known, so a spell starts afresh.
  const continuous = state.telemetryAt !== null && state.session === session && at.getTime() - state.telemetryAt.getTime() <= settings.offlineMs;
  if (continuous && seen.deaths !== null && state.deaths !== null && seen.deaths > state.deaths) {
    // Where it died is where it last was: this frame already shows it back at its lifestone.
    died(at, state.place ?? place, { deaths: seen.deaths });
  }
  const killed = continuous && seen.kills !== null && state.kills !== null && seen.kills > state.kills;
  if (!continuous) {
    state.idleSince = null;
    state.idleAlerted = false;
    state.idleAnchor = { ew: place.ew, ns: place.ns };
  } else {
    const anchor = state.idleAnchor ?? place;
    const moved = Math.hypot(place.ew - anchor.ew, place.ns - anchor.ns) > MOVE_EPSILON;
    if (seen.idle || (!moved && !killed)) {
      state.idleSince ??= at;
      if (!state.idleAlerted && at.getTime() - state.idleSince.getTime() >= settings.idleMs) {
        state.idleAlerted = true;
        alerts.push({ type: 'IDLE', character, occurredAt: at, place, detail: { idle_since: state.idleSince.toISOString() }, dedupKey: '' });
      }
    } else {
      if (state.idleAlerted && state.idleSince) {
        alerts.push({ type: 'IDLE_ENDED', character, occurredAt: at, place, detail: { idle_since: state.idleSince.toISOString() }, dedupKey: '' });
      }
      state.idleSince = null;
      state.idleAlerted = false;
      state.idleAnchor = { ew: place.ew, ns: place.ns };
    }
  }
  const deaths = seen.deaths ?? (continuous ? state.deaths : null);
  if (!continuous || deaths !== state.deaths) state.deathsSince = at;
  state.kills = seen.kills ?? (continuous ? state.kills : null);
  state.deaths = deaths;
  state.session = session;
  state.telemetryAt = at;
  state.place = place;
}

function vitae(state: CharacterAlertState, seen: Extract<Observation, { kind: 'vitae' }>, died: Died): void {
  const at = new Date(seen.at);
  const { vitae } = seen;
  if (vitae === null) return;
  // Vitae outlasts a logout, so none before and some after is a death whatever the sessions.
  if (!state.vitalsAt || state.vitae === null || at > state.vitalsAt) {
    if (state.vitae === 0 && vitae > 0) died(at, state.place, { vitae_pct: vitae });
    if (state.vitae === null || state.vitae > 0 !== vitae > 0) state.vitaeSince = at;
    state.vitalsAt = at;
    state.vitae = vitae;
    return;
  }
  const since = state.vitaeSince;
  if (at >= state.vitalsAt || !since || at >= since) return;
  if (vitae === 0 && state.vitae > 0) died(since, state.place, { vitae_pct: state.vitae });
  else if (vitae > 0 === state.vitae > 0) state.vitaeSince = at;
}

/** A VORTEX alert when the chat line matches the pattern. */
export function detectVortex(event: EventOf<'chat'>, place: Place | null, settings: AlertSettings): NewAlert | undefined {
  const { text, channel, sender, timestamp } = event.frame;
  settings.vortexPattern.lastIndex = 0;
  if (!settings.vortexPattern.test(text)) return undefined;
  return {
    type: 'VORTEX',
    character: event.character,
    occurredAt: timestamp,
    place,
    detail: { text, channel, sender: sender ?? null },
    dedupKey: createHash('sha256').update(`${channel}\u0000${text}`).digest('base64url'),
  };
}

/** The RARE alert of a rare found. */
export function rareAlert(event: EventOf<'rare'>): NewAlert {
  const { name, ew, ns, z, landblock, timestamp } = event.frame;
  return {
    type: 'RARE',
    character: event.character,
    occurredAt: timestamp,
    place: { ew, ns, z, landblock: landblock ?? null },
    detail: { name, tier: rareTier(name) },
    dedupKey: name,
  };
}
