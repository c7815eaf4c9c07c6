import { unifiedGraphHandler as routerHandler } from '@graphql-hive/router-runtime';
import { handleFederationSupergraph, type UnifiedGraphHandler } from '@graphql-mesh/fusion-runtime';
import { createDefaultExecutor } from '@graphql-mesh/transport-common';
import { isAsyncIterable, mapAsyncIterator, type ExecutionRequest, type Executor, type MaybeAsyncIterable, type MaybePromise } from '@graphql-tools/utils';
import { getOperationAST, OperationTypeNode, type ExecutionResult } from 'graphql';
import { handleMaybePromise } from '@whatwg-node/promise-helpers';
import { asGraphResult, SubgraphOwnership } from './direct-subscriptions.js';

/** An executor, without the generic parameters that make each function of this file need casts. */
type Run = (request: ExecutionRequest) => MaybePromise<MaybeAsyncIterable<ExecutionResult>>;

/**
 * How the gateway executes the supergraph (the runtime's `unifiedGraphHandler`),
 * chosen by operation type:
 *
 * - queries and mutations: Hive Router's query planner (Rust) and executor,
 *   `@graphql-hive/router-runtime`, which costs less CPU per request than
 *   the stitching runtime;
 * - subscriptions that one subgraph answers whole (direct-subscriptions.ts):
 *   sent to that subgraph as they are, its results passed through;
 * - other subscriptions: Hive Gateway's stitching runtime, because the router
 *   runtime keeps one execution context for a whole subscription: a failed
 *   event's error, and the data of the event before it, would ride on every
 *   later event (gateway/test/transports.test.ts pins the behaviour).
 *
 * `onSubscription` is told which way each subscription went.
 */
export function graphHandler(onSubscription?: (path: SubscriptionPath) => void): UnifiedGraphHandler {
  return async (options) => {
    const routed = await routerHandler(options);
    // Built now rather than on the first subscription, which would wait for it.
    const stitched = handleFederationSupergraph(options);
    const subscriptions = (stitched.executor ?? createDefaultExecutor(stitched.unifiedGraph)) as Run;
    const ownership = new SubgraphOwnership(options.getUnifiedGraphSDL(), options.unifiedGraph);
    if (!routed.executor) throw new Error('the unified-graph handler returned no executor');
    const routedExecutor = routed.executor as Run;
    const executor: Run = (request) => {
      const type = request.operationType ?? getOperationAST(request.document, request.operationName)?.operation;
      if (type === 'subscription') {
        const direct = ownership.direct(request.document, request.operationName);
        onSubscription?.(direct ? 'direct' : 'stitched');
        if (!direct) return subscriptions(request);
        const { subgraph, document, responseKey } = direct;
        const asGraph = (result: ExecutionResult): ExecutionResult => asGraphResult(result, responseKey);
        return handleMaybePromise(
          () => options.onSubgraphExecute(subgraph, { ...request, document, operationType: OperationTypeNode.SUBSCRIPTION }) as ReturnType<Run>,
          (results) => (isAsyncIterable(results) ? mapAsyncIterator(results, asGraph) : asGraph(results)),
        );
      }
      // Hive Router's executor leaves `data` out when a root field failed; the spec (and clients) want `data: null` there.
      return handleMaybePromise(() => routedExecutor(request), withData);
    };
    return { ...routed, executor: executor as Executor };
  };
}

/** How the gateway ran a subscription: handed whole to its subgraph, or planned and executed over the supergraph. */
export type SubscriptionPath = 'direct' | 'stitched';

/** An answer that went through execution always has `data`: null when nothing could be returned. */
function withData(result: MaybeAsyncIterable<ExecutionResult>): MaybeAsyncIterable<ExecutionResult> {
  if (Symbol.asyncIterator in result || 'data' in result) return result;
  return { data: null, ...result };
}
