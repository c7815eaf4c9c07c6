import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuietTimer } from './quietTimer';

describe('createQuietTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, the delay after the last poke', () => {
    const action = vi.fn();
    const timer = createQuietTimer(2_000, action);
    timer.poke();
    vi.advanceTimersByTime(1_500);
    timer.poke();
    vi.advanceTimersByTime(1_999);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(action).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled', () => {
    const action = vi.fn();
    const timer = createQuietTimer(2_000, action);
    timer.poke();
    timer.cancel();
    vi.advanceTimersByTime(5_000);
    expect(action).not.toHaveBeenCalled();
  });
});
