import { describe, expect, it } from 'vitest';
import { DERETH_PLACES, derethPlace, nearestPlace } from './places.js';

describe("Dereth's places", () => {
  it('are named once each, of a known kind, inside the map', () => {
    expect(new Set(DERETH_PLACES.map((place) => place.name)).size).toBe(DERETH_PLACES.length);
    for (const place of DERETH_PLACES) {
      expect(['town', 'outpost', 'landmark']).toContain(place.kind);
      expect(Math.abs(place.ns)).toBeLessThanOrEqual(101.95);
      expect(Math.abs(place.ew)).toBeLessThanOrEqual(101.95);
    }
  });

  it('have the coordinates the game gives them, south and west negative', () => {
    expect(derethPlace('Holtburg')).toEqual({ name: 'Holtburg', kind: 'town', ns: 42.1, ew: 33.6 });
    expect(derethPlace('Yaraq')).toEqual({ name: 'Yaraq', kind: 'town', ns: -21.5, ew: -1.8 });
    expect(derethPlace('Candeth Keep')).toEqual({ name: 'Candeth Keep', kind: 'town', ns: -87.6, ew: -67.3 });
    expect(() => derethPlace('Atlantis')).toThrow('Dereth has no place named "Atlantis" in lib/game/dereth-places.json');
  });

  it('finds the nearest place within a few units, and none in the wilds', () => {
    expect(nearestPlace(42.3, 33.9)?.name).toBe('Holtburg');
    expect(nearestPlace(-53.5, 80.5)?.name).toBe('Sawato');
    expect(nearestPlace(0, -80)).toBeUndefined();
    expect(nearestPlace(45.2, 33.6)).toBeUndefined();
    expect(nearestPlace(45.2, 33.6, 3.5)?.name).toBe('Holtburg');
  });
});
