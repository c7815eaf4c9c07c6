import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { topics } from '@lifestone/lib/pubsub';
import { mergePositionBatches } from '../subscriptions.js';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const TICK_MS = 250;
const larsson = 'Sir Larsson';
const mira = 'Mira.Dawn';
const positionsSubscription = `subscription ($characters: [String!]) {
  positions(characters: $characters) { time positions { character time receivedAt position { ew ns z heading landblock } } }
}`;

const report = (character: string, ew: number, ns: number, timestamp: string) => ({
  type: 'telemetry',
  character_name: character,
  timestamp,
  ew,
  ns,
  z: 10,
  heading: 90,
  landblock: '0xA9B40019',
});

describe('the positions subscription', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness({ positionsTickMs: TICK_MS });
  });

  afterAll(() => harness?.close());

  /** Sends frames (ingest publishes their positions as it accepts them), then lets a tick pass. */
  async function sendThenTick(...frames: object[]): Promise<void> {
    if (frames.length > 0) await harness.send(...frames);
    await sleep(TICK_MS);
  }

  it('sends one batch per tick with the latest position of each character that moved, and nothing on a quiet tick', async () => {
    const subscribedBefore = harness.pubsub.subscribed.length;
    const everyone = await harness.subscribe(positionsSubscription);
    const onlyLarsson = await harness.subscribe(positionsSubscription, { characters: [larsson] });
    // Two subscribers, one pubsub subscription, to the telemetry topic.
    expect(harness.pubsub.subscribed.slice(subscribedBefore)).toEqual([topics.event('telemetry')]);

    const before = Date.now();
    await sendThenTick(
      report(larsson, 1, 1, '2026-03-01T10:00:00.000Z'),
      report(mira, 5, 5, '2026-03-01T10:00:00.500Z'),
      report(larsson, 2, 3, '2026-03-01T10:00:01.000Z'),
    );
    const received = await harness.stack.db.query<{ character_name: string; received_at: Date }>(
      'SELECT character_name, received_at FROM telemetry_events ORDER BY observed_at',
    );
    const receivedAt = (character: string) => received.rows.filter((row) => row.character_name === character).at(-1)?.received_at.toISOString();

    const batch = await everyone.next();
    expect(batch).toEqual({
      data: {
        positions: {
          time: expect.any(String),
          positions: [
            { character: mira, time: '2026-03-01T10:00:00.500Z', receivedAt: receivedAt(mira), position: { ew: 5, ns: 5, z: 10, heading: 90, landblock: '0xA9B40019' } },
            { character: larsson, time: '2026-03-01T10:00:01.000Z', receivedAt: receivedAt(larsson), position: { ew: 2, ns: 3, z: 10, heading: 90, landblock: '0xA9B40019' } },
          ].sort((a, b) => (a.character < b.character ? -1 : 1)),
        },
      },
    });
    const tickTime = Date.parse((batch.data as { positions: { time: string } }).positions.time);
    expect(tickTime).toBeGreaterThanOrEqual(before);
    expect(await onlyLarsson.next()).toMatchObject({
      data: { positions: { positions: [{ character: larsson, time: '2026-03-01T10:00:01.000Z', position: { ew: 2, ns: 3 } }] } },
    });

    // A quiet tick: nothing for anyone.
    await sendThenTick();
    expect(await everyone.nextWithin(100)).toBeUndefined();
    expect(await onlyLarsson.nextWithin(20)).toBeUndefined();

    // Only Mira moves: the filtered subscriber hears nothing.
    await sendThenTick(report(mira, 6, 5, '2026-03-01T10:00:02.000Z'));
    expect(await everyone.next()).toMatchObject({ data: { positions: { positions: [{ character: mira, position: { ew: 6, ns: 5 } }] } } });
    expect(await onlyLarsson.nextWithin(50)).toBeUndefined();

    // Larsson reports the same place again: not a change, so no message.
    await sendThenTick(report(larsson, 2, 3, '2026-03-01T10:00:03.000Z'));
    expect(await everyone.nextWithin(100)).toBeUndefined();
    expect(await onlyLarsson.nextWithin(20)).toBeUndefined();

    await everyone.close();
    await onlyLarsson.close();
    await vi.waitFor(() => expect(harness.pubsub.released).toContain(topics.event('telemetry')));
  });

  it('sends a batch as soon as telemetry arrives after a quiet tick, and never two within one tick', async () => {
    const feed = await harness.subscribe(positionsSubscription, { characters: [larsson] });
    // When the feed's pubsub handler gets each report (the test's handler is called after the feed's).
    const published: number[] = [];
    const watching = await harness.pubsub.subscribe(topics.event('telemetry'), () => void published.push(performance.now()));
    await sleep(2 * TICK_MS);

    /** When the next batch was made (its `time`), and when the test got it. */
    const nextBatch = async (): Promise<{ made: number; received: number }> => {
      const batch = await feed.next();
      return { made: Date.parse((batch.data as { positions: { time: string } }).positions.time), received: performance.now() };
    };
    await harness.send(report(larsson, 30, 1, '2026-03-01T12:00:00.000Z'));
    const first = await nextBatch();
    await harness.send(report(larsson, 31, 1, '2026-03-01T12:00:01.000Z'));
    const second = await nextBatch();
    await sleep(2 * TICK_MS);
    await harness.send(report(larsson, 32, 1, '2026-03-01T12:00:02.000Z'));
    const third = await nextBatch();

    // The second report waited for the tick; the first and third went out without waiting for one. Batch times are
    // whole milliseconds of the wall clock, and a timer fires on the event loop's whole-millisecond clock, up to a
    // millisecond early: a full tick can show as two less (seen at 248 for 250 under a loaded run of the suite).
    expect(second.made - first.made).toBeGreaterThanOrEqual(TICK_MS - 2);
    expect(published).toHaveLength(3);
    expect(first.received - (published[0] as number)).toBeLessThan(TICK_MS / 2);
    expect(third.received - (published[2] as number)).toBeLessThan(TICK_MS / 2);
    await watching.unsubscribe();
    await feed.close();
  });

  it('eighty frames from forty characters in one tick make one message, the latest of each', async () => {
    const feed = await harness.subscribe(positionsSubscription);
    const characters = Array.from({ length: 40 }, (_, index) => `Walker ${String(index).padStart(2, '0')}`);
    const frames = characters.flatMap((character, index) =>
      Array.from({ length: 2 }, (_, step) => report(character, index, step, `2026-03-01T11:00:0${step}.000Z`)),
    );
    await sendThenTick(...frames);
    const batch = await feed.next();
    const positions = (batch.data as { positions: { positions: Array<{ character: string; position: { ew: number; ns: number } }> } }).positions.positions;
    expect(positions.map(({ character, position }) => [character, position.ew, position.ns])).toEqual(characters.map((character, index) => [character, index, 1]));
    expect(await feed.nextWithin(50)).toBeUndefined();
    await feed.close();
  });

  it('keeps a region to the characters inside it, and sends one that leaves once more, outside it', async () => {
    const inRegion = `subscription ($region: MapRegion) { positions(region: $region) { positions { character position { ew ns } } } }`;
    const feed = await harness.subscribe(inRegion, { region: { west: 10, east: 20, south: -5, north: 5 } });
    const moves = async (...frames: object[]) => {
      await sendThenTick(...frames);
      const batch = await feed.nextWithin(TICK_MS);
      return (batch?.data as { positions: { positions: Array<{ character: string; position: { ew: number; ns: number } }> } } | undefined)?.positions.positions.map(
        ({ character, position }) => `${character} ${position.ew},${position.ns}`,
      );
    };
    // Mira inside (an edge counts), Larsson outside.
    expect(await moves(report(mira, 10, 5, '2026-03-01T13:00:00.000Z'), report(larsson, 50, 0, '2026-03-01T13:00:00.000Z'))).toEqual([`${mira} 10,5`]);
    // Larsson walks in; Mira walks out: sent once more, outside.
    expect(await moves(report(mira, 30, 5, '2026-03-01T13:00:01.000Z'), report(larsson, 15, 0, '2026-03-01T13:00:01.000Z'))).toEqual([`${mira} 30,5`, `${larsson} 15,0`]);
    // Mira moves on outside: nothing more of her.
    expect(await moves(report(mira, 40, 5, '2026-03-01T13:00:02.000Z'))).toBeUndefined();
    await feed.close();
  });

  it('refuses a region whose sides are swapped, naming the side', async () => {
    const inRegion = `subscription ($region: MapRegion) { positions(region: $region) { time } }`;
    await expect(harness.subscribe(inRegion, { region: { west: 20, east: 10, south: 0, north: 1 } })).rejects.toThrow(/region.east \(10\) is west of region.west \(20\).*BAD_USER_INPUT/);
    await expect(harness.subscribe(inRegion, { region: { west: 0, east: 1, south: 3, north: 2 } })).rejects.toThrow(/region.north.*BAD_USER_INPUT/);
  });

  it('refuses an empty character list', async () => {
    await expect(harness.subscribe(positionsSubscription, { characters: [] })).rejects.toThrow(/characters is empty.*BAD_USER_INPUT/);
  });
});

describe('positions of a subscriber that fell behind', () => {
  it('fold into one batch holding each character’s latest position, at the newer batch’s time', () => {
    const at = (character: string, ew: number) => ({ character, position: { ew, ns: 0, z: 0, heading: 0, landblock: '0x0' }, time: new Date(0), receivedAt: new Date(0) });
    const older = { time: new Date(1_000), positions: [at(mira, 1), at(larsson, 1)] };
    const newer = { time: new Date(2_000), positions: [at(larsson, 2)] };
    expect(mergePositionBatches(older, newer)).toEqual({ time: new Date(2_000), positions: [at(mira, 1), at(larsson, 2)] });
  });
});
