import { describe, expect, it } from 'vitest';
import { sortRows } from '../components/sort';
import { avoidRate, elementLabel, monsterColumns } from './combat';

describe('combat figures', () => {
  it('writes elements as the game does', () => {
    expect(elementLabel('slash')).toBe('Slash');
    expect(elementLabel('electric')).toBe('Electric');
    expect(elementLabel('')).toBe('');
  });

  it('counts evaded and resisted attacks over every attack received', () => {
    expect(avoidRate({ hits: 93, evades: 106, resists: 9 })).toBeCloseTo(115 / 208, 12);
    expect(avoidRate({ hits: 0, evades: 0, resists: 0 })).toBeNull();
  });

  it('sorts monsters by any column, monsters never hit last', () => {
    const offense = (damage: number, accuracy: number | null, averageHit: number | null) => ({ hits: 1, misses: 0, crits: 0, damage, maxHit: 0, accuracy, averageHit, critRate: null });
    const defense = (damage: number) => ({ hits: 0, evades: 0, resists: 0, damage });
    const monsters = [
      { monster: 'Tusker Guard', kills: 4, offense: offense(900, 0.9, 225), defense: defense(50), byElement: [] },
      { monster: 'Armoredillo', kills: 9, offense: offense(400, 0.5, 44.4), defense: defense(300), byElement: [] },
      { monster: 'Olthoi Soldier', kills: 0, offense: offense(0, null, null), defense: defense(10), byElement: [] },
    ];
    expect(sortRows(monsters, { key: 'accuracy', direction: 'desc' }, monsterColumns).map((row) => row.monster)).toEqual(['Tusker Guard', 'Armoredillo', 'Olthoi Soldier']);
    expect(sortRows(monsters, { key: 'taken', direction: 'desc' }, monsterColumns).map((row) => row.monster)).toEqual(['Armoredillo', 'Tusker Guard', 'Olthoi Soldier']);
    expect(sortRows(monsters, { key: 'monster', direction: 'asc' }, monsterColumns).map((row) => row.monster)).toEqual(['Armoredillo', 'Olthoi Soldier', 'Tusker Guard']);
  });
});
