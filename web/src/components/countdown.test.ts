import { describe, expect, it } from 'vitest';
import { secondsLeft } from './countdown';

describe('secondsLeft', () => {
  const reportedAt = '2026-03-01T10:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts a report down from when the plugin made it, to zero and no further', () => {
    expect(secondsLeft(120, reportedAt, at('2026-03-01T10:00:00.000Z'))).toBe(120);
    expect(secondsLeft(120, reportedAt, at('2026-03-01T10:00:30.000Z'))).toBe(90);
    expect(secondsLeft(120, reportedAt, at('2026-03-01T10:00:31.500Z'))).toBe(88.5);
    expect(secondsLeft(120, reportedAt, at('2026-03-01T11:00:00.000Z'))).toBe(0);
  });

  it('shows an old report with the time that passed since, whenever the page first sees it', () => {
    expect(secondsLeft(3600, reportedAt, at('2026-03-01T10:45:00.000Z'))).toBe(900);
  });

  it('never adds time when the plugin clock is ahead of the page', () => {
    expect(secondsLeft(60, reportedAt, at('2026-03-01T09:59:00.000Z'))).toBe(60);
  });
});
