import { describe, expect, it } from 'vitest';
import { blockColour, UNKNOWN_BLOCK_COLOUR } from './blockColors';

describe('blockColour', () => {
  it.each([
    ['stone', '#8a8a8a'],
    ['cobblestone', '#8a8a8a'],
    ['dirt', '#8b5a2b'],
    ['coarse_dirt', '#8b5a2b'],
    ['grass_block', '#6aa84f'],
    ['water', '#3f76e4'],
    ['lava', '#e8731c'],
    ['oak_leaves', '#3f8f2f'],
    ['sand', '#dbcf8e'],
    ['sandstone', '#d4c283'],
    ['deepslate_iron_ore', '#a39f8f'],
    ['minecraft:oak_log', '#9c7443'],
    ['bedrock', '#2a2233'],
  ])('%s is %s', (kind, colour) => {
    expect(blockColour(kind)).toBe(colour);
  });

  it('has a colour of its own for blocks it does not know', () => {
    expect(blockColour('sculk_shrieker')).toBe(UNKNOWN_BLOCK_COLOUR);
    expect(blockColour(null)).toBe(UNKNOWN_BLOCK_COLOUR);
  });
});
