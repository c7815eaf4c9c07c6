import type { FrameType } from '@lifestone/lib/protocol';
import type { Event, EventType, ResolversTypes, SubscriptionResolvers } from '../generated/resolvers.js';
import { frameTypeOf } from '../payloads.js';
import type { LiveFeeds } from '../subscriptions.js';
import { filterList, mapRegion } from './arguments.js';

/** The live streams, each filtered before anything crosses the wire; `feeds` carries this process's subscriptions. */
export function subscriptionResolvers(feeds: LiveFeeds): SubscriptionResolvers {
  return {
    events: {
      subscribe(_parent, { types, characters }, context) {
        const wanted = filterList('types', types);
        const frameTypes: FrameType[] = wanted ? [...new Set(wanted.map((type: EventType) => frameTypeOf[type]))] : Object.values(frameTypeOf);
        return feeds.of(context.pubsub, context.log).events.open(frameTypes, filterList('characters', characters));
      },
      resolve: (event: Event) => event,
    },
    positions: {
      subscribe(_parent, { characters, region }, context) {
        return feeds.of(context.pubsub, context.log).positions.open(filterList('characters', characters), mapRegion(region));
      },
      resolve: (batch: ResolversTypes['PositionBatch']) => batch,
    },
    alerts: {
      subscribe(_parent, { types, characters }, context) {
        return feeds.of(context.pubsub, context.log).alerts.open(filterList('types', types), filterList('characters', characters));
      },
      resolve: (alert: ResolversTypes['Alert']) => alert,
    },
  };
}
