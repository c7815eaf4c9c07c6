import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatDuration, formatFraction, formatNumber, formatRelative } from './format';

describe('formatNumber', () => {
  it('groups thousands and rounds to whole numbers by default', () => {
    expect(formatNumber(191249980721)).toBe('191,249,980,721');
    expect(formatNumber(999.5)).toBe('1,000');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-12345)).toBe('-12,345');
  });

  it('writes exactly the asked decimals, and a dash for nothing', () => {
    expect(formatNumber(2.5, 1)).toBe('2.5');
    expect(formatNumber(1234.5, 2)).toBe('1,234.50');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined, 1)).toBe('—');
  });

  it('writes fractions as percentages', () => {
    expect(formatFraction(0.1234)).toBe('12.3 %');
    expect(formatFraction(1)).toBe('100.0 %');
    expect(formatFraction(null)).toBe('—');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-05-01T12:00:00.000Z');
  it('says how long ago, in the largest whole unit', () => {
    expect(formatRelative('2026-05-01T12:00:00.400Z', now)).toBe('now');
    expect(formatRelative('2026-05-01T11:59:56.000Z', now)).toBe('4 s ago');
    expect(formatRelative('2026-05-01T11:59:00.001Z', now)).toBe('59 s ago');
    expect(formatRelative('2026-05-01T11:48:00.000Z', now)).toBe('12 min ago');
    expect(formatRelative('2026-05-01T09:00:00.000Z', now)).toBe('3 h ago');
    expect(formatRelative('2026-04-29T11:00:00.000Z', now)).toBe('2 d ago');
    expect(formatRelative(now - 4_000, now)).toBe('4 s ago');
  });

  it('treats a time ahead of the clock as now, and a missing one as never', () => {
    expect(formatRelative('2026-05-01T12:00:05.000Z', now)).toBe('now');
    expect(formatRelative(null, now)).toBe('never');
  });
});

describe('formatDuration', () => {
  it('counts to the second below an hour and to the minute above', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(-3)).toBe('0 s');
    expect(formatDuration(42.9)).toBe('42 s');
    expect(formatDuration(725)).toBe('12 min 05 s');
    expect(formatDuration(3 * 3600 + 7 * 60 + 59)).toBe('3 h 07 min');
    expect(formatDuration(173007)).toBe('2 d 00 h');
    expect(formatDuration(2 * 86_400 + 4 * 3600)).toBe('2 d 04 h');
  });
});

describe('formatDate', () => {
  it('writes a UTC calendar date', () => {
    expect(formatDate('2006-01-12T01:12:59.626Z')).toBe('12 Jan 2006');
    expect(formatDate('2006-01-11T23:59:59.000-02:00')).toBe('12 Jan 2006');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('soon')).toBe('—');
  });
});

describe('formatClock', () => {
  it('writes the local time of day', () => {
    const at = new Date(2026, 4, 1, 9, 5, 7).getTime();
    expect(formatClock(at)).toBe('09:05:07');
  });
});
