import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { IDENTITY_HEADER, signIdentity, startSubgraph, type Identity, type RunningSubgraph } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { topics } from '@lifestone/lib/pubsub';
import { telemetrySubgraph } from '../index.js';
import { operator, startTelemetryHarness, viewer, type TelemetryHarness } from './harness.js';

const secret = 'telemetry-test-internal-secret';
const larsson = 'Sir Larsson';

/** The telemetry module served by `startSubgraph`, as the gateway reaches it: HTTP and graphql-ws with a signed identity. */
describe('the telemetry subgraph served over HTTP and graphql-ws', () => {
  let harness: TelemetryHarness;
  let subgraph: RunningSubgraph;
  let client: Client;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    subgraph = await startSubgraph(telemetrySubgraph({ positionsTickMs: 50 }), {
      pool: harness.stack.db,
      pubsub: harness.pubsub,
      log: createLogger('telemetry-served-test', 'silent'),
      internalSecret: secret,
    });
    client = createClient({
      url: subgraph.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: () => ({ [IDENTITY_HEADER]: signIdentity(viewer, secret, { use: 'ws', subgraph: 'telemetry' }) }),
      retryAttempts: 0,
    });
  });

  afterAll(async () => {
    await client?.dispose();
    await subgraph?.close();
    await harness?.close();
  });

  async function post(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
    const body = JSON.stringify({ query, variables });
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(identity, secret, { use: 'http', subgraph: 'telemetry', method: 'POST', operation: body }) },
      body,
    });
    return response.json();
  }

  it('streams events and positions to graphql-ws subscribers, and answers queries and commands over HTTP', async () => {
    const events = client.iterate<{ events: { type: string; character: string; payload: { text?: string } } }>({
      query: `subscription { events(types: [CHAT], characters: ["${larsson}"]) { type character payload { ... on ChatPayload { text } } } }`,
    });
    const positions = client.iterate<{ positions: { positions: Array<{ character: string; position: { ew: number; ns: number } }> } }>({
      query: 'subscription { positions { positions { character position { ew ns } } } }',
    });
    // graphql-ws subscribes on the first read; both are live once the pubsub has a handler for each topic.
    const nextEvent = events.next();
    const nextPositions = positions.next();
    await vi.waitFor(() => expect(harness.pubsub.subscribed).toEqual(expect.arrayContaining([topics.event('chat'), topics.event('telemetry')])));

    await harness.send(
      { type: 'telemetry', character_name: larsson, ew: 4.5, ns: -6.25, z: 1 },
      { type: 'chat', character_name: 'Someone Else', channel: 'General', text: 'not this one' },
      { type: 'chat', character_name: larsson, channel: 'General', text: 'over the wire' },
    );
    expect((await nextEvent).value).toEqual({ data: { events: { type: 'CHAT', character: larsson, payload: { text: 'over the wire' } } } });
    expect((await nextPositions).value).toEqual({ data: { positions: { positions: [{ character: larsson, position: { ew: 4.5, ns: -6.25 } }] } } });
    await events.return?.();
    await positions.return?.();

    expect(await post(viewer, 'query ($name: String!) { character(name: $name) { name position { ew ns } } }', { name: larsson })).toEqual({
      data: { character: { name: larsson, position: { ew: 4.5, ns: -6.25 } } },
    });
    const sendCommand = 'mutation ($character: String!) { sendCommand(character: $character, command: "/radar start") }';
    expect(await post(viewer, sendCommand, { character: larsson })).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(await post(operator, sendCommand, { character: larsson })).toEqual({ data: { sendCommand: true } });
    expect(await harness.plugin.waitFor((frame) => frame.type === 'command')).toEqual({ type: 'command', command: '/radar start' });
  });
});
