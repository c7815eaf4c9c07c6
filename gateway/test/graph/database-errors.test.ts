import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphContext, SubgraphModule } from '@lifestone/lib/graph';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';

/**
 * What a caller learns when PostgreSQL refuses what a resolver sent it: a
 * stable code, the trace id and what to send instead, never the database's
 * own words. Through the gateway, from a subgraph whose resolvers pass their
 * arguments to SQL as they are.
 */

function sqlSubgraph(): SubgraphModule {
  const select = (sql: string) => async (_root: unknown, args: { value: string }, context: SubgraphContext) => {
    const { rows } = await context.pool.query<{ value: string }>(sql, [args.value]);
    return String(rows[0]?.value);
  };
  return {
    name: 'telemetry',
    typeDefs: parse(/* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      input Filter { name: String, tags: [String!] }
      type Query {
        asNumber(value: String!): String!
        asInstant(value: String!): String!
        dividedByZero(value: String!): String!
        fromHex(value: String!): String!
        echo(value: String, filter: Filter): String!
      }
      # The gateway adds its own mutations to this type.
      type Mutation { asNumberToo(value: String!): String! }
    `),
    resolvers: {
      Query: {
        asNumber: select('SELECT $1::int AS value'),
        asInstant: select('SELECT $1::timestamptz AS value'),
        dividedByZero: select('SELECT length($1) / 0 AS value'),
        fromHex: select("SELECT convert_from(decode($1, 'hex'), 'UTF8') AS value"),
        echo: select("SELECT coalesce($1, '') AS value"),
      },
      Mutation: { asNumberToo: select('SELECT $1::int AS value') },
    },
  };
}

let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startTestStack({ modules: [sqlSubgraph()] });
  token = (await stack.createToken('viewer', 'database-errors')).token;
});
afterAll(() => stack?.close());

async function errorsOf(query: string, variables?: Record<string, unknown>) {
  const response = await stack.graphql(query, variables, { token });
  // PostgreSQL's words for the errors below.
  expect(JSON.stringify(response.body), query).not.toMatch(/invalid input syntax|out of range for type|date\/time field|division by zero|byte sequence|encoding "UTF8"|integer|timestamp/);
  return response.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code, argument: extensions?.argument, traceId: typeof extensions?.traceId }));
}

describe('a value PostgreSQL cannot take', () => {
  it('is BAD_USER_INPUT naming the field and saying what to send', async () => {
    expect(await errorsOf('{ asNumber(value: "twelve") }')).toEqual([
      {
        message: "asNumber could not use its arguments: an argument is not written as its type needs (a whole number, an id of the right shape): send it as the field's description shows.",
        code: 'BAD_USER_INPUT',
        argument: undefined,
        traceId: 'string',
      },
    ]);
    expect(await errorsOf('{ asNumber(value: "99999999999") }')).toEqual([
      { message: 'asNumber could not use its arguments: a number is out of range: send a smaller one.', code: 'BAD_USER_INPUT', argument: undefined, traceId: 'string' },
    ]);
    expect(await errorsOf('{ asInstant(value: "300000-01-01") }')).toEqual([
      {
        message: 'asInstant could not use its arguments: a date or time is out of range: send one between 4713 BC and 294276 AD.',
        code: 'BAD_USER_INPUT',
        argument: undefined,
        traceId: 'string',
      },
    ]);
    // Bytes that are not UTF-8 (22021), made from an argument by the query.
    expect(await errorsOf('{ fromHex(value: "ff") }')).toEqual([
      {
        message: 'fromHex could not use its arguments: a text argument holds a character no stored text can hold (U+0000, or bytes that are not UTF-8): remove it.',
        code: 'BAD_USER_INPUT',
        argument: undefined,
        traceId: 'string',
      },
    ]);
  });

  it('is INTERNAL_SERVER_ERROR when no argument is to blame, with the trace id and no words of the database', async () => {
    expect(await errorsOf('{ dividedByZero(value: "x") }')).toEqual([
      { message: 'The subgraph failed on this field; its log has the details under the trace id.', code: 'INTERNAL_SERVER_ERROR', argument: undefined, traceId: 'string' },
    ]);
  });
});

describe('text holding U+0000 or a lone surrogate', () => {
  it('is refused before any resolver runs, naming the argument or variable that holds it', async () => {
    const refusal = (argument: string) => ({
      message: `${argument} holds U+0000 or a lone surrogate, which no stored text contains: remove it.`,
      code: 'BAD_USER_INPUT',
      argument,
      traceId: 'string',
    });
    expect(await errorsOf('{ echo(value: "a\\u0000b") }')).toEqual([refusal('value')]);
    expect(await errorsOf('{ echo(filter: { tags: ["ok", "\\u0000"] }) }')).toEqual([refusal('filter.tags')]);
    expect(await errorsOf('query($v: String) { echo(value: $v) }', { v: 'a\u0000b' })).toEqual([refusal('$v')]);
    expect(await errorsOf('query($f: Filter) { echo(filter: $f) }', { f: { tags: ['ok', 'b\uD800'] } })).toEqual([refusal('$f.tags[1]')]);
  });
});
