import { describe, expect, it } from 'vitest';
import { HealthTier, healthTier, lastRefusal, refusedTotal, worstFirst, type HealthRow } from './health';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
const row = (name: string, online: boolean, lastSeenMinutesAgo: number | null, latencyMs: number | null, refusals: Array<[string, number, number]> = []): HealthRow => ({
  name,
  online,
  lastSeen: lastSeenMinutesAgo === null ? null : ago(lastSeenMinutesAgo),
  plugin: { memMb: 400, cpuPct: 10, latencyMs },
  refusals: refusals.map(([code, count, minutesAgo]) => ({ code, count, lastMessage: `${code} message`, lastAt: ago(minutesAgo) })),
});

describe('plugin health', () => {
  it('puts the worst first: just stopped, refusing, by latency, long silent', () => {
    const rows = [
      row('Quiet', true, 0, 40),
      row('Laggy', true, 0, 900),
      row('LongGone', false, 600, null),
      row('JustStopped', false, 5, 50),
      row('StoppedEarlier', false, 50, 50),
      row('Refuser', true, 0, 20, [['INVALID_FRAME', 3, 2], ['RATE_LIMITED', 9, 30]]),
      row('WorseRefuser', true, 0, 20, [['UNKNOWN_TYPE', 40, 1]]),
      row('OldRefuser', true, 0, 30, [['INVALID_FRAME', 500, 20]]),
      row('Never', false, null, null),
    ];
    expect(worstFirst(rows, now).map((entry) => entry.name)).toEqual([
      'JustStopped', 'StoppedEarlier', 'WorseRefuser', 'Refuser', 'Laggy', 'Quiet', 'OldRefuser', 'LongGone', 'Never',
    ]);
  });

  it('names the tier, the total refused and the last refusal', () => {
    const refuser = row('Refuser', true, 0, 20, [['INVALID_FRAME', 3, 2], ['RATE_LIMITED', 9, 30]]);
    expect(healthTier(refuser, now)).toBe(HealthTier.Refusing);
    expect(healthTier(row('A', true, 0, 1, [['INVALID_FRAME', 1, 11]]), now)).toBe(HealthTier.Reporting);
    expect(healthTier(row('B', false, 60, 1), now)).toBe(HealthTier.StoppedReporting);
    expect(healthTier(row('C', false, 61, 1), now)).toBe(HealthTier.LongSilent);
    expect(refusedTotal(refuser)).toBe(12);
    expect(lastRefusal(refuser)).toEqual({ code: 'INVALID_FRAME', count: 3, lastMessage: 'INVALID_FRAME message', lastAt: ago(2) });
    expect(lastRefusal(row('D', true, 0, 1))).toBeUndefined();
  });
});
