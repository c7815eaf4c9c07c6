import { describe, expect, it } from 'vitest';
import { bearingDegrees, compassPoint } from './bearing';

describe('bearing and compass', () => {
  it('measures clockwise from north', () => {
    expect(bearingDegrees({ ew: 0, ns: 0 }, { ew: 0, ns: 1 })).toBeCloseTo(0, 9);
    expect(bearingDegrees({ ew: 0, ns: 0 }, { ew: 1, ns: 0 })).toBeCloseTo(90, 9);
    expect(bearingDegrees({ ew: 0, ns: 0 }, { ew: 0, ns: -1 })).toBeCloseTo(180, 9);
    expect(bearingDegrees({ ew: 5, ns: 5 }, { ew: 4, ns: 6 })).toBeCloseTo(315, 9);
    expect(bearingDegrees({ ew: 1, ns: 1 }, { ew: 1, ns: 1 })).toBeUndefined();
  });

  it('names the nearest of eight compass points', () => {
    expect(compassPoint(0)).toBe('N');
    expect(compassPoint(22)).toBe('N');
    expect(compassPoint(23)).toBe('NE');
    expect(compassPoint(100)).toBe('E');
    expect(compassPoint(200)).toBe('S');
    expect(compassPoint(250)).toBe('W');
    expect(compassPoint(350)).toBe('N');
    expect(compassPoint(-45)).toBe('NW');
  });
});
