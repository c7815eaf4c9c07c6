import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { createPool, type Pool } from '../db/index.js';
import { createLogger } from '../log/index.js';
import { createMemoryPubSub } from '../pubsub/memory.js';
import type { PubSub } from '../pubsub/types.js';
import type { SubgraphContext } from './context.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from './identity.js';
import { startSubgraph, type RunningSubgraph, type SubgraphModule } from './subgraph.js';

/**
 * Every statement of a subgraph has a statement timeout, whatever pool it
 * was handed: its own pool's when it has one, else a copy of the pool with
 * `statementTimeoutMs`, the pool itself left as it was (it may be a
 * writer's). A statement past it is QUERY_TIMEOUT.
 */

const secret = 'test-internal-secret';
const viewer: Identity = { kind: 'user', id: '1', name: 'vera', role: 'viewer' };

const module: SubgraphModule = {
  name: 'telemetry',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
    type Query {
      statementTimeout: String!
      sleep(seconds: Float!): Boolean!
    }
  `),
  resolvers: {
    Query: {
      statementTimeout: async (_root: unknown, _args: unknown, context: SubgraphContext) => (await context.pool.query<{ value: string }>("SELECT current_setting('statement_timeout') AS value")).rows[0]?.value,
      sleep: async (_root: unknown, args: { seconds: number }, context: SubgraphContext) => {
        await context.pool.query('SELECT pg_sleep($1)', [args.seconds]);
        return true;
      },
    },
  },
};

async function post(url: string, query: string): Promise<unknown> {
  const body = JSON.stringify({ query });
  const identity = signIdentity(viewer, secret, { use: 'http', subgraph: 'telemetry', method: 'POST', operation: body });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity }, body });
  return response.json();
}

describe('the statement timeout of a subgraph', () => {
  const log = createLogger('statement-timeout-test', 'silent');
  let database: TestDatabase;
  let pubsub: PubSub;
  let shared: Pool;
  let own: Pool;
  const subgraphs: RunningSubgraph[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pubsub = createMemoryPubSub();
    shared = createPool(database.url, 'statement-timeout-shared', 2);
    own = createPool(database.url, 'statement-timeout-own', 2, { statementTimeoutMs: 300 });
  });
  afterAll(async () => {
    await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
    await pubsub?.close();
    await shared?.end();
    await own?.end();
    await database?.drop();
  });

  const start = async (pool: Pool, statementTimeoutMs?: number): Promise<RunningSubgraph> => {
    const subgraph = await startSubgraph(module, { pool, pubsub, log, internalSecret: secret, ...(statementTimeoutMs ? { statementTimeoutMs } : {}) });
    subgraphs.push(subgraph);
    return subgraph;
  };

  it("runs under its pool's own timeout", async () => {
    const subgraph = await start(own, 9_000);
    expect(await post(subgraph.url, '{ statementTimeout }')).toEqual({ data: { statementTimeout: '300ms' } });
  });

  it('reads through a copy with statementTimeoutMs when handed a pool without one, leaving that pool as it was', async () => {
    const subgraph = await start(shared, 1_234);
    expect(await post(subgraph.url, '{ statementTimeout }')).toEqual({ data: { statementTimeout: '1234ms' } });
    expect((await shared.query<{ value: string }>("SELECT current_setting('statement_timeout') AS value")).rows).toEqual([{ value: '0' }]);
  });

  it('answers a statement past it QUERY_TIMEOUT and serves on', async () => {
    const subgraph = await start(own);
    expect(await post(subgraph.url, '{ sleep(seconds: 5) }')).toEqual({
      data: null,
      errors: [
        {
          message:
            'sleep took longer than the 0.3 s a database statement may run and was stopped: ask for less (a shorter time range, fewer characters, a smaller first), or try again when the fleet is quieter.',
          locations: [{ line: 1, column: 3 }],
          path: ['sleep'],
          extensions: { code: 'QUERY_TIMEOUT', timeoutMs: 300, traceId: expect.any(String) },
        },
      ],
    });
    expect(await post(subgraph.url, '{ sleep(seconds: 0.01) }')).toEqual({ data: { sleep: true } });
  });
});
