import { describe, expect, it } from 'vitest';
import { valueChange, type InventoryChange, type ValuedItem } from '../src/derived/inventory.js';

const item = (id: number, value: number | null, name = `item ${id}`): ValuedItem => ({ id, name, value });
const add = (i: ValuedItem): InventoryChange<ValuedItem> => ({ kind: 'delta', action: 'add', item: i });
const update = (i: ValuedItem): InventoryChange<ValuedItem> => ({ kind: 'delta', action: 'update', item: i });
const remove = (id: number): InventoryChange<ValuedItem> => ({ kind: 'delta', action: 'remove', item: { id } });

describe('the value an inventory gains and loses', () => {
  it('counts items picked up and items removed, and nothing for a move between packs', () => {
    const held = new Map([[1, 500], [2, 300]]);
    const change = valueChange([add(item(3, 2_000)), update(item(1, 500)), remove(2)], held);
    expect(change).toEqual({ gained: 2_000, lost: 300, pickedUp: [item(3, 2_000)] });
    expect([...held]).toEqual([[1, 500], [3, 2_000]]);
  });

  it('counts a stack that grows or shrinks by its change of value, and an add of an item held as no pickup', () => {
    const change = valueChange([update(item(1, 650)), update(item(1, 600)), add(item(1, 700))], new Map([[1, 500]]));
    expect(change).toEqual({ gained: 250, lost: 50, pickedUp: [] });
  });

  it('takes a full inventory as what the character holds, not as loot; an item without a value keeps its last', () => {
    const held = new Map([[9, 10_000]]);
    const change = valueChange([{ kind: 'full', items: [item(1, 500), item(2, null)] }, update(item(1, null)), remove(1), remove(77)], held);
    expect(change).toEqual({ gained: 0, lost: 500, pickedUp: [] });
    expect([...held]).toEqual([[2, 0]]);
  });
});
