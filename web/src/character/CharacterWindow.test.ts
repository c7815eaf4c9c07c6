// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions, type GraphCall } from '../components/test-support';
import { useSelectionStore } from '../selection/selection';
import CharacterWindow from './CharacterWindow.vue';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');

/** The sheet with the quests and spells reported `reportedAgoMs` before the (fake) present. */
function sheet(name: string, stipendSeconds: number, reportedAgoMs = 0) {
  const reportedAt = new Date(Date.now() - reportedAgoMs).toISOString();
  return {
    character: {
      name,
      lookalikes: [],
      stats: null,
      quests: [
        { name: 'Stipend', solves: 3, maxSolves: 1000, completedAt: '2026-05-01T11:00:00.000Z', availableInSeconds: stipendSeconds, reportedAt },
        { name: 'Aerbax', solves: 1, maxSolves: null, completedAt: null, availableInSeconds: 0, reportedAt },
      ],
      effects: [
        { spellId: 2345, name: 'Epic Invulnerability', caster: 'Belsandre', durationSeconds: 90, reportedAt },
        { spellId: 4089, name: 'Major Flame Ward', caster: 'Chiran Helm', durationSeconds: -1, reportedAt },
      ],
    },
  };
}

describe('the Character window', () => {
  let calls: GraphCall[];
  let subscriptions: FakeSubscriptions;
  let stipend = 185;
  let reportedAgoMs = 0;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
    stipend = 185;
    reportedAgoMs = 0;
    calls = stubGraph({
      PickerCharacters: () => ({ characters: [{ name: 'Belsandre', online: true }] }),
      CharacterSheet: ({ name }) => sheet(name as string, stipend, reportedAgoMs),
      CharacterLive: ({ name }) => ({ character: { name, online: true, state: 'Combat', lastSeen: new Date(NOW).toISOString(), vitals: null, counters: null, sessionCounters: null, plugin: null } }),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function open(selected?: string) {
    return mountWindow(CharacterWindow, () => {
      subscriptions = fakeSubscriptions();
      if (selected) useSelectionStore().select(selected);
    });
  }
  const countdowns = (wrapper: Awaited<ReturnType<typeof open>>) => wrapper.findAll('[data-quest]').map((row) => [row.attributes('data-quest'), row.get('[data-quest-countdown]').text()]);

  it('offers the picker and asks for nothing until a character is chosen', async () => {
    const wrapper = await open();
    expect(calls.map((call) => call.operation)).toEqual(['PickerCharacters']);
    await wrapper.get('[data-character-picker]').setValue('Belsandre');
    await settle();
    expect(useSelectionStore().selected).toBe('Belsandre');
    expect(wrapper.get('[data-character]').attributes('data-character')).toBe('Belsandre');
    wrapper.unmount();
  });

  it('counts quest timers and spells down, ready ones first', async () => {
    const wrapper = await open('Belsandre');
    await wrapper.get('[data-tab="quests"]').trigger('click');
    expect(countdowns(wrapper)).toEqual([
      ['Aerbax', 'ready'],
      ['Stipend', '3 min 05 s'],
    ]);
    await vi.advanceTimersByTimeAsync(125_000);
    expect(countdowns(wrapper)).toEqual([
      ['Aerbax', 'ready'],
      ['Stipend', '1 min 00 s'],
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(countdowns(wrapper)).toEqual([
      ['Aerbax', 'ready'],
      ['Stipend', 'ready'],
    ]);
    await wrapper.get('[data-tab="effects"]').trigger('click');
    expect(wrapper.get('[data-effect="2345"]').text()).toBe('Epic InvulnerabilityBelsandreexpired');
    expect(wrapper.get('[data-effect="4089"]').text()).toBe('Major Flame WardChiran Helmpermanent');
    wrapper.unmount();
  });

  it('counts from when the plugin reported, not from when the window opened', async () => {
    reportedAgoMs = 65_000;
    const wrapper = await open('Belsandre');
    await wrapper.get('[data-tab="quests"]').trigger('click');
    expect(countdowns(wrapper)).toEqual([
      ['Aerbax', 'ready'],
      ['Stipend', '2 min 00 s'],
    ]);
    await wrapper.get('[data-tab="effects"]').trigger('click');
    expect(wrapper.get('[data-effect="2345"]').text()).toBe('Epic InvulnerabilityBelsandre25 s');
    wrapper.unmount();
  });

  it('reads the sheet again when the character reports new quest timers', async () => {
    const wrapper = await open('Belsandre');
    expect(subscriptions.open('CharacterSheetReports')).toEqual([{ name: 'Belsandre' }]);
    await wrapper.get('[data-tab="quests"]').trigger('click');
    stipend = 50;
    subscriptions.emit('CharacterSheetReports', { events: { type: 'QUEST', character: 'Belsandre' } });
    await settle();
    expect(calls.filter((call) => call.operation === 'CharacterSheet')).toHaveLength(2);
    expect(countdowns(wrapper)).toEqual([
      ['Aerbax', 'ready'],
      ['Stipend', '50 s'],
    ]);
    wrapper.unmount();
  });
});
