import { describe, expect, it } from 'vitest';
import type { FleetIssuesQuery } from '../graph/generated/graphql';
import { fleetIssues } from './issues';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MINUTE = 60_000;

type Row = FleetIssuesQuery['characters'][number];
const character = (name: string, extra: Partial<Row> = {}): Row => ({ name, online: true, state: 'Combat', lastSeen: ago(1_000), refusals: [], stuck: null, ...extra });
const alert = (type: 'IDLE' | 'IDLE_ENDED', name: string, time: string) => ({ node: { type, character: name, time } });

describe('fleetIssues', () => {
  it('lists what needs a person, worst first, and nothing for a fleet at work', () => {
    const data: FleetIssuesQuery = {
      characters: [
        character('Fine'),
        character('Corpse', { state: 'Dead' }),
        character('Gone', { online: false, lastSeen: ago(5 * MINUTE) }),
        character('Logged Off', { online: false, lastSeen: ago(3 * 3_600_000) }),
        character('Refused', { refusals: [{ code: 'INVALID_FRAME', count: 3, lastMessage: 'ns must be a number', lastAt: ago(2 * MINUTE) }] }),
        character('Refused Long Ago', { refusals: [{ code: 'INVALID_FRAME', count: 9, lastMessage: 'old', lastAt: ago(30 * MINUTE) }] }),
        character('Dozer', { state: 'Idle' }),
        character('Woke Up', { state: 'Navigating' }),
        character('Wall Runner', { state: 'Navigating', stuck: { since: ago(6 * MINUTE), state: 'Navigating', extent: 0.03 } }),
        // Stuck and idle at once (it stood still): listed once, as stuck.
        character('Frozen', { stuck: { since: ago(5 * MINUTE), state: 'Combat', extent: 0 } }),
      ],
      serverStatus: [
        { server: 'Coldeve', status: 'UP', since: ago(3_600_000) },
        { server: 'Frostfell', status: 'DOWN', since: ago(15 * MINUTE) },
      ],
    };
    const idle = [alert('IDLE', 'Frozen', ago(4 * MINUTE)), alert('IDLE', 'Dozer', ago(20 * MINUTE)), alert('IDLE', 'Woke Up', ago(30 * MINUTE)), alert('IDLE_ENDED', 'Woke Up', ago(10 * MINUTE))];
    expect(fleetIssues(data, idle, NOW).map(({ kind, subject, since }) => `${kind} ${subject} ${since ?? '-'}`)).toEqual([
      `SERVER_DOWN Frostfell ${ago(15 * MINUTE)}`,
      'DEAD Corpse -',
      `STOPPED Gone ${ago(5 * MINUTE)}`,
      `REFUSING Refused ${ago(2 * MINUTE)}`,
      `STUCK Wall Runner ${ago(6 * MINUTE)}`,
      `STUCK Frozen ${ago(5 * MINUTE)}`,
      `IDLE Dozer ${ago(20 * MINUTE)}`,
    ]);
    expect(fleetIssues(data, idle, NOW)[4]?.detail).toBe('Its automation says Navigating, yet for 5 minutes it has killed nothing and kept within 7 m: against a wall, a door or a ledge.');
    expect(fleetIssues(data, idle, NOW)[3]?.detail).toBe('3 frames refused; the last: ns must be a number');
    expect(fleetIssues({ characters: [character('Fine')], serverStatus: [] }, [], NOW)).toEqual([]);
  });
});
