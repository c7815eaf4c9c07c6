/**
 * What a refusal or failure says to a person: the one place that turns the
 * graph's stable error codes into sentences. The code itself is for
 * programs and support (the `data-code` attribute, the tooltip), never shown
 * as if it were part of the sentence.
 */

/** A refusal or failure as the dashboard holds it (a `GraphError`, a command's error). */
export interface Problem {
  message: string;
  code?: string | undefined;
  traceId?: string | undefined;
}

/**
 * Codes whose meaning is the same whatever the graph's message says: the
 * sentence said instead of it. Codes not here (BAD_USER_INPUT, FORBIDDEN,
 * NOT_FOUND …) come with a message that names what was wrong: it is said.
 */
const CODE_SENTENCES: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'You are signed out: sign in again.',
  RATE_LIMITED: 'Too many requests just now: wait a moment and try again.',
  QUERY_TOO_COMPLEX: 'That asks for too much at once: ask for less.',
  QUERY_TIMEOUT: 'That took the database too long: ask for less (a shorter time range, fewer characters).',
  INTERNAL_SERVER_ERROR: 'Something failed on the server: try again, and if it keeps failing, give an admin the trace id in this message’s tooltip.',
  NETWORK_ERROR: 'The gateway cannot be reached: retrying when it is back.',
  SUBSCRIBER_TOO_SLOW: 'This window fell behind the live feed: close and open it again.',
};

/** `problem` as a sentence: the code's own where it has one, else the message, capitalised and ending in a full stop. */
export function problemSentence(problem: Problem): string {
  const sentence = (problem.code && CODE_SENTENCES[problem.code]) || problem.message.trim() || 'Something went wrong: try again.';
  const capitalised = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return /[.!?:…)]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The tooltip that carries the code and trace id for support: "Code BAD_USER_INPUT · trace 4bf9…". */
export function problemDetail(problem: Problem): string | undefined {
  const parts = [problem.code && `Code ${problem.code}`, problem.traceId && `trace ${problem.traceId}`].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}
