import { describe, expect, it } from 'vitest';
import { formatBlockCoordinates, formatCoordinates, formatLandblock, formatLandblockCell, landblockOf, normalisedLandblockCell, parseLandblockCell, formatPlace } from './coordinates.js';

describe('Dereth coordinates', () => {
  it('writes places in the game notation, south and west as S and W', () => {
    expect(formatCoordinates(12.34, 45.56)).toBe('12.3N, 45.6E');
    expect(formatCoordinates(-33.45, -0.25)).toBe('33.5S, 0.3W');
    expect(formatCoordinates(101.95, -101.95)).toBe('102.0N, 102.0W');
  });

  it('never writes a negative zero as south or west', () => {
    expect(formatCoordinates(-0.04, -0.049)).toBe('0.0N, 0.0E');
    expect(formatCoordinates(0, 0)).toBe('0.0N, 0.0E');
  });

  it('finds the landblock of a place: x from east-west, y from north-south', () => {
    // Holtburg, 42.1N 33.6E, is landblock 0xA9B4.
    expect(landblockOf(42.1, 33.6)).toEqual({ x: 0xa9, y: 0xb4 });
    expect(formatLandblock(landblockOf(42.1, 33.6))).toBe('0xA9B4');
    expect(landblockOf(-101.95, -101.95)).toEqual({ x: 0, y: 0 });
    expect(landblockOf(0, 0)).toEqual({ x: 127, y: 127 });
    expect(landblockOf(0.45, 0.45)).toEqual({ x: 128, y: 128 });
  });

  it('counts places past the edge of the world in the edge landblock', () => {
    expect(landblockOf(150, -150)).toEqual({ x: 0, y: 255 });
    expect(formatLandblock({ x: 255, y: 5 })).toBe('0xFF05');
  });

  it('reads landblock cell ids as hex and writes them as Lifestone stores them', () => {
    expect(parseLandblockCell('0xa9b40019')).toBe(0xa9b40019);
    expect(parseLandblockCell(' A9B4 ')).toBe(0xa9b4);
    expect(parseLandblockCell('0xZZ')).toBeUndefined();
    expect(parseLandblockCell(null)).toBeUndefined();
    expect(formatLandblockCell(0xa9b40019)).toBe('0xA9B40019');
    expect(formatLandblockCell(-1)).toBe('0xFFFFFFFF');
    expect(normalisedLandblockCell('1d9')).toBe('0x000001D9');
    expect(normalisedLandblockCell('0x123456789')).toBeUndefined();
  });
});

describe('Minecraft block coordinates', () => {
  it('writes the map position (ew = x, ns = -z, z = y) back as the game does: x, y, z', () => {
    expect(formatBlockCoordinates({ ew: 12, ns: 30, z: 64 })).toBe('x 12, y 64, z -30');
    expect(formatBlockCoordinates({ ew: -7, ns: -120, z: -3 })).toBe('x -7, y -3, z 120');
    expect(formatBlockCoordinates({ ew: 0, ns: 0, z: 0 })).toBe('x 0, y 0, z 0');
  });

  it('writes each game in its own notation, a character of no known game in the first', () => {
    const place = { ew: 12, ns: 30, z: 64 };
    expect(formatPlace('MINECRAFT', place)).toBe('x 12, y 64, z -30');
    expect(formatPlace('ASHERONS_CALL', place)).toBe('30.0N, 12.0E');
    expect(formatPlace(null, place)).toBe('30.0N, 12.0E');
  });
});
