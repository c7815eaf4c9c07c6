import { shallowRef } from 'vue';
import type { ItemDetailFragment } from '../graph/generated/graphql';

/** The item under the pointer (or keyboard focus) and where to show its card. */
export interface HoveredItem {
  item: ItemDetailFragment;
  owner?: string;
  x: number;
  y: number;
}

/** Tracks which item's card to show: `show` from pointer or focus events on a row, `hide` when it is left. */
export function useItemHover() {
  const hovered = shallowRef<HoveredItem>();

  function show(item: ItemDetailFragment, event: MouseEvent | FocusEvent, owner?: string): void {
    if (event instanceof MouseEvent) {
      hovered.value = { item, owner, x: event.clientX, y: event.clientY };
      return;
    }
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    hovered.value = { item, owner, x: box.left + Math.min(box.width, 240), y: box.top + box.height / 2 };
  }

  function hide(): void {
    hovered.value = undefined;
  }

  return { hovered, show, hide };
}
