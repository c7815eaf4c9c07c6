import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';

/**
 * No viewer can make the database work long: every text argument has a
 * length limit, checked before any resolver runs (over HTTP and graphql-ws),
 * and every subgraph statement runs under a statement timeout whose answer
 * is QUERY_TIMEOUT, after which the subgraph serves on. Against the real
 * graph, with the timeout lowered to 400 ms.
 */

const STATEMENT_TIMEOUT_MS = 400;
const CHARACTERS = 'query Characters($search: String) { characters(search: $search) { name } }';

let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startTestStack({ statementTimeoutMs: STATEMENT_TIMEOUT_MS });
  token = (await stack.createToken('viewer', 'query limits')).token;
  await stack.db.query(`INSERT INTO live_characters (character_name, last_seen_at) VALUES ('Alpha', now()), ('Bravo', now())`);
});
afterAll(() => stack?.close());

/** The refusal of `field`'s `argument`, as the gateway hands it on from `serviceName` (with the trace id over HTTP). */
const tooLong = (field: string, serviceName: string, argument: string, found: number, limit: number, traced = true) => ({
  message: `${argument} has ${found} characters; at most ${limit} are accepted here: send a shorter one.`,
  path: [field],
  extensions: { code: 'BAD_USER_INPUT', reason: 'TEXT_TOO_LONG', argument, limit, found, serviceName, ...(traced ? { traceId: expect.any(String) } : {}) },
});

describe('text arguments', () => {
  it('a 1 MB search is refused before any statement with TEXT_TOO_LONG, as a variable and as a literal', async () => {
    const search = 'a'.repeat(1_000_000);
    const asVariable = await stack.graphql(CHARACTERS, { search }, { token });
    const asLiteral = await stack.graphql(`{ characters(search: "${search}") { name } }`, undefined, { token });
    expect(asVariable.body).toEqual({ errors: [tooLong('characters', 'telemetry', 'search', 1_000_000, 256)], data: null });
    expect(asLiteral.body).toEqual({ errors: [tooLong('characters', 'telemetry', 'search', 1_000_000, 256)], data: null });
  });

  it('a search at the limit is answered', async () => {
    expect((await stack.graphql(CHARACTERS, { search: 'a'.repeat(256) }, { token })).body).toEqual({ data: { characters: [] } });
    expect((await stack.graphql(CHARACTERS, { search: 'lph' }, { token })).body).toEqual({ data: { characters: [{ name: 'Alpha' }] } });
  });

  it('text inside input objects and lists is held to the limit too, named by its path', async () => {
    const query = 'query Items($filter: ItemFilter!) { searchItems(filter: $filter) { pageInfo { hasNextPage } } }';
    const response = await stack.graphql(query, { filter: { characters: ['Alpha', 'x'.repeat(300)] } }, { token });
    expect(response.body.errors).toEqual([tooLong('searchItems', 'inventory', 'filter.characters[1]', 300, 256)]);
  });

  it('a subscription argument over graphql-ws is held to the limit', async () => {
    const first = await stack
      .wsClient(token)
      .iterate({ query: 'subscription Events($characters: [String!]) { events(characters: $characters) { character } }', variables: { characters: ['b'.repeat(10_000)] } })
      .next();
    expect(first.value).toEqual({ errors: [tooLong('events', 'telemetry', 'characters[0]', 10_000, 256, false)], data: null });
  });

  it("a subgraph's own limit replaces the default: the assistant's question takes 4,000 characters", async () => {
    const ask = 'subscription Ask($question: String!) { ask(sessionId: "00000000-0000-4000-8000-000000000000", question: $question) { type } }';
    const accepted = await stack.wsClient(token).iterate({ query: ask, variables: { question: 'q'.repeat(4_000) } }).next();
    // Past the text check: refused by the assistant itself, which has no model here.
    expect(accepted.value.errors?.[0]?.extensions?.code).toBe('ASSISTANT_NOT_CONFIGURED');
    const refused = await stack.wsClient(token).iterate({ query: ask, variables: { question: 'q'.repeat(4_001) } }).next();
    expect(refused.value).toEqual({ errors: [tooLong('ask', 'assistant', 'question', 4_001, 4_000, false)], data: null });
  });
});

describe('the statement timeout', () => {
  it('a statement past it is answered QUERY_TIMEOUT saying what to do, and the subgraph serves on', async () => {
    // A writer holds the table: the real query waits on its lock until the timeout stops it.
    const locker: pg.PoolClient = await stack.db.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE live_characters IN ACCESS EXCLUSIVE MODE');
      const started = performance.now();
      const response = await stack.graphql(CHARACTERS, { search: 'a' }, { token });
      const waited = performance.now() - started;
      expect(response.body).toEqual({
        errors: [
          {
            message: `characters took longer than the ${STATEMENT_TIMEOUT_MS / 1000} s a database statement may run and was stopped: ask for less (a shorter time range, fewer characters, a smaller first), or try again when the fleet is quieter.`,
            path: ['characters'],
            extensions: { code: 'QUERY_TIMEOUT', timeoutMs: STATEMENT_TIMEOUT_MS, serviceName: 'telemetry', traceId: expect.any(String) },
          },
        ],
        data: null,
      });
      expect(waited).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS);
      expect(waited).toBeLessThan(STATEMENT_TIMEOUT_MS + 1_500);
      // The same subgraph answers what does not need the held table meanwhile.
      expect((await stack.graphql('{ chat(first: 1) { text } }', undefined, { token })).body).toEqual({ data: { chat: [] } });
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    expect((await stack.graphql(CHARACTERS, { search: 'a' }, { token })).body).toEqual({ data: { characters: [{ name: 'Alpha' }, { name: 'Bravo' }] } });
    const running = await stack.db.query<{ timeout: string }>(
      "SELECT setting AS timeout FROM pg_settings WHERE name = 'statement_timeout'",
    );
    // The test's own connection has none: the timeout is the subgraphs' alone.
    expect(running.rows).toEqual([{ timeout: '0' }]);
  });
});
