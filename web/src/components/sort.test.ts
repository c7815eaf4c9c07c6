import { describe, expect, it } from 'vitest';
import { nextSort, sortRows, type SortState } from './sort';

interface Row {
  name: string;
  kph: number | null;
}

const rows: Row[] = [
  { name: 'beran', kph: 12 },
  { name: 'Alold', kph: null },
  { name: 'Char 10', kph: 40.5 },
  { name: 'Char 9', kph: 12 },
];
const columns = { name: (row: Row) => row.name, kph: (row: Row) => row.kph };

describe('sortRows', () => {
  it('sorts text case-insensitively with numbers in order', () => {
    expect(sortRows(rows, { key: 'name', direction: 'asc' }, columns).map((row) => row.name)).toEqual(['Alold', 'beran', 'Char 9', 'Char 10']);
    expect(sortRows(rows, { key: 'name', direction: 'desc' }, columns).map((row) => row.name)).toEqual(['Char 10', 'Char 9', 'beran', 'Alold']);
  });

  it('sorts numbers by value, keeps ties in order and puts missing values last both ways', () => {
    expect(sortRows(rows, { key: 'kph', direction: 'desc' }, columns).map((row) => row.name)).toEqual(['Char 10', 'beran', 'Char 9', 'Alold']);
    expect(sortRows(rows, { key: 'kph', direction: 'asc' }, columns).map((row) => row.name)).toEqual(['beran', 'Char 9', 'Char 10', 'Alold']);
  });

  it('leaves the input alone', () => {
    sortRows(rows, { key: 'name', direction: 'asc' }, columns);
    expect(rows[0]?.name).toBe('beran');
  });
});

describe('nextSort', () => {
  const byName: SortState<'name' | 'kph'> = { key: 'name', direction: 'asc' };
  it('flips the direction of the current column and starts another in its first direction', () => {
    expect(nextSort(byName, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort(byName, 'kph', 'desc')).toEqual({ key: 'kph', direction: 'desc' });
    expect(nextSort(byName, 'kph')).toEqual({ key: 'kph', direction: 'asc' });
  });
});
