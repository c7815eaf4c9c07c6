/**
 * The resolvers of the telemetry subgraph, one file per GraphQL type (as
 * Apollo's showcases keep them); `loaders.ts` holds the per-request loaders
 * they share and `arguments.ts` their argument checks.
 */
import { DateTimeScalar, JSONScalar } from '@lifestone/lib/graph';
import type { Resolvers } from '../generated/resolvers.js';
import { earningsResolvers } from '../earnings.js';
import type { LiveFeeds } from '../subscriptions.js';
import { alertResolvers } from './alert.js';
import { characterResolvers } from './character.js';
import { eventPayloadResolvers } from './event-payload.js';
import { mutationResolvers } from './mutation.js';
import { queryResolvers } from './query.js';
import { serverStatusResolvers } from './server-status.js';
import { subscriptionResolvers } from './subscription.js';

export { FELLOWSHIP_WINDOW_MS, PORTAL_WINDOW_MS } from './query.js';
export { MAX_COMMAND_LENGTH } from './mutation.js';
export type { ServerStatusValue } from './server-status.js';

/** The resolvers of the telemetry subgraph; `feeds` carries the live subscriptions of this process, `mapImage` is the operator's map file. */
export function createResolvers(feeds: LiveFeeds, mapImage?: string): Resolvers {
  const earnings = earningsResolvers();
  return {
    DateTime: DateTimeScalar,
    JSON: JSONScalar,
    Query: { ...queryResolvers(mapImage), ...earnings.Query },
    Mutation: { ...mutationResolvers, ...earnings.Mutation },
    Subscription: subscriptionResolvers(feeds),
    Alert: alertResolvers,
    Character: { ...characterResolvers, ...earnings.Character },
    ServerStatus: serverStatusResolvers,
    EventPayload: eventPayloadResolvers,
  };
}
