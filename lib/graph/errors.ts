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
  /** A subscription over the cap of one socket or one caller (`limit` and `setting` say which): end another first. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** Something broke on our side; the trace id in the logs says what. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type GraphErrorCode = (typeof GraphErrorCode)[keyof typeof GraphErrorCode];

/** False for text PostgreSQL cannot compare or store: U+0000, or a lone UTF-16 surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && (value as string & { isWellFormed(): boolean }).isWellFormed();
}

/** BAD_USER_INPUT for a text argument {@link isStorableText} refuses, naming it (`username`, `filter.name`, `$c`). */
export function unstorableTextError(argument: string): GraphQLError {
  return graphError(GraphErrorCode.BAD_USER_INPUT, `${argument} holds U+0000 or a lone surrogate, which no stored text contains: remove it.`, { argument });
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

/**
 * Apollo Server's `formatError` for every subgraph: an error thrown on
 * purpose (one with `extensions.code`) goes out as it is; any other (a
 * database error, a bug) goes out with a stable code and never its own
 * text, whose words name encodings, columns and constraints. A value
 * PostgreSQL could not take is BAD_USER_INPUT saying what to send instead;
 * the rest INTERNAL_SERVER_ERROR. Either way the original is in the
 * subgraph's log under the trace id the answer carries.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (typeof (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code === 'string') return formatted;
  const cause = (error as { originalError?: unknown } | undefined)?.originalError ?? error;
  const hint = cause instanceof pg.DatabaseError && cause.code !== undefined ? INVALID_VALUE_HINTS[cause.code] : undefined;
  const field = formatted.path?.findLast((segment) => typeof segment === 'string');
  return {
    message: hint
      ? `${field ?? 'The operation'} could not use its arguments: ${hint}.`
      : 'The subgraph failed on this field; its log has the details under the trace id.',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: hint ? GraphErrorCode.BAD_USER_INPUT : GraphErrorCode.INTERNAL_SERVER_ERROR },
  };
}
