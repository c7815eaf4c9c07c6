/**
 * Query limits (graphql-armor): depth, estimated cost and aliases, checked
 * while validating, before anything reaches a subgraph, over HTTP, SSE and
 * graphql-ws alike. A refused query gets one error with code
 * QUERY_TOO_COMPLEX, the limit and what was found, and the setting to change.
 */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { integerSetting } from '@lifestone/lib/config';
import { GraphErrorCode, graphError } from '@lifestone/lib/graph';
import type { GraphQLError, ValidationContext } from 'graphql';

/** The gateway's query limits. */
export interface QueryLimits {
  /** Deepest selection nesting. @default 12 (`LIFESTONE_MAX_DEPTH`) */
  maxDepth: number;
  /** Highest estimated cost (graphql-armor: objects 2, scalars 1, times 1.5 per level). @default 50000 (`LIFESTONE_MAX_COST`) */
  maxCost: number;
  /** Most aliases in one operation. @default 15 (`LIFESTONE_MAX_ALIASES`) */
  maxAliases: number;
}

/** The limits from `LIFESTONE_MAX_DEPTH`, `LIFESTONE_MAX_COST` and `LIFESTONE_MAX_ALIASES`. */
export function queryLimitsFromEnv(env: Record<string, string | undefined> = process.env): QueryLimits {
  return {
    maxDepth: integerSetting('LIFESTONE_MAX_DEPTH', env),
    maxCost: integerSetting('LIFESTONE_MAX_COST', env),
    maxAliases: integerSetting('LIFESTONE_MAX_ALIASES', env),
  };
}

/** The three graphql-armor plugins, reporting with Lifestone's error code and wording. */
export function queryLimitPlugins(limits: QueryLimits) {
  const reject = (kind: string, setting: string, limit: number, advice: string) => (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    const message = `Query ${kind}${found ? ` ${found}` : ''} is over the limit of ${limit} (${setting}). ${advice}`;
    context?.reportError(graphError(GraphErrorCode.QUERY_TOO_COMPLEX, message, { limit, found: found && Number(found), setting }));
  };
  return [
    maxDepthPlugin({
      n: limits.maxDepth,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('depth', 'LIFESTONE_MAX_DEPTH', limits.maxDepth, 'Select fewer nested levels, or split the query.')],
    }),
    costLimitPlugin({
      maxCost: limits.maxCost,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('cost', 'LIFESTONE_MAX_COST', limits.maxCost, 'Select fewer fields, or split the query.')],
    }),
    maxAliasesPlugin({
      n: limits.maxAliases,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('alias count', 'LIFESTONE_MAX_ALIASES', limits.maxAliases, 'Use fewer aliases, or split the query.')],
    }),
  ];
}
