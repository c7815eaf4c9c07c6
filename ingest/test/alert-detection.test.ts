import { describe, expect, it } from 'vitest';
import type { Frame } from '../../lib/protocol/index.js';
import {
  DEFAULT_ALERT_SETTINGS, detectCharacter, detectVortex, EMPTY_STATE, rareAlert,
  type AlertSettings, type CharacterAlertState, type NewAlert, type StatefulEvent,
} from '../src/alerts/detect.js';
import type { EventOf } from '../src/accepted-event.js';
import { acceptedEventOf } from './events.js';

/**
 * Detection on its own: one character's frames, in and out of order, against
 * what it remembers. (gateway/test/graph/alerts.test.ts runs it through ingest,
 * PostgreSQL and the gateway.)
 */

const T0 = Date.parse('2026-11-22T12:00:00.000Z');
const MIN = 60_000;
const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, deathCooldownMs: 5 * MIN, idleMs: 5 * MIN, offlineMs: 10 * MIN };
const who = 'Vexor';

function event<T extends Frame['type']>(raw: Record<string, unknown> & { type: T }): EventOf<T> {
  return acceptedEventOf({ character_name: who, session_id: 's1', ...raw }, new Date(T0)) as EventOf<T>;
}

/** Telemetry `ms` after T0 at (ew, ns). */
const at = (ms: number, ew: number, ns: number, extra: Record<string, unknown> = {}): EventOf<'telemetry'> =>
  event({ type: 'telemetry', timestamp: T0 + ms, ew, ns, z: 0, kills: 0, deaths: 0, vt_state: 'Combat', ...extra });
const vitae = (ms: number, pct: number): EventOf<'vitals'> =>
  event({ type: 'vitals', timestamp: T0 + ms, health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: pct });

/** Runs `batches` one after another, as successive writer batches would; every alert raised. */
function run(batches: StatefulEvent[][], start: CharacterAlertState = EMPTY_STATE): { state: CharacterAlertState; alerts: NewAlert[] } {
  let state = start;
  const alerts: NewAlert[] = [];
  for (const batch of batches) {
    const result = detectCharacter(who, state, batch, settings);
    state = result.state;
    alerts.push(...result.alerts);
  }
  return { state, alerts };
}

const types = (alerts: readonly NewAlert[]): string[] => alerts.map((alert) => `${alert.type}@${(alert.occurredAt.getTime() - T0) / 1000}`);

/** Telemetry every 2 s from `fromMs` to `toMs` at one spot. */
function standing(fromMs: number, toMs: number, ew = 10, ns = 20, extra: Record<string, unknown> = {}): EventOf<'telemetry'>[] {
  const frames: EventOf<'telemetry'>[] = [];
  for (let ms = fromMs; ms <= toMs; ms += 2000) frames.push(at(ms, ew, ns, extra));
  return frames;
}

describe('DEATH', () => {
  it('fires when vitae goes from none to some, where the character last was', () => {
    const { alerts } = run([[at(0, 12.34, -45.6), vitae(500, 0)], [vitae(4000, 5)]]);
    expect(types(alerts)).toEqual(['DEATH@4']);
    expect(alerts[0]?.place).toMatchObject({ ew: 12.34, ns: -45.6 });
  });

  it('fires when the deaths counter rises, placed before the respawn', () => {
    const { alerts } = run([[at(0, 1, 1, { deaths: 2 }), at(2000, 1.5, 1, { deaths: 2 })], [at(4000, 90, 90, { deaths: 3 })]]);
    expect(types(alerts)).toEqual(['DEATH@4']);
    expect(alerts[0]?.place).toMatchObject({ ew: 1.5, ns: 1 });
  });

  it('fires once for a death both signals report, and once per cooldown however often it dies', () => {
    const { alerts } = run([
      [at(0, 1, 1, { deaths: 0 }), vitae(0, 0)],
      [at(2000, 1, 1, { deaths: 1 }), vitae(2500, 5)],
      [vitae(60_000, 0), vitae(62_000, 5), at(64_000, 1, 1, { deaths: 2 })],
      [vitae(5 * MIN + 3000, 0), vitae(5 * MIN + 3000 + 1, 10)],
    ]);
    expect(types(alerts)).toEqual(['DEATH@2', 'DEATH@303.001']);
  });

  it('does not fire on a new session whose counter starts again, nor on a first report with vitae', () => {
    const { alerts } = run([[vitae(0, 5), at(0, 1, 1, { deaths: 4 })], [event({ type: 'telemetry', session_id: 's2', timestamp: T0 + 2000, ew: 1, ns: 1, z: 0, deaths: 1 })]]);
    expect(alerts).toEqual([]);
  });

  it('counts a repeated or overtaken frame once, in or across batches', () => {
    const died = [vitae(0, 0), vitae(2000, 5)];
    const inOrder = run([died]).alerts;
    expect(types(run([[...died].reverse()]).alerts)).toEqual(types(inOrder));
    // The death's frame arrives twice, and an older frame (vitae 0) after it: nothing more.
    expect(types(run([[died[0]!], [died[1]!], [died[1]!], [died[0]!]]).alerts)).toEqual(['DEATH@2']);
    expect(types(run([[died[1]!, died[0]!, died[1]!]]).alerts)).toEqual(['DEATH@2']);
  });

  it('finds a death whose frames straddle batches in the wrong order (a dropped connection committed late)', () => {
    // The successor's frames (vitae since 2 s) are stored first, the dropped connection's (none at 1 s) after.
    expect(types(run([[vitae(2000, 5), vitae(4000, 5)], [vitae(0, 0), vitae(1000, 0)]]).alerts)).toEqual(['DEATH@2']);
    const counter = run([[at(4000, 50, 50, { deaths: 3 }), at(6000, 50, 50, { deaths: 3 })], [at(0, 1, 1, { deaths: 2 }), at(2000, 1.2, 1, { deaths: 2 })]]);
    expect(types(counter.alerts)).toEqual(['DEATH@4']);
    expect(counter.alerts[0]?.place).toMatchObject({ ew: 1, ns: 1 });
    // Seen in order before, the late frames raise nothing more.
    const inOrder = [vitae(0, 0), vitae(2000, 5), at(0, 1, 1, { deaths: 2 }), at(2000, 1, 1, { deaths: 3 })];
    expect(types(run([inOrder, [vitae(1000, 0), at(1000, 1, 1, { deaths: 2 })]]).alerts)).toEqual(['DEATH@2']);
  });
});

describe('IDLE', () => {
  it('fires once after the idle time without a break, and IDLE_ENDED when it moves again', () => {
    const { alerts } = run([standing(0, 6 * MIN), [at(6 * MIN + 2000, 11, 20)], standing(6 * MIN + 4000, 7 * MIN, 11, 20)]);
    expect(types(alerts)).toEqual(['IDLE@302', 'IDLE_ENDED@362']);
    expect(alerts[0]?.detail).toEqual({ idle_since: new Date(T0 + 2000).toISOString() });
  });

  it('never fires for blips shorter than the idle time', () => {
    const frames: EventOf<'telemetry'>[] = [];
    for (let minute = 0; minute < 30; minute += 4) {
      frames.push(...standing(minute * MIN, minute * MIN + 3 * MIN, minute, 0));
      frames.push(at(minute * MIN + 3 * MIN + 2000, minute + 0.5, 0, { kills: minute + 1 }));
    }
    expect(run([frames]).alerts).toEqual([]);
  });

  it('counts a kill as activity, and an automation that says Idle as idle even when nudged', () => {
    const killing = standing(0, 10 * MIN).map((frame, index) => at(frame.observation.at - T0, 10, 20, { kills: index }));
    expect(run([killing]).alerts).toEqual([]);
    const nudged = standing(0, 6 * MIN).map((frame, index) => at(frame.observation.at - T0, 10 + index * 0.05, 20, { vt_state: 'Idle' }));
    expect(types(run([nudged]).alerts)).toEqual(['IDLE@302']);
  });

  it('starts afresh after a silence longer than the offline time, or a new session', () => {
    const silent = run([standing(0, 4 * MIN), standing(15 * MIN, 18 * MIN)]);
    expect(silent.alerts).toEqual([]);
    const relogged = run([standing(0, 4 * MIN), standing(4 * MIN + 2000, 8 * MIN, 10, 20, { session_id: 's2' })]);
    expect(relogged.alerts).toEqual([]);
  });

  it('is the same whichever way the frames are split and shuffled', () => {
    const frames = [...standing(0, 6 * MIN), at(6 * MIN + 2000, 30, 30)];
    const expected = types(run([frames]).alerts);
    const split = run([frames.slice(0, 50), frames.slice(50, 120), frames.slice(120)]).alerts;
    const shuffledWithin = run([frames.slice(0, 100).reverse(), frames.slice(100).reverse()]).alerts;
    expect(types(split)).toEqual(expected);
    expect(types(shuffledWithin)).toEqual(expected);
    expect(expected).toEqual(['IDLE@302', 'IDLE_ENDED@362']);
  });
});

describe('VORTEX and RARE', () => {
  it('match the vortex pattern whatever the case, keyed by the line', () => {
    const line = event({ type: 'chat', channel: 'Local', text: 'You are caught in a WHIRLWIND of vortexes!', timestamp: T0 });
    const alert = detectVortex(line, null, settings);
    expect(alert).toMatchObject({ type: 'VORTEX', detail: { text: 'You are caught in a WHIRLWIND of vortexes!', channel: 'Local' } });
    expect(detectVortex(line, null, settings)?.dedupKey).toBe(alert?.dedupKey);
    expect(detectVortex(event({ type: 'chat', channel: 'Local', text: 'a vortex', timestamp: T0 }), null, settings)).toBeUndefined();
  });

  it('tiers a rare', () => {
    expect(rareAlert(event({ type: 'rare', name: 'Sunstone of Vigor', ew: 1, ns: 2, z: 3, timestamp: T0 })).detail).toEqual({ name: 'Sunstone of Vigor', tier: 'common' });
    expect(rareAlert(event({ type: 'rare', name: "Guardian's Pendant", ew: 1, ns: 2, z: 3, timestamp: T0 })).detail).toEqual({ name: "Guardian's Pendant", tier: 'great' });
  });
});
