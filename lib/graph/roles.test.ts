import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Identity } from './identity.js';
import { hasRole, requireRole } from './roles.js';

const caller = (role: Identity['role']): { identity: Identity } => ({ identity: { kind: 'user', id: '1', name: 'alice', role } });

describe('hasRole', () => {
  it('ranks viewer < operator < admin', () => {
    expect(hasRole('admin', 'operator')).toBe(true);
    expect(hasRole('operator', 'operator')).toBe(true);
    expect(hasRole('viewer', 'operator')).toBe(false);
    expect(hasRole('operator', 'admin')).toBe(false);
  });
});

describe('requireRole', () => {
  it('lets the role and the roles above it through', () => {
    expect(() => requireRole(caller('operator'), 'operator', 'sendCommand')).not.toThrow();
    expect(() => requireRole(caller('admin'), 'operator', 'sendCommand')).not.toThrow();
  });

  it('refuses below it with FORBIDDEN and a message naming the operation and both roles', () => {
    expect(() => requireRole(caller('viewer'), 'operator', 'sendCommand')).toThrow('sendCommand needs the operator role; you are a viewer.');
    const error = (() => {
      try {
        requireRole(caller('operator'), 'admin', { fieldName: 'createApiToken' } as GraphQLResolveInfo);
      } catch (thrown) {
        return thrown as GraphQLError;
      }
    })();
    expect(error?.message).toBe('createApiToken needs the admin role; you are an operator.');
    expect(error?.extensions).toEqual({ code: 'FORBIDDEN', requiredRole: 'admin', role: 'operator' });
  });
});
