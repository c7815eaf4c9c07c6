// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions } from '../components/test-support';
import { useSelectionStore } from '../selection/selection';
import RaresWindow from './RaresWindow.vue';

describe('the Rares window', () => {
  let subscriptions: FakeSubscriptions;
  beforeEach(() => {
    stubGraph({
      RareHistory: () => ({
        great: [{ character: 'Alold', name: 'Ring of Channeling', tier: 'GREAT', time: '2026-05-01T12:00:02.000Z' }],
        common: [{ character: 'Cadna', name: 'Pearl of Blood Drinking', tier: 'COMMON', time: '2026-05-01T12:00:01.000Z' }],
      }),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function open() {
    return mountWindow(RaresWindow, () => {
      subscriptions = fakeSubscriptions();
    });
  }
  const shown = (wrapper: Awaited<ReturnType<typeof open>>) => wrapper.findAll('[data-rare]').map((row) => [row.attributes('data-rare'), row.get('.name').text(), row.get('[data-rare-character]').text()]);

  it('keeps great and common finds apart, newest first, live ones added to their tier', async () => {
    const wrapper = await open();
    expect(shown(wrapper)).toEqual([['GREAT', 'Ring of Channeling', 'Alold']]);
    subscriptions.emit('RareFinds', { events: { character: 'Beran', time: '2026-05-01T12:00:09.000Z', payload: { __typename: 'RarePayload', name: 'Dragonspine Bow', tier: 'GREAT' } } });
    subscriptions.emit('RareFinds', { events: { character: 'Ceric', time: '2026-05-01T12:00:10.000Z', payload: { __typename: 'RarePayload', name: 'Pearl of Spirit Drinking', tier: 'COMMON' } } });
    await settle();
    expect(shown(wrapper)).toEqual([
      ['GREAT', 'Dragonspine Bow', 'Beran'],
      ['GREAT', 'Ring of Channeling', 'Alold'],
    ]);
    expect(wrapper.get('[data-tab="COMMON"]').text()).toBe('Common (2)');
    await wrapper.get('[data-tab="COMMON"]').trigger('click');
    expect(shown(wrapper)).toEqual([
      ['COMMON', 'Pearl of Spirit Drinking', 'Ceric'],
      ['COMMON', 'Pearl of Blood Drinking', 'Cadna'],
    ]);
    await wrapper.get('[data-rare-character]').trigger('click');
    expect(useSelectionStore().selected).toBe('Ceric');
    wrapper.unmount();
  });
});
