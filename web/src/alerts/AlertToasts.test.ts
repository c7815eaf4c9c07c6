// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions } from '../components/test-support';
import { useConnectionStore } from '../graph/connection';
import { useSelectionStore } from '../selection/selection';
import AlertToasts from './AlertToasts.vue';
import { TOAST_LIMIT, TOAST_MS } from './alertToasts';
import { alertItem, alertPage, commonRare } from './test-support';

describe('the alert toasts', () => {
  let subscriptions: FakeSubscriptions;
  let readBack: ReturnType<typeof alertPage>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    readBack = alertPage([]);
    stubGraph({ AlertNewest: () => alertPage([]), AlertCatchUp: () => readBack });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function open() {
    return mountWindow(AlertToasts, () => {
      subscriptions = fakeSubscriptions();
      useConnectionStore().status = 'online';
    });
  }
  type Wrapper = Awaited<ReturnType<typeof open>>;
  const toasts = (wrapper: Wrapper) => wrapper.findAll('[data-alert-toast]').map((toast) => `${toast.attributes('data-alert-id')} ${toast.attributes('data-alert-toast')}`);
  const live = async (...alerts: ReturnType<typeof alertItem>[]) => {
    for (const alert of alerts) subscriptions.emit('AlertFeed', { alerts: alert });
    await settle();
  };

  it('toasts deaths and great rares, newest on top, each for a few seconds', async () => {
    const wrapper = await open();
    await live(alertItem(1, 'DEATH', 'Vexor'), commonRare(2), alertItem(3, 'RARE', 'Cadna'), alertItem(4, 'IDLE'), alertItem(5, 'VORTEX'), alertItem(6, 'OFFLINE'));
    expect(toasts(wrapper)).toEqual(['3 RARE', '1 DEATH']);
    expect(wrapper.get('[data-alert-id="1"]').text()).toContain('Vexor death 1');
    expect(wrapper.get('[data-alert-id="3"]').text()).toContain('Great rare');
    await vi.advanceTimersByTimeAsync(TOAST_MS - 1);
    expect(toasts(wrapper)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(toasts(wrapper)).toEqual([]);
    wrapper.unmount();
  });

  it(`keeps the newest ${TOAST_LIMIT} of a burst`, async () => {
    const wrapper = await open();
    await live(...[11, 12, 13, 14, 15, 16].map((id) => alertItem(id, 'DEATH')));
    expect(toasts(wrapper)).toEqual(['16 DEATH', '15 DEATH', '14 DEATH', '13 DEATH']);
    wrapper.unmount();
  });

  it('toasts a death that happened while the connection was down, once', async () => {
    const wrapper = await open();
    await vi.advanceTimersByTimeAsync(2_000);
    const connection = useConnectionStore();
    connection.status = 'reconnecting';
    await settle();
    readBack = alertPage([alertItem(21, 'DEATH', 'Cadna')]);
    connection.status = 'online';
    await settle();
    await live(alertItem(21, 'DEATH', 'Cadna'));
    expect(toasts(wrapper)).toEqual(['21 DEATH']);
    wrapper.unmount();
  });

  it('goes when dismissed; a click shows the character on the map', async () => {
    const wrapper = await open();
    await live(alertItem(31, 'DEATH', 'Vexor'), alertItem(32, 'DEATH', 'Cadna'));
    await wrapper.get('[data-alert-id="31"] [data-alert-toast-dismiss]').trigger('click');
    expect(toasts(wrapper)).toEqual(['32 DEATH']);
    const selection = useSelectionStore();
    await wrapper.get('[data-alert-id="32"] [data-alert-toast-focus]').trigger('click');
    expect(selection.selected).toBe('Cadna');
    expect(selection.focusRequest).toBe(1);
    expect(toasts(wrapper)).toEqual([]);
    wrapper.unmount();
  });
});
