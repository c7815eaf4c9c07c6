// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, mountWindow, settle, stubGraph, type FakeSubscriptions, type GraphCall } from '../components/test-support';
import { GraphError } from '../graph/client';
import { useConnectionStore } from '../graph/connection';
import SuitbuilderWindow from './SuitbuilderWindow.vue';
import { doneEvent, piece, progressEvent, suit, suitEvent } from './test-support';

const OPTIONS = {
  suitBuilderOptions: {
    sets: [
      { name: "Defender's Set", count: 12 },
      { name: "Soldier's Set", count: 4 },
    ],
    cantrips: [
      { family: 'Strength', bestLevel: 'LEGENDARY', count: 6 },
      { family: 'Invulnerability', bestLevel: 'EPIC', count: 3 },
    ],
    characters: ['Zyx Mule', 'Zyx Second'],
  },
};

const chest = piece('Zyx Mule', '9001', 'Zyx Chestplate', ['CHEST'], { armorLevel: 620, setName: "Defender's Set", spells: ['Epic Strength', 'Impenetrability'] });
const helm = piece('Zyx Mule', '9002', 'Zyx Helm', ['HEAD'], { armorLevel: 450, setName: "Defender's Set" });
const greaves = piece('Zyx Second', '9004', 'Zyx Greaves', ['UPPER_LEGS', 'LOWER_LEGS'], { armorLevel: 580, setName: "Defender's Set", reduction: 'Reduce to Upper Legs' });
const gauntlets = piece('Zyx Second', '9003', 'Zyx Gauntlets', ['HANDS'], { armorLevel: 600, setName: "Soldier's Set" });

const best = suit(1, 9000, [helm, chest, greaves], {
  sets: [{ name: "Defender's Set", pieces: 3, tier: 3, role: 'PRIMARY' }],
  cantrips: [{ family: 'Strength', wanted: 'EPIC', level: 'EPIC' }],
  missingCantrips: [{ family: 'Invulnerability', wanted: 'MAJOR', level: null }],
  gatherText: 'Zyx Mule: Zyx Helm (Head), Zyx Chestplate (Chest)\nZyx Second: Zyx Greaves (Upper Legs, Lower Legs)',
});
const second = suit(1, 7000, [chest, gauntlets]);
const third = suit(1, 5000, [helm]);

describe('the Suitbuilder window', () => {
  let subscriptions: FakeSubscriptions;
  let calls: GraphCall[];
  beforeEach(() => {
    calls = stubGraph({ SuitBuilderOptions: () => OPTIONS });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function open() {
    return mountWindow(SuitbuilderWindow, () => {
      subscriptions = fakeSubscriptions();
      useConnectionStore().status = 'online';
    });
  }
  type Wrapper = Awaited<ReturnType<typeof open>>;
  const searches = () => subscriptions.open('SuitSearch') as { input: Record<string, unknown> }[];
  const emit = async (event: unknown) => {
    subscriptions.emit('SuitSearch', { suitSearch: event });
    await settle();
  };
  const rows = (wrapper: Wrapper) => wrapper.findAll('[data-suit]').map((row) => `${row.attributes('data-suit')} ${row.findAll('td')[1]!.text()}`);
  const cell = (wrapper: Wrapper, slot: string) => wrapper.get(`[data-suit-piece="${slot}"]`);

  async function searchFor(wrapper: Wrapper, suits = '2') {
    const form = wrapper.get('[data-suit-form]');
    await form.get('select[name="primarySet"]').setValue("Defender's Set");
    await form.get('select[name="secondarySet"]').setValue('NONE');
    await form.get('select[name="cantripFamily"]').setValue('Strength');
    expect((form.get('select[name="cantripLevel"]').element as HTMLSelectElement).value).toBe('LEGENDARY');
    await form.get('select[name="cantripLevel"]').setValue('EPIC');
    await form.get('[data-suit-cantrip-add]').trigger('click');
    await form.get('select[name="cantripFamily"]').setValue('Invulnerability');
    await form.get('[data-suit-cantrip-add]').trigger('click');
    await form.get('[data-suit-cantrip="Invulnerability"] [data-suit-cantrip-remove]').trigger('click');
    await form.get('input[name="suits"]').setValue(suits);
    await form.trigger('submit');
    await settle();
  }

  it('fills its pickers from the fleet, and searches with what the form says', async () => {
    const wrapper = await open();
    const sets = wrapper.findAll('select[name="primarySet"] option').map((option) => option.text());
    expect(sets).toEqual(['Any set', 'No set', "Defender's Set (12)", "Soldier's Set (4)"]);
    await wrapper.get('input[name="allCharacters"]').setValue(false);
    expect(wrapper.findAll('[data-suit-character]').map((label) => label.attributes('data-suit-character'))).toEqual(['Zyx Mule', 'Zyx Second']);
    expect(wrapper.findAll('[data-suit-character] input').map((box) => (box.element as HTMLInputElement).checked)).toEqual([true, true]);
    await wrapper.get('[data-suit-character="Zyx Mule"] input').setValue(false);
    await searchFor(wrapper);
    expect(searches()).toEqual([
      {
        input: {
          characters: ['Zyx Second'],
          includeEquipped: true,
          primarySet: { mode: 'NAMED', name: "Defender's Set" },
          secondarySet: { mode: 'NONE' },
          cantrips: [{ family: 'Strength', minLevel: 'EPIC' }],
          minArmorLevel: 0,
          locked: [],
          excluded: [],
          slotGroups: ['ARMOR', 'UNDERCLOTHES', 'JEWELRY'],
          weights: { armorLevel: 1, setTier: 400, cantrip: 2000, rating: 100 },
          suits: 2,
          timeBudgetMs: 10_000,
        },
      },
    ]);
    expect(calls.filter((call) => call.operation === 'SuitBuilderOptions')).toHaveLength(2);
    wrapper.unmount();
  });

  it('shows progress while it runs, suits as they stream in at their rank, and the final ranking at the end', async () => {
    const wrapper = await open();
    await searchFor(wrapper);
    expect(wrapper.get('[data-suit-search]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-suit-stop]').attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[data-suit-progress]').text()).toBe('Starting the search…');
    await emit(progressEvent(250));
    expect(wrapper.get('[data-suit-progress]').text()).toBe('Searching 40 items: 25 placements after pruning · 2,500 nodes · 0.3 s');

    await emit(suitEvent({ ...third, rank: 1 }));
    await emit(suitEvent({ ...best, rank: 1 }));
    expect(rows(wrapper)).toEqual(['1 9,000', '2 5,000']);
    await emit(suitEvent({ ...second, rank: 2 }, 400));
    expect(rows(wrapper)).toEqual(['1 9,000', '2 7,000']);
    expect(wrapper.get('[data-suit-progress]').text()).toContain('best score 7,000');

    await emit(doneEvent([best, { ...second, rank: 2 }], true, 'Every suit was considered: this is the exact best.'));
    expect(wrapper.find('[data-suit-progress]').exists()).toBe(false);
    expect(wrapper.get('[data-suit-done]').attributes('data-suit-done')).toBe('exhaustive');
    expect(wrapper.get('[data-suit-done]').text()).toBe('Every suit was considered: this is the exact best. (5,000 nodes in 0.5 s)');
    expect(rows(wrapper)).toEqual(['1 9,000', '2 7,000']);
    expect(wrapper.get('[data-suit-search]').attributes('disabled')).toBeUndefined();
    expect(searches()).toEqual([]);
    wrapper.unmount();
  });

  it('says when the time budget stopped the search', async () => {
    const wrapper = await open();
    await searchFor(wrapper);
    await emit(doneEvent([best], false, 'Stopped at the time budget: the best suits found in 10 s.'));
    expect(wrapper.get('[data-suit-done]').attributes('data-suit-done')).toBe('stopped');
    expect(wrapper.get('[data-suit-done]').text()).toContain('Stopped at the time budget: the best suits found in 10 s.');
    wrapper.unmount();
  });

  it('shows the best suit on the paper doll, another one when clicked, with sets, cantrips and the gather list', async () => {
    const wrapper = await open();
    await searchFor(wrapper, '3');
    await emit(suitEvent(best));
    await emit(suitEvent({ ...second, rank: 2 }));
    expect(wrapper.get('[data-suit-detail]').attributes('data-suit-detail')).toBe('1');
    expect(cell(wrapper, 'CHEST').attributes('data-suit-piece-owner')).toBe('Zyx Mule');
    expect(cell(wrapper, 'CHEST').get('[data-suit-piece-name]').text()).toBe('Zyx Chestplate');
    expect(cell(wrapper, 'CHEST').get('[data-suit-piece-al]').text()).toBe('620');
    expect(cell(wrapper, 'CHEST').findAll('[data-suit-piece-cantrip]').map((spell) => spell.text())).toEqual(['Epic Strength']);
    expect(cell(wrapper, 'UPPER_LEGS').get('[data-suit-piece-reduction]').text()).toBe('Reduce to Upper Legs');
    expect(cell(wrapper, 'LOWER_LEGS').text()).toContain('also Upper legs');
    expect(cell(wrapper, 'HANDS').find('[data-suit-piece-name]').exists()).toBe(false);
    expect(wrapper.get(`[data-suit-set="Defender's Set"]`).text()).toBe("Defender's Set3primarytier 3");
    expect(wrapper.get('[data-suit-cantrip-covered="Strength"]').text()).toBe('✓ Epic Strength');
    expect(wrapper.get('[data-suit-cantrip-missing="Invulnerability"]').text()).toBe('✗ Invulnerability (wanted Major)');
    expect(wrapper.findAll('[data-gather]').map((stop) => [stop.attributes('data-gather'), stop.findAll('[data-gather-piece]').map((entry) => entry.text())])).toEqual([
      ['Zyx Mule', ['Zyx Helm (Head)', 'Zyx Chestplate (Chest)']],
      ['Zyx Second', ['Zyx Greaves (Upper legs, Lower legs)']],
    ]);

    // The selection follows the suit when a better one pushes it down.
    await wrapper.get('[data-suit="2"]').trigger('click');
    expect(cell(wrapper, 'HANDS').get('[data-suit-piece-name]').text()).toBe('Zyx Gauntlets');
    await emit(suitEvent({ ...third, score: 9500, rank: 1 }));
    expect(wrapper.get('[data-suit-detail]').attributes('data-suit-detail')).toBe('3');
    expect(wrapper.get('[data-suit="3"]').attributes('aria-selected')).toBe('true');
    wrapper.unmount();
  });

  it('copies the gather list as the graph wrote it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const wrapper = await open();
    await searchFor(wrapper);
    await emit(suitEvent(best));
    await wrapper.get('[data-gather-copy]').trigger('click');
    await settle();
    expect(writeText).toHaveBeenCalledWith(best.gatherText);
    expect(wrapper.get('[data-gather-copied]').text()).toBe('copied');
    wrapper.unmount();
  });

  it('locks and excludes pieces for the next search', async () => {
    const wrapper = await open();
    await searchFor(wrapper);
    await emit(doneEvent([best], true, 'Exact.'));
    await cell(wrapper, 'CHEST').get('[data-suit-lock]').trigger('click');
    await cell(wrapper, 'UPPER_LEGS').get('[data-suit-exclude]').trigger('click');
    await cell(wrapper, 'HEAD').get('[data-suit-exclude]').trigger('click');
    await cell(wrapper, 'HEAD').get('[data-suit-exclude]').trigger('click');
    expect(cell(wrapper, 'CHEST').get('[data-suit-lock]').attributes('aria-pressed')).toBe('true');
    expect(cell(wrapper, 'LOWER_LEGS').get('[data-suit-exclude]').attributes('aria-pressed')).toBe('true');
    expect(wrapper.findAll('[data-suit-pin]').map((chip) => `${chip.attributes('data-suit-pin')} ${chip.attributes('data-pin-choice')}`)).toEqual([
      'Zyx Mule/9001 locked',
      'Zyx Second/9004 excluded',
    ]);
    await wrapper.get('[data-suit-form]').trigger('submit');
    await settle();
    expect(searches()[0]!.input).toMatchObject({ locked: [{ owner: 'Zyx Mule', id: '9001' }], excluded: [{ owner: 'Zyx Second', id: '9004' }] });

    await wrapper.get('[data-suit-pin="Zyx Mule/9001"] [data-suit-unpin]').trigger('click');
    expect(wrapper.findAll('[data-suit-pin]')).toHaveLength(1);
    wrapper.unmount();
  });

  it('stops on Stop, keeping what was found, and a new search starts afresh', async () => {
    const wrapper = await open();
    await searchFor(wrapper);
    await emit(suitEvent(best));
    await wrapper.get('[data-suit-stop]').trigger('click');
    await settle();
    expect(searches()).toEqual([]);
    expect(wrapper.get('[data-suit-done]').attributes('data-suit-done')).toBe('cancelled');
    expect(wrapper.get('[data-suit-done]').text()).toContain('Stopped by you: the suit found so far, not necessarily the best.');
    expect(rows(wrapper)).toEqual(['1 9,000']);
    expect(wrapper.get('[data-suit-stop]').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-suit-form]').trigger('submit');
    await settle();
    expect(searches()).toHaveLength(1);
    expect(rows(wrapper)).toEqual([]);
    wrapper.unmount();
  });

  it('stops when the window closes', async () => {
    const wrapper = await open();
    await searchFor(wrapper);
    expect(searches()).toHaveLength(1);
    wrapper.unmount();
    expect(searches()).toEqual([]);
  });

  it('shows why a search was refused, with its code, and sends nothing for a form it cannot send', async () => {
    const wrapper = await open();
    await searchFor(wrapper);
    subscriptions.fail('SuitSearch', new GraphError('Zyx Chestplate and Zyx Robe both need the chest.', 'BAD_USER_INPUT'));
    await settle();
    expect(wrapper.get('[data-suit-problem]').attributes('data-error-code')).toBe('BAD_USER_INPUT');
    expect(wrapper.get('[data-suit-problem]').text()).toBe('Zyx Chestplate and Zyx Robe both need the chest.');
    expect(searches()).toEqual([]);

    await wrapper.get('input[name="timeBudget"]').setValue('90');
    await wrapper.get('[data-suit-form]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-suit-form] [role="alert"]').text()).toBe('Time budget (seconds) must be between 0.1 and 60.');
    expect(searches()).toEqual([]);
    wrapper.unmount();
  });

  it('ends the search when the connection drops instead of starting it over', async () => {
    const wrapper = await open();
    await searchFor(wrapper);
    await emit(suitEvent(best));
    useConnectionStore().status = 'reconnecting';
    await settle();
    expect(searches()).toEqual([]);
    expect(wrapper.get('[data-suit-done]').attributes('data-suit-done')).toBe('interrupted');
    expect(rows(wrapper)).toEqual(['1 9,000']);
    wrapper.unmount();
  });
});
