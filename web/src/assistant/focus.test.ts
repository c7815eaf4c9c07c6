import { describe, expect, it } from 'vitest';
import { addLook, anyFocus, focusedCharacters, focusMarks, MAX_LOOKS, type SessionLook } from './focus';
import { sessionColour } from './sessionColour';
import type { AssistantTrace } from './timeline';

const trace = (fields: Partial<AssistantTrace>): AssistantTrace => ({
  type: 'TOOL_RESULT',
  toolCallId: 'c1',
  traceId: 't-1',
  sessionId: 's-1',
  user: 'admin',
  tool: 'live_players',
  arguments: {},
  resultSummary: '[]',
  resultBytes: 2,
  isError: false,
  durationMs: 10,
  time: '2026-05-01T12:00:00.000Z',
  characters: [],
  positions: [],
  ...fields,
});

const live: Record<string, { ns: number; ew: number }> = { Cadna: { ns: 10, ew: 20 }, Alold: { ns: -5, ew: 3.5 } };
const locate = (name: string) => live[name];
const T = 1_000_000;

describe('what the assistant looks at', () => {
  it('gathers the characters and places of a session’s traces while it works, each once', () => {
    let looks: ReadonlyMap<string, SessionLook> = new Map();
    looks = addLook(looks, trace({ characters: ['Cadna'], positions: [{ ns: 10, ew: 20, character: 'Cadna' }] }), T);
    looks = addLook(looks, trace({ characters: ['Cadna', 'Alold', 'Gone'], positions: [{ ns: 10, ew: 20, character: 'Cadna' }, { ns: 50.5, ew: -60, character: 'Gone' }, { ns: 1, ew: 2, character: null }] }), T + 4_000);
    expect(looks.get('s-1')).toEqual({
      sessionId: 's-1',
      user: 'admin',
      lastTraceAt: T + 4_000,
      characters: ['Cadna', 'Alold', 'Gone'],
      places: [
        { ns: 10, ew: 20, character: 'Cadna' },
        { ns: 50.5, ew: -60, character: 'Gone' },
        { ns: 1, ew: 2, character: null },
      ],
    });
  });

  it('starts afresh when the session had gone idle', () => {
    let looks = addLook(new Map(), trace({ characters: ['Cadna'] }), T);
    looks = addLook(looks, trace({ characters: ['Alold'] }), T + 10_000);
    expect(looks.get('s-1')?.characters).toEqual(['Alold']);
  });

  it('marks live characters where they are now and places where nobody live is, in the session’s colour, fading when idle', () => {
    const looks = addLook(new Map(), trace({ characters: ['Cadna', 'Gone'], positions: [{ ns: 9, ew: 19, character: 'Cadna' }, { ns: 50.5, ew: -60, character: 'Gone' }] }), T);
    const colour = 'hsl(156, 75%, 62%)';
    expect(focusMarks(looks, locate, T + 1_000)).toEqual([
      { kind: 'character', ns: 10, ew: 20, name: 'Cadna', sessionId: 's-1', colour, opacity: 1 },
      { kind: 'place', ns: 50.5, ew: -60, name: 'Gone', sessionId: 's-1', colour, opacity: 1 },
    ]);
    expect(focusMarks(looks, locate, T + 11_000).map((mark) => mark.opacity)).toEqual([0.5, 0.5]);
    expect(focusMarks(looks, locate, T + 12_000)).toEqual([]);
    expect(anyFocus(looks, T + 11_999)).toBe(true);
    expect(anyFocus(looks, T + 12_000)).toBe(false);
  });

  it('draws the most recently active session last (on top)', () => {
    let looks = addLook(new Map(), trace({ sessionId: 's-2', user: 'viewer', characters: ['Alold'] }), T + 1_000);
    looks = addLook(looks, trace({ characters: ['Cadna'] }), T);
    expect(focusMarks(looks, locate, T + 2_000).map((mark) => [mark.sessionId, mark.name])).toEqual([
      ['s-1', 'Cadna'],
      ['s-2', 'Alold'],
    ]);
  });

  it('remembers at most 50 sessions, forgetting the least recently active', () => {
    let looks: ReadonlyMap<string, SessionLook> = new Map();
    for (let index = 0; index <= MAX_LOOKS; index++) looks = addLook(looks, trace({ sessionId: `s-${index}` }), T + index);
    expect(looks.size).toBe(50);
    expect(looks.has('s-0')).toBe(false);
    expect(looks.has('s-50')).toBe(true);
  });
});

describe('focusedCharacters', () => {
  it('names the characters of every session not yet faded out, each once, in the colour of the latest session naming it', () => {
    let looks = addLook(new Map(), { ...trace({ characters: ['Cadna', 'Alold'] }), sessionId: 's-1' }, T);
    looks = addLook(looks, { ...trace({ characters: ['Alold', 'Zed'] }), sessionId: 's-2' }, T + 1_000);
    expect(focusedCharacters(looks, T + 2_000)).toEqual(
      new Map([
        ['Alold', sessionColour('s-2')],
        ['Zed', sessionColour('s-2')],
        ['Cadna', sessionColour('s-1')],
      ]),
    );
    expect(focusedCharacters(looks, T + 60_000)).toEqual(new Map());
  });
});
