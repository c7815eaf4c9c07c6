import { describe, expect, it } from 'vitest';
import { answerProblem, applyAskEvent, endAnswer, fromStored, isFinal, startAnswer, type AskEvent, type ChatMessage } from './answer';

const base = { sessionId: 's-1', traceId: 't-1', text: null, tool: null, toolCallId: null, arguments: null, resultSummary: null, resultBytes: null, isError: null, durationMs: null, messageId: null, errorCode: null };
const event = (fields: Partial<AskEvent> & Pick<AskEvent, 'type'>): AskEvent => ({ ...base, time: '2026-05-01T12:00:01.000Z', ...fields });
const replay = (answer: ChatMessage, events: AskEvent[]) => events.reduce(applyAskEvent, answer);

describe('an answer built from its AskEvents', () => {
  const [question, answer] = startAnswer('Where is Cadna?', new Date('2026-05-01T12:00:00.000Z'), '7');

  it('starts with the question and an empty answer being written', () => {
    expect(question).toEqual({ id: 'local-7-question', role: 'USER', text: 'Where is Cadna?', toolCalls: [], errorCode: null, errorText: null, streaming: false, time: '2026-05-01T12:00:00.000Z' });
    expect(answer).toMatchObject({ id: 'local-7-answer', role: 'ASSISTANT', text: '', streaming: true });
  });

  it('appends tokens in order, pairs each tool result with its call, and takes the stored id and whole text on DONE', () => {
    const calling = replay(answer, [
      event({ type: 'TOOL_CALL', tool: 'find_character', toolCallId: 'c1', arguments: { name: 'Cadna' } }),
      event({ type: 'TOOL_CALL', tool: 'live_players', toolCallId: 'c2', arguments: {} }),
      event({ type: 'TOOL_RESULT', tool: 'find_character', toolCallId: 'c1', resultSummary: '{"ns":12.5,"ew":-40.1}', resultBytes: 22, isError: false, durationMs: 41 }),
      event({ type: 'TOKEN', text: 'Cadna is ' }),
      event({ type: 'TOKEN', text: 'at 12.5N' }),
    ]);
    expect(calling.text).toBe('Cadna is at 12.5N');
    expect(calling.streaming).toBe(true);
    expect(calling.toolCalls).toEqual([
      { id: 'c1', tool: 'find_character', arguments: { name: 'Cadna' }, resultSummary: '{"ns":12.5,"ew":-40.1}', resultBytes: 22, isError: false, durationMs: 41 },
      { id: 'c2', tool: 'live_players', arguments: {}, resultSummary: null, resultBytes: null, isError: false, durationMs: null },
    ]);
    const done = applyAskEvent(calling, event({ type: 'DONE', text: 'Cadna is at 12.5N, 40.1W.', messageId: 'm-42', durationMs: 900, time: '2026-05-01T12:00:03.000Z' }));
    expect(done).toMatchObject({ id: 'm-42', text: 'Cadna is at 12.5N, 40.1W.', streaming: false, errorCode: null, time: '2026-05-01T12:00:03.000Z' });
    expect(isFinal({ type: 'DONE' })).toBe(true);
    expect(isFinal({ type: 'TOKEN' })).toBe(false);
    expect(calling.text).toBe('Cadna is at 12.5N');
  });

  it('adds a result whose call it missed as a call of its own', () => {
    const result = applyAskEvent(answer, event({ type: 'TOOL_RESULT', tool: 'inventory', toolCallId: 'c9', resultSummary: 'denied', isError: true, durationMs: 3 }));
    expect(result.toolCalls).toEqual([{ id: 'c9', tool: 'inventory', arguments: null, resultSummary: 'denied', resultBytes: null, isError: true, durationMs: 3 }]);
  });

  it('keeps what was written when the answer fails, and says why', () => {
    const failed = replay(answer, [
      event({ type: 'TOKEN', text: 'Let me look' }),
      event({ type: 'ERROR', errorCode: 'ASSISTANT_TIMEOUT', text: 'The answer took longer than 60 s and was stopped; ask again.' }),
    ]);
    expect(failed).toMatchObject({ text: 'Let me look', streaming: false, errorCode: 'ASSISTANT_TIMEOUT' });
    expect(answerProblem(failed)).toBe('The answer took longer than 60 s and was stopped; ask again.');
    expect(isFinal({ type: 'ERROR' })).toBe(true);
  });

  it('explains a failure known only by its code, from the stored history', () => {
    const stored = fromStored({ id: 'm-1', role: 'ASSISTANT', text: 'Part', errorCode: 'MODEL_ERROR', traceId: 't', time: '2026-05-01T11:00:00.000Z', toolCalls: [] });
    expect(answerProblem(stored)).toBe("The model's service failed or refused.");
    expect(answerProblem({ errorCode: 'SOMETHING_NEW', errorText: null })).toBe('The answer failed: ask again.');
    expect(answerProblem({ errorCode: null, errorText: null })).toBeNull();
  });

  it('ends an answer the page stopped, unless it had ended already', () => {
    const stopped = endAnswer(answer, 'STOPPED', new Date('2026-05-01T12:00:05.000Z'));
    expect(stopped).toMatchObject({ streaming: false, errorCode: 'STOPPED', time: '2026-05-01T12:00:05.000Z' });
    expect(answerProblem(stopped)).toBe('Stopped before the answer was complete.');
    expect(endAnswer(stopped, 'INTERRUPTED', new Date())).toBe(stopped);
  });
});
