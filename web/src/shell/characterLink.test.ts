// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { useFleetStore } from '../fleet/fleet';
import { useSelectionStore } from '../selection/selection';
import { LINK_WAIT_MS, linkedCharacter, useCharacterLink } from './characterLink';

const tick = (names: string[]) => ({ time: new Date().toISOString(), positions: names.map((character) => ({ character, time: new Date().toISOString(), position: { ns: 1, ew: 2, z: 0, heading: null } })) });

describe('a link to a character', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  it('reads the name from the address', () => {
    expect(linkedCharacter('?character=Sir%20Larsson')).toBe('Sir Larsson');
    expect(linkedCharacter('?character=Vexor&x=1')).toBe('Vexor');
    expect(linkedCharacter('?character=Fallen+0')).toBe('Fallen 0');
    expect(linkedCharacter('?character=')).toBeUndefined();
    expect(linkedCharacter('')).toBeUndefined();
    expect(linkedCharacter(`?character=${'x'.repeat(65)}`)).toBeUndefined();
  });

  it('selects the character, and focuses the map again once it is live', async () => {
    const scope = effectScope();
    scope.run(() => useCharacterLink('?character=Vexor'));
    const selection = useSelectionStore();
    expect(selection.selected).toBe('Vexor');
    expect(selection.focusRequest).toBe(1);
    const fleet = useFleetStore();
    fleet.applyPositions(tick(['Cadna']));
    await nextTick();
    expect(selection.focusRequest).toBe(1);
    fleet.applyPositions(tick(['Vexor']));
    await nextTick();
    expect(selection.focusRequest).toBe(2);
    // Once: the map is not pulled back to it afterwards.
    fleet.applyPositions({ ...tick([]), positions: [{ ...tick(['Vexor']).positions[0]!, position: { ns: 5, ew: 5, z: 0, heading: null } }] });
    await nextTick();
    expect(selection.focusRequest).toBe(2);
    scope.stop();
  });

  it('leaves the map alone when the user chose someone else meanwhile, or after a while', async () => {
    const scope = effectScope();
    scope.run(() => useCharacterLink('?character=Vexor'));
    const selection = useSelectionStore();
    const fleet = useFleetStore();
    selection.select('Cadna');
    fleet.applyPositions(tick(['Vexor']));
    await nextTick();
    expect(selection.focusRequest).toBe(1);
    scope.stop();

    setActivePinia(createPinia());
    const later = effectScope();
    later.run(() => useCharacterLink('?character=Wren'));
    vi.advanceTimersByTime(LINK_WAIT_MS);
    useFleetStore().applyPositions(tick(['Wren']));
    await nextTick();
    expect(useSelectionStore().focusRequest).toBe(1);
    later.stop();
  });
});
