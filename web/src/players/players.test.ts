import { describe, expect, it } from 'vitest';
import { sortRows } from '../components/sort';
import { playerColumns, searchPlayers, stateColor } from './players';

const row = (name: string, state: string | null, lastSeen: string | null) => ({
  name,
  lookalikes: [],
  online: true,
  state,
  lastSeen,
  stats: null,
  vitals: null,
  sessionCounters: null,
});

describe('players', () => {
  const rows = [row('Belsandre', 'Combat', '2026-05-01T12:00:00.000Z'), row('Ceric', null, null), row('Beran', 'Idle', '2026-05-01T12:00:05.000Z')];

  it('finds players by a part of their name or state, ignoring case and surrounding spaces', () => {
    expect(searchPlayers(rows, ' be ').map((player) => player.name)).toEqual(['Belsandre', 'Beran']);
    expect(searchPlayers(rows, 'COMBAT').map((player) => player.name)).toEqual(['Belsandre']);
    expect(searchPlayers(rows, '   ')).toHaveLength(3);
  });

  it('sorts by last seen as a time, never-seen players last', () => {
    expect(sortRows(rows, { key: 'lastSeen', direction: 'desc' }, playerColumns).map((player) => player.name)).toEqual(['Beran', 'Belsandre', 'Ceric']);
  });

  it('colours states like the map does', () => {
    expect(stateColor('Combat')).toBe('var(--state-combat)');
    expect(stateColor('navigating')).toBe('var(--state-navigating)');
    expect(stateColor('Idle')).toBe('var(--state-idle)');
    expect(stateColor('Dead')).toBe('var(--state-dead)');
    expect(stateColor('Looting')).toBe('var(--state-other)');
    expect(stateColor(null)).toBe('var(--state-other)');
  });
});
