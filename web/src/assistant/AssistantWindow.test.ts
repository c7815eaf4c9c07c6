// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markRaw } from 'vue';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions, type GraphCall } from '../components/test-support';
import { GraphError, type SubscriptionConnection, type SubscriptionSink } from '../graph/client';
import { useConnectionStore } from '../graph/connection';
import AssistantWindow from './AssistantWindow.vue';
import { SESSION_STORAGE_KEY } from './conversation';

const configured = { configured: true, provider: 'ANTHROPIC', model: 'claude-test', hint: null, asksPerHour: 30, asksLeft: 29, timeoutMs: 60_000 };
const history = {
  id: 's-1',
  title: 'Where is Cadna?',
  messages: [
    { id: 'm-1', role: 'USER', text: 'Where is Cadna?', errorCode: null, traceId: 't-1', time: '2026-05-01T12:00:00.000Z', toolCalls: [] },
    {
      id: 'm-2',
      role: 'ASSISTANT',
      text: 'Cadna is at 12.5N, 40.1W.',
      errorCode: null,
      traceId: 't-1',
      time: '2026-05-01T12:00:02.000Z',
      toolCalls: [{ id: 'c1', tool: 'find_character', arguments: { name: 'Cadna' }, resultSummary: '{"ns":12.5,"ew":-40.1}', resultBytes: 22, isError: false, durationMs: 41 }],
    },
  ],
};
const sessionRow = { id: 's-1', title: 'Where is Cadna?', updatedAt: '2026-05-01T12:00:02.000Z', messageCount: 2 };
const askEvent = (fields: Record<string, unknown>) => ({
  ask: { sessionId: 's-new', traceId: 't-9', text: null, tool: null, toolCallId: null, arguments: null, resultSummary: null, resultBytes: null, isError: null, durationMs: null, messageId: null, errorCode: null, time: '2026-05-01T12:01:00.000Z', ...fields },
});

/** The test-support subscriptions, able to refuse one too (as the graph refuses an ask that cannot start). */
function refusableSubscriptions(): FakeSubscriptions & { refuse(operation: string, error: GraphError): void; subscribed: string[] } {
  const fake = fakeSubscriptions();
  const connection = useConnectionStore();
  const inner = connection.subscriptions;
  if (!inner) throw new Error('fakeSubscriptions installed no connection');
  const sinks = new Map<SubscriptionSink<unknown>, string>();
  const subscribed: string[] = [];
  const refusable: SubscriptionConnection = {
    subscribe(document, variables, sink) {
      const operation = /subscription\s+(\w+)/.exec(document.toString())?.[1] ?? '';
      sinks.set(sink as SubscriptionSink<unknown>, operation);
      subscribed.push(operation);
      const stop = inner.subscribe(document, variables, sink);
      return () => {
        sinks.delete(sink as SubscriptionSink<unknown>);
        stop();
      };
    },
    dispose: () => inner.dispose(),
  };
  connection.subscriptions = markRaw(refusable);
  return {
    ...fake,
    subscribed,
    refuse(operation, error) {
      for (const [sink, name] of sinks) if (name === operation) sink.error?.(error);
    },
  };
}

describe('the Assistant window', () => {
  let calls: GraphCall[];
  let subscriptions: ReturnType<typeof refusableSubscriptions>;
  let status: Record<string, unknown>;

  beforeEach(() => {
    localStorage.clear();
    status = configured;
    calls = stubGraph({
      AssistantStatus: () => ({ assistant: status }),
      AssistantSessions: () => ({ assistantSessions: [sessionRow] }),
      AssistantHistory: ({ id }) => ({ assistantSession: id === 's-1' ? history : null }),
      NewAssistantSession: () => ({ newAssistantSession: { id: 's-new', title: null, updatedAt: '2026-05-01T12:01:00.000Z', messageCount: 0 } }),
      DeleteAssistantSession: () => ({ deleteAssistantSession: true }),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function open() {
    return mountWindow(AssistantWindow, () => {
      subscriptions = refusableSubscriptions();
    });
  }
  type Wrapper = Awaited<ReturnType<typeof open>>;
  const messages = (wrapper: Wrapper) => wrapper.findAll('[data-assistant-message]').map((message) => [message.attributes('data-assistant-message'), message.find('[data-assistant-text]').text()]);
  const operations = () => calls.map((call) => call.operation);

  async function ask(wrapper: Wrapper, question: string) {
    await wrapper.get('[data-assistant-input]').setValue(question);
    await wrapper.get('form').trigger('submit');
    await settle();
  }

  it('reopens the session it remembers, with its history and the tools the answers called', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, 's-1');
    const wrapper = await open();
    expect(calls.filter((call) => call.operation === 'AssistantHistory').map((call) => call.variables)).toEqual([{ id: 's-1' }]);
    expect(messages(wrapper)).toEqual([
      ['USER', 'Where is Cadna?'],
      ['ASSISTANT', 'Cadna is at 12.5N, 40.1W.'],
    ]);
    const chip = wrapper.get('[data-tool-call]');
    expect(chip.attributes()).toMatchObject({ 'data-tool-call': 'find_character', 'data-tool-state': 'done' });
    expect(chip.get('summary').text()).toBe('✓find_charactername=Cadna→ {"ns":12.5,"ew":-40.1}41 ms');
    expect(wrapper.get('[data-assistant-session="s-1"]').attributes('aria-current')).toBe('true');
    expect(wrapper.get('[data-assistant-model]').text()).toBe('Anthropic · claude-test · 29 of 30 asks left this hour');
    wrapper.unmount();
  });

  it('forgets a remembered session that is gone, and starts a new chat', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, 's-deleted');
    const wrapper = await open();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(messages(wrapper)).toEqual([]);
    wrapper.unmount();
  });

  it('streams the answer as it is written, tool calls as chips, then keeps the whole answer and remembers the new session', async () => {
    const wrapper = await open();
    await ask(wrapper, '  Where is Cadna?  ');
    expect(operations()).toContain('NewAssistantSession');
    expect(subscriptions.open('AssistantAsk')).toEqual([{ sessionId: 's-new', question: 'Where is Cadna?' }]);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBe('s-new');
    expect((wrapper.get('[data-assistant-input]').element as HTMLTextAreaElement).value).toBe('');
    expect(wrapper.find('[data-assistant-send]').exists()).toBe(false);

    subscriptions.emit('AssistantAsk', askEvent({ type: 'TOOL_CALL', tool: 'find_character', toolCallId: 'c1', arguments: { name: 'Cadna' } }));
    await settle();
    expect(wrapper.get('[data-tool-call]').attributes('data-tool-state')).toBe('running');
    subscriptions.emit('AssistantAsk', askEvent({ type: 'TOOL_RESULT', tool: 'find_character', toolCallId: 'c1', resultSummary: '{"ns":12.5}', resultBytes: 11, isError: false, durationMs: 1_250 }));
    subscriptions.emit('AssistantAsk', askEvent({ type: 'TOKEN', text: 'Cadna is ' }));
    await settle();
    expect(messages(wrapper)).toEqual([
      ['USER', 'Where is Cadna?'],
      ['ASSISTANT', 'Cadna is ▍'],
    ]);
    expect(wrapper.get('[data-assistant-message=ASSISTANT]').attributes('data-streaming')).toBe('');
    expect(wrapper.get('[data-tool-call]').attributes('data-tool-state')).toBe('done');
    expect(wrapper.get('[data-tool-call] [data-tool-result]').text()).toBe('→ {"ns":12.5}');

    subscriptions.emit('AssistantAsk', askEvent({ type: 'TOKEN', text: 'at 12.5N' }));
    subscriptions.emit('AssistantAsk', askEvent({ type: 'DONE', text: 'Cadna is at 12.5N.', messageId: 'm-9', durationMs: 1_900 }));
    await settle();
    expect(messages(wrapper)).toEqual([
      ['USER', 'Where is Cadna?'],
      ['ASSISTANT', 'Cadna is at 12.5N.'],
    ]);
    expect(wrapper.get('[data-assistant-message=ASSISTANT]').attributes('data-streaming')).toBeUndefined();
    expect(subscriptions.open('AssistantAsk')).toEqual([]);
    // Listed again when the session is made, when its question is stored (the first event) and when the answer is.
    expect(operations().filter((operation) => operation === 'AssistantSessions')).toHaveLength(4);
    // One ask, one subscription: subscribing again would ask again.
    expect(subscriptions.subscribed).toEqual(['AssistantAsk']);
    expect(wrapper.find('[data-assistant-send]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('shows a refused ask’s message and code, and gives the question back', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, 's-1');
    const wrapper = await open();
    await ask(wrapper, 'And Alold?');
    expect(messages(wrapper)).toHaveLength(4);
    subscriptions.refuse('AssistantAsk', new GraphError('Over 30 asks in the last hour: one more is allowed in 12 min (at 12:14 UTC).', 'RATE_LIMITED'));
    await settle();
    const problem = wrapper.get('[data-assistant-error]');
    expect(problem.attributes('data-error-code')).toBe('RATE_LIMITED');
    expect(problem.text()).toBe('Over 30 asks in the last hour: one more is allowed in 12 min (at 12:14 UTC).');
    expect(messages(wrapper)).toHaveLength(2);
    expect((wrapper.get('[data-assistant-input]').element as HTMLTextAreaElement).value).toBe('And Alold?');
    expect(subscriptions.open('AssistantAsk')).toEqual([]);
    expect(calls.filter((call) => call.operation === 'DeleteAssistantSession')).toEqual([]);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBe('s-1');
    wrapper.unmount();
  });

  it('deletes the session a new chat made for a refused question, which holds nothing', async () => {
    const wrapper = await open();
    await ask(wrapper, 'Anything else?');
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBe('s-new');
    subscriptions.refuse('AssistantAsk', new GraphError('Your previous question is still being answered (trace abc); one at a time. Ask again when it is done, within 34 s at most.', 'ASK_IN_FLIGHT'));
    await settle();
    expect(wrapper.get('[data-assistant-error]').attributes('data-error-code')).toBe('ASK_IN_FLIGHT');
    expect(calls.filter((call) => call.operation === 'DeleteAssistantSession').map((call) => call.variables)).toEqual([{ id: 's-new' }]);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect((wrapper.get('[data-assistant-input]').element as HTMLTextAreaElement).value).toBe('Anything else?');
    wrapper.unmount();
  });

  it('keeps what was written when the answer fails, with the reason', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, 's-1');
    const wrapper = await open();
    await ask(wrapper, 'Summarise the week');
    subscriptions.emit('AssistantAsk', askEvent({ type: 'TOKEN', text: 'This week' }));
    subscriptions.emit('AssistantAsk', askEvent({ type: 'ERROR', errorCode: 'ASSISTANT_TIMEOUT', text: 'The answer took longer than 60 s and was stopped; ask again.' }));
    await settle();
    const failed = wrapper.findAll('[data-assistant-message=ASSISTANT]').at(-1);
    expect(failed?.get('[data-assistant-text]').text()).toBe('This week');
    expect(failed?.get('[data-assistant-answer-error]').attributes('data-error-code')).toBe('ASSISTANT_TIMEOUT');
    expect(failed?.get('[data-assistant-answer-error]').text()).toBe('The answer took longer than 60 s and was stopped; ask again.');
    wrapper.unmount();
  });

  it('stops an answer on request, ending its subscription', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, 's-1');
    const wrapper = await open();
    await ask(wrapper, 'Count every item');
    subscriptions.emit('AssistantAsk', askEvent({ type: 'TOKEN', text: 'Counting' }));
    await settle();
    await wrapper.get('[data-assistant-stop]').trigger('click');
    await settle();
    expect(subscriptions.open('AssistantAsk')).toEqual([]);
    expect(wrapper.findAll('[data-assistant-answer-error]').at(-1)?.attributes('data-error-code')).toBe('STOPPED');
    wrapper.unmount();
  });

  it('ends the answer when the connection drops (rather than let graphql-ws ask again), and reads the history once back', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, 's-1');
    const wrapper = await open();
    const connection = useConnectionStore();
    connection.status = 'online';
    await ask(wrapper, 'Count every item');
    subscriptions.emit('AssistantAsk', askEvent({ type: 'TOKEN', text: 'Counting' }));
    await settle();
    connection.status = 'reconnecting';
    await settle();
    expect(subscriptions.open('AssistantAsk')).toEqual([]);
    expect(wrapper.findAll('[data-assistant-answer-error]').at(-1)?.attributes('data-error-code')).toBe('INTERRUPTED');
    const reads = () => calls.filter((call) => call.operation === 'AssistantHistory').length;
    expect(reads()).toBe(1);
    connection.status = 'online';
    await settle();
    expect(reads()).toBe(2);
    expect(messages(wrapper)).toHaveLength(2);
    wrapper.unmount();
  });

  it('opens another session from the list, and a new chat empty', async () => {
    const wrapper = await open();
    expect(messages(wrapper)).toEqual([]);
    await wrapper.get('[data-assistant-session="s-1"]').trigger('click');
    await settle();
    expect(messages(wrapper)).toHaveLength(2);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBe('s-1');
    await wrapper.get('[data-assistant-new]').trigger('click');
    await settle();
    expect(messages(wrapper)).toEqual([]);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    wrapper.unmount();
  });

  it('says how to configure a model instead of offering the input when none is', async () => {
    status = {
      configured: false,
      provider: null,
      model: null,
      hint: 'The assistant has no language model configured. Set LIFESTONE_LLM_PROVIDER=anthropic and ANTHROPIC_API_KEY, then restart the assistant.',
      asksPerHour: 30,
      asksLeft: 30,
      timeoutMs: 60_000,
    };
    const wrapper = await open();
    expect(wrapper.find('[data-assistant-input]').exists()).toBe(false);
    const hint = wrapper.get('[data-assistant-hint]');
    expect(hint.text()).toContain('Set LIFESTONE_LLM_PROVIDER=anthropic and ANTHROPIC_API_KEY, then restart the assistant.');
    expect(hint.findAll('code').map((code) => code.text())).toEqual(['LIFESTONE_LLM_PROVIDER=anthropic', 'ANTHROPIC_API_KEY']);
    wrapper.unmount();
  });
});
