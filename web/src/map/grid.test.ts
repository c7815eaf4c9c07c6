import { describe, expect, it } from 'vitest';
import { gridLines, gridSpacing } from './grid';

describe('the landblock grid', () => {
  it('lists the landblock boundaries in a range, in hundredths', () => {
    expect(gridLines(0, 2)).toEqual([0.45, 1.25]);
    expect(gridLines(2, 0)).toEqual([0.45, 1.25]);
    expect(gridLines(0, 2, 8)).toEqual([0.45]);
    expect(gridLines(-500, 500, 64)).toEqual([-101.95, -50.75, 0.45, 51.65]);
    expect(gridLines(-101.95, -100.3)).toEqual([-101.95, -101.15, -100.35]);
  });

  it('spaces grid lines so that they stay apart on screen', () => {
    expect(gridSpacing(64)).toBe(1);
    expect(gridSpacing(10)).toBe(2);
    expect(gridSpacing(1)).toBe(16);
    expect(gridSpacing(0.001)).toBe(256);
  });
});
