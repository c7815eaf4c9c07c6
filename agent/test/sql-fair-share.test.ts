import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningGateway } from '../../gateway/src/index.js';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { startSecondGateway, startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { createMcpHttpHandler } from '../../lib/agent/mcp/http.js';
import { SqlErrorCode } from '../../lib/agent/sql/errors.js';
import { createReadOnlySql } from '../../lib/agent/sql/executor.js';

/**
 * Each caller's fair share of the SQL tool's four connections: one caller's
 * many slow statements (each runs until the statement timeout stops it) do
 * not make another caller's `SELECT 1` wait on them. Against a real
 * PostgreSQL, then through MCP at a real gateway, one API token per caller.
 */

/** A statement that runs until the timeout stops it: 10^10 rows, none kept (a single series that long would fill temp_file_limit). */
const SLOW = 'SELECT count(*) FROM generate_series(1, 100000) AS a, generate_series(1, 100000) AS b';
const BUSY_MESSAGE = 'You already have 1 statement running and 2 waiting, the most one caller may; wait for their answers, then send this one again.';

/** How a settled statement ended: its code, or `ok`. */
const outcome = (settled: PromiseSettledResult<unknown>): string => (settled.status === 'fulfilled' ? 'ok' : String((settled.reason as { code?: unknown }).code));
/** Resolves once `slowest` of {@link SLOW} run in this database (seen by a superuser's `pool`). */
const running = (pool: pg.Pool, slowest: number): Promise<void> =>
  vi.waitFor(
    async () => {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query = $1",
        [SLOW],
      );
      if ((rows[0]?.n ?? 0) < slowest) throw new Error('not running yet');
    },
    { timeout: 10_000, interval: 20 },
  );
const count = (outcomes: string[]): Record<string, number> => Object.fromEntries([...new Set(outcomes)].sort().map((key) => [key, outcomes.filter((value) => value === key).length]));

describe('the SQL tool of one process', () => {
  const TIMEOUT_MS = 2_000;
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it("viewer A's 40 slow statements: one runs, two wait, 37 are refused at once, and B's SELECT 1 does not wait on them", async () => {
    const sql = createReadOnlySql({ pool, statementTimeoutMs: TIMEOUT_MS });
    const viewerA = sql.forCaller('user:a');
    const viewerB = sql.forCaller('user:b');
    // The role's password is set and a connection opened before anything is timed.
    expect((await viewerB('SELECT 1 AS one')).rows).toEqual([[1]]);

    const started = performance.now();
    let refused = 0;
    let allRefused!: () => void;
    const refusals = new Promise<void>((resolve) => (allRefused = resolve));
    const slow = Array.from({ length: 40 }, () =>
      viewerA(SLOW).catch((error: unknown) => {
        if ((error as { code?: string }).code === SqlErrorCode.BUSY && ++refused === 37) allRefused();
        throw error;
      }),
    );
    const settling = Promise.allSettled(slow);
    await refusals;
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS / 2);
    await running(pool, 1);
    const asked = performance.now();
    expect(await viewerB('SELECT 1 AS one')).toEqual({ columns: ['one'], rows: [[1]], truncated: false });
    expect(performance.now() - asked).toBeLessThan(TIMEOUT_MS / 4);

    const settled = await settling;
    expect(count(settled.map(outcome))).toEqual({ [SqlErrorCode.BUSY]: 37, [SqlErrorCode.TIMEOUT]: 3 });
    expect(settled.find((result) => result.status === 'rejected' && (result.reason as { code: string }).code === SqlErrorCode.BUSY)).toMatchObject({ reason: { message: BUSY_MESSAGE } });
    // Its three ran one after another, each to the timeout.
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * TIMEOUT_MS);
    // The lane is free again once they are answered.
    expect((await viewerA('SELECT 2 AS two')).rows).toEqual([[2]]);
  });

  it('a statement waiting its turn is given up when its caller aborts', async () => {
    const viewer = createReadOnlySql({ pool, statementTimeoutMs: TIMEOUT_MS }).forCaller('user:c');
    const running = viewer(SLOW);
    const abort = new AbortController();
    const waiting = viewer('SELECT 1', abort.signal);
    abort.abort(new Error('the caller left'));
    await expect(waiting).rejects.toThrow('the caller left');
    await expect(running).rejects.toMatchObject({ code: SqlErrorCode.TIMEOUT });
  });
});

describe('query_telemetry_db over MCP', () => {
  const TIMEOUT_MS = 3_000;
  let stack: TestStack;
  let gateway: RunningGateway;
  const clients: Client[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    gateway = await startSecondGateway(stack, 0, {
      mcp: (graphqlUrl) => createMcpHttpHandler({ graphqlUrl, readOnlySql: createReadOnlySql({ pool: stack.db, statementTimeoutMs: TIMEOUT_MS }) }),
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await gateway?.close();
    await stack?.close();
  });

  const mcpClient = async (token: string): Promise<Client> => {
    const client = new Client({ name: 'fair-share-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', gateway.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    clients.push(client);
    return client;
  };
  /** The gateway's count of statements refused with SQL_BUSY. */
  const refusedMetric = async (): Promise<number> => {
    const text = await (await fetch(new URL('/metrics', gateway.url))).text();
    return Number(/^lifestone_gateway_sql_statements_refused_busy_total (\d+)$/m.exec(text)?.[1]);
  };
  /** The tool's answer: `ok` with its rows, or its error code. */
  const query = async (client: Client, sql: string): Promise<{ code: string; rows?: unknown }> => {
    const result = (await client.callTool({ name: 'query_telemetry_db', arguments: { sql } }, undefined, { timeout: 60_000 })) as { isError?: boolean; content: { text: string }[] };
    const body = JSON.parse(result.content[0]?.text ?? '{}') as { error?: { code: string }; data?: { rows: unknown } };
    return result.isError ? { code: body.error?.code ?? 'unknown' } : { code: 'ok', rows: body.data?.rows };
  };

  it("each token has its own share: A's slow statements do not delay B's SELECT 1", async () => {
    const viewerA = await mcpClient((await stack.createToken('viewer', 'viewer A')).token);
    const viewerB = await mcpClient((await stack.createToken('viewer', 'viewer B')).token);
    expect(await query(viewerB, 'SELECT 1 AS one')).toEqual({ code: 'ok', rows: [[1]] });

    const refusedBefore = await refusedMetric();
    // When each of A's statements that ran was answered: they run until the statement timeout stops them.
    const timedOutAt: number[] = [];
    const slow = Array.from({ length: 8 }, () => query(viewerA, SLOW).then((answer) => {
      if (answer.code === SqlErrorCode.TIMEOUT) timedOutAt.push(performance.now());
      return answer;
    }));
    await running(stack.db, 1);
    expect(await query(viewerB, 'SELECT 1 AS one')).toEqual({ code: 'ok', rows: [[1]] });
    const answeredB = performance.now();
    expect(count((await Promise.all(slow)).map((answer) => answer.code))).toEqual({ [SqlErrorCode.BUSY]: 5, [SqlErrorCode.TIMEOUT]: 3 });
    // B was answered while A's first statement still ran: it waited for no slot of A's, however slow the machine.
    expect(answeredB).toBeLessThan(Math.min(...timedOutAt));
    expect(await refusedMetric()).toBe(refusedBefore + 5);
  }, 60_000);
});
