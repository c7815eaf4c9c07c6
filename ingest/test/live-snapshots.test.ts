import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { startTestIngest, TEST_SECRET } from '@lifestone/test-kit/ingest';
import { connectPlugin } from '@lifestone/test-kit/plugin';
import { sendAndFlush } from '@lifestone/test-kit/plugin-session';
import type { EventOf } from '../src/accepted-event.js';
import { LiveSnapshots, updateLiveCharacters } from '../src/store/live.js';
import { acceptedEventOf } from './events.js';

/**
 * A character's live row is written at most every `liveWriteMs`: at once
 * when the character is new, then what its frames bring waits for its time
 * and goes with a later batch, on its own when no batch comes, or on close.
 */

const T = Date.parse('2026-11-26T10:00:00.000Z');
const telemetry = (name: string, seconds: number, ew: number) =>
  ({ type: 'telemetry', character_name: name, session_id: 's1', timestamp: new Date(T + seconds * 1000).toISOString(), ew, ns: 2, z: 0 });
const event = (name: string, seconds: number, ew: number) =>
  acceptedEventOf(telemetry(name, seconds, ew), new Date(T + seconds * 1000)) as EventOf<'telemetry'>;

describe('LiveSnapshots', () => {
  const names = (rows: ReadonlyMap<string, unknown>): string[] => [...rows.keys()];

  it('writes a new character at once, then each at most every writeMs, the latest of what waited', () => {
    const live = new LiveSnapshots(1000);
    const first = live.plan([event('Ann', 0, 1), event('Bob', 0, 1)], 0);
    expect(names(first.rows)).toEqual(['Ann', 'Bob']);
    first.commit();
    const early = live.plan([event('Ann', 1, 2), event('Ann', 2, 3)], 400);
    expect(names(early.rows)).toEqual([]);
    early.commit();
    expect(live.nextDueIn(400)).toBe(600);
    // Bob brought nothing: Ann alone is due, with her latest position.
    const due = live.plan([], 1000);
    expect(names(due.rows)).toEqual(['Ann']);
    expect(due.rows.get('Ann')?.position).toBe(event('Ann', 2, 3).live);
    due.commit();
    expect(live.nextDueIn(1000)).toBeUndefined();
  });

  it('keeps nothing of a batch whose transaction did not commit', () => {
    const live = new LiveSnapshots(1000);
    live.plan([event('Ann', 0, 1)], 0).commit();
    // Planned, not committed (its transaction failed): as if it never came.
    live.plan([event('Ann', 1, 99)], 100);
    expect(live.nextDueIn(100)).toBeUndefined();
    live.plan([event('Ann', 2, 2)], 200).commit();
    expect(live.plan([], 1200).rows.get('Ann')?.position).toBe(event('Ann', 2, 2).live);
  });

  it('gives every waiting row on close, and with writeMs 0 every row of every batch', () => {
    const live = new LiveSnapshots(60_000);
    live.plan([event('Ann', 0, 1)], 0).commit();
    live.plan([event('Ann', 1, 2)], 10).commit();
    expect(names(live.plan([], 20).rows)).toEqual([]);
    expect(names(live.plan([], 20, true).rows)).toEqual(['Ann']);

    const always = new LiveSnapshots(0);
    always.plan([event('Ann', 0, 1)], 0).commit();
    expect(names(always.plan([event('Ann', 1, 2)], 1).rows)).toEqual(['Ann']);
    expect(always.nextDueIn(1)).toBeUndefined();
  });

  it('forgets a character that went away only once nothing of it waits', () => {
    const live = new LiveSnapshots(1000);
    live.plan([event('Ann', 0, 1), event('Bob', 0, 1)], 0).commit();
    live.plan([event('Ann', 1, 2)], 10).commit();
    live.forget('Ann');
    live.forget('Bob');
    expect([...live.characters()]).toEqual(['Ann']);
    expect(names(live.plan([], 1000).rows)).toEqual(['Ann']);
  });
});

describe("a character's live row, written every liveWriteMs", () => {
  const suite = useTestPool();

  const ewOf = async (name: string): Promise<number | undefined> => {
    const { rows } = await suite.pool.query<{ ew: number }>('SELECT ew FROM live_characters WHERE character_name = $1', [name]);
    return rows[0]?.ew;
  };

  it('is there with the first frame; what came after waits for its time, or for the close', async () => {
    const stack = await startTestIngest({ database: suite.database, liveWriteMs: 60_000 });
    try {
      const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      await sendAndFlush(stack, plugin, [telemetry('Glider', 0, 1)]);
      expect(await ewOf('Glider')).toBe(1);
      await sendAndFlush(stack, plugin, [telemetry('Glider', 1, 2)]);
      // Stored as sent; the live row waits for its time, a minute away.
      const { rows } = await suite.pool.query('SELECT ew FROM telemetry_events WHERE character_name = $1 ORDER BY observed_at', ['Glider']);
      expect(rows).toEqual([{ ew: 1 }, { ew: 2 }]);
      expect(await ewOf('Glider')).toBe(1);
      plugin.close();
    } finally {
      await stack.close();
    }
    expect(await ewOf('Glider')).toBe(2);
  });

  it('catches up on its own when frames stop', async () => {
    const stack = await startTestIngest({ database: suite.database, liveWriteMs: 1000 });
    try {
      const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      await sendAndFlush(stack, plugin, [telemetry('Drifter', 0, 1)]);
      await sendAndFlush(stack, plugin, [telemetry('Drifter', 1, 2)]);
      // No batch comes after it: the lane writes the row once its time has come and it has been idle for a second.
      await expect.poll(() => ewOf('Drifter'), { timeout: 5_000, interval: 50 }).toBe(2);
      plugin.close();
    } finally {
      await stack.close();
    }
  });

  it('refuses to start where a character still reporting would look silent to the offline sweep', async () => {
    await expect(startTestIngest({ database: suite.database, liveWriteMs: 5000, alerts: { offlineMs: 10_000 } })).rejects.toThrow(
      /LIFESTONE_OFFLINE_ALERT_MS \(10000\) must be at least twice LIFESTONE_LIVE_WRITE_MS \(5000\)/,
    );
  });

  it('is not moved back by a row last seen before the stored one', async () => {
    const client = await suite.pool.connect();
    try {
      const rows = (name: string, seconds: number, ew: number) => {
        const live = new LiveSnapshots(0);
        return live.plan([event(name, seconds, ew)], 0).rows;
      };
      await updateLiveCharacters(client, rows('Laggard', 10, 10));
      await updateLiveCharacters(client, rows('Laggard', 5, 5));
      expect(await ewOf('Laggard')).toBe(10);
      await updateLiveCharacters(client, rows('Laggard', 11, 11));
      expect(await ewOf('Laggard')).toBe(11);
    } finally {
      client.release();
    }
  });
});
