import { describe, expect, it } from 'vitest';
import type { FleetCharacter } from '../fleet/fleet';
import { DEFAULT_REPORT_INTERVAL_MS, easeInOut, Glides, headingBetween, headingTurn, isTeleport, MAX_GLIDE_MS, nextReportInterval } from './glide';

const T = Date.parse('2026-05-01T12:00:00.000Z');

function report(name: string, ns: number, ew: number, positionTime: number, heading: number | null = null): FleetCharacter {
  return { name, ns, ew, z: 0, heading, state: null, lastSeen: positionTime, positionTime };
}

/** Where `glides` draws `character` at `now`: [ns, ew, heading], and whether it still glides. */
function drawn(glides: Glides, character: FleetCharacter, now: number): { at: [number, number]; heading: number | null; gliding: boolean } {
  const gliding = glides.track(character, now);
  return { at: [glides.ns, glides.ew], heading: glides.heading, gliding };
}

describe('the ease and the turn', () => {
  it('eases in and out: slow at both ends, half way at half time, flat outside [0, 1]', () => {
    expect([-1, 0, 0.25, 0.5, 0.75, 1, 2].map(easeInOut)).toEqual([0, 0, 0.0625, 0.5, 0.9375, 1, 1]);
  });

  it('turns the shortest way round, through north when that is shorter', () => {
    expect(headingTurn(350, 10)).toBe(20);
    expect(headingTurn(10, 350)).toBe(-20);
    expect(headingTurn(0, 180)).toBe(180);
    expect(headingTurn(90, 90)).toBe(0);
    expect(headingBetween(350, 10, 0.5)).toBe(0);
    expect(headingBetween(350, 10, 0.25)).toBe(355);
    expect(headingBetween(10, 350, 0.75)).toBe(355);
  });
});

describe('the reporting interval', () => {
  it('moves a third of the way to each gap, leaving out pauses and gaps out of order', () => {
    expect(nextReportInterval(2_000, 1_000)).toBe(1_700);
    expect(nextReportInterval(2_000, 5_000)).toBe(2_900);
    expect(nextReportInterval(2_000, 8_001)).toBe(2_000);
    expect(nextReportInterval(2_000, -50)).toBe(2_000);
    expect(nextReportInterval(2_000, Number.NaN)).toBe(2_000);
    expect(nextReportInterval(9_900, 40_000)).toBe(9_900);
    expect(nextReportInterval(9_000, 30_000)).toBe(MAX_GLIDE_MS);
  });

  it('settles on the interval a character reports at', () => {
    let interval = DEFAULT_REPORT_INTERVAL_MS;
    for (let reports = 0; reports < 30; reports += 1) interval = nextReportInterval(interval, 500);
    expect(interval).toBeCloseTo(500, 0);
  });

  it('calls a jump far beyond running speed a teleport, and a run none', () => {
    expect(isTeleport(0.1, 2_000)).toBe(false);
    expect(isTeleport(1, 2_000)).toBe(false);
    expect(isTeleport(1.2, 2_000)).toBe(true);
    expect(isTeleport(1, 4_000)).toBe(false);
    expect(isTeleport(40, 60_000)).toBe(true);
  });
});

describe('Glides', () => {
  it('snaps a first fix, then glides to each report over the interval, eased in and out', () => {
    const glides = new Glides();
    expect(drawn(glides, report('Walker', 10, 20, T, 0), 1_000)).toEqual({ at: [10, 20], heading: 0, gliding: false });
    const next = report('Walker', 10.2, 20.1, T + 2_000, 90);
    expect(drawn(glides, next, 5_000)).toEqual({ at: [10, 20], heading: 0, gliding: true });
    const quarter = drawn(glides, next, 5_500);
    expect(quarter.at[0]).toBeCloseTo(10.0125, 10);
    expect(quarter.at[1]).toBeCloseTo(20.00625, 10);
    expect(quarter.heading).toBeCloseTo(5.625, 10);
    const half = drawn(glides, next, 6_000);
    expect(half.at[0]).toBeCloseTo(10.1, 10);
    expect(half.heading).toBeCloseTo(45, 10);
    expect(drawn(glides, next, 7_000)).toEqual({ at: [10.2, 20.1], heading: 90, gliding: false });
    expect(drawn(glides, next, 9_000).gliding).toBe(false);
  });

  it('starts the next glide from where the dot is drawn, and adapts its length to the reporting interval', () => {
    const glides = new Glides();
    glides.track(report('Runner', 0, 0, T), 0);
    glides.track(report('Runner', 0.1, 0, T + 1_000), 0);
    // Interval 2,000 + (1,000 - 2,000) × 0.3 = 1,700 ms; half of it is half the way.
    const half = drawn(glides, report('Runner', 0.1, 0, T + 1_000), 850);
    expect(half.at[0]).toBeCloseTo(0.05, 10);
    // A report at half way: the new glide starts at 0.05, not at the last report.
    const turn = report('Runner', 0.1, 0.1, T + 2_000);
    expect(drawn(glides, turn, 850).at).toEqual([0.05, 0]);
    // Interval 1,700 + (1,000 - 1,700) × 0.3 = 1,490 ms.
    expect(drawn(glides, turn, 850 + 1_489).gliding).toBe(true);
    expect(drawn(glides, turn, 850 + 1_491)).toEqual({ at: [0.1, 0.1], heading: null, gliding: false });
  });

  it('snaps a teleport instead of sliding across the world', () => {
    const glides = new Glides();
    glides.track(report('Recaller', 42.1, 33.6, T), 0);
    expect(drawn(glides, report('Recaller', -33.5, 72.8, T + 2_000), 10)).toEqual({ at: [-33.5, 72.8], heading: null, gliding: false });
  });

  it('reads a dot without taking in a report, forgets characters gone and snaps again after a clear', () => {
    const glides = new Glides();
    glides.track(report('Walker', 10, 20, T), 0);
    glides.track(report('Other', 1, 1, T), 0);
    glides.track(report('Walker', 10.2, 20, T + 2_000), 0);
    expect(glides.read('Walker', 1_000)).toBe(true);
    expect(glides.ns).toBeCloseTo(10.1, 10);
    expect(glides.target('Walker')).toEqual([10.2, 20]);
    expect(glides.read('Nobody', 1_000)).toBe(false);
    glides.prune(new Map([['Walker', 1]]));
    expect(glides.size).toBe(1);
    expect(glides.read('Other', 1_000)).toBe(false);
    glides.track(report('Third', 5, 5, T), 0);
    expect(glides.size).toBe(2);
    expect(glides.read('Walker', 1_000)).toBe(true);
    expect(glides.ns).toBeCloseTo(10.1, 10);
    glides.clear();
    expect(drawn(glides, report('Walker', 10.3, 20, T + 4_000), 1_000)).toEqual({ at: [10.3, 20], heading: null, gliding: false });
  });

  it('keeps a thousand glides apart in its typed arrays as they grow', () => {
    const glides = new Glides();
    for (let n = 0; n < 1_000; n += 1) glides.track(report(`C${n}`, n / 100, 0, T), 0);
    for (let n = 0; n < 1_000; n += 1) glides.track(report(`C${n}`, n / 100 + 0.1, 0, T + 2_000), 0);
    for (const n of [0, 63, 64, 999]) {
      expect(glides.read(`C${n}`, 1_000)).toBe(true);
      expect(glides.ns).toBeCloseTo(n / 100 + 0.05, 10);
    }
  });
});

describe('trails end at their dot', () => {
  it('cut at the dot while it glides to the last point', async () => {
    const { trailToDot } = await import('./trailSegments');
    const points: Array<[number, number]> = [[0, 0], [0.1, 0], [0.2, 0]];
    expect(trailToDot(points, [0.15, 0], [0.2, 0])).toEqual([[0, 0], [0.1, 0], [0.15, 0]]);
    expect(trailToDot(points, [0.2, 0], [0.2, 0])).toBe(points);
    expect(trailToDot(points, [0.25, 0], [0.3, 0])).toBe(points);
    expect(trailToDot(points, undefined, undefined)).toBe(points);
  });
});
