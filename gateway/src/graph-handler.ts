import { unifiedGraphHandler as routerHandler } from '@graphql-hive/router-runtime';
import { handleFederationSupergraph, type UnifiedGraphHandler } from '@graphql-mesh/fusion-runtime';
import { createDefaultExecutor } from '@graphql-mesh/transport-common';
import { addResolversToSchema } from '@graphql-tools/schema';
import type { ExecutionRequest, Executor, IResolvers, MaybeAsyncIterable, MaybePromise } from '@graphql-tools/utils';
import {
  execute,
  extendSchema,
  getOperationAST,
  Kind,
  parse,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { handleMaybePromise } from '@whatwg-node/promise-helpers';
import { GraphErrorCode, graphError } from '@lifestone/lib/graph';

/** The root fields the gateway answers itself, beside the supergraph's: their type definitions and resolvers. */
export interface GatewayOperations {
  /** SDL extending the supergraph (`extend type Query { ... }`, `extend type Mutation { ... }` and the types they return). */
  typeDefs: string;
  resolvers: IResolvers;
}

/** An executor, without the generic parameters that make each function of this file need casts. */
type Run = (request: ExecutionRequest) => MaybePromise<MaybeAsyncIterable<ExecutionResult>>;

/** Introspection's root fields: answered from the whole schema, the gateway's own fields included. */
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/**
 * Where an operation runs: the router (the subgraphs' fields), here (the
 * gateway's own fields, introspection, `__typename` alone), the stitching
 * runtime (subscriptions), both with the answers merged, or nowhere.
 */
type Route =
  | { kind: 'remote' | 'local' | 'subscription' }
  | { kind: 'refused'; refusal: () => ExecutionResult }
  | { kind: 'split'; fields: readonly FieldNode[]; operationName: string | undefined; local: DocumentNode; remote: DocumentNode };

/**
 * How the gateway executes the supergraph (the runtime's `unifiedGraphHandler`):
 *
 * - queries and mutations by Hive Router's query planner and executor
 *   (`@graphql-hive/router-runtime`: a Rust planner, about a third less CPU
 *   per request than the stitching runtime in `npm run bench:graph`);
 * - subscriptions by Hive Gateway's stitching runtime, as before: the router
 *   runtime (1.4) keeps one execution context for a whole subscription, so a
 *   failed event's error, and the data of the event before it, would ride on
 *   every later event (gateway/test/transports.test.ts pins the behaviour);
 * - the gateway's own root fields (`signIn`, `me`, `apiTokens`, ...), which
 *   the router runtime's schema has no room for (it ignores
 *   `additionalTypeDefs`), with graphql-js over the supergraph extended by
 *   `operations.typeDefs`; introspection too, so it shows the whole graph.
 *
 * Each query is split by root field: the supergraph's go to the planner, the
 * gateway's run here, and a query asking for both gets the two answers
 * merged in the order it asked. A mutation is never split (its fields run in
 * order), nor a query whose root spreads fragments: either mixing both kinds
 * is refused with a clear error.
 */
export function graphHandler(operations: GatewayOperations): UnifiedGraphHandler {
  return async (options) => {
    const routed = await routerHandler(options);
    // Built now rather than on the first subscription, which would wait for it.
    const stitched = handleFederationSupergraph(options);
    const subscriptions = (stitched.executor ?? createDefaultExecutor(stitched.unifiedGraph)) as Run;
    const extension = parse(operations.typeDefs);
    const schema = addResolversToSchema({ schema: extendSchema(routed.unifiedGraph, extension), resolvers: operations.resolvers });
    const own = ownRootFields(extension);
    if (!routed.executor) throw new Error('the unified-graph handler returned no executor');
    const routedExecutor = routed.executor as Run;
    // Hive Router's executor leaves `data` out when a root field failed; the spec (and clients) want `data: null` there.
    const remote: Run = (request) => handleMaybePromise(() => routedExecutor(request), withData);
    const local: Run = (request) =>
      execute({
        schema,
        document: request.document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue: request.context,
        rootValue: request.rootValue,
      });
    /** Where an operation goes depends on its document alone: decided once per parsed document (the runtime reuses them). */
    const routeFor = (document: DocumentNode, operationName: string | undefined): Route => {
      const operation = getOperationAST(document, operationName);
      if (!operation) return { kind: 'remote' };
      if (operation.operation === 'subscription') return { kind: 'subscription' };
      const isOwn = (field: FieldNode): boolean => own.has(`${operation.operation}.${field.name.value}`) || INTROSPECTION_FIELDS.has(field.name.value);
      // `{ __typename }` alone is answered here too; beside other fields it goes wherever they go.
      const isNeutral = (field: FieldNode): boolean => field.name.value === '__typename';
      const fields = rootFieldsOf(document, operation);
      const mine = fields.filter(isOwn);
      if (mine.length === 0) return { kind: fields.every(isNeutral) ? 'local' : 'remote' };
      const theirs = fields.filter((field) => !isOwn(field) && !isNeutral(field));
      if (theirs.length === 0) return { kind: 'local' };
      const plain = operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD);
      if (operation.operation !== 'query' || !plain) return { kind: 'refused', refusal: () => mixedRefused(operation, mine, theirs) };
      const mineAndNeutral = fields.filter((field) => !theirs.includes(field));
      return {
        kind: 'split',
        fields,
        operationName: operation.name?.value,
        local: withRootFields(document, operation, mineAndNeutral),
        remote: withRootFields(document, operation, theirs),
      };
    };
    const routes = new WeakMap<DocumentNode, Map<string | undefined, Route>>();
    const routeOf = ({ document, operationName }: ExecutionRequest): Route => {
      let byName = routes.get(document);
      if (!byName) routes.set(document, (byName = new Map()));
      let route = byName.get(operationName);
      if (!route) byName.set(operationName, (route = routeFor(document, operationName)));
      return route;
    };
    const executor: Run = (request) => {
      const route = routeOf(request);
      switch (route.kind) {
        case 'remote':
          return remote(request);
        case 'local':
          return local(request);
        case 'subscription':
          return subscriptions(request);
        case 'refused':
          return route.refusal();
        case 'split': {
          const { operationName } = route;
          return Promise.all([local({ ...request, document: route.local, operationName }), remote({ ...request, document: route.remote, operationName })]).then(([a, b]) =>
            merge(route.fields, a as ExecutionResult, b as ExecutionResult),
          );
        }
      }
    };
    return { ...routed, unifiedGraph: schema, executor: executor as Executor };
  };
}

/** `query.me`, `mutation.signIn`, ...: the root fields an extension adds. */
function ownRootFields(extension: DocumentNode): Set<string> {
  const roots = { Query: 'query', Mutation: 'mutation', Subscription: 'subscription' } as Record<string, string>;
  const fields = new Set<string>();
  for (const definition of extension.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const root = roots[definition.name.value];
    if (root) for (const field of definition.fields ?? []) fields.add(`${root}.${field.name.value}`);
  }
  return fields;
}

/** The fields at the root of `operation`, through its fragments too. */
function rootFieldsOf(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map(document.definitions.filter(isFragment).map((fragment) => [fragment.name.value, fragment]));
  const seen = new Set<string>();
  const fields: FieldNode[] = [];
  const walk = (selections: readonly SelectionNode[]): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
      else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        walk(fragment.selectionSet.selections);
      }
    }
  };
  walk(operation.selectionSet.selections);
  return fields;
}

/**
 * The document with `operation` alone, asking for `fields` at its root, and
 * only the fragments and variables those fields use (the planner and
 * graphql-js both refuse unused ones in strict modes).
 */
function withRootFields(document: DocumentNode, operation: OperationDefinitionNode, fields: readonly FieldNode[]): DocumentNode {
  const fragments = new Map(document.definitions.filter(isFragment).map((fragment) => [fragment.name.value, fragment]));
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const collect = (node: FieldNode | FragmentDefinitionNode): void => {
    visit(node, {
      Variable: (variable) => void usedVariables.add(variable.name.value),
      FragmentSpread: (spread) => {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !usedFragments.has(fragment.name.value)) {
          usedFragments.add(fragment.name.value);
          collect(fragment);
        }
      },
    });
  };
  for (const field of fields) collect(field);
  for (const directive of operation.directives ?? []) visit(directive, { Variable: (variable) => void usedVariables.add(variable.name.value) });
  const trimmed: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: (operation.variableDefinitions ?? []).filter((definition) => usedVariables.has(definition.variable.name.value)),
    selectionSet: { ...operation.selectionSet, selections: fields },
  };
  return { kind: Kind.DOCUMENT, definitions: [trimmed, ...[...usedFragments].map((name) => fragments.get(name) as FragmentDefinitionNode)] };
}

/** Two answers to parts of one query, as one: keys in the order the query asked, every error, `data` null when either part's is. */
function merge(fields: readonly FieldNode[], a: ExecutionResult, b: ExecutionResult): ExecutionResult {
  const errors = [...(a.errors ?? []), ...(b.errors ?? [])];
  let data: Record<string, unknown> | null = null;
  if (a.data && b.data) {
    data = {};
    for (const field of fields) {
      const key = field.alias?.value ?? field.name.value;
      if (key in data) continue;
      data[key] = key in a.data ? a.data[key] : b.data[key];
    }
  }
  const extensions = a.extensions || b.extensions ? { ...b.extensions, ...a.extensions } : undefined;
  return { data, ...(errors.length > 0 ? { errors } : {}), ...(extensions ? { extensions } : {}) };
}

function mixedRefused(operation: OperationDefinitionNode, mine: readonly FieldNode[], theirs: readonly FieldNode[]): ExecutionResult {
  const names = (fields: readonly FieldNode[]): string => [...new Set(fields.map((field) => field.name.value))].join(', ');
  const why = operation.operation === 'query' ? 'through a fragment at the root' : `in one ${operation.operation}`;
  return {
    data: null,
    errors: [
      graphError(
        GraphErrorCode.BAD_REQUEST,
        `The gateway's own fields (${names(mine)}) and the subgraphs' (${names(theirs)}) cannot be asked for ${why}: send them as two operations${operation.operation === 'query' ? ', or as plain fields' : ''}.`,
      ),
    ],
  };
}

/** An answer that went through execution always has `data`: null when nothing could be returned. */
function withData(result: MaybeAsyncIterable<ExecutionResult>): MaybeAsyncIterable<ExecutionResult> {
  if (Symbol.asyncIterator in result || 'data' in result) return result;
  return { data: null, ...result };
}

const isFragment = (definition: DefinitionNode): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION;
