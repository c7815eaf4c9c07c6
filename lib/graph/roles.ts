import type { GraphQLResolveInfo } from 'graphql';
import { GraphErrorCode, graphError } from './errors.js';
import type { Identity } from './identity.js';

/** What a caller may do: viewers read, operators also send commands to plugins, admins also manage accounts and tokens. */
export const Role = { viewer: 'viewer', operator: 'operator', admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];
const roleRank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `value` names a role (a signed identity's claim, a stored account's column). */
export function isRole(value: string): value is Role {
  return Object.hasOwn(roleRank, value);
}

/** Whether `role` may do what `needed` may. */
export function hasRole(role: Role, needed: Role): boolean {
  return roleRank[role] >= roleRank[needed];
}

/**
 * Throws FORBIDDEN unless the caller has `role` (or a higher one), with a
 * message that names the operation and both roles: "sendCommand needs the
 * operator role; you are a viewer". `action` is the operation's name, or the
 * resolver's `info` to use its field name.
 */
export function requireRole(context: { identity: Identity }, role: Role, action?: string | GraphQLResolveInfo): void {
  const { identity } = context;
  if (identity.kind === 'anonymous') throw graphError(GraphErrorCode.UNAUTHENTICATED, 'Sign in first, or send an API token.');
  if (hasRole(identity.role, role)) return;
  const name = typeof action === 'string' ? action : (action?.fieldName ?? 'This operation');
  throw graphError(GraphErrorCode.FORBIDDEN, `${name} needs the ${role} role; you are ${article(identity.role)} ${identity.role}.`, {
    requiredRole: role,
    role: identity.role,
  });
}

/**
 * `resolver`, run only for a caller with `role` (or a higher one); anyone
 * else gets {@link requireRole}'s refusal, named after the field. The one
 * way a resolver map declares the role a field needs, beside the field:
 * `accounts: withRole(Role.admin, (_root, _args, context) => ...)`.
 */
export function withRole<P, A, C extends { identity: Identity }, R>(
  role: Role,
  resolver: (parent: P, args: A, context: C, info: GraphQLResolveInfo) => R,
): (parent: P, args: A, context: C, info: GraphQLResolveInfo) => R {
  return (parent, args, context, info) => {
    requireRole(context, role, info);
    return resolver(parent, args, context, info);
  };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
