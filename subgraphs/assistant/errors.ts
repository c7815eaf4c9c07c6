import { GraphQLError } from 'graphql';
import { GraphErrorCode } from '@lifestone/lib/graph';

/**
 * The codes of `extensions.code` with which `ask` is refused before it
 * starts: the graph's own (`RATE_LIMITED`, `NOT_FOUND`, `BAD_USER_INPUT`)
 * and two of the assistant's.
 */
export const AskRefusalCode = {
  /** No model is configured; `extensions.hint` says which variables to set. */
  ASSISTANT_NOT_CONFIGURED: 'ASSISTANT_NOT_CONFIGURED',
  /** The caller already has an answer being written; `extensions.retryAfterSeconds` is the most it may still take. */
  ASK_IN_FLIGHT: 'ASK_IN_FLIGHT',
  RATE_LIMITED: GraphErrorCode.RATE_LIMITED,
  NOT_FOUND: GraphErrorCode.NOT_FOUND,
  BAD_USER_INPUT: GraphErrorCode.BAD_USER_INPUT,
} as const;
export type AskRefusalCode = (typeof AskRefusalCode)[keyof typeof AskRefusalCode];

/** A refusal of `ask`, with its stable code and any further extensions (`retryAfterSeconds`, `hint`, ...). */
export function askRefusal(code: AskRefusalCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}
