import type { EventPayload, EventPayloadResolvers } from '../generated/resolvers.js';

/** Which type an event's payload is: the `__typename` it was built with. */
export const eventPayloadResolvers: EventPayloadResolvers = {
  __resolveType(payload: EventPayload) {
    if (!payload.__typename) throw new Error('an event payload was built without its __typename');
    return payload.__typename;
  },
};
