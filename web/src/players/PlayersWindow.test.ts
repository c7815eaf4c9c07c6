// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountWindow, stubGraph } from '../components/test-support';
import { useSelectionStore } from '../selection/selection';
import PlayersWindow from './PlayersWindow.vue';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');

function player(name: string, state: string, killsPerHour: number | null, secondsAgo: number, healthPct = 100) {
  return {
    name,
    lookalikes: [] as string[],
    online: true,
    state,
    lastSeen: new Date(NOW - secondsAgo * 1000).toISOString(),
    stats: { level: 275 },
    vitals: { healthPct, staminaPct: 100, manaPct: 100, vitaePct: 0 },
    sessionCounters: { kills: 10, killsPerHour },
  };
}

const players = [player('Draael', 'Combat', 174, 4, 34), player('alold', 'Navigating', 1234.4, 1), player('Cadna', 'Idle', null, 12)];

describe('the Players window', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    stubGraph({ LivePlayers: () => ({ livePlayers: players }) });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function open() {
    return mountWindow(PlayersWindow);
  }
  const names = (wrapper: Awaited<ReturnType<typeof open>>) => wrapper.findAll('[data-player]').map((row) => row.attributes('data-player'));

  it('lists the live players by name with their figures, exactly formatted', async () => {
    const wrapper = await open();
    expect(names(wrapper)).toEqual(['alold', 'Cadna', 'Draael']);
    const alold = wrapper.get('[data-player="alold"]');
    expect(alold.get('[data-player-kph]').text()).toBe('1,234');
    expect(alold.get('[data-player-last-seen]').text()).toBe('1 s ago');
    expect(wrapper.get('[data-player="Draael"] [data-player-last-seen]').text()).toBe('4 s ago');
    expect(wrapper.get('[data-player="Cadna"] [data-player-kph]').text()).toBe('—');
    expect(wrapper.get('[data-player-count]').text()).toBe('3 shown · 3 online');
    wrapper.unmount();
  });

  it('sorts by a column on click, flipping on a second click, unknown values last', async () => {
    const wrapper = await open();
    await wrapper.get('[data-sort="killsPerHour"]').trigger('click');
    expect(names(wrapper)).toEqual(['alold', 'Draael', 'Cadna']);
    await wrapper.get('[data-sort="killsPerHour"]').trigger('click');
    expect(names(wrapper)).toEqual(['Draael', 'alold', 'Cadna']);
    await wrapper.get('[data-sort="health"]').trigger('click');
    expect(names(wrapper)).toEqual(['Draael', 'alold', 'Cadna']);
    await wrapper.get('[data-sort="lastSeen"]').trigger('click');
    expect(names(wrapper)).toEqual(['alold', 'Draael', 'Cadna']);
    wrapper.unmount();
  });

  it('searches names and states', async () => {
    const wrapper = await open();
    await wrapper.get('[data-player-search]').setValue('  DRA ');
    expect(names(wrapper)).toEqual(['Draael']);
    await wrapper.get('[data-player-search]').setValue('idle');
    expect(names(wrapper)).toEqual(['Cadna']);
    wrapper.unmount();
  });

  it('focuses the map on a player when its row is clicked', async () => {
    const wrapper = await open();
    const selection = useSelectionStore();
    await wrapper.get('[data-player="Cadna"]').trigger('click');
    expect(selection.selected).toBe('Cadna');
    expect(selection.focusRequest).toBe(1);
    expect(wrapper.get('[data-player="Cadna"]').attributes('aria-selected')).toBe('true');
    wrapper.unmount();
  });
});
