import { describe, expect, it } from 'vitest';
import { problemDetail, problemSentence } from './problems';

describe('problems said as sentences', () => {
  it('says the message of a refusal that names what was wrong, never its code', () => {
    const wrong = { message: 'The current password is wrong.', code: 'BAD_USER_INPUT', traceId: 'abc123' };
    expect(problemSentence(wrong)).toBe('The current password is wrong.');
    expect(problemDetail(wrong)).toBe('Code BAD_USER_INPUT · trace abc123');
    expect(problemSentence({ message: 'the gateway answered HTTP 502 without a GraphQL response', code: 'GRAPH_ERROR' })).toBe('The gateway answered HTTP 502 without a GraphQL response.');
  });

  it("says a code's own sentence where the message would not tell a person what to do", () => {
    expect(problemSentence({ message: 'Unexpected error.', code: 'INTERNAL_SERVER_ERROR' })).toBe(
      'Something failed on the server: try again, and if it keeps failing, give an admin the trace id in this message’s tooltip.',
    );
    expect(problemSentence({ message: 'not authenticated', code: 'UNAUTHENTICATED' })).toBe('You are signed out: sign in again.');
    expect(problemSentence({ message: '  ' })).toBe('Something went wrong: try again.');
    expect(problemDetail({ message: 'x' })).toBeUndefined();
  });
});
