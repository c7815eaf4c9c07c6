// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions, type GraphCall } from '../components/test-support';
import { useSelectionStore } from '../selection/selection';
import { useMindsEyeStore } from './mindsEye';
import MindsEyeWindow from './MindsEyeWindow.vue';

/** A local wall-clock time, so that the rows read the same in every time zone. */
const at = (seconds: number) => new Date(2026, 4, 1, 12, 0, seconds).toISOString();
const trace = (fields: Record<string, unknown>) => ({
  mindsEye: {
    type: 'TOOL_CALL',
    toolCallId: 'c1',
    traceId: 't-1',
    sessionId: 's-1',
    user: 'admin',
    tool: 'find_character',
    arguments: { name: 'Cadna' },
    resultSummary: null,
    resultBytes: null,
    isError: null,
    durationMs: null,
    time: at(5),
    characters: ['Cadna'],
    positions: [],
    ...fields,
  },
});

describe('the Mind’s Eye window', () => {
  let subscriptions: FakeSubscriptions;
  let graphCalls: GraphCall[];
  let stored: unknown[];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: new Date(2026, 4, 1, 12, 0, 5) });
    stored = [];
    graphCalls = stubGraph({ MindsEyeHistory: () => ({ mindsEyeHistory: stored }) });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function open() {
    return mountWindow(MindsEyeWindow, () => {
      subscriptions = fakeSubscriptions();
    });
  }
  const rows = (wrapper: Awaited<ReturnType<typeof open>>) =>
    wrapper.findAll('[data-trace]').map((row) => ({
      id: row.attributes('data-trace'),
      state: row.attributes('data-tool-state'),
      time: row.get('[data-trace-time]').text(),
      user: row.get('[data-trace-user]').text(),
      tool: row.get('[data-trace-tool]').text(),
      arguments: row.get('[data-trace-arguments]').text(),
      duration: row.get('[data-trace-duration]').text(),
      result: row.find('[data-trace-result]').exists() ? row.get('[data-trace-result]').text() : null,
    }));

  it('lists every session’s tool calls, newest first, each with its result and duration when it returns, in the session’s colour', async () => {
    const wrapper = await open();
    expect(subscriptions.open('MindsEye')).toEqual([{}]);
    subscriptions.emit('MindsEye', trace({}));
    subscriptions.emit('MindsEye', trace({ toolCallId: 'c2', sessionId: 's-2', user: 'watcher', tool: 'live_players', arguments: {}, characters: [], time: at(6) }));
    subscriptions.emit('MindsEye', trace({ type: 'TOOL_RESULT', resultSummary: '{"name":"Cadna","ns":12.5}', resultBytes: 26, isError: false, durationMs: 41, time: at(6), characters: ['Cadna'] }));
    await settle();
    expect(rows(wrapper)).toEqual([
      { id: 'c2', state: 'running', time: '12:00:06', user: 'watcher', tool: 'live_players', arguments: '', duration: 'running…', result: null },
      { id: 'c1', state: 'done', time: '12:00:05', user: 'admin', tool: 'find_character', arguments: 'name=Cadna', duration: '41 ms', result: '→ {"name":"Cadna","ns":12.5}' },
    ]);
    expect((wrapper.get('[data-trace="c1"]').element as HTMLElement).style.getPropertyValue('--session')).toBe('hsl(156, 75%, 62%)');
    wrapper.unmount();
  });

  it('shows the last stored tool calls when it opens, below those seen live, without ringing them on the map', async () => {
    stored = [
      trace({ type: 'TOOL_RESULT', toolCallId: 'old-2', traceId: 't-0', sessionId: 's-0', tool: 'live_players', arguments: {}, resultSummary: '[]', resultBytes: 2, isError: false, durationMs: 12, time: at(2), characters: [] }).mindsEye,
      trace({ type: 'TOOL_RESULT', toolCallId: 'old-1', traceId: 't-0', sessionId: 's-0', resultSummary: '{"name":"Cadna"}', resultBytes: 16, isError: false, durationMs: 30, time: at(2) }).mindsEye,
    ];
    const pinia = createPinia();
    setActivePinia(pinia);
    subscriptions = fakeSubscriptions();
    const release = useMindsEyeStore().start();
    subscriptions.emit('MindsEye', trace({}));
    const wrapper = mount(MindsEyeWindow, { global: { plugins: [pinia] } });
    await settle();
    expect(graphCalls).toEqual([{ operation: 'MindsEyeHistory', variables: { last: 50 } }]);
    expect(rows(wrapper)).toEqual([
      { id: 'c1', state: 'running', time: '12:00:05', user: 'admin', tool: 'find_character', arguments: 'name=Cadna', duration: 'running…', result: null },
      { id: 'old-2', state: 'done', time: '12:00:02', user: 'admin', tool: 'live_players', arguments: '', duration: '12 ms', result: '→ []' },
      { id: 'old-1', state: 'done', time: '12:00:02', user: 'admin', tool: 'find_character', arguments: 'name=Cadna', duration: '30 ms', result: '→ {"name":"Cadna"}' },
    ]);
    expect([...useMindsEyeStore().looks.keys()]).toEqual(['s-1']);
    wrapper.unmount();
    release();
  });

  it('shows a session active until 10 s after its last trace, then idle', async () => {
    const wrapper = await open();
    subscriptions.emit('MindsEye', trace({}));
    await settle();
    const state = () => wrapper.get('[data-minds-eye-session="s-1"]').attributes('data-session-state');
    expect(state()).toBe('active');
    expect(wrapper.get('[data-session-badge]').text()).toBe('active');
    await vi.advanceTimersByTimeAsync(9_500);
    expect(state()).toBe('active');
    await vi.advanceTimersByTimeAsync(500);
    expect(state()).toBe('idle');
    subscriptions.emit('MindsEye', trace({ type: 'TOOL_RESULT', resultSummary: '[]', durationMs: 5 }));
    await settle();
    expect(state()).toBe('active');
    wrapper.unmount();
  });

  it('keeps what the map saw before the window opened, and centres the map on a character named', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    subscriptions = fakeSubscriptions();
    const release = useMindsEyeStore().start();
    subscriptions.emit('MindsEye', trace({ characters: ['Cadna', 'Alold'] }));
    const wrapper = mount(MindsEyeWindow, { global: { plugins: [pinia] } });
    await settle();
    expect(subscriptions.open('MindsEye')).toHaveLength(1);
    expect(rows(wrapper).map((row) => row.id)).toEqual(['c1']);
    await wrapper.get('[data-trace-character="Alold"]').trigger('click');
    expect(useSelectionStore().selected).toBe('Alold');
    expect(useSelectionStore().focusRequest).toBe(1);
    wrapper.unmount();
    expect(subscriptions.open('MindsEye')).toHaveLength(1);
    release();
    expect(subscriptions.open('MindsEye')).toHaveLength(0);
  });
});
