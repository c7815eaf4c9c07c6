import { describe, expect, it } from 'vitest';
import { addHistory, addTrace, type AssistantTrace } from './timeline';

const call = (id: string, fields: Partial<AssistantTrace> = {}): AssistantTrace => ({
  type: 'TOOL_CALL',
  toolCallId: id,
  traceId: 'trace-1',
  sessionId: 's-1',
  user: 'admin',
  tool: 'find_character',
  arguments: { name: 'Cadna' },
  resultSummary: null,
  resultBytes: null,
  isError: null,
  durationMs: null,
  time: '2026-05-01T12:00:00.000Z',
  characters: ['Cadna'],
  positions: [],
  ...fields,
});
const result = (id: string, fields: Partial<AssistantTrace> = {}): AssistantTrace =>
  call(id, { type: 'TOOL_RESULT', resultSummary: '{"name":"Cadna"}', resultBytes: 16, isError: false, durationMs: 35, time: '2026-05-01T12:00:00.035Z', ...fields });

describe('the Mind’s Eye timeline', () => {
  it('puts each call on top, and folds its result into the same entry where it stands', () => {
    let timeline = addTrace([], call('c1'));
    timeline = addTrace(timeline, call('c2', { tool: 'live_players', arguments: {}, characters: [], time: '2026-05-01T12:00:01.000Z' }));
    timeline = addTrace(timeline, result('c1', { characters: ['Cadna', 'Alold'] }));
    expect(timeline.map((entry) => [entry.id, entry.tool, entry.durationMs])).toEqual([
      ['c2', 'live_players', null],
      ['c1', 'find_character', 35],
    ]);
    expect(timeline[1]).toEqual({
      key: 's-1/c1',
      id: 'c1',
      sessionId: 's-1',
      traceId: 'trace-1',
      user: 'admin',
      tool: 'find_character',
      arguments: { name: 'Cadna' },
      resultSummary: '{"name":"Cadna"}',
      resultBytes: 16,
      isError: false,
      durationMs: 35,
      time: '2026-05-01T12:00:00.000Z',
      characters: ['Cadna', 'Alold'],
    });
  });

  it('keeps calls of the same id in different sessions apart, and a call seen twice once', () => {
    let timeline = addTrace([], call('c1'));
    timeline = addTrace(timeline, call('c1', { sessionId: 's-2', user: 'viewer' }));
    timeline = addTrace(timeline, call('c1'));
    expect(timeline.map((entry) => entry.key)).toEqual(['s-2/c1', 's-1/c1']);
  });

  it('shows a result whose call it missed, with the result’s time', () => {
    const [entry] = addTrace([], result('c7', { isError: true, resultSummary: 'no such character' }));
    expect(entry).toMatchObject({ id: 'c7', isError: true, resultSummary: 'no such character', durationMs: 35, time: '2026-05-01T12:00:00.035Z' });
  });

  it('keeps at most the limit, dropping the oldest', () => {
    let timeline = addTrace([], call('c1'), 2);
    timeline = addTrace(timeline, call('c2'), 2);
    timeline = addTrace(timeline, call('c3'), 2);
    expect(timeline.map((entry) => entry.id)).toEqual(['c3', 'c2']);
  });

  it('adds stored history below what it holds, newest first, keeping a call it already has as it is, at most the limit', () => {
    const live = addTrace([], call('c3', { time: '2026-05-01T12:00:09.000Z' }));
    const history = [result('c3', { durationMs: 99 }), result('c2', { tool: 'live_players' }), result('c1')];
    const timeline = addHistory(live, history);
    expect(timeline.map((entry) => [entry.id, entry.tool, entry.durationMs])).toEqual([
      ['c3', 'find_character', null],
      ['c2', 'live_players', 35],
      ['c1', 'find_character', 35],
    ]);
    expect(addHistory(live, history, 2).map((entry) => entry.id)).toEqual(['c3', 'c2']);
    expect(addHistory([], [])).toEqual([]);
  });
});
