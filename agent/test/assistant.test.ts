/**
 * The assistant end to end, for both model protocols: a scripted model on
 * loopback, the real stack (ingest, PostgreSQL, the four subgraphs, the
 * gateway), askers with API tokens over graphql-ws. The model calls a real
 * MCP tool, which queries the real graph through the gateway.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { topics } from '../../lib/pubsub/index.js';
import { assistantSubgraph } from '../../subgraphs/assistant/index.js';
import { startModelServer, type ModelServer, type RecordedRequest } from '@lifestone/test-kit/model-server';
import { startSecondGateway, startTestStack, type ResultStream, type TestStack } from '@lifestone/test-kit/stack';
import { DATA_NOT_INSTRUCTIONS } from '../../lib/agent/index.js';
import { modelConfigurationFromEnv, type AuditLine } from '../../lib/agent/answering/index.js';
import { FETCH_REFUSED_PORTS, onFetchRefusedPort } from './refused-ports.js';

const ASK = /* GraphQL */ `
  subscription Ask($sessionId: ID!, $question: String!) {
    ask(sessionId: $sessionId, question: $question) {
      type sessionId traceId text tool toolCallId arguments resultSummary resultBytes isError durationMs messageId errorCode time
    }
  }
`;
const MINDS_EYE = /* GraphQL */ `
  subscription { mindsEye { type toolCallId traceId sessionId user tool arguments resultSummary resultBytes isError durationMs time characters positions { ew ns character } } }
`;
const STATUS = '{ assistant { configured provider model hint asksPerHour asksLeft timeoutMs tools { name description } } }';
const NEW_SESSION = 'mutation New($title: String) { newAssistantSession(title: $title) { id title messageCount createdAt updatedAt } }';
const SESSION = /* GraphQL */ `
  query Session($id: ID!) {
    assistantSession(id: $id) {
      id title messageCount
      messages { id role text errorCode traceId time toolCalls { id tool arguments resultSummary resultBytes isError durationMs } }
    }
  }
`;

interface AskEvent {
  type: 'TOKEN' | 'TOOL_CALL' | 'TOOL_RESULT' | 'DONE' | 'ERROR';
  sessionId: string;
  traceId: string;
  text: string | null;
  tool: string | null;
  toolCallId: string | null;
  arguments: unknown;
  resultSummary: string | null;
  resultBytes: number | null;
  isError: boolean | null;
  durationMs: number | null;
  messageId: string | null;
  errorCode: string | null;
  time: string;
}
interface Trace {
  type: 'TOOL_CALL' | 'TOOL_RESULT';
  toolCallId: string;
  traceId: string;
  sessionId: string;
  user: string;
  tool: string;
  arguments: unknown;
  resultSummary: string | null;
  resultBytes: number | null;
  isError: boolean | null;
  durationMs: number | null;
  time: string;
  characters: string[];
  positions: { ew: number; ns: number; character: string | null }[];
}
type Refusal = { message: string; extensions: Record<string, unknown> };

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** How long the tests wait for what streams in, and how often they look. */
const WAIT = { timeout: 10_000, interval: 10 };

const ALICE = 'Alice Brightblade';
const QUESTION = `Where is ${ALICE}?`;

const protocols = [
  { provider: 'anthropic' as const, enumValue: 'ANTHROPIC' },
  { provider: 'openai' as const, enumValue: 'OPENAI' },
];

describe.each(protocols)('the assistant over the $provider protocol', ({ provider, enumValue }) => {
  let model: ModelServer;
  let stack: TestStack;
  let folder: string;
  let auditFile: string;
  let askerA: { id: string; token: string };
  let askerB: { id: string; token: string };
  let watcher: { id: string; token: string };
  let sessionA: string;
  let firstAnswer: { traceId: string; resultText: string; answer: string };

  const modelUrl = () => (provider === 'anthropic' ? model.anthropicUrl : model.openAiUrl);

  beforeAll(async () => {
    model = await startModelServer();
    folder = await mkdtemp(path.join(tmpdir(), 'lifestone-assistant-'));
    auditFile = path.join(folder, 'audit', 'assistant.jsonl');
    stack = await startTestStack({
      assistant: { model: { model: { provider, url: modelUrl(), apiKey: 'sk-test', model: 'scripted-model' } }, asksPerHour: 3, timeoutMs: 10_000, auditLog: auditFile },
    });
    askerA = await stack.createToken('viewer', 'asker A');
    askerB = await stack.createToken('viewer', 'asker B');
    watcher = await stack.createToken('admin', 'watcher');
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: ALICE, timestamp: '2026-03-01T10:00:00.000Z', ew: 12.5, ns: -33.25, z: 4, heading: 90, landblock: '0xA9B40019' }]);
  });
  afterAll(async () => {
    await stack?.close();
    await model?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** Asks over graphql-ws as `token`; resolves with every event, or with the refusal. */
  function ask(token: string, sessionId: string, question: string) {
    const events: AskEvent[] = [];
    const client = stack.wsClient(token);
    const done = new Promise<{ events: AskEvent[]; errors?: Refusal[] }>((resolve, reject) => {
      client.subscribe<{ ask: AskEvent }>(
        { query: ASK, variables: { sessionId, question } },
        {
          next: (result: ExecutionResult<{ ask: AskEvent }>) => {
            if (result.errors) resolve({ events, errors: result.errors as unknown as Refusal[] });
            else if (result.data) events.push(result.data.ask);
          },
          error: (error) => (Array.isArray(error) ? resolve({ events, errors: error as Refusal[] }) : reject(error as Error)),
          complete: () => resolve({ events }),
        },
      );
    });
    return { events, done: done.finally(() => client.dispose()) };
  }

  async function newSession(token: string, title?: string): Promise<string> {
    const response = await stack.graphql<{ newAssistantSession: { id: string } }>(NEW_SESSION, { title }, { token });
    expect(response.body.errors).toBeUndefined();
    return (response.body.data as { newAssistantSession: { id: string } }).newAssistantSession.id;
  }

  async function auditLines(): Promise<AuditLine[]> {
    return (await readFile(auditFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as AuditLine);
  }

  /** The system prompt of a recorded request, whichever protocol carried it. */
  const systemOf = (request: RecordedRequest): string =>
    provider === 'anthropic' ? (request.body.system as string) : ((request.body.messages[0] as { content: string }).content);

  it('says it is configured, with which model, its limits and its MCP tools', async () => {
    const response = await stack.graphql<{ assistant: Record<string, unknown> & { tools: { name: string }[] } }>(STATUS, undefined, { token: askerA.token });
    expect(response.body.errors).toBeUndefined();
    const { tools, ...status } = response.body.data?.assistant ?? { tools: [] };
    expect(status).toEqual({ configured: true, provider: enumValue, model: 'scripted-model', hint: null, asksPerHour: 3, asksLeft: 3, timeoutMs: 10_000 });
    expect(tools.map((tool) => tool.name)).toContain('player_state');
  });

  it("answers with an MCP tool over the real graph, streaming token by token, with every tool call in the asker's and an admin's Mind's Eye", async () => {
    sessionA = await newSession(askerA.token);
    // Mind's Eye of the asker, of another viewer and of an admin; a probe of each one's own proves it is live.
    const probe = (owner: { id: string }, traceId: string) => ({
      type: 'TOOL_CALL', toolCallId: 'probe', traceId, sessionId: 'probe', user: 'probe', tool: 'probe', arguments: {},
      resultSummary: null, resultBytes: null, isError: null, durationMs: null, time: new Date().toISOString(), characters: [], positions: [],
      owner: `token:${owner.id}`,
    });
    const watch = async (who: { id: string; token: string }) => {
      const stream = await stack.subscribeWs<{ mindsEye: Trace }>(MINDS_EYE, undefined, who.token);
      // Until the subscription is live upstream, probes are lost: publish one at each look.
      await vi.waitFor(() => {
        void stack.ingest.pubsub.publish({ topic: topics.assistantTrace, key: 'probe', payload: JSON.stringify(probe(who, 'probe')) });
        expect(stream.results.length).toBeGreaterThan(0);
      }, WAIT);
      return stream;
    };
    const [mindsEye, othersEye, adminsEye] = [await watch(askerA), await watch(askerB), await watch(watcher)];

    const endOfAnswer = gate();
    const requestsBefore = model.requests.length;
    model.script(
      { text: ['Let me look.'], toolCalls: [{ id: 'call-1', name: 'player_state', arguments: { name: ALICE } }] },
      { text: ['Alice ', 'is at ', '33.3S, 12.5E.'], holdBeforeEnd: endOfAnswer.promise },
    );
    const asking = ask(askerA.token, sessionA, QUESTION);

    // The answer's text reaches the subscriber while the model is still writing it.
    await expect.poll(() => asking.events.filter((event) => event.type === 'TOKEN').length, WAIT).toBe(5);
    expect(asking.events.some((event) => event.type === 'DONE')).toBe(false);
    endOfAnswer.open();
    const { events, errors } = await asking.done;
    expect(errors).toBeUndefined();

    // The model got the tool result, which came from the real graph.
    const requests = model.requests.slice(requestsBefore);
    expect(requests).toHaveLength(2);
    const [first, second] = requests as [RecordedRequest, RecordedRequest];
    expect(systemOf(first)).toContain(DATA_NOT_INSTRUCTIONS);
    const toolNames = provider === 'anthropic' ? (first.body.tools as { name: string }[]).map((tool) => tool.name) : (first.body.tools as { function: { name: string } }[]).map((tool) => tool.function.name);
    expect(toolNames).toContain('player_state');
    const resultMessage = second.body.messages.at(-1) as Record<string, unknown>;
    let resultText: string;
    if (provider === 'anthropic') {
      expect(second.body.messages.slice(0, 2)).toEqual([
        { role: 'user', content: QUESTION },
        { role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 'call-1', name: 'player_state', input: { name: ALICE } }] },
      ]);
      const [block] = resultMessage.content as { type: string; tool_use_id: string; content: string }[];
      expect(resultMessage.role).toBe('user');
      expect(block?.type).toBe('tool_result');
      expect(block?.tool_use_id).toBe('call-1');
      resultText = block?.content as string;
    } else {
      expect(resultMessage.role).toBe('tool');
      expect(resultMessage.tool_call_id).toBe('call-1');
      resultText = resultMessage.content as string;
    }
    const result = JSON.parse(resultText) as { note: string; data: { name: string; position: Record<string, unknown> } };
    expect(result.note).toBe(DATA_NOT_INSTRUCTIONS);
    expect(result.data.name).toBe(ALICE);
    expect(result.data.position).toMatchObject({ ew: 12.5, ns: -33.25, z: 4, landblock: '0xA9B40019' });

    // What the asker saw, in order.
    const traceId = events[0]?.traceId as string;
    const answer = 'Let me look.\n\nAlice is at 33.3S, 12.5E.';
    expect(events.map((event) => [event.type, event.text ?? event.tool])).toEqual([
      ['TOKEN', 'Let me look.'],
      ['TOOL_CALL', 'player_state'],
      ['TOOL_RESULT', 'player_state'],
      ['TOKEN', '\n\n'],
      ['TOKEN', 'Alice '],
      ['TOKEN', 'is at '],
      ['TOKEN', '33.3S, 12.5E.'],
      ['DONE', answer],
    ]);
    expect(new Set(events.map((event) => `${event.sessionId} ${event.traceId}`))).toEqual(new Set([`${sessionA} ${traceId}`]));
    expect(events[1]).toMatchObject({ toolCallId: 'call-1', arguments: { name: ALICE }, resultSummary: null });
    expect(events[2]).toMatchObject({
      toolCallId: 'call-1', resultSummary: resultText.slice(0, 500), resultBytes: Buffer.byteLength(resultText), isError: false, errorCode: null,
    });
    expect(events[2]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[7]?.messageId).toMatch(/^\d+$/);
    firstAnswer = { traceId, resultText, answer };

    // The asker's Mind's Eye and the admin's saw the call and the result, with the character and where it is.
    const common = { traceId, sessionId: sessionA, user: 'asker A', tool: 'player_state', toolCallId: 'call-1', arguments: { name: ALICE }, characters: [ALICE] };
    const tracesOf = (stream: ResultStream<{ mindsEye: Trace }>) => stream.results.map((entry) => entry.data?.mindsEye).filter((trace) => trace?.traceId === traceId);
    for (const stream of [mindsEye, adminsEye]) {
      const traces = await vi.waitFor(() => {
        const found = tracesOf(stream);
        expect(found).toHaveLength(2);
        return found as Trace[];
      }, WAIT);
      expect(traces[0]).toMatchObject({ ...common, type: 'TOOL_CALL', resultSummary: null, resultBytes: null, isError: null, durationMs: null, positions: [] });
      expect(traces[1]).toMatchObject({
        ...common, type: 'TOOL_RESULT', resultSummary: resultText.slice(0, 500), resultBytes: Buffer.byteLength(resultText), isError: false,
        positions: [{ ew: 12.5, ns: -33.25, character: ALICE }],
      });
    }
    // Another viewer sees none of it: its own probe, published after, arrives; the asker's traces, before it, did not.
    await stack.ingest.pubsub.publish({ topic: topics.assistantTrace, key: 'probe', payload: JSON.stringify(probe(askerB, 'last probe')) });
    await vi.waitFor(() => expect(othersEye.results.some((entry) => entry.data?.mindsEye.traceId === 'last probe')).toBe(true), WAIT);
    expect(tracesOf(othersEye)).toStrictEqual([]);
    expect(new Set(othersEye.results.map((entry) => entry.data?.mindsEye.user))).toStrictEqual(new Set(['probe']));
  });

  it("gives Mind's Eye the last stored tool calls of the caller's answers (an admin: everyone's), newest first, and refuses a count out of range", async () => {
    const HISTORY = 'query History($last: Int) { mindsEyeHistory(last: $last) { type toolCallId traceId sessionId user tool arguments resultSummary resultBytes isError time characters } }';
    const historyOf = async (token: string) => {
      const response = await stack.graphql<{ mindsEyeHistory: Trace[] }>(HISTORY, { last: 5 }, { token });
      expect(response.body.errors).toBeUndefined();
      return (response.body.data?.mindsEyeHistory ?? []).map(({ time: _time, ...trace }) => trace);
    };
    const askersCall = {
      type: 'TOOL_RESULT', toolCallId: 'call-1', traceId: firstAnswer.traceId, sessionId: sessionA, user: 'asker A', tool: 'player_state',
      arguments: { name: ALICE }, resultSummary: firstAnswer.resultText.slice(0, 500), resultBytes: Buffer.byteLength(firstAnswer.resultText), isError: false,
      characters: [ALICE],
    };
    expect(await historyOf(askerA.token)).toEqual([askersCall]);
    expect(await historyOf(watcher.token)).toEqual([askersCall]);
    expect(await historyOf(askerB.token)).toStrictEqual([]);
    const refused = await stack.graphql('{ mindsEyeHistory(last: 201) { toolCallId } }', undefined, { token: askerB.token });
    expect(refused.body.errors?.[0]).toMatchObject({ message: 'last must be an integer from 1 to 200; got 201.', extensions: { code: 'BAD_USER_INPUT', argument: 'last' } });
  });

  it("keeps each asker's history in PostgreSQL, across a restart of the subgraph, and gives it to the model", async () => {
    const read = (token: string) => stack.graphql<{ assistantSession: Record<string, unknown> | null }>(SESSION, { id: sessionA }, { token });
    const before = (await read(askerA.token)).body.data?.assistantSession;
    expect(before).toMatchObject({
      id: sessionA,
      title: QUESTION,
      messageCount: 2,
      messages: [
        { role: 'USER', text: QUESTION, errorCode: null, traceId: firstAnswer.traceId, toolCalls: [] },
        {
          role: 'ASSISTANT', text: firstAnswer.answer, errorCode: null, traceId: firstAnswer.traceId,
          toolCalls: [{ id: 'call-1', tool: 'player_state', arguments: { name: ALICE }, resultSummary: firstAnswer.resultText.slice(0, 500), resultBytes: Buffer.byteLength(firstAnswer.resultText), isError: false }],
        },
      ],
    });
    // Nobody else's.
    expect((await read(askerB.token)).body.data?.assistantSession).toBeNull();
    const listedForB = await stack.graphql<{ assistantSessions: unknown[] }>('{ assistantSessions { id } }', undefined, { token: askerB.token });
    expect(listedForB.body.data?.assistantSessions).toEqual([]);
    const refusedForB = await ask(askerB.token, sessionA, 'May I?').done;
    expect(refusedForB.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    await stack.restartSubgraph('assistant');
    expect((await read(askerA.token)).body.data?.assistantSession).toEqual(before);

    const requestsBefore = model.requests.length;
    model.script({ text: ['Still there.'] });
    const { events, errors } = await ask(askerA.token, sessionA, 'And now?').done;
    expect(errors).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'DONE', text: 'Still there.' });
    const messages = model.requests[requestsBefore]?.body.messages ?? [];
    expect(provider === 'anthropic' ? messages : messages.slice(1)).toEqual(
      provider === 'anthropic'
        ? [{ role: 'user', content: QUESTION }, { role: 'assistant', content: [{ type: 'text', text: firstAnswer.answer }] }, { role: 'user', content: 'And now?' }]
        : [{ role: 'user', content: QUESTION }, { role: 'assistant', content: firstAnswer.answer }, { role: 'user', content: 'And now?' }],
    );
  });

  it('refuses a second ask while the first is answered (ASK_IN_FLIGHT), per asker', async () => {
    const release = gate();
    model.script({ text: ['Slow answer.'], hold: release.promise });
    const requestsBefore = model.requests.length;
    const slow = ask(askerA.token, sessionA, 'Slow question');
    await expect.poll(() => model.requests.length, WAIT).toBeGreaterThan(requestsBefore);

    const impatient = await ask(askerA.token, sessionA, 'Impatient question').done;
    expect(impatient.events).toEqual([]);
    expect(impatient.errors).toHaveLength(1);
    const refusal = impatient.errors?.[0] as Refusal;
    expect(refusal.extensions.code).toBe('ASK_IN_FLIGHT');
    const retryAfterSeconds = refusal.extensions.retryAfterSeconds as number;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(10);
    expect(retryAfterSeconds).toBeLessThanOrEqual(15);
    expect(refusal.message).toBe(
      `Your previous question is still being answered (trace ${refusal.extensions.inFlightTraceId as string}); one at a time. Ask again when it is done, within ${retryAfterSeconds} s at most.`,
    );

    // Another asker is not held up.
    const sessionB = await newSession(askerB.token, 'B asks');
    model.script({ text: ['B answer.'] });
    const other = await ask(askerB.token, sessionB, 'Meanwhile?').done;
    expect(other.events.at(-1)).toMatchObject({ type: 'DONE', text: 'B answer.' });

    release.open();
    const { events } = await slow.done;
    expect(events.at(-1)).toMatchObject({ type: 'DONE', text: 'Slow answer.' });
    expect(events[0]?.traceId).toBe(refusal.extensions.inFlightTraceId);
  });

  it('refuses past the hourly limit with RATE_LIMITED, saying when to retry', async () => {
    const { events, errors } = await ask(askerA.token, sessionA, 'One too many').done;
    expect(events).toEqual([]);
    const refusal = errors?.[0] as Refusal;
    const { rows } = await stack.db.query<{ created_at: Date }>("SELECT created_at FROM assistant_messages WHERE role = 'user' AND text = $1", [QUESTION]);
    const retryAt = new Date((rows[0]?.created_at as Date).getTime() + 3_600_000).toISOString();
    expect(refusal.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3, retryAt });
    const retryAfterSeconds = refusal.extensions.retryAfterSeconds as number;
    expect(retryAfterSeconds).toBeGreaterThan(3_500);
    expect(retryAfterSeconds).toBeLessThanOrEqual(3_600);
    expect(refusal.message).toBe(
      `You have asked 3 questions in the last hour, the most allowed (LIFESTONE_ASSISTANT_ASKS_PER_HOUR=3); ask again at ${retryAt}, in ${retryAfterSeconds} s.`,
    );
    const left = async (token: string) => (await stack.graphql<{ assistant: { asksLeft: number } }>('{ assistant { asksLeft } }', undefined, { token })).body.data?.assistant.asksLeft;
    expect(await left(askerA.token)).toBe(0);
    expect(await left(askerB.token)).toBe(2);
  });

  it('ends the answer with MODEL_ERROR when the model fails, without the service\'s address, and keeps that in the history', async () => {
    const sessionB = await newSession(askerB.token);
    model.script({ status: 500, errorBody: 'upstream exploded' });
    const { events } = await ask(askerB.token, sessionB, 'Will this work?').done;
    const url = provider === 'anthropic' ? `${model.anthropicUrl}/v1/messages` : `${model.openAiUrl}/chat/completions`;
    expect(events.map((event) => [event.type, event.errorCode, event.text])).toEqual([['ERROR', 'MODEL_ERROR', "The model's service answered HTTP 500: upstream exploded"]]);
    // The service's address (internal, perhaps with credentials in it) stays in the assistant's log.
    expect(JSON.stringify(events)).not.toContain(new URL(url).host);
    const history = await stack.graphql<{ assistantSession: { messages: { role: string; errorCode: string | null; text: string }[] } }>(SESSION, { id: sessionB }, { token: askerB.token });
    expect(history.body.data?.assistantSession.messages.map((message) => [message.role, message.errorCode, message.text])).toEqual([
      ['USER', null, 'Will this work?'],
      ['ASSISTANT', 'MODEL_ERROR', ''],
    ]);
  });

  it('writes every ask, refusal, tool call with its result size, and answer to the JSONL audit log', async () => {
    const lines = await auditLines();
    const first = lines.filter((line) => line.traceId === firstAnswer.traceId);
    const who = { traceId: firstAnswer.traceId, sessionId: sessionA, user: 'asker A', userKind: 'token', userId: askerA.id };
    expect(first).toEqual([
      { ...who, time: expect.any(String), event: 'ask', question: QUESTION },
      { ...who, time: expect.any(String), event: 'tool_call', tool: 'player_state', toolCallId: 'call-1', arguments: { name: ALICE } },
      { ...who, time: expect.any(String), event: 'tool_result', tool: 'player_state', toolCallId: 'call-1', resultBytes: Buffer.byteLength(firstAnswer.resultText), isError: false, durationMs: expect.any(Number) },
      { ...who, time: expect.any(String), event: 'answer', outcome: 'done', errorCode: null, answerChars: firstAnswer.answer.length, toolCalls: 1, durationMs: expect.any(Number) },
    ]);
    for (const line of first) expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    const refusals = lines.filter((line) => line.event === 'refused').map((line) => [line.user, line.event === 'refused' && line.code, line.event === 'refused' && line.question]);
    expect(refusals).toEqual([
      ['asker B', 'NOT_FOUND', 'May I?'],
      ['asker A', 'ASK_IN_FLIGHT', 'Impatient question'],
      ['asker A', 'RATE_LIMITED', 'One too many'],
    ]);
    expect(lines.filter((line) => line.event === 'answer').map((line) => line.event === 'answer' && [line.user, line.outcome, line.errorCode])).toEqual([
      ['asker A', 'done', null],
      ['asker A', 'done', null],
      ['asker B', 'done', null],
      ['asker A', 'done', null],
      ['asker B', 'error', 'MODEL_ERROR'],
    ]);
  });

  it('answers with its tools through a gateway on a port fetch refuses', async () => {
    // A second gateway over the stack's subgraphs, on 6000 or the next free port fetch refuses; the assistant's tools query it.
    const refusedGateway = await onFetchRefusedPort((port) => startSecondGateway(stack, port));
    try {
      expect(FETCH_REFUSED_PORTS).toContain(Number(new URL(refusedGateway.url).port));
      const askerC = await stack.createToken('viewer', 'asker C');
      await stack.restartSubgraph(
        'assistant',
        assistantSubgraph({ model: { model: { provider, url: modelUrl(), apiKey: 'sk-test', model: 'scripted-model' } }, graph: { url: refusedGateway.url, token: askerC.token }, asksPerHour: 10, timeoutMs: 10_000 }),
      );
      model.script({ toolCalls: [{ id: 'call-port', name: 'player_state', arguments: { name: ALICE } }] }, { text: ['Found her.'] });
      const { events, errors } = await ask(askerC.token, await newSession(askerC.token), QUESTION).done;
      expect(errors).toBeUndefined();
      expect(events.map((event) => [event.type, event.text ?? event.tool, event.isError, event.errorCode])).toEqual([
        ['TOOL_CALL', 'player_state', null, null],
        ['TOOL_RESULT', 'player_state', false, null],
        ['TOKEN', 'Found her.', null, null],
        ['DONE', 'Found her.', null, null],
      ]);
      expect(JSON.parse(events[1]?.resultSummary ?? '{}')).toMatchObject({ data: { name: ALICE, position: { ew: 12.5, ns: -33.25, z: 4, landblock: '0xA9B40019' } } });
    } finally {
      await refusedGateway.close();
    }
  });

  it('stops an answer that takes too long with ASSISTANT_TIMEOUT, and frees the asker', async () => {
    await stack.restartSubgraph(
      'assistant',
      assistantSubgraph({ model: { model: { provider, url: modelUrl(), apiKey: 'sk-test', model: 'scripted-model' } }, graph: { url: stack.url, token: askerB.token }, asksPerHour: 10, timeoutMs: 300 }),
    );
    const sessionB = await newSession(askerB.token);
    model.script({ text: ['Never sent.'], hold: new Promise(() => {}) });
    const { events } = await ask(askerB.token, sessionB, 'Slowest question?').done;
    expect(events.map((event) => [event.type, event.errorCode, event.text])).toEqual([
      ['ERROR', 'ASSISTANT_TIMEOUT', 'The answer took longer than 300 ms (LIFESTONE_ASSISTANT_TIMEOUT_MS) and was stopped; ask a narrower question, or try again.'],
    ]);
    model.script({ text: ['Quick.'] });
    const again = await ask(askerB.token, sessionB, 'Quick question?').done;
    expect(again.events.at(-1)).toMatchObject({ type: 'DONE', text: 'Quick.' });
  });

  it('stops the answer when the asker leaves, keeps it as ASK_CANCELLED, and frees the asker', async () => {
    const sessionB = await newSession(askerB.token);
    const endOfAnswer = gate();
    model.script({ text: ['Half ', 'an answer'], holdBeforeEnd: endOfAnswer.promise });
    const client = stack.wsClient(askerB.token);
    const tokens: string[] = [];
    const unsubscribe = client.subscribe<{ ask: AskEvent }>(
      { query: ASK, variables: { sessionId: sessionB, question: 'Leaving soon?' } },
      { next: (result) => void (result.data && tokens.push(result.data.ask.text ?? '')), error: () => {}, complete: () => {} },
    );
    await expect.poll(() => tokens.length, WAIT).toBe(2);
    unsubscribe();
    const answer = async () =>
      (await stack.db.query<{ text: string; error_code: string | null }>("SELECT text, error_code FROM assistant_messages WHERE session_id = $1 AND role = 'assistant'", [sessionB])).rows[0];
    await expect.poll(answer, WAIT).toEqual({ text: 'Half an answer', error_code: 'ASK_CANCELLED' });
    endOfAnswer.open();
    await client.dispose();
    model.script({ text: ['Free again.'] });
    const again = await ask(askerB.token, sessionB, 'Still there?').done;
    expect(again.events.at(-1)).toMatchObject({ type: 'DONE', text: 'Free again.' });
  });

  it('without a model, says exactly what to set and refuses questions with ASSISTANT_NOT_CONFIGURED', async () => {
    const { hint } = modelConfigurationFromEnv({});
    await stack.restartSubgraph('assistant', assistantSubgraph({ model: { hint: hint as string }, graph: { url: stack.url, token: askerB.token }, asksPerHour: 60, timeoutMs: 1_000 }));
    const response = await stack.graphql<{ assistant: Record<string, unknown> }>('{ assistant { configured provider model hint } }', undefined, { token: askerA.token });
    expect(response.body.data?.assistant).toEqual({ configured: false, provider: null, model: null, hint });
    expect(hint).toMatch(/^The assistant has no language model configured\. Set LIFESTONE_LLM_PROVIDER=anthropic, LIFESTONE_LLM_API_KEY=.* LIFESTONE_LLM_MODEL=.*; or LIFESTONE_LLM_PROVIDER=openai, LIFESTONE_LLM_URL=/);
    const { errors } = await ask(askerA.token, sessionA, 'Anyone there?').done;
    expect(errors?.[0]).toMatchObject({ message: hint, extensions: { code: 'ASSISTANT_NOT_CONFIGURED', hint } });
  });
});
