// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions, type GraphCall } from '../components/test-support';
import { useConnectionStore } from '../graph/connection';
import { useSelectionStore } from '../selection/selection';
import { RESYNC_RETRY_MS } from './alertFeed';
import AlertsWindow from './AlertsWindow.vue';
import { alertItem, alertPage, commonRare } from './test-support';

/** The graph's alerts, newest last. */
const FIVE = [alertItem(1, 'OFFLINE', 'Vexor'), alertItem(2, 'VORTEX', 'Cadna'), alertItem(3, 'IDLE', 'Vexor'), commonRare(4, 'Cadna'), alertItem(5, 'DEATH', 'Vexor')];
let stored = FIVE;

/** `alerts(types, characters, first, after)` over {@link STORED}, as the graph pages it. */
function history(variables: Record<string, unknown>) {
  const types = variables.types as string[] | null;
  const characters = variables.characters as string[] | null;
  const after = variables.after === null ? Number.POSITIVE_INFINITY : Number(String(variables.after).slice(1));
  const matching = stored.filter((alert) => (!types || types.includes(alert.type)) && (!characters || characters.includes(alert.character)) && Number(alert.id) < after).reverse();
  const first = variables.first as number;
  return alertPage(matching.slice(0, first), matching.length > first);
}

describe('the Alerts window', () => {
  let subscriptions: FakeSubscriptions;
  let calls: GraphCall[];
  beforeEach(() => {
    stored = FIVE;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: new Date(2026, 4, 1, 12, 0, 30) });
    calls = stubGraph({
      AlertNewest: () => alertPage([stored.at(-1)!]),
      AlertCatchUp: () => alertPage([]),
      AlertHistory: history,
      PickerCharacters: () => ({ characters: [{ name: 'Cadna', online: true }, { name: 'Vexor', online: true }] }),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function open() {
    return mountWindow(AlertsWindow, () => {
      subscriptions = fakeSubscriptions();
      useConnectionStore().status = 'online';
    });
  }
  type Wrapper = Awaited<ReturnType<typeof open>>;
  const rows = (wrapper: Wrapper) => wrapper.findAll('[data-alert]').map((row) => `${row.attributes('data-alert-id')} ${row.attributes('data-alert')} ${row.get('[data-alert-character]').attributes('data-alert-character')}`);
  const historyCalls = () => calls.filter((call) => call.operation === 'AlertHistory').map((call) => call.variables);

  it('lists the history newest first once the feed knows where it starts, with live alerts on top, and loads older pages', async () => {
    const wrapper = await open();
    expect(historyCalls()).toEqual([{ types: null, characters: null, first: 50, after: null }]);
    expect(rows(wrapper)).toEqual(['5 DEATH Vexor', '4 RARE Cadna', '3 IDLE Vexor', '2 VORTEX Cadna', '1 OFFLINE Vexor']);
    const first = wrapper.get('[data-alert="DEATH"]');
    expect(first.get('[data-alert-time]').text()).toBe('25 s ago');
    expect(first.get('[data-alert-time]').attributes('title')).toBe(new Date(2026, 4, 1, 12, 0, 5).toLocaleString());
    expect(first.text()).toContain('Vexor death 5');
    expect(first.text()).toContain('12.3N, 45.6E');
    expect(wrapper.find('[data-alert-older]').exists()).toBe(false);

    subscriptions.emit('AlertFeed', { alerts: alertItem(6, 'DEATH', 'Cadna', 29) });
    subscriptions.emit('AlertFeed', { alerts: alertItem(6, 'DEATH', 'Cadna', 29) });
    await settle();
    expect(rows(wrapper).slice(0, 2)).toEqual(['6 DEATH Cadna', '5 DEATH Vexor']);
    expect(wrapper.get('[data-alert-count]').text()).toBe('6 shown');
    wrapper.unmount();
  });

  it('pages back with "load older" after the oldest alert shown', async () => {
    stored = Array.from({ length: 65 }, (_, index) => alertItem(index + 1, 'IDLE', 'Vexor', 0));
    const wrapper = await open();
    expect(rows(wrapper)).toHaveLength(50);
    expect(rows(wrapper).at(-1)).toBe('16 IDLE Vexor');
    await wrapper.get('[data-alert-older]').trigger('click');
    await settle();
    expect(historyCalls().at(-1)).toEqual({ types: null, characters: null, first: 50, after: 'c16' });
    expect(rows(wrapper)).toHaveLength(65);
    expect(rows(wrapper).at(-1)).toBe('1 IDLE Vexor');
    expect(wrapper.find('[data-alert-older]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('filters by type and by character, asking the graph for the filter and keeping live alerts that fit', async () => {
    const wrapper = await open();
    // Every type at first ("All"); a chip means "only this type".
    expect(wrapper.get('[data-alert-type-filter="ALL"]').attributes('aria-pressed')).toBe('true');
    expect(wrapper.get('[data-alert-type-filter="DEATH"]').attributes('aria-pressed')).toBe('false');
    await wrapper.get('[data-alert-type-filter="DEATH"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-alert-type-filter="ALL"]').attributes('aria-pressed')).toBe('false');
    expect(wrapper.get('[data-alert-type-filter="DEATH"]').attributes('aria-pressed')).toBe('true');
    expect(wrapper.get('[data-alert-type-filter="RARE"]').attributes('aria-pressed')).toBe('false');
    expect(historyCalls().at(-1)).toEqual({ types: ['DEATH'], characters: null, first: 50, after: null });
    expect(rows(wrapper)).toEqual(['5 DEATH Vexor']);

    subscriptions.emit('AlertFeed', { alerts: alertItem(6, 'VORTEX', 'Cadna') });
    subscriptions.emit('AlertFeed', { alerts: alertItem(7, 'DEATH', 'Cadna') });
    await settle();
    expect(rows(wrapper)).toEqual(['7 DEATH Cadna', '5 DEATH Vexor']);

    await wrapper.get('[data-alert-type-filter="VORTEX"]').trigger('click');
    await wrapper.get('[data-character-picker]').setValue('Cadna');
    await settle();
    expect(historyCalls().at(-1)).toEqual({ types: ['DEATH', 'VORTEX'], characters: ['Cadna'], first: 50, after: null });
    // The live VORTEX alert was not shown under the earlier filter, but the feed kept it: it is here now.
    expect(rows(wrapper)).toEqual(['7 DEATH Cadna', '6 VORTEX Cadna', '2 VORTEX Cadna']);

    for (const type of ['VORTEX', 'OFFLINE', 'DEATH']) await wrapper.get(`[data-alert-type-filter="${type}"]`).trigger('click');
    await settle();
    expect(rows(wrapper)).toEqual([]);
    expect(wrapper.text()).toContain('No offline alert for Cadna yet.');
    // Unpicking the last type picked shows every type again, as "All" does.
    await wrapper.get('[data-alert-type-filter="OFFLINE"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-alert-type-filter="ALL"]').attributes('aria-pressed')).toBe('true');
    expect(historyCalls().at(-1)).toMatchObject({ types: null, characters: ['Cadna'] });
    wrapper.unmount();
  });

  it('waits for the feed before reading history, so that nothing falls between the two', async () => {
    let newestAnswers = 0;
    calls = stubGraph({
      AlertNewest: () => (newestAnswers++ === 0 ? { error: { message: 'the gateway is restarting', code: 'GRAPH_UNREACHABLE' } } : alertPage([stored.at(-1)!])),
      AlertCatchUp: () => alertPage([]),
      AlertHistory: history,
      PickerCharacters: () => ({ characters: [] }),
    });
    const wrapper = await open();
    expect(wrapper.get('[role=alert]').text()).toBe('the gateway is restarting');
    expect(historyCalls()).toEqual([]);
    expect(rows(wrapper)).toEqual([]);
    await vi.advanceTimersByTimeAsync(RESYNC_RETRY_MS);
    await settle();
    expect(historyCalls()).toHaveLength(1);
    expect(rows(wrapper)).toHaveLength(5);
    wrapper.unmount();
  });

  it('shows the character on the map when a row is clicked', async () => {
    const wrapper = await open();
    const selection = useSelectionStore();
    const before = selection.focusRequest;
    await wrapper.get('[data-alert-id="4"] [data-alert-character]').trigger('click');
    expect(selection.selected).toBe('Cadna');
    expect(selection.focusRequest).toBe(before + 1);
    wrapper.unmount();
  });
});
