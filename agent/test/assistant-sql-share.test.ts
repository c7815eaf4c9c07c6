/**
 * The assistant's askers each have their own share of the SQL tool: four
 * people whose answers run a slow `query_telemetry_db` at once all get their
 * statement run side by side, none refused SQL_BUSY nor queued behind
 * another's. A scripted model on loopback, the real stack, askers with API
 * tokens over graphql-ws.
 */
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assistantSubgraph } from '../../subgraphs/assistant/index.js';
import { startModelServer, type ModelServer } from '@lifestone/test-kit/model-server';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { createReadOnlySql } from '../../lib/agent/sql/executor.js';

const ASK = 'subscription Ask($sessionId: ID!, $question: String!) { ask(sessionId: $sessionId, question: $question) { type tool resultSummary isError errorCode } }';
const NEW_SESSION = 'mutation { newAssistantSession { id } }';
const STATEMENT_TIMEOUT_MS = 2_000;
/** A statement that runs until the timeout stops it. */
const SLOW = 'SELECT count(*) FROM generate_series(1, 100000) AS a, generate_series(1, 100000) AS b';
const ASKERS = 4;

interface AskEvent {
  type: string;
  tool: string | null;
  resultSummary: string | null;
  isError: boolean | null;
  errorCode: string | null;
}

let model: ModelServer;
let stack: TestStack;
beforeAll(async () => {
  model = await startModelServer();
  stack = await startTestStack();
  const { token } = await stack.createToken('viewer', 'assistant tools');
  await stack.restartSubgraph(
    'assistant',
    assistantSubgraph({
      model: { model: { provider: 'anthropic', url: model.anthropicUrl, apiKey: 'sk-test', model: 'scripted-model' } },
      graph: { url: stack.url, token },
      readOnlySql: createReadOnlySql({ pool: stack.db, statementTimeoutMs: STATEMENT_TIMEOUT_MS }),
      asksPerHour: 10,
      timeoutMs: 60_000,
    }),
  );
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await model?.close();
});

/** Asks over graphql-ws as `token` and resolves with every event once the answer ends. */
function ask(token: string, sessionId: string): Promise<AskEvent[]> {
  const events: AskEvent[] = [];
  return new Promise((resolve, reject) => {
    stack.wsClient(token).subscribe<{ ask: AskEvent }>(
      { query: ASK, variables: { sessionId, question: 'How busy is the fleet?' } },
      {
        next: (result: ExecutionResult<{ ask: AskEvent }>) => {
          if (result.errors) reject(new Error(JSON.stringify(result.errors)));
          else if (result.data) events.push(result.data.ask);
        },
        error: reject,
        complete: () => resolve(events),
      },
    );
  });
}

it('four askers at once: each statement runs beside the others, none refused SQL_BUSY', async () => {
  const askers = await Promise.all(
    Array.from({ length: ASKERS }, async (_, n) => {
      const { token } = await stack.createToken('viewer', `asker ${n}`);
      const { body } = await stack.graphql<{ newAssistantSession: { id: string } }>(NEW_SESSION, undefined, { token });
      return { token, sessionId: body.data?.newAssistantSession.id as string };
    }),
  );
  // Every answer's first turn asks for the slow statement, its second answers.
  model.script(...Array.from({ length: ASKERS }, (_, n) => ({ toolCalls: [{ id: `call-${n}`, name: 'query_telemetry_db', arguments: { sql: SLOW } }] })));
  model.script(...Array.from({ length: ASKERS }, () => ({ text: ['Busy.'] })));

  const started = performance.now();
  const answers = await Promise.all(askers.map(({ token, sessionId }) => ask(token, sessionId)));
  const took = performance.now() - started;

  for (const events of answers) {
    const results = events.filter((event) => event.type === 'TOOL_RESULT');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ tool: 'query_telemetry_db', isError: true });
    expect(results[0]?.resultSummary).toContain('SQL_TIMEOUT');
    expect(events.at(-1)).toMatchObject({ type: 'DONE', errorCode: null });
  }
  // Side by side: one timeout's worth, not one after another.
  expect(took).toBeLessThan(2 * STATEMENT_TIMEOUT_MS);
}, 60_000);
