/**
 * Two instances of the assistant subgraph over one PostgreSQL and one real
 * Redis or NATS: an answer written by one reaches a Mind's Eye subscriber of
 * the other, and the one-answer-in-flight cap holds across them.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { signIdentity, startSubgraph, type RunningSubgraph } from '../../lib/graph/index.js';
import { createLogger } from '../../lib/log/index.js';
import { createPubSub, topics, type PubSub } from '../../lib/pubsub/index.js';
import { assistantSubgraph, type AssistantOptions } from '../../subgraphs/assistant/index.js';
import { startModelServer, type ModelServer } from '@lifestone/test-kit/model-server';
import { INTERNAL_SECRET, startTestStack, type ResultStream, type TestStack } from '@lifestone/test-kit/stack';

const backends = [
  { name: 'Redis', options: { redisUrl: process.env.REDIS_URL }, enabled: Boolean(process.env.REDIS_URL) },
  { name: 'NATS', options: { natsUrl: process.env.NATS_URL }, enabled: Boolean(process.env.NATS_URL) },
];

const ALICE = 'Alice Brightblade';

interface Trace {
  type: string;
  traceId: string;
  user: string;
  tool: string;
  characters: string[];
  positions: { ew: number; ns: number; character: string | null }[];
}

/** How long the tests wait for what streams in, and how often they look. */
const WAIT = { timeout: 10_000, interval: 10 };

// Skipped, not absent, without REDIS_URL / NATS_URL: the embedded defaults have no shared pubsub.
for (const { name, options, enabled } of backends) describe.skipIf(!enabled)(`two assistant instances over ${name}`, () => {
  let model: ModelServer;
  let stack: TestStack;
  let secondPubSub: PubSub;
  let second: RunningSubgraph;
  let asker: { id: string; token: string };
  let mindsEye: ResultStream<{ mindsEye: Trace }>;

  beforeAll(async () => {
    model = await startModelServer();
    const assistant: Partial<AssistantOptions> = {
      model: { model: { provider: 'anthropic', url: model.anthropicUrl, apiKey: 'sk-test', model: 'scripted-model' } },
      asksPerHour: 10,
      timeoutMs: 10_000,
    };
    stack = await startTestStack({ pubsub: await createPubSub(options), assistant });
    asker = await stack.createToken('viewer', 'asker A');
    const tools = await stack.createToken('viewer', 'assistant tools');
    secondPubSub = await createPubSub(options);
    second = await startSubgraph(assistantSubgraph({ ...(assistant as AssistantOptions), graph: { url: stack.url, token: tools.token } }), {
      pool: stack.db,
      pubsub: secondPubSub,
      log: createLogger('second-assistant', 'silent'),
      internalSecret: INTERNAL_SECRET,
    });
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: ALICE, ew: 12.5, ns: -33.25, z: 4 }]);
  });
  afterAll(async () => {
    await second?.close();
    await secondPubSub?.close();
    await stack?.close();
    await stack?.ingest.pubsub.close();
    await model?.close();
  });

  it("shows an answer written by one instance in the other's Mind's Eye, and holds one answer in flight across both", async () => {
    const created = await stack.graphql<{ newAssistantSession: { id: string } }>('mutation { newAssistantSession { id } }', undefined, { token: asker.token });
    const sessionId = created.body.data?.newAssistantSession.id as string;

    mindsEye = await stack.subscribeWs<{ mindsEye: Trace }>('subscription { mindsEye { type traceId user tool characters positions { ew ns character } } }', undefined, asker.token);
    const probe = { type: 'TOOL_CALL', toolCallId: 'probe', traceId: 'probe', sessionId: 'probe', user: 'probe', tool: 'probe', arguments: {}, time: new Date().toISOString(), characters: [], positions: [], owner: `token:${asker.id}` };
    // Until the subscription is live upstream, probes are lost: publish one at each look.
    await vi.waitFor(() => {
      void secondPubSub.publish({ topic: topics.assistantTrace, key: 'probe', payload: JSON.stringify(probe) });
      expect(mindsEye.results.length).toBeGreaterThan(0);
    }, WAIT);

    // The ask goes straight to the second instance, signed as the gateway would sign it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    model.script(
      { toolCalls: [{ id: 'call-1', name: 'player_state', arguments: { name: ALICE } }] },
      { text: ['Found ', 'her.'], holdBeforeEnd: held },
    );
    const identity = signIdentity({ kind: 'token', id: asker.id, name: 'asker A', role: 'viewer' }, INTERNAL_SECRET, { use: 'ws', subgraph: 'assistant' });
    const direct = createClient({ url: second.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { 'x-lifestone-identity': identity } });
    const events: { type: string; text: string | null; traceId: string }[] = [];
    const answered = new Promise<void>((resolve, reject) => {
      direct.subscribe<{ ask: { type: string; text: string | null; traceId: string } }>(
        { query: 'subscription ($s: ID!) { ask(sessionId: $s, question: "Where is Alice?") { type text traceId } }', variables: { s: sessionId } },
        { next: (result) => void (result.data && events.push(result.data.ask)), error: reject, complete: resolve },
      );
    });
    await expect.poll(() => events.some((event) => event.text === 'her.'), WAIT).toBe(true);

    // Meanwhile the same asker, through the gateway to the first instance, is refused.
    const refused = await new Promise<{ message: string; extensions: Record<string, unknown> }>((resolve, reject) => {
      const client = stack.wsClient(asker.token);
      client.subscribe(
        { query: 'subscription ($s: ID!) { ask(sessionId: $s, question: "Anything else?") { type } }', variables: { s: sessionId } },
        {
          next: (result) => result.errors && resolve(result.errors[0] as never),
          error: (error) => (Array.isArray(error) ? resolve(error[0] as never) : reject(error as Error)),
          complete: () => reject(new Error('completed without a refusal')),
        },
      );
    });
    expect(refused.extensions).toMatchObject({ code: 'ASK_IN_FLIGHT', inFlightTraceId: events[0]?.traceId, inFlightSessionId: sessionId });

    release();
    await answered;
    await direct.dispose();
    expect(events.map((event) => event.type)).toEqual(['TOOL_CALL', 'TOOL_RESULT', 'TOKEN', 'TOKEN', 'DONE']);
    const traceId = events[0]?.traceId;
    await expect.poll(() => mindsEye.results.filter((result) => result.data?.mindsEye.traceId === traceId).length, WAIT).toBe(2);
    const traces = mindsEye.results.map((result) => result.data?.mindsEye).filter((trace) => trace?.traceId === traceId);
    expect(traces).toEqual([
      { type: 'TOOL_CALL', traceId, user: 'asker A', tool: 'player_state', characters: [ALICE], positions: [] },
      { type: 'TOOL_RESULT', traceId, user: 'asker A', tool: 'player_state', characters: [ALICE], positions: [{ ew: 12.5, ns: -33.25, character: ALICE }] },
    ]);
  });
});
