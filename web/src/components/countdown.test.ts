import { describe, expect, it } from 'vitest';
import { CountdownClock } from './countdown';

describe('CountdownClock', () => {
  it('counts a report down from when it was first seen, to zero and no further', () => {
    const clock = new CountdownClock();
    expect(clock.remaining('Stipend', 120, 10_000)).toBe(120);
    expect(clock.remaining('Stipend', 120, 40_000)).toBe(90);
    expect(clock.remaining('Stipend', 120, 500_000)).toBe(0);
  });

  it('keeps counting when a refresh brings the same report, and restarts on a new one', () => {
    const clock = new CountdownClock();
    clock.remaining('Aerbax', 3600, 0);
    expect(clock.remaining('Aerbax', 3600, 60_000)).toBe(3540);
    expect(clock.remaining('Aerbax', 7200, 61_000)).toBe(7200);
    expect(clock.remaining('Aerbax', 7200, 62_500)).toBe(7198.5);
  });

  it('keeps each key apart, and forgets them all on clear', () => {
    const clock = new CountdownClock();
    clock.remaining('a', 100, 0);
    expect(clock.remaining('b', 50, 10_000)).toBe(50);
    expect(clock.remaining('a', 100, 10_000)).toBe(90);
    clock.clear();
    expect(clock.remaining('a', 100, 20_000)).toBe(100);
  });
});
