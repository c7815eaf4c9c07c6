import { describe, expect, it } from 'vitest';
import { distanceMetres, formatMetres, MINECRAFT_METRES_PER_UNIT, nearestPoint, offsetMetres, radarRange, ringRadii, toCanvas } from './radarGeometry';

describe('radar geometry', () => {
  it('measures offsets and distances in metres, 240 per map unit', () => {
    expect(offsetMetres({ ew: 10, ns: 20 }, { ew: 10.1, ns: 19.95 })).toEqual({ east: expect.closeTo(24, 9), north: expect.closeTo(-12, 9) });
    expect(distanceMetres({ ew: 0, ns: 0 }, { ew: 0.3, ns: 0.4 })).toBeCloseTo(120, 9);
  });

  it("measures a Minecraft player's radar in blocks, a metre each", () => {
    expect(offsetMetres({ ew: 10, ns: 20 }, { ew: 13, ns: 16 }, MINECRAFT_METRES_PER_UNIT)).toEqual({ east: 3, north: -4 });
    expect(distanceMetres({ ew: 10, ns: 20 }, { ew: 13, ns: 16 }, MINECRAFT_METRES_PER_UNIT)).toBe(5);
  });

  it('picks the smallest range that holds the farthest object, with a margin', () => {
    expect(radarRange(0)).toBe(10);
    expect(radarRange(9.5)).toBe(10);
    expect(radarRange(9.6)).toBe(20);
    expect(radarRange(57)).toBe(60);
    expect(radarRange(58)).toBe(80);
    expect(radarRange(120)).toBe(200);
    expect(radarRange(1e6)).toBe(4000);
    expect(ringRadii(100)).toEqual([25, 50, 75, 100]);
  });

  it('draws north up and east right, clamping what lies beyond the range to the rim', () => {
    const frame = { cx: 100, cy: 100, radius: 80, range: 40 };
    expect(toCanvas({ east: 20, north: 0 }, frame)).toEqual({ x: 140, y: 100, clamped: false });
    expect(toCanvas({ east: 0, north: 20 }, frame)).toEqual({ x: 100, y: 60, clamped: false });
    expect(toCanvas({ east: -10, north: -10 }, frame)).toEqual({ x: 80, y: 120, clamped: false });
    expect(toCanvas({ east: 0, north: -400 }, frame)).toEqual({ x: 100, y: 180, clamped: true });
  });

  it('finds the point under the pointer within reach', () => {
    const points = [{ x: 10, y: 10 }, { x: 30, y: 10 }, { x: 31, y: 12 }];
    expect(nearestPoint(points, 29, 10, 6)).toBe(1);
    expect(nearestPoint(points, 32, 12, 6)).toBe(2);
    expect(nearestPoint(points, 60, 60, 6)).toBe(-1);
  });

  it('formats distances', () => {
    expect(formatMetres(8.46)).toBe('8.5 m');
    expect(formatMetres(120.4)).toBe('120 m');
    expect(formatMetres(1234)).toBe('1.2 km');
  });
});
