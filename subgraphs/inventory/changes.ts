import { subscribeTopics, type SubgraphContext } from '@lifestone/lib/graph';
import { readPublished, type PublishedFrame } from '@lifestone/lib/published';
import { topics } from '@lifestone/lib/pubsub';
import type { ItemChange } from './generated/resolvers.js';
import { characterRef, itemFromWire } from './items.js';

type InventoryMessage = PublishedFrame<'full_inventory' | 'inventory_delta'>;

/** The topics ingest publishes inventory frames on, keyed by character. */
export const inventoryTopics = [topics.event('full_inventory'), topics.event('inventory_delta')];

/**
 * The inventory changes ingest publishes from now on, of `characters` (every
 * character when null). Messages of other characters are skipped by their key,
 * before their payload is parsed. Resolves once subscribed.
 */
export function itemChanges(context: SubgraphContext, characters: readonly string[] | null | undefined): Promise<AsyncIterableIterator<ItemChange>> {
  const wanted = characters ? new Set(characters) : null;
  return subscribeTopics(
    context.pubsub,
    inventoryTopics,
    (message) => (wanted === null || wanted.has(message.key) ? changeOf(readPublished<'full_inventory' | 'inventory_delta'>(message.payload)) : undefined),
    { log: context.log },
  );
}

/** What one published inventory frame tells a subscriber. */
function changeOf(message: InventoryMessage): ItemChange {
  const owner = message.character_name;
  const base = { character: characterRef(owner), at: message.timestamp, itemId: null, item: null, items: null };
  if (message.type === 'full_inventory') {
    return { ...base, action: 'REPLACE_ALL', items: message.items.map((item) => itemFromWire(owner, item, message.received_at)) };
  }
  const itemId = String(message.item.id);
  if (message.action === 'remove') return { ...base, action: 'REMOVE', itemId };
  return { ...base, action: message.action === 'add' ? 'ADD' : 'UPDATE', itemId, item: itemFromWire(owner, message.item, message.received_at) };
}
