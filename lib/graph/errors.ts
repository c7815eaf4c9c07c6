import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { hasRole, type Identity, type Role } from './identity.js';

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
  /** Something broke on our side; the trace id in the logs says what. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type GraphErrorCode = (typeof GraphErrorCode)[keyof typeof GraphErrorCode];

/**
 * Refuses a text argument PostgreSQL cannot compare or store (U+0000, a lone
 * UTF-16 surrogate) with BAD_USER_INPUT naming the argument, rather than
 * letting the database's own error reach the caller.
 */
export function requireStorableText(value: string | null | undefined, argument: string): void {
  if (value == null) return;
  if (value.includes('\u0000') || !(value as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${argument} holds U+0000 or a lone surrogate, which no stored text contains: remove it.`, { argument });
  }
}

/** A GraphQL error with a stable `extensions.code` and any further extensions (e.g. `{ limit: 12 }`). */
export function graphError(code: GraphErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/**
 * Throws FORBIDDEN unless the caller has `role` (or a higher one), with a
 * message that names the operation and both roles: "sendCommand needs the
 * operator role; you are a viewer". `action` is the operation's name, or the
 * resolver's `info` to use its field name.
 */
export function requireRole(context: { identity: Identity }, role: Role, action?: string | GraphQLResolveInfo): void {
  const { identity } = context;
  if (hasRole(identity.role, role)) return;
  const name = typeof action === 'string' ? action : (action?.fieldName ?? 'This operation');
  throw graphError(GraphErrorCode.FORBIDDEN, `${name} needs the ${role} role; you are ${article(identity.role)} ${identity.role}.`, {
    requiredRole: role,
    role: identity.role,
  });
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
