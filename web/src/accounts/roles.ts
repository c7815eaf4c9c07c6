import type { Role } from '../graph/generated/graphql';

/** The roles, weakest first. */
export const ROLES: readonly Role[] = ['VIEWER', 'OPERATOR', 'ADMIN'];

/** What the interface calls each role. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = { VIEWER: 'viewer', OPERATOR: 'operator', ADMIN: 'admin' };
