/**
 * Query limits: tokens while parsing (graphql-js's own `maxTokens`, which
 * stops the parser at the limit rather than after it), then directives,
 * depth, estimated cost and aliases while validating (graphql-armor), before
 * anything reaches a subgraph, over HTTP, SSE and graphql-ws alike. A refused
 * query gets one error with code QUERY_TOO_COMPLEX, the limit and what was
 * found, and the setting to change.
 */
import { costLimitPlugin, costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { integerSetting } from '@lifestone/lib/config';
import { GraphErrorCode, graphError } from '@lifestone/lib/graph';
import { Kind, parse, validate, visit, type DocumentNode, type ParseOptions, type Source, type ExecutionArgs, type ExecutionResult, type GraphQLError, type ValidationContext } from 'graphql';

/** The gateway's query limits. */
export interface QueryLimits {
  /** Deepest selection nesting. @default 12 (`LIFESTONE_MAX_DEPTH`) */
  maxDepth: number;
  /** Highest estimated cost (graphql-armor: objects 2, scalars 1, times 1.5 per level). @default 50000 (`LIFESTONE_MAX_COST`) */
  maxCost: number;
  /** Most aliases in one operation. @default 15 (`LIFESTONE_MAX_ALIASES`) */
  maxAliases: number;
  /** Most tokens (names, punctuation, values) in one document. @default 2000 (`LIFESTONE_MAX_TOKENS`) */
  maxTokens: number;
  /** Most directives in one operation. @default 50 (`LIFESTONE_MAX_DIRECTIVES`) */
  maxDirectives: number;
}

/** The limits from `LIFESTONE_MAX_DEPTH`, `LIFESTONE_MAX_COST` and `LIFESTONE_MAX_ALIASES`. */
export function queryLimitsFromEnv(env: Record<string, string | undefined> = process.env): QueryLimits {
  return {
    maxDepth: integerSetting('LIFESTONE_MAX_DEPTH', env),
    maxCost: integerSetting('LIFESTONE_MAX_COST', env),
    maxAliases: integerSetting('LIFESTONE_MAX_ALIASES', env),
    maxTokens: integerSetting('LIFESTONE_MAX_TOKENS', env),
    maxDirectives: integerSetting('LIFESTONE_MAX_DIRECTIVES', env),
  };
}

/** The token limit and the graphql-armor plugins, reporting with Lifestone's error code and wording. */
export function queryLimitPlugins(limits: QueryLimits) {
  const reject = (kind: string, setting: string, limit: number, advice: string) => (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    const message = `Query ${kind}${found ? ` ${found}` : ''} is over the limit of ${limit} (${setting}). ${advice}`;
    context?.reportError(graphError(GraphErrorCode.QUERY_TOO_COMPLEX, message, { limit, found: found && Number(found), setting }));
  };
  const costOptions = {
    maxCost: limits.maxCost,
    exposeLimits: true,
    propagateOnRejection: false,
    // A fragment costs what its fields would cost written out.
    flattenFragments: true,
    onReject: [reject('cost', 'LIFESTONE_MAX_COST', limits.maxCost, 'Select fewer fields, or split the query.')],
  };
  return [
    maxTokensPlugin(limits.maxTokens),
    maxDirectivesPlugin({
      n: limits.maxDirectives,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('directive count', 'LIFESTONE_MAX_DIRECTIVES', limits.maxDirectives, 'Use fewer directives, or split the query.')],
    }),
    maxDepthPlugin({
      n: limits.maxDepth,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('depth', 'LIFESTONE_MAX_DEPTH', limits.maxDepth, 'Select fewer nested levels, or split the query.')],
    }),
    costLimitPlugin(costOptions),
    // The estimate above sees only literal `first`/`last`; one given as a variable is checked again with its value.
    costOfListSizesFromVariables(costOptions),
    maxAliasesPlugin({
      n: limits.maxAliases,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('alias count', 'LIFESTONE_MAX_ALIASES', limits.maxAliases, 'Use fewer aliases, or split the query.')],
    }),
  ];
}

/**
 * Parses with graphql-js's `maxTokens`, which aborts as soon as the limit is
 * passed: a 0.85 MB document of 50,000 directives costs the tokens up to the
 * limit, not its whole parse.
 */
function maxTokensPlugin(maxTokens: number) {
  const parseWithLimit = (source: string | Source, options?: ParseOptions): DocumentNode => {
    try {
      return parse(source, { ...options, maxTokens });
    } catch (error) {
      // graphql-js words it "contains more that N tokens".
      if (error instanceof Error && /more th\w+ \d+ tokens/.test(error.message)) {
        throw graphError(GraphErrorCode.QUERY_TOO_COMPLEX, `Query has more than ${maxTokens} tokens (LIFESTONE_MAX_TOKENS). Select fewer fields, or split the query.`, { limit: maxTokens, setting: 'LIFESTONE_MAX_TOKENS' });
      }
      throw error;
    }
  };
  return {
    onParse({ setParseFn }: { setParseFn: (parse: typeof parseWithLimit) => void }) {
      setParseFn(parseWithLimit);
    },
  };
}

/**
 * The cost limit again at execution, where variables are known: every
 * `first`/`last` given as a variable is replaced by its value (or its
 * declared default) before the estimate, so `characters(first: $n)` costs
 * what `characters(first: 1000)` would. Operations without such a variable
 * pass untouched.
 */
function costOfListSizesFromVariables(options: Parameters<typeof costLimitRule>[0]) {
  const check = (args: ExecutionArgs, stop: (result: ExecutionResult) => void): void => {
    const document = withListSizes(args.document, args.variableValues ?? {});
    if (!document) return;
    const errors = validate(args.schema, document, [costLimitRule(options)]);
    if (errors.length > 0) stop({ errors });
  };
  return {
    onExecute({ args, setResultAndStopExecution }: { args: ExecutionArgs; setResultAndStopExecution: (result: ExecutionResult) => void }) {
      check(args, setResultAndStopExecution);
    },
    onSubscribe({ args, setResultAndStopExecution }: { args: ExecutionArgs; setResultAndStopExecution: (result: ExecutionResult) => void }) {
      check(args, setResultAndStopExecution);
    },
  };
}

/** `document` with every `first`/`last` variable inlined as an integer; undefined when there is none. */
export function withListSizes(document: DocumentNode, variables: Record<string, unknown>): DocumentNode | undefined {
  if (!hasListSizeVariable(document)) return undefined;
  const defaults = new Map<string, unknown>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue?.kind === Kind.INT) defaults.set(variable.variable.name.value, Number(variable.defaultValue.value));
    }
  }
  let inlined = false;
  const result = visit(document, {
    Argument(node) {
      if ((node.name.value !== 'first' && node.name.value !== 'last') || node.value.kind !== Kind.VARIABLE) return undefined;
      const name = node.value.name.value;
      const value = variables[name] ?? defaults.get(name);
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      inlined = true;
      return { ...node, value: { kind: Kind.INT, value: String(Math.max(0, Math.trunc(value))) } };
    },
  });
  return inlined ? result : undefined;
}

/** Whether a document passes `first`/`last` as a variable, remembered per parsed document (the gateway caches those). */
const listSizeVariables = new WeakMap<DocumentNode, boolean>();

function hasListSizeVariable(document: DocumentNode): boolean {
  let known = listSizeVariables.get(document);
  if (known === undefined) {
    known = false;
    visit(document, {
      Argument(node) {
        if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) known = true;
      },
    });
    listSizeVariables.set(document, known);
  }
  return known;
}
