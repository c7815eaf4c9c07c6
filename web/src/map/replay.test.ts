import { describe, expect, it } from 'vitest';
import { latestWithData, play, replayedFleet, replayStepSeconds, seek, startClock, tick, type ReplayData } from './replay';

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const STEP = 60_000;
const data: ReplayData = {
  times: [T0, T0 + STEP, T0 + 2 * STEP],
  tracks: [
    { character: 'Walker', ns: [10, 11, 12], ew: [20, 20, 21], heading: [0, 90, 180], state: ['Navigating', 'Combat', 'Combat'] },
    { character: 'Recaller', ns: [10, 42.1, 42.1], ew: [20, 33.6, 33.6], heading: [null, null, null], state: [null, 'Idle', 'Idle'] },
    { character: 'Leaver', ns: [5, null, null], ew: [5, null, null], heading: [45, null, null], state: ['Idle', null, null] },
  ],
};
const at = (time: number) => Object.fromEntries(replayedFleet(data, time).map(({ name, ns, ew, heading, state }) => [name, { ns, ew, heading, state }]));

describe('replayedFleet', () => {
  it('walks a character in a straight line between two samples, eased in and out, turning on the way, in the nearer sample’s state', () => {
    // A quarter of the time is 1/16 of the way (cubic ease-in-out), half the time half the way.
    expect(at(T0 + STEP / 4).Walker).toEqual({ ns: 10.0625, ew: 20, heading: 5.625, state: 'Navigating' });
    expect(at(T0 + STEP + STEP / 2).Walker).toEqual({ ns: 11.5, ew: 20.5, heading: 135, state: 'Combat' });
    expect(at(T0 + STEP + (STEP * 3) / 4).Walker).toEqual({ ns: 11.9375, ew: 20.9375, heading: 174.375, state: 'Combat' });
  });

  it('jumps a recall rather than walking it, at half way', () => {
    expect(at(T0 + STEP * 0.49).Recaller).toEqual({ ns: 10, ew: 20, heading: null, state: null });
    expect(at(T0 + STEP * 0.5).Recaller).toEqual({ ns: 42.1, ew: 33.6, heading: null, state: 'Idle' });
  });

  it('keeps a character that logged off until half way to the sample without it', () => {
    expect(at(T0 + STEP * 0.4).Leaver).toEqual({ ns: 5, ew: 5, heading: 45, state: 'Idle' });
    expect(at(T0 + STEP * 0.6).Leaver).toBeUndefined();
  });

  it('holds the first samples before the window and the last ones after it', () => {
    expect(at(T0 - STEP).Walker).toEqual({ ns: 10, ew: 20, heading: 0, state: 'Navigating' });
    expect(at(T0 + 10 * STEP).Walker).toEqual({ ns: 12, ew: 21, heading: 180, state: 'Combat' });
    expect(replayedFleet({ times: [], tracks: [] }, T0)).toEqual([]);
  });
});

describe('the replay clock', () => {
  it('opens paused at the most recent moment with data, at 60×', () => {
    expect(latestWithData(data)).toBe(T0 + 2 * STEP);
    const leaverOnly = { times: data.times, tracks: data.tracks.filter((track) => track.character === 'Leaver') };
    expect(latestWithData(leaverOnly)).toBe(T0);
    expect(latestWithData({ times: data.times, tracks: [] })).toBeUndefined();
    expect(startClock(T0 - STEP, T0 + 3 * STEP, T0)).toEqual({ from: T0 - STEP, to: T0 + 3 * STEP, time: T0, playing: false, speed: 60 });
    expect(startClock(T0, T0 + STEP, undefined).time).toBe(T0 + STEP);
  });

  it('plays at 60×, and pauses at the end', () => {
    const clock = play(startClock(T0, T0 + 3_600_000, T0));
    expect(clock).toEqual({ from: T0, to: T0 + 3_600_000, time: T0, playing: true, speed: 60 });
    expect(tick(clock, 1_000)).toMatchObject({ time: T0 + 60_000, playing: true });
    expect(tick({ ...clock, speed: 10 }, 1_000)).toMatchObject({ time: T0 + 10_000, playing: true });
    expect(tick(clock, 3_600_000)).toMatchObject({ time: T0 + 3_600_000, playing: false });
  });

  it('stands still while paused, seeks inside the window, and plays again from the start once at the end', () => {
    const paused = startClock(T0, T0 + 60_000, T0);
    expect(tick(paused, 5_000)).toBe(paused);
    expect(seek(paused, T0 + 30_000).time).toBe(T0 + 30_000);
    expect(seek(paused, T0 - 1).time).toBe(T0);
    expect(seek(paused, T0 + 99_000).time).toBe(T0 + 60_000);
    expect(play(seek(paused, T0 + 60_000))).toMatchObject({ time: T0, playing: true });
    expect(play(seek(paused, T0 + 30_000))).toMatchObject({ time: T0 + 30_000, playing: true });
  });

  it('cuts a window into about 360 steps of at least 10 s', () => {
    expect([1, 3, 6].map(replayStepSeconds)).toEqual([10, 30, 60]);
    expect(replayStepSeconds(0.1)).toBe(10);
  });
});
