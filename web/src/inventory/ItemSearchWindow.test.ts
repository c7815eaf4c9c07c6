// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountWindow, settle, stubGraph, type GraphCall } from '../components/test-support';
import { useSelectionStore } from '../selection/selection';
import { useWindowsStore } from '../windows/windows';
import ItemSearchWindow from './ItemSearchWindow.vue';
import { item } from './test-support';

function page(after: string | null) {
  const start = after ? Number(after) : 0;
  const edges = [0, 1].map((offset) => ({
    cursor: String(start + offset + 1),
    node: { ...item(String(100 + start + offset), `Amuli Coat ${start + offset + 1}`, { armorLevel: 460, workmanship: 9, objectClass: offset ? 'MeleeWeapon' : 'WandStaffOrb' }), owner: { name: offset ? 'Cadna' : 'Belsandre' } },
  }));
  return { searchItems: { totalCount: 1234, pageInfo: { endCursor: String(start + 2), hasNextPage: start + 2 < 1234 }, edges } };
}

describe('the Item search window', () => {
  let calls: GraphCall[];
  beforeEach(() => {
    calls = stubGraph({
      SearchItems: ({ after, filter }) =>
        (filter as { text?: string }).text?.includes('\u0000')
          ? { error: { message: '$filter.text holds U+0000 or a lone surrogate, which no stored text contains: remove it.', code: 'BAD_USER_INPUT' } }
          : page((after as string | null) ?? null),
      ItemFilterValues: () => ({ itemFilterValues: { objectClasses: ['Armor', 'MeleeWeapon'], materials: ['Copper', 'Gold'], setNames: ["Defender's Set"], spells: ['Legendary Defender', 'Major Strength'] } }),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function open() {
    return mountWindow(ItemSearchWindow, () => {}, { teleport: true });
  }
  const searches = () => calls.filter((call) => call.operation === 'SearchItems').map((call) => call.variables);
  const owner = { field: 'OWNER', direction: 'ASC' };

  it('finds every item at first, and counts them all', async () => {
    const wrapper = await open();
    expect(searches()).toEqual([{ filter: {}, orderBy: owner, first: 50, after: null }]);
    expect(wrapper.get('[data-total-count]').text()).toBe('1,234');
    expect(wrapper.findAll('[data-item]').map((row) => [row.attributes('data-item'), row.attributes('data-item-owner')])).toEqual([
      ['100', 'Belsandre'],
      ['101', 'Cadna'],
    ]);
    wrapper.unmount();
  });

  it('searches with the filter the form describes, and pages with the cursor', async () => {
    const wrapper = await open();
    const form = wrapper.get('[data-item-search]');
    await form.get('input[name="text"]').setValue('amuli');
    await form.get('input[name="characters"]').setValue('Belsandre, Cadna');
    await form.get('select[name="equipped"]').setValue('equipped');
    await form.get('input[name="armorLevelMin"]').setValue('400');
    await form.get('input[name="workmanshipMax"]').setValue('9.5');
    await form.get('input[name="vitalityMin"]').setValue('2');
    await form.trigger('submit');
    await settle();
    const filter = { text: 'amuli', characters: ['Belsandre', 'Cadna'], equipped: true, armorLevelMin: 400, workmanshipMax: 9.5, vitalityMin: 2 };
    expect(searches().at(-1)).toEqual({ filter, orderBy: owner, first: 50, after: null });

    await wrapper.get('[data-page-next]').trigger('click');
    await settle();
    expect(searches().at(-1)).toEqual({ filter, orderBy: owner, first: 50, after: '2' });
    expect(wrapper.text()).toContain('Items 51–52 of 1,234');
    await wrapper.get('[data-page-previous]').trigger('click');
    await settle();
    expect(searches().at(-1)).toEqual({ filter, orderBy: owner, first: 50, after: null });
    wrapper.unmount();
  });

  it('explains a filter it cannot send, and sends nothing', async () => {
    const wrapper = await open();
    await wrapper.get('input[name="tinksMin"]').setValue('1.5');
    await wrapper.get('[data-item-search]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-item-search] [role="alert"]').text()).toBe('Tinks (lowest) must be a whole number.');
    expect(searches()).toHaveLength(1);
    // The form's refusal hides the results of the search before: they answer another question.
    expect(wrapper.find('[data-item-results]').exists()).toBe(false);
    expect(wrapper.find('[data-total-count]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("clears the results when the graph refuses the search, and shows why", async () => {
    const wrapper = await open();
    expect(wrapper.findAll('[data-item]')).toHaveLength(2);
    await wrapper.get('input[name="text"]').setValue('amuli\u0000');
    await wrapper.get('[data-item-search]').trigger('submit');
    await settle();
    expect(wrapper.get('.item-search > [role="alert"]').text()).toBe('$filter.text holds U+0000 or a lone surrogate, which no stored text contains: remove it.');
    expect(wrapper.find('[data-item-results]').exists()).toBe(false);
    expect(wrapper.find('[data-total-count]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('sorts by a column on the server: first page again, numbers largest first, a second click flips', async () => {
    const wrapper = await open();
    await wrapper.get('[data-page-next]').trigger('click');
    await settle();
    await wrapper.get('[data-sort="ARMOR_LEVEL"]').trigger('click');
    await settle();
    expect(searches().at(-1)).toEqual({ filter: {}, orderBy: { field: 'ARMOR_LEVEL', direction: 'DESC' }, first: 50, after: null });
    expect(wrapper.get('th[aria-sort="descending"]').text()).toContain('AL');
    await wrapper.get('[data-sort="ARMOR_LEVEL"]').trigger('click');
    await settle();
    expect(searches().at(-1)).toEqual({ filter: {}, orderBy: { field: 'ARMOR_LEVEL', direction: 'ASC' }, first: 50, after: null });
    await wrapper.get('[data-sort="NAME"]').trigger('click');
    await settle();
    expect(searches().at(-1)).toEqual({ filter: {}, orderBy: { field: 'NAME', direction: 'ASC' }, first: 50, after: null });
    wrapper.unmount();
  });

  it("suggests the fleet's values, and names classes as players do", async () => {
    const wrapper = await open();
    const options = (field: string) => wrapper.findAll(`[data-suggestions="${field}"] option`).map((option) => [option.attributes('value'), option.attributes('label')]);
    expect(options('objectClass')).toEqual([['Armor', 'Armor'], ['MeleeWeapon', 'Melee weapon']]);
    expect(options('material')).toEqual([['Copper', undefined], ['Gold', undefined]]);
    const pick = wrapper.get('[data-spell-pick]');
    for (const spell of ['Major Strength', 'Legendary Defender', 'major strength']) {
      await pick.setValue(spell);
      await pick.trigger('change');
    }
    expect((wrapper.get('input[name="spells"]').element as HTMLInputElement).value).toBe('Major Strength, Legendary Defender');
    expect(wrapper.get('[data-spell-note]').text()).toBe('Major Strength is in the list already.');
    // A part of a name: completed when one spell has it, offered to choose from when several do, said so when none.
    await wrapper.get('input[name="spells"]').setValue('');
    await pick.setValue('streng');
    await pick.trigger('change');
    expect((wrapper.get('input[name="spells"]').element as HTMLInputElement).value).toBe('Major Strength');
    expect(wrapper.find('[data-spell-note]').exists()).toBe(false);
    await pick.setValue('e');
    await pick.trigger('change');
    expect(wrapper.get('[data-spell-note] span').text()).toBe("“e” is part of 2 spells' names: choose one.");
    expect(wrapper.findAll('[data-spell-choice]').map((choice) => choice.text())).toEqual(['Legendary Defender', 'Major Strength']);
    await wrapper.get('[data-spell-choice="Legendary Defender"]').trigger('click');
    expect((wrapper.get('input[name="spells"]').element as HTMLInputElement).value).toBe('Major Strength, Legendary Defender');
    await pick.setValue('Minor Xyz');
    await pick.trigger('change');
    expect(wrapper.get('[data-spell-note]').text()).toBe('No item in the fleet has a spell named like “Minor Xyz”: nothing added.');
    expect((wrapper.get('[data-spell-pick]').element as HTMLInputElement).value).toBe('Minor Xyz');
    expect(wrapper.findAll('[data-item-class]').map((cell) => [cell.text(), cell.attributes('title')])).toEqual([['Caster', 'WandStaffOrb'], ['Melee weapon', 'MeleeWeapon']]);
    wrapper.unmount();
  });

  it('links each result to its owner: the map, or the inventory', async () => {
    const wrapper = await open();
    await wrapper.get('[data-item-owner="Cadna"] [data-owner-focus]').trigger('click');
    expect(useSelectionStore().selected).toBe('Cadna');
    expect(useSelectionStore().focusRequest).toBe(1);
    await wrapper.get('[data-item-owner="Belsandre"] [data-owner-inventory]').trigger('click');
    expect(useSelectionStore().selected).toBe('Belsandre');
    expect(useWindowsStore().isOpen('inventory')).toBe(true);
    wrapper.unmount();
  });
});
