import type { SubgraphContext } from '@lifestone/lib/graph';
import type { FrameType } from '@lifestone/lib/protocol';
import type { Event, EventType, ResolversTypes, SubscriptionResolvers } from '../generated/resolvers.js';
import { frameTypeOf } from '../payloads.js';
import { storedPositionsSince } from '../sql.js';
import { storedPositionsOf, type LiveFeeds } from '../subscriptions.js';
import { filterList, mapRegion } from './arguments.js';

/** The live streams, each filtered before anything crosses the wire; `feeds` carries this process's subscriptions. */
export function subscriptionResolvers(feeds: LiveFeeds): SubscriptionResolvers {
  // Whichever feed is opened first makes them all: the positions feed reads back from the subgraph's pool after a gap.
  const feedsOf = ({ pubsub, log, pool }: SubgraphContext) =>
    feeds.of(pubsub, log, async (since, names) => storedPositionsOf(await storedPositionsSince(pool, since, names)));
  return {
    events: {
      subscribe(_parent, { types, characters }, context) {
        const wanted = filterList('types', types);
        const frameTypes: FrameType[] = wanted ? [...new Set(wanted.map((type: EventType) => frameTypeOf[type]))] : Object.values(frameTypeOf);
        return feedsOf(context).events.open(frameTypes, filterList('characters', characters));
      },
      resolve: (event: Event) => event,
    },
    positions: {
      subscribe(_parent, { characters, region }, context) {
        return feedsOf(context).positions.open(filterList('characters', characters), mapRegion(region));
      },
      resolve: (batch: ResolversTypes['PositionBatch']) => batch,
    },
    alerts: {
      subscribe(_parent, { types, characters }, context) {
        return feedsOf(context).alerts.open(filterList('types', types), filterList('characters', characters));
      },
      resolve: (alert: ResolversTypes['Alert']) => alert,
    },
  };
}
