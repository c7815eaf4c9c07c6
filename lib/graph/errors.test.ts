import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphError } from './errors.js';

describe('graphError', () => {
  it('carries the stable code and any further extensions', () => {
    const error = graphError('NOT_FOUND', 'No character named Mab.', { character: 'Mab' });
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.toJSON()).toEqual({ message: 'No character named Mab.', extensions: { character: 'Mab', code: 'NOT_FOUND' } });
  });
});
