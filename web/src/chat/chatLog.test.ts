import { describe, expect, it } from 'vitest';
import { addChatLines, chatChannels, type ChatMessageLike } from './chatLog';

const line = (character: string, time: string, text: string, channel = 'General', sender: string | null = 'Grimwald'): ChatMessageLike => ({
  character,
  channel,
  color: 27,
  sender,
  text,
  time: `2026-05-01T12:00:${time}.000Z`,
});

const texts = (log: { text: string }[]) => log.map((entry) => entry.text);

describe('addChatLines', () => {
  it('keeps lines in the order they were seen, whatever order they arrive in (history comes newest first)', () => {
    const log = addChatLines([], [line('A', '03', 'third'), line('A', '01', 'first'), line('B', '02', 'second')], 10);
    expect(texts(log)).toEqual(['first', 'second', 'third']);
    expect(texts(addChatLines(log, [line('A', '04', 'fourth')], 10))).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('adds nothing for a line it already has (history and live overlap)', () => {
    const log = addChatLines([], [line('A', '01', 'hello')], 10);
    const again = addChatLines(log, [line('A', '01', 'hello')], 10);
    expect(again).toHaveLength(1);
    expect(again[0]?.heardBy).toEqual(['A']);
  });

  it('adds nothing for a sighting it has, however many lines came after it (a channel\'s history over the whole log)', () => {
    const old = line('A', '01', 'WTS Pyreal Mote', 'Trade');
    const later = Array.from({ length: 450 }, (_, index) => ({ ...line('B', '02', `line ${index}`), time: new Date(Date.parse('2026-05-01T12:01:00.000Z') + index * 1000).toISOString() }));
    const log = addChatLines([], [old, ...later], 500);
    // The same sighting again, as the Trade history gives it: its time written another way.
    const again = addChatLines(log, [{ ...old, time: '2026-05-01T12:00:01Z' }], 500);
    expect(again).toHaveLength(451);
    expect(again.filter((entry) => entry.channel === 'Trade')).toHaveLength(1);
  });

  it('keeps the same words said twice to the same character as two lines', () => {
    const log = addChatLines([], [line('A', '01', 'anyone?'), line('A', '03', 'anyone?')], 10);
    expect(log.map((entry) => [entry.text, entry.heardBy])).toEqual([
      ['anyone?', ['A']],
      ['anyone?', ['A']],
    ]);
  });

  it('shows a line heard by several characters once, with who heard it', () => {
    const log = addChatLines([], [line('A', '01', 'WTS Pyreal Mote'), line('B', '03', 'WTS Pyreal Mote'), line('C', '09', 'WTS Pyreal Mote')], 10);
    expect(log.map((entry) => [entry.text, entry.heardBy])).toEqual([
      ['WTS Pyreal Mote', ['A', 'B']],
      ['WTS Pyreal Mote', ['C']],
    ]);
  });

  it('tells apart the same words on another channel or from another sender', () => {
    const log = addChatLines([], [line('A', '01', 'grats!', 'Allegiance'), line('B', '01', 'grats!', 'General'), line('C', '01', 'grats!', 'Allegiance', 'Hatsuki')], 10);
    expect(log).toHaveLength(3);
  });

  it('keeps the newest lines when over the limit, and leaves its input alone', () => {
    const first = addChatLines([], [line('A', '01', 'one'), line('A', '02', 'two')], 3);
    const next = addChatLines(first, [line('A', '03', 'three'), line('A', '04', 'four')], 3);
    expect(texts(next)).toEqual(['two', 'three', 'four']);
    expect(texts(first)).toEqual(['one', 'two']);
  });
});

describe('chatChannels', () => {
  it('offers the usual channels first, then the others seen, by name', () => {
    const log = addChatLines([], [line('A', '01', 'x', 'Society'), line('A', '02', 'y', 'Trade'), line('A', '03', 'z', 'Admin')], 10);
    expect(chatChannels(['General', 'Trade'], log)).toEqual(['General', 'Trade', 'Admin', 'Society']);
  });
});
