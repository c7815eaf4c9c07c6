import { describe, expect, it } from 'vitest';
import { sessionColour, sessionHue } from './sessionColour';

describe('session colours', () => {
  it('draws the hue from FNV-1a of the id (0xe40c292c for "a": 340°)', () => {
    expect(sessionHue('a')).toBe(340);
    expect(sessionHue('0b7c3f0e-7a51-4bd1-9d43-58e2e7f1a001')).toBe(57);
    expect(sessionHue('0b7c3f0e-7a51-4bd1-9d43-58e2e7f1a002')).toBe(240);
  });

  it('gives the same id the same colour every time, and neighbouring ids far apart ones', () => {
    expect(sessionColour('0b7c3f0e-7a51-4bd1-9d43-58e2e7f1a001')).toBe('hsl(57, 75%, 62%)');
    expect(sessionColour('0b7c3f0e-7a51-4bd1-9d43-58e2e7f1a001')).toBe('hsl(57, 75%, 62%)');
    expect(sessionColour('0b7c3f0e-7a51-4bd1-9d43-58e2e7f1a002')).toBe('hsl(240, 75%, 62%)');
  });

  it('writes a translucent colour as hsla', () => {
    expect(sessionColour('s-1', 0.25)).toBe('hsla(156, 75%, 62%, 0.25)');
    expect(sessionColour('s-1', -1)).toBe('hsla(156, 75%, 62%, 0)');
  });
});
