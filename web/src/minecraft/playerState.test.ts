import { describe, expect, it } from 'vitest';
import { entityColour, minecraftState, stateColour } from './playerState';

describe('minecraftState', () => {
  it.each([
    [{ vitals: { healthPct: 100 }, state: null }, 0, 'Moving'],
    [{ vitals: null, state: null }, 6_000, 'Still'],
    [{ vitals: { healthPct: 30 }, state: null }, 0, 'Hurt'],
    [{ vitals: { healthPct: 0 }, state: null }, 0, 'Dead'],
  ] as const)('%j, still for %d ms, is %s', (player, stillFor, state) => {
    expect(minecraftState(player, stillFor)).toBe(state);
  });

  it('colours states as the Dereth map does, and entities by kind', () => {
    expect(stateColour('Hurt')).toBe('#f85149');
    expect(entityColour('hostile')).toBe('#ff5f56');
    expect(entityColour('animal')).toBe('#f2cc60');
    expect(entityColour(null)).toBe('#a0a8b0');
  });
});
