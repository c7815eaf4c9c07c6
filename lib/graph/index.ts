export * from './identity.js';
export type { SubgraphContext } from './context.js';
export { GraphErrorCode, graphError, requireRole } from './errors.js';
export { startSubgraph, GRAPHQL_PATH, TRACE_HEADER, REFUSAL_MESSAGE, type SubgraphModule, type StartSubgraphOptions, type RunningSubgraph } from './subgraph.js';
export { subscribeTopics, type SubscribeTopicsOptions } from './subscription.js';
export { SUBGRAPH_NAMES, isSubgraphName, loadSubgraphModule, type SubgraphName } from './modules.js';
export { requestBatcher } from './batch.js';
export { DateTimeScalar, JSONScalar, toDate } from './scalars.js';
export { PushIterator, MAX_QUEUED } from './push-iterator.js';
