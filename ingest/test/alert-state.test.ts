import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { DEFAULT_ALERT_SETTINGS } from '../src/alerts/detect.js';
import { ALERT_STATE_WRITE_MS, detectAlerts, insertAlerts, type AlertMemory } from '../src/alerts/store.js';
import type { AcceptedEvent } from '../src/accepted-event.js';
import { acceptedEventOf } from './events.js';
import { recordStatements } from './statements.js';

/**
 * What `alert_state` holds while a lane remembers its characters: what
 * detection keeps is written at once, the position and kills at most every
 * ALERT_STATE_WRITE_MS; a lane that starts afresh (a restart, another
 * ingest) carries on from the row without a false or a repeated alert.
 */

const T0 = Date.parse('2026-11-22T12:00:00.000Z');
const who = 'Wanderer';
const telemetry = (ms: number, ew: number, extra: Record<string, unknown> = {}) =>
  acceptedEventOf({ type: 'telemetry', character_name: who, session_id: 's1', timestamp: T0 + ms, ew, ns: 5, z: 0, kills: 3, deaths: 0, vt_state: 'Combat', ...extra });
const vitae = (ms: number, pct: number) =>
  acceptedEventOf({ type: 'vitals', character_name: who, session_id: 's1', timestamp: T0 + ms, health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: pct });

describe('alert_state as lanes write it', () => {
  const db = useTestPool();

  /** One batch in a transaction of its own, `now` ms after T0 on the lane's clock; the alerts' types. Its statements' texts go to `statements`. */
  async function batch(memory: AlertMemory, now: number, events: AcceptedEvent[], statements: string[] = []): Promise<string[]> {
    const client = await db.pool.connect();
    const recorded = recordStatements(client);
    try {
      await client.query('BEGIN');
      // As the writer does: detection, then the alerts' insert.
      const { found, remember } = await detectAlerts(client, events, DEFAULT_ALERT_SETTINGS, memory, T0 + now);
      const alerts = await insertAlerts(client, found);
      await client.query('COMMIT');
      remember();
      return alerts.map((alert) => alert.type);
    } finally {
      statements.push(...recorded.statements);
      recorded.restore();
      client.release();
    }
  }

  const stored = async () =>
    (await db.pool.query<{ ew: number; last_death_at: Date | null }>('SELECT ew, last_death_at FROM alert_state WHERE character_name = $1', [who])).rows[0];

  it('writes what detection keeps at once, and the position at most every ALERT_STATE_WRITE_MS', async () => {
    const lane: AlertMemory = new Map();
    await batch(lane, 0, [telemetry(0, 1), vitae(500, 0)]);
    expect(await stored()).toMatchObject({ ew: 1, last_death_at: null });

    await batch(lane, 2_000, [telemetry(2_000, 2), vitae(2_500, 0)]);
    expect((await stored())?.ew).toBe(1);
    // A death changes what detection keeps: the row is written, the newest position with it.
    expect(await batch(lane, 4_000, [telemetry(4_000, 3), vitae(4_500, 5)])).toEqual(['DEATH']);
    expect(await stored()).toMatchObject({ ew: 3, last_death_at: new Date(T0 + 4_500) });

    await batch(lane, 6_000, [telemetry(6_000, 4)]);
    expect((await stored())?.ew).toBe(3);
    await batch(lane, 4_000 + ALERT_STATE_WRITE_MS, [telemetry(8_000, 5)]);
    expect((await stored())?.ew).toBe(5);

    // A lane starting afresh reads the row: the same death is not reported again, and the next one is.
    const fresh: AlertMemory = new Map();
    expect(await batch(fresh, 10_000, [telemetry(10_000, 6), vitae(10_500, 5)])).toEqual([]);
    expect(await batch(fresh, 400_000, [telemetry(400_000, 7), vitae(400_500, 0)])).toEqual([]);
    expect(await batch(fresh, 402_000, [telemetry(402_000, 7), vitae(402_500, 5)])).toEqual(['DEATH']);
  });

  it('reads the row again once another writer changed it, and only then', async () => {
    const character = 'Traveller';
    const at = (ms: number, pct: number) => [
      acceptedEventOf({ type: 'telemetry', character_name: character, session_id: 's1', timestamp: T0 + ms, ew: 1 + ms / 1000, ns: 5, z: 0, kills: 3, deaths: 0, vt_state: 'Combat' }),
      acceptedEventOf({ type: 'vitals', character_name: character, session_id: 's1', timestamp: T0 + ms + 500, health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: pct }),
    ];
    const readsRow = (statements: string[]) => statements.some((text) => text.includes('SELECT character_name, session_id'));
    const here: AlertMemory = new Map();
    const there: AlertMemory = new Map();
    await batch(here, 0, at(0, 0));
    const version = here.get(character)?.version;
    expect(version).toMatch(/^\d+$/);
    // Nothing else wrote the row: it is locked, not read; the lane's state carries on and the version stays.
    const unchanged: string[] = [];
    await batch(here, 2_000, at(2_000, 0), unchanged);
    expect(readsRow(unchanged)).toBe(false);
    expect(here.get(character)?.version).toBe(version);
    // Another ingest (a lane of its own) reads the row, and records a death: the row's version changes.
    const elsewhere: string[] = [];
    expect(await batch(there, 4_000, at(4_000, 5), elsewhere)).toEqual(['DEATH']);
    expect(readsRow(elsewhere)).toBe(true);
    expect(there.get(character)?.version).not.toBe(version);
    // This lane reads the row again, finds the death stored, and does not report it again.
    const changed: string[] = [];
    expect(await batch(here, 6_000, at(6_000, 5), changed)).toEqual([]);
    expect(readsRow(changed)).toBe(true);
    expect(here.get(character)?.state.vitae).toBe(5);
  });
});
