import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Identity } from './identity.js';
import { hasRole, requireRole, Role, withRole } from './roles.js';

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

describe('withRole', () => {
  const info = { fieldName: 'accounts' } as GraphQLResolveInfo;
  const accounts = withRole(Role.admin, (_root: unknown, args: { first: number }, context: { identity: Identity }) => `${context.identity.name}:${args.first}`);

  it('runs the resolver, with its arguments, for the role and the roles above it', () => {
    expect(accounts(null, { first: 2 }, caller('admin'), info)).toBe('alice:2');
    expect(withRole(Role.operator, () => 'sent')(null, {}, caller('admin'), info)).toBe('sent');
  });

  it('refuses anyone below it without running the resolver, naming the field and both roles', () => {
    let ran = false;
    const guarded = withRole(Role.admin, () => (ran = true));
    expect(() => guarded(null, {}, caller('operator'), info)).toThrow('accounts needs the admin role; you are an operator.');
    expect(() => guarded(null, {}, { identity: { kind: 'anonymous', id: '', name: '', role: 'viewer' } }, info)).toThrow('Sign in first, or send an API token.');
    expect(ran).toBe(false);
  });
});
