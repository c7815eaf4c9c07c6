import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { SubgraphContext } from '@lifestone/lib/graph';
import { groupBy, loaderOf, type LoaderKind } from '@lifestone/lib/graph';
import { itemChanges } from './changes.js';
import type { Item, ItemChange, Resolvers, SuitSearchEvent } from './generated/resolvers.js';
import { containersOf, itemFromRow } from './items.js';
import { itemFilterValues, searchItems } from './search.js';
import { suitBuilderOptions, suitSearch } from './suits.js';
import { answering } from './suitbuilder/index.js';
import { inventoriesOf, ITEM_DETAIL_FIELDS, type ItemRow } from './sql.js';
import { DateTimeScalar as dateTimeScalar, JSONScalar as jsonScalar } from '@lifestone/lib/graph';

/**
 * Each character's inventory, whole or without the items' details (the
 * parameter), in one query for all the characters of a request's pass; fresh
 * for every event of a subscription.
 */
const inventories: LoaderKind<string, Item[], boolean> = {
  load: async (names, context, details) => {
    const { rows } = await context.pool.query<ItemRow>(inventoriesOf(names, details));
    return new Map([...groupBy(rows, (row) => row.character_name)].map(([name, owned]) => [name, owned.map(itemFromRow)]));
  },
  missing: [],
  cache: false,
  window: 'turn',
};
const wholeInventoryOf = (context: SubgraphContext, name: string): Promise<Item[]> => loaderOf(context, inventories, true).load(name);
const inventoryWithoutDetailsOf = (context: SubgraphContext, name: string): Promise<Item[]> => loaderOf(context, inventories, false).load(name);

/** The inventory for a field whose items are selected by `info`: without their details when it asks for none. */
function inventoryFor(info: GraphQLResolveInfo, context: SubgraphContext, name: string): Promise<Item[]> {
  return asksForDetails(info) ? wholeInventoryOf(context, name) : inventoryWithoutDetailsOf(context, name);
}

/**
 * Whether the items' selection asks for a field of {@link ITEM_DETAIL_FIELDS},
 * through fragments too (an unknown fragment counts as asking). The items
 * are the field's own selection, or, along `path`, a field within it
 * (`['edges', 'node']` for a connection's).
 */
function asksForDetails(info: GraphQLResolveInfo, path: readonly string[] = []): boolean {
  const seen = new Set<string>();
  const asks = (set: SelectionSetNode | undefined, depth: number): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) return ITEM_DETAIL_FIELDS.has(selection.name.value);
        return selection.name.value === path[depth] && asks(selection.selectionSet, depth + 1);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return asks(selection.selectionSet, depth);
      const key = `${depth} ${selection.name.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      const fragment = info.fragments[selection.name.value];
      return !fragment || asks(fragment.selectionSet, depth);
    });
  return info.fieldNodes.some((node) => asks(node.selectionSet, 0));
}

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  JSON: jsonScalar,
  Query: {
    searchItems: (_root, { filter, orderBy, first, after }, context, info) =>
      answering(() => searchItems(context, filter, orderBy, first, after, asksForDetails(info, ['edges', 'node']))),
    itemFilterValues: (_root, _args, context) => answering(() => itemFilterValues(context)),
    suitBuilderOptions: (_root, _args, context) => answering(() => suitBuilderOptions(context)),
  },
  Subscription: {
    itemChanges: {
      subscribe: (_root, { characters }, context) => itemChanges(context, characters),
      resolve: (change: ItemChange) => change,
    },
    suitSearch: {
      subscribe: (_root, { input }, context) => suitSearch(context, input),
      resolve: (event: SuitSearchEvent) => event,
    },
  },
  Character: {
    __resolveReference: (reference) => reference,
    inventory: (character, _args, context, info) => answering(() => inventoryFor(info, context, character.name)),
    equipped: (character, _args, context, info) => answering(async () => (await inventoryFor(info, context, character.name)).filter((item) => item.equippedSlot !== null)),
    containers: (character, _args, context) => answering(async () => containersOf(await wholeInventoryOf(context, character.name))),
  },
};
