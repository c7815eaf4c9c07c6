import { describe, expect, it } from 'vitest';
import { CASCADE_STEP, clampGeometry, fitGeometry, MIN_WINDOW, placeWindow } from './geometry';

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

describe('fitting a window in the viewport', () => {
  const small = { width: 1024, height: 768 };
  it('moves a window that runs off the right or the bottom back in, whole', () => {
    expect(fitGeometry({ x: 980, y: 56, width: 360, height: 380 }, small, 44)).toEqual({ x: 656, y: 56, width: 360, height: 380 });
    expect(fitGeometry({ x: 12, y: 600, width: 520, height: 300 }, small, 44)).toEqual({ x: 12, y: 460, width: 520, height: 300 });
  });

  it('shrinks a window larger than the viewport to it, not below its minimum', () => {
    expect(fitGeometry({ x: 0, y: 44, width: 1400, height: 900 }, small, 44)).toEqual({ x: 0, y: 44, width: 1008, height: 708 });
    expect(fitGeometry({ x: 0, y: 44, width: 400, height: 300 }, { width: 200, height: 150 }, 44)).toEqual({ x: 0, y: 44, ...MIN_WINDOW });
  });

  it('leaves a window that fits where it is', () => {
    expect(fitGeometry({ x: 100, y: 120, width: 400, height: 300 }, small, 44)).toEqual({ x: 100, y: 120, width: 400, height: 300 });
  });
});

describe('placing a new window', () => {
  const screen = { width: 1440, height: 900 };
  const size = { width: 520, height: 420 };
  it('opens the first at the top left, below the toolbar', () => {
    expect(placeWindow(size, { viewport: screen, top: 44 })).toEqual({ x: 12, y: 52, ...size });
  });

  it('cascades each next one down and right of the last', () => {
    const first = placeWindow(size, { viewport: screen, top: 44 });
    const second = placeWindow(size, { viewport: screen, top: 44, last: first });
    const third = placeWindow(size, { viewport: screen, top: 44, last: second });
    expect([second, third].map(({ x, y }) => [x, y])).toEqual([[12 + CASCADE_STEP, 52 + CASCADE_STEP], [12 + 2 * CASCADE_STEP, 52 + 2 * CASCADE_STEP]]);
  });

  it('starts over at the top left when the cascade would leave the screen', () => {
    expect(placeWindow(size, { viewport: screen, top: 44, last: { x: 900, y: 620, ...size } })).toEqual({ x: 12, y: 52, ...size });
  });

  it('fits a window in a small screen', () => {
    expect(placeWindow({ width: 720, height: 900 }, { viewport: { width: 1024, height: 768 }, top: 44, last: { x: 300, y: 100, width: 400, height: 300 } })).toEqual({
      x: 296, y: 52, width: 720, height: 708,
    });
  });

  it('keeps off the layer panel: ends above it, or left of it, whichever leaves more', () => {
    const panel = { left: 1190, top: 700, right: 1432, bottom: 876 };
    expect(placeWindow({ width: 700, height: 500 }, { viewport: screen, top: 44, last: { x: 700, y: 300, ...size }, obstacles: [panel] })).toEqual({
      x: 732, y: 332, width: 700, height: 360,
    });
    expect(placeWindow({ width: 520, height: 800 }, { viewport: screen, top: 44, last: { x: 700, y: 60, ...size }, obstacles: [panel] })).toEqual({
      x: 732, y: 92, width: 450, height: 800,
    });
    const tall = { left: 1100, top: 60, right: 1432, bottom: 876 };
    expect(placeWindow({ width: 520, height: 400 }, { viewport: screen, top: 44, last: { x: 700, y: 60, ...size }, obstacles: [tall] })).toEqual({
      x: 732, y: 92, width: 360, height: 400,
    });
  });
});
