/**
 * The Inventory window's layout: what the character wears, what it carries
 * loose, then each pack with what is inside.
 */
import type { CharacterInventoryQuery } from '../graph/generated/graphql';

type Container = NonNullable<CharacterInventoryQuery['character']>['containers'][number];
type Item = Container['items'][number];

/** One group of items the window lists. */
export interface InventorySection {
  /** `equipped`, `main`, or the pack's item id. */
  id: string;
  title: string;
  items: Item[];
}

/** The body container's id in `Character.containers`. */
const BODY = '0';

/**
 * Equipped items, then the main pack (loose items on the body, without the
 * packs themselves: they get a section each), then each pack in the order the
 * graph lists them. The two body sections are always present, packs only when known.
 */
export function inventorySections(containers: readonly Container[]): InventorySection[] {
  const packIds = new Set(containers.filter((container) => container.id !== BODY).map((container) => container.id));
  const body = containers.find((container) => container.id === BODY)?.items ?? [];
  return [
    { id: 'equipped', title: 'Equipped', items: body.filter((item) => item.equippedSlot != null) },
    { id: 'main', title: 'Main pack', items: body.filter((item) => item.equippedSlot == null && !packIds.has(item.id)) },
    ...containers
      .filter((container) => container.id !== BODY)
      .map((container) => ({ id: container.id, title: container.pack?.name ?? `Pack ${container.id}`, items: container.items })),
  ];
}
