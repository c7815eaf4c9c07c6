/**
 * The character the user is looking at, shared by the map (highlight,
 * follow mode) and the windows (Character, Inventory, Combat show it).
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

export const useSelectionStore = defineStore('selection', () => {
  const selected = shallowRef<string>();
  /** Keep the selected character centred on the map as it moves. */
  const follow = shallowRef(false);
  /** Bumped by {@link focus}: the map pans to the selected character when it changes. */
  const focusRequest = shallowRef(0);

  function select(name: string | undefined): void {
    selected.value = name;
    if (!name) follow.value = false;
  }

  /** Selects `name` and asks the map to centre on it (Players window, item owners). */
  function focus(name: string): void {
    select(name);
    focusRequest.value += 1;
  }

  return { selected, follow, focusRequest, select, focus };
});

/**
 * What a window about the selected character needs: `chosen` for its
 * character picker (choosing selects), the `{ name }` variables of its
 * queries, and `paused` while nothing is selected.
 */
export function useSelectedCharacter() {
  const selection = useSelectionStore();
  return {
    selection,
    chosen: computed({ get: () => selection.selected, set: (name: string | undefined) => selection.select(name) }),
    variables: computed(() => ({ name: selection.selected ?? '' })),
    paused: () => !selection.selected,
  };
}
