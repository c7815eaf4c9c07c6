import type { SubgraphContext } from '@lifestone/lib/graph';
import { requestBatcher } from '@lifestone/lib/graph';
import { itemChanges } from './changes.js';
import type { Item, ItemChange, Resolvers } from './generated/resolvers.js';
import { containersOf, itemFromRow } from './items.js';
import { searchItems } from './search.js';
import { inventoriesOf, type ItemRow } from './sql.js';
import { DateTimeScalar as dateTimeScalar, JSONScalar as jsonScalar } from '@lifestone/lib/graph';

/** Each character's inventory, loaded once per request for all the characters it asks about. */
const inventoryOf = requestBatcher<Item[]>(async (names, context: SubgraphContext) => {
  const { rows } = await context.pool.query<ItemRow>(inventoriesOf(names));
  const inventories = new Map<string, Item[]>();
  for (const row of rows) {
    const items = inventories.get(row.character_name);
    if (items) items.push(itemFromRow(row));
    else inventories.set(row.character_name, [itemFromRow(row)]);
  }
  return inventories;
}, () => []);

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  JSON: jsonScalar,
  Query: {
    searchItems: (_root, { filter, first, after }, context) => searchItems(context, filter, first, after),
  },
  Subscription: {
    itemChanges: {
      subscribe: (_root, { characters }, context) => itemChanges(context, characters),
      resolve: (change: ItemChange) => change,
    },
  },
  Character: {
    __resolveReference: (reference) => reference,
    inventory: (character, _args, context) => inventoryOf(context, character.name),
    equipped: async (character, _args, context) => (await inventoryOf(context, character.name)).filter((item) => item.equippedSlot !== null),
    containers: async (character, _args, context) => containersOf(await inventoryOf(context, character.name)),
  },
};
