import { describe, expect, it } from 'vitest';
import { clampGeometry, MIN_WINDOW } from './geometry';

const viewport = { width: 1280, height: 800 };

describe('window geometry', () => {
  it('keeps a window that fits exactly where it is', () => {
    expect(clampGeometry({ x: 100, y: 120, width: 400, height: 300 }, viewport, 44)).toEqual({ x: 100, y: 120, width: 400, height: 300 });
  });

  it('brings back a window remembered from a bigger screen, title bar on screen', () => {
    expect(clampGeometry({ x: 2400, y: 1500, width: 400, height: 300 }, viewport, 44)).toEqual({ x: 1232, y: 752, width: 400, height: 300 });
    expect(clampGeometry({ x: -900, y: -50, width: 400, height: 300 }, viewport, 44)).toEqual({ x: -352, y: 44, width: 400, height: 300 });
  });

  it('never shrinks below the minimum nor grows past the viewport', () => {
    expect(clampGeometry({ x: 0, y: 44, width: 10, height: 10 }, viewport, 44)).toMatchObject(MIN_WINDOW);
    expect(clampGeometry({ x: 0, y: 44, width: 5000, height: 5000 }, viewport, 44)).toMatchObject({ width: 1280, height: 756 });
  });
});
