import { describe, expect, it } from 'vitest';
import { LabelSpace } from './labelSpace';

describe('label space', () => {
  it('refuses a name over another name or a dot, and takes free space', () => {
    const space = new LabelSpace();
    space.take(100, 100, 8, 8);
    expect(space.claim(10, 10, 60, 14)).toBe(true);
    expect(space.claim(50, 20, 60, 14)).toBe(false);
    expect(space.claim(70, 10, 60, 14)).toBe(true);
    expect(space.claim(95, 95, 10, 10)).toBe(false);
    expect(space.claim(108, 100, 30, 14)).toBe(true);
    expect(space.claim(-40, -20, 20, 20)).toBe(true);
  });

  it('forgets everything on clear', () => {
    const space = new LabelSpace();
    space.take(0, 0, 500, 500);
    expect(space.isFree(250, 250, 10, 10)).toBe(false);
    space.clear();
    expect(space.isFree(250, 250, 10, 10)).toBe(true);
  });
});
