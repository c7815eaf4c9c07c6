import { describe, expect, it } from 'vitest';
import { statusSpans, uptimeShare } from './uptime';

const t = (hour: number) => Date.parse('2026-03-01T00:00:00.000Z') + hour * 3_600_000;
const iso = (hour: number) => new Date(t(hour)).toISOString();

describe('server uptime', () => {
  it('lays the changes, newest first, out as spans from the start of the window to now', () => {
    const changes = [
      { status: 'UP' as const, at: iso(10) },
      { status: 'DOWN' as const, at: iso(8) },
      { status: 'UP' as const, at: iso(-5) },
    ];
    const spans = statusSpans(changes, t(0), t(12));
    expect(spans).toEqual([
      { status: 'UP', from: t(0), to: t(8) },
      { status: 'DOWN', from: t(8), to: t(10) },
      { status: 'UP', from: t(10), to: t(12) },
    ]);
    expect(uptimeShare(spans)).toBe(10 / 12);
  });

  it('counts time before the first change as unknown, and leaves it out of the share', () => {
    const spans = statusSpans([{ status: 'DOWN', at: iso(6) }, { status: 'UP', at: iso(3) }], t(0), t(12));
    expect(spans).toEqual([
      { status: 'UNKNOWN', from: t(0), to: t(3) },
      { status: 'UP', from: t(3), to: t(6) },
      { status: 'DOWN', from: t(6), to: t(12) },
    ]);
    expect(uptimeShare(spans)).toBe(3 / 9);
    expect(uptimeShare(statusSpans([], t(0), t(1)))).toBeNull();
  });

  it('merges repeated statuses into one span', () => {
    expect(statusSpans([{ status: 'UP', at: iso(2) }, { status: 'UP', at: iso(1) }], t(0), t(4))).toEqual([
      { status: 'UNKNOWN', from: t(0), to: t(1) },
      { status: 'UP', from: t(1), to: t(4) },
    ]);
  });
});
