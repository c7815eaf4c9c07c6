// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, settle, stubGraph, type GraphCall } from '../components/test-support';
import { CATCH_UP_MS } from '../graph/use';
import { useSelectionStore } from '../selection/selection';
import InventoryWindow from './InventoryWindow.vue';
import { item } from './test-support';

describe('the Inventory window', () => {
  let calls: GraphCall[];
  let reads = 0;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    reads = 0;
    calls = stubGraph({
      PickerCharacters: () => ({ characters: [{ name: 'Belsandre', online: true }, { name: 'Cadna', online: true }] }),
      CharacterInventory: ({ name }) => {
        reads += 1;
        const items = [item('5', 'Amuli Coat', { equippedSlot: 'ChestArmor', armorLevel: 460, value: 16294 }), item('9', 'Pyreal Mote', { value: 100 })];
        if (reads > 1) items.push(item('12', 'Lifestone Gem', { value: 1234567 }));
        return { character: { name, containers: [{ id: '0', pack: null, items }] } };
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function open() {
    const pinia = createPinia();
    setActivePinia(pinia);
    const subscriptions = fakeSubscriptions();
    useSelectionStore().select('Belsandre');
    const wrapper = mount(InventoryWindow, { global: { plugins: [pinia], stubs: { teleport: true } } });
    await settle();
    return { wrapper, subscriptions };
  }
  const change = (character: string) => ({ itemChanges: { action: 'ADD', at: '2026-05-01T12:00:00.000Z', character: { name: character } } });
  const inventoryReads = () => calls.filter((call) => call.operation === 'CharacterInventory').length;

  it('shows the selected character’s items by section', async () => {
    const { wrapper } = await open();
    expect(wrapper.findAll('[data-inventory-section="equipped"] [data-item]').map((row) => row.attributes('data-item'))).toEqual(['5']);
    expect(wrapper.findAll('[data-inventory-section="main"] [data-item]').map((row) => row.attributes('data-item'))).toEqual(['9']);
    expect(wrapper.get('[data-inventory-count]').text()).toBe('2 items');
    wrapper.unmount();
  });

  it('reads the inventory once more when its feed has been live a while: a change stored meanwhile is in neither', async () => {
    const { wrapper } = await open();
    await vi.advanceTimersByTimeAsync(CATCH_UP_MS - 1);
    expect(inventoryReads()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(inventoryReads()).toBe(2);
    expect(wrapper.get('[data-inventory-count]').text()).toBe('3 items');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(inventoryReads()).toBe(2);
    wrapper.unmount();
  });

  it('reads the inventory again 2 s after that character’s last change, once', async () => {
    const { wrapper, subscriptions } = await open();
    expect(subscriptions.open('InventoryChanges')).toEqual([{ name: 'Belsandre' }]);
    await vi.advanceTimersByTimeAsync(CATCH_UP_MS);
    expect(inventoryReads()).toBe(2);

    subscriptions.emit('InventoryChanges', change('Belsandre'));
    await vi.advanceTimersByTimeAsync(1_500);
    subscriptions.emit('InventoryChanges', change('Belsandre'));
    await settle();
    expect(wrapper.get('[data-inventory-updated]').text()).toBe('2 changes arriving…');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(inventoryReads()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(inventoryReads()).toBe(3);
    expect(wrapper.find('[data-item="12"]').exists()).toBe(true);
    expect(wrapper.get('[data-inventory-count]').text()).toBe('3 items');

    await vi.advanceTimersByTimeAsync(10_000);
    expect(inventoryReads()).toBe(3);
    wrapper.unmount();
  });

  it('ignores other characters’ inventory traffic', async () => {
    const { wrapper, subscriptions } = await open();
    await vi.advanceTimersByTimeAsync(CATCH_UP_MS);
    subscriptions.emit('InventoryChanges', change('Cadna'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(inventoryReads()).toBe(2);
    wrapper.unmount();
  });

  it('follows the selection: another character, another subscription, no pending read', async () => {
    const { wrapper, subscriptions } = await open();
    subscriptions.emit('InventoryChanges', change('Belsandre'));
    useSelectionStore().select('Cadna');
    await settle();
    expect(subscriptions.open('InventoryChanges')).toEqual([{ name: 'Cadna' }]);
    expect(calls.filter((call) => call.operation === 'CharacterInventory').map((call) => call.variables)).toEqual([{ name: 'Belsandre' }, { name: 'Cadna' }]);
    await vi.advanceTimersByTimeAsync(5_000);
    // Cadna's feed catches up; Belsandre's change is not read.
    expect(calls.filter((call) => call.operation === 'CharacterInventory').map((call) => call.variables)).toEqual([{ name: 'Belsandre' }, { name: 'Cadna' }, { name: 'Cadna' }]);
    wrapper.unmount();
  });
});
