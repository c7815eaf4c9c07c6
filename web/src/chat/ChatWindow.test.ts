// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions, type GraphCall } from '../components/test-support';
import ChatWindow from './ChatWindow.vue';

const history = [
  { character: 'Cadna', channel: 'Trade', color: 28, sender: "Sev'iel", text: 'WTB Legendary Keys', time: '2026-05-01T12:00:05.000Z' },
  { character: 'Belsandre', channel: 'Allegiance', color: 18, sender: 'Grimwald', text: 'grats!', time: '2026-05-01T12:00:01.000Z' },
];

describe('the Chat window', () => {
  let calls: GraphCall[];
  let subscriptions: FakeSubscriptions;
  beforeEach(() => {
    calls = stubGraph({ ChatHistory: ({ channel }) => ({ chat: history.filter((line) => !channel || line.channel === channel) }) });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function open() {
    return mountWindow(ChatWindow, () => {
      subscriptions = fakeSubscriptions();
    });
  }
  const lines = (wrapper: Awaited<ReturnType<typeof open>>) => wrapper.findAll('[data-chat-line]').map((line) => [line.attributes('data-chat-channel'), line.text()]);

  it('seeds with history, oldest first, then adds live lines, in the game’s colours', async () => {
    const wrapper = await open();
    subscriptions.emit('ChatLines', { events: { character: 'Belsandre', time: '2026-05-01T12:00:09.000Z', payload: { __typename: 'ChatPayload', channel: 'Tell', color: 3, sender: 'Hatsuki', text: 'thanks for the buffs!' } } });
    await settle();
    expect(lines(wrapper).map(([channel]) => channel)).toEqual(['Allegiance', 'Trade', 'Tell']);
    expect(lines(wrapper)[2]?.[1]).toMatch(/\[Tell\]\s*Hatsuki:\s*thanks for the buffs!\s*heard by Belsandre$/);
    const colours = wrapper.findAll('[data-chat-line]').map((line) => (line.element as HTMLElement).style.color);
    expect(colours).toEqual(['#ed921e', '#b4dcef', '#ffff3e']);
    wrapper.unmount();
  });

  it('filters by channel, asking the history of that channel', async () => {
    const wrapper = await open();
    await wrapper.get('[data-chat-channel-filter]').setValue('Trade');
    await settle();
    expect(calls.map((call) => call.variables)).toEqual([
      { channel: null, first: 500 },
      { channel: 'Trade', first: 200 },
    ]);
    expect(lines(wrapper).map(([channel]) => channel)).toEqual(['Trade']);
    subscriptions.emit('ChatLines', { events: { character: 'Cadna', time: '2026-05-01T12:00:10.000Z', payload: { __typename: 'ChatPayload', channel: 'General', color: 27, sender: 'x', text: 'hi' } } });
    await settle();
    expect(lines(wrapper).map(([channel]) => channel)).toEqual(['Trade']);
    wrapper.unmount();
  });
});
