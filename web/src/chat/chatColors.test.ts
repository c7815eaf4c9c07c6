import { describe, expect, it } from 'vitest';
import { chatColor, DEFAULT_CHAT_COLOR } from './chatColors';

describe('chatColor', () => {
  it('draws each of the simulator channels in its game colour', () => {
    expect(chatColor(27, 'General')).toBe('#b4dcef');
    expect(chatColor(28, 'Trade')).toBe('#b4dcef');
    expect(chatColor(29, 'LFG')).toBe('#b4dcef');
    expect(chatColor(18, 'Allegiance')).toBe('#ed921e');
    expect(chatColor(19, 'Fellowship')).toBe('#ffff3e');
    expect(chatColor(3, 'Tell')).toBe('#ffff3e');
    expect(chatColor(2, 'Local')).toBe('#ffffff');
  });

  it('uses the index over the channel name, as the game does', () => {
    expect(chatColor(6, 'General')).toBe('#ff3e3e');
    expect(chatColor(0, 'Anything')).toBe('#7fff7e');
  });

  it('falls back to the channel when the colour is missing or unknown, then to the default', () => {
    expect(chatColor(null, 'allegiance')).toBe('#ed921e');
    expect(chatColor(999, 'Tell')).toBe('#ffff3e');
    expect(chatColor(undefined, 'Guild')).toBe(DEFAULT_CHAT_COLOR);
    expect(chatColor(1, 'Guild')).toBe(DEFAULT_CHAT_COLOR);
  });
});
