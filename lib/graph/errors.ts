import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pg from 'pg';

/**
 * The stable codes of `extensions.code` in every GraphQL error Lifestone
 * sends, from the subgraphs and the gateway alike. Clients branch on these,
 * never on messages.
 */
export const GraphErrorCode = {
  /** No valid credentials: sign in, or send a valid API token (a subgraph: no valid gateway signature). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, but the role does not allow this. */
  FORBIDDEN: 'FORBIDDEN',
  /** The HTTP request itself is unusable: not JSON, or over the size limit. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A page of another origin may not use the gateway (LIFESTONE_CORS_ORIGINS lists those that may). */
  FORBIDDEN_ORIGIN: 'FORBIDDEN_ORIGIN',
  /** An operation was posted as something other than JSON or GraphQL (a form, plain text). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** An argument is invalid; the message says which and why. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The named thing (character, item, token) does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** Too many requests; retry later. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The query is over the depth, cost or alias limit. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A subscription fell further behind than its bound: it ended here; subscribe again and fill the gap from the queries' history. */
  SUBSCRIBER_TOO_SLOW: 'SUBSCRIBER_TOO_SLOW',
  /**
   * The subgraph's connection to the pubsub was cut or lost (Redis cut it for
   * falling behind, or the server went away), so live values published
   * meanwhile never reached it: the subscription ended here rather than go on
   * with a hole in it; subscribe again and fill the gap from the queries' history.
   */
  LIVE_FEED_INTERRUPTED: 'LIVE_FEED_INTERRUPTED',
  /** A subscription over the cap of one socket or one caller (`limit` and `setting` say which): end another first. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** A database statement of the field ran past the subgraph's statement timeout and was stopped; ask for less (a shorter range, fewer characters, a smaller `first`). */
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /** Something broke on our side; the trace id in the logs says what. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type GraphErrorCode = (typeof GraphErrorCode)[keyof typeof GraphErrorCode];

/** `extensions.reason` of a BAD_USER_INPUT refusal of a text argument, saying which rule it broke. */
export const TextRefusalReason = {
  /** The text holds U+0000 or a lone surrogate. */
  UNSTORABLE_TEXT: 'UNSTORABLE_TEXT',
  /** The text is longer than its argument's limit (`extensions.limit`). */
  TEXT_TOO_LONG: 'TEXT_TOO_LONG',
} as const;

/** False for text PostgreSQL cannot compare or store: U+0000, or a lone UTF-16 surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && (value as string & { isWellFormed(): boolean }).isWellFormed();
}

/** BAD_USER_INPUT for a text argument {@link isStorableText} refuses, naming it (`username`, `filter.name`, `$c`). */
export function unstorableTextError(argument: string): GraphQLError {
  return graphError(GraphErrorCode.BAD_USER_INPUT, `${argument} holds U+0000 or a lone surrogate, which no stored text contains: remove it.`, {
    argument,
    reason: TextRefusalReason.UNSTORABLE_TEXT,
  });
}

/** BAD_USER_INPUT (`reason` TEXT_TOO_LONG) for a text argument longer than its limit, naming it (`search`, `filter.text`, `filter.characters[2]`). */
export function textTooLongError(argument: string, length: number, limit: number): GraphQLError {
  return graphError(GraphErrorCode.BAD_USER_INPUT, `${argument} has ${length} characters; at most ${limit} are accepted here: send a shorter one.`, {
    argument,
    reason: TextRefusalReason.TEXT_TOO_LONG,
    limit,
    found: length,
  });
}

/**
 * Refuses a text argument PostgreSQL cannot compare or store with
 * BAD_USER_INPUT naming the argument, rather than letting the database's
 * own error reach the caller.
 */
export function requireStorableText(value: string | null | undefined, argument: string): void {
  if (value != null && !isStorableText(value)) throw unstorableTextError(argument);
}

/** A GraphQL error with a stable `extensions.code` and any further extensions (e.g. `{ limit: 12 }`). */
export function graphError(code: GraphErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/**
 * What a caller should send instead, by PostgreSQL's code for a value it
 * could not take (class 22): only these, which an argument can cause; the
 * rest of the class (a division by zero, say) is a bug of ours.
 */
const INVALID_VALUE_HINTS: Readonly<Record<string, string>> = {
  '22021': 'a text argument holds a character no stored text can hold (U+0000, or bytes that are not UTF-8): remove it',
  '22P05': 'a text argument holds a character no stored text can hold (U+0000, or bytes that are not UTF-8): remove it',
  '22P02': "an argument is not written as its type needs (a whole number, an id of the right shape): send it as the field's description shows",
  '22003': 'a number is out of range: send a smaller one',
  '22007': 'a date or time is not valid: send ISO-8601 with a time zone, such as "2024-05-01T12:00:00Z"',
  '22008': 'a date or time is out of range: send one between 4713 BC and 294276 AD',
  '22001': 'a text argument is too long: send a shorter one',
};

/** PostgreSQL's query_canceled: the statement timeout (or an operator's pg_cancel_backend) stopped the statement. */
const QUERY_CANCELED = '57014';

/**
 * Apollo Server's `formatError` for every subgraph: an error thrown on
 * purpose (one with `extensions.code`) goes out as it is; any other (a
 * database error, a bug) goes out with a stable code and never its own
 * text, whose words name encodings, columns and constraints. A value
 * PostgreSQL could not take is BAD_USER_INPUT saying what to send instead;
 * a statement stopped by the statement timeout (`statementTimeoutMs`, said
 * in the message) QUERY_TIMEOUT; the rest INTERNAL_SERVER_ERROR. Either
 * way the original is in the subgraph's log under the trace id the answer carries.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown, statementTimeoutMs?: number): GraphQLFormattedError {
  if (typeof (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code === 'string') return formatted;
  const cause = (error as { originalError?: unknown } | undefined)?.originalError ?? error;
  const sqlState = cause instanceof pg.DatabaseError ? cause.code : undefined;
  const hint = sqlState !== undefined ? INVALID_VALUE_HINTS[sqlState] : undefined;
  const field = formatted.path?.findLast((segment) => typeof segment === 'string') ?? 'The operation';
  const [message, code, extensions] =
    sqlState === QUERY_CANCELED
      ? [
          `${field} took longer than the ${statementTimeoutMs === undefined ? 'subgraph allows' : `${statementTimeoutMs / 1000} s a database statement may run`} and was stopped: ask for less (a shorter time range, fewer characters, a smaller first), or try again when the fleet is quieter.`,
          GraphErrorCode.QUERY_TIMEOUT,
          statementTimeoutMs === undefined ? {} : { timeoutMs: statementTimeoutMs },
        ]
      : hint
        ? [`${field} could not use its arguments: ${hint}.`, GraphErrorCode.BAD_USER_INPUT, {}]
        : ['The subgraph failed on this field; its log has the details under the trace id.', GraphErrorCode.INTERNAL_SERVER_ERROR, {}];
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { ...extensions, code },
  };
}
