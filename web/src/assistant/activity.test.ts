import { describe, expect, it } from 'vitest';
import { ACTIVE_MS, FADE_MS, focusOpacity, sessionActivity } from './activity';

describe('session activity', () => {
  const last = 1_000_000;

  it('is active until 10 s after the last trace, idle from then on', () => {
    expect(ACTIVE_MS).toBe(10_000);
    expect(sessionActivity(last, last)).toBe('active');
    expect(sessionActivity(last, last + 9_999)).toBe('active');
    expect(sessionActivity(last, last + 10_000)).toBe('idle');
    expect(sessionActivity(last, last + 60_000)).toBe('idle');
  });

  it('keeps highlights whole while active, then fades them out linearly over 2 s', () => {
    expect(FADE_MS).toBe(2_000);
    expect(focusOpacity(last, last + 9_999)).toBe(1);
    expect(focusOpacity(last, last + 10_000)).toBe(1);
    expect(focusOpacity(last, last + 10_500)).toBe(0.75);
    expect(focusOpacity(last, last + 11_000)).toBe(0.5);
    expect(focusOpacity(last, last + 12_000)).toBe(0);
    expect(focusOpacity(last, last + 30_000)).toBe(0);
  });
});
