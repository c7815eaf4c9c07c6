import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type PubSubMessage } from '@lifestone/lib/pubsub';
import { admin, operator, startTelemetryHarness, viewer, type TelemetryHarness } from './harness.js';

const tank = 'Tank Larsson';
const sendCommand = 'mutation ($character: String!, $command: String!) { sendCommand(character: $character, command: $command) }';

describe('sendCommand', () => {
  let harness: TelemetryHarness;
  const published: PubSubMessage[] = [];

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    // The plugin speaks for the tank: ingest now routes the tank's commands to it.
    await harness.send({ type: 'telemetry', character_name: tank, ew: 1, ns: 2, z: 3 });
    await harness.stack.pubsub.subscribe(topics.command(tank), (message) => published.push(message));
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** The commands the plugin received so far. */
  const commandsReceived = () => harness.plugin.received.filter((frame) => frame.type === 'command');

  it('by an operator publishes the command for the character and reaches its plugin through ingest', async () => {
    const result = await harness.execute(sendCommand, { character: tank, command: '/radar start' }, { identity: operator });
    expect(result).toEqual({ data: { sendCommand: true } });
    expect(published).toEqual([{ topic: 'lifestone.command.Tank%20Larsson', key: tank, payload: '{"command":"/radar start"}' }]);
    expect(await harness.plugin.waitFor((frame) => frame.type === 'command')).toEqual({ type: 'command', command: '/radar start' });
  });

  it('by an admin is allowed too', async () => {
    expect(await harness.execute(sendCommand, { character: tank, command: '/vt start' }, { identity: admin })).toEqual({ data: { sendCommand: true } });
    await harness.plugin.waitFor((frame) => frame.type === 'command' && frame.command === '/vt start');
    expect(published.map((message) => message.payload)).toEqual(['{"command":"/radar start"}', '{"command":"/vt start"}']);
  });

  it('by a viewer is refused with FORBIDDEN and publishes nothing', async () => {
    const before = published.length;
    const result = await harness.execute(sendCommand, { character: tank, command: '/quit' }, { identity: viewer });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toBe('sendCommand needs the operator role; you are a viewer.');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'operator', role: 'viewer' });
    // A later command is the next thing on the topic and the next thing the plugin gets.
    await harness.execute(sendCommand, { character: tank, command: '/radar stop' }, { identity: operator });
    await harness.plugin.waitFor((frame) => frame.command === '/radar stop');
    expect(published.slice(before).map((message) => message.payload)).toEqual(['{"command":"/radar stop"}']);
    expect(commandsReceived().map((frame) => frame.command)).toEqual(['/radar start', '/vt start', '/radar stop']);
  });

  it.each([
    ['an empty command', tank, '', 'command is empty: send a game command such as "/radar start".'],
    ['a command without a slash', tank, 'radar start', 'command must start with "/" (a game command such as "/radar start"); got "radar start".'],
    ['a command over 200 characters', tank, `/say ${'a'.repeat(196)}`, 'command has 201 characters; at most 200 are allowed.'],
    ['a command with a line break', tank, '/say hi\n/quit', 'command contains a control character (such as a line break); send one command per call.'],
    ['an empty character', '', '/radar start', 'character must have 1 to 64 characters.'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, character, command, message) => {
    const before = published.length;
    const result = await harness.execute(sendCommand, { character, command }, { identity: operator });
    expect(result.errors?.map((error) => ({ message: error.message, code: error.extensions.code }))).toEqual([{ message, code: 'BAD_USER_INPUT' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(published.length).toBe(before);
  });

  it('accepts a command of exactly 200 characters', async () => {
    const command = `/say ${'b'.repeat(195)}`;
    expect(command).toHaveLength(200);
    expect(await harness.execute(sendCommand, { character: tank, command }, { identity: operator })).toEqual({ data: { sendCommand: true } });
    expect(await harness.plugin.waitFor((frame) => frame.command === command)).toEqual({ type: 'command', command });
  });
});
