import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import type { TestPlugin } from '@lifestone/test-kit/plugin';

const tank = 'Tank Larsson';
const SEND_COMMAND = 'mutation ($character: String!, $command: String!) { sendCommand(character: $character, command: $command) }';

let stack: TestStack;
let plugin: TestPlugin;
beforeAll(async () => {
  stack = await startTestStack();
  plugin = await stack.connectPlugin();
  // The plugin speaks for the tank: ingest routes the tank's commands to it.
  await stack.send(plugin, [{ type: 'telemetry', character_name: tank, ew: 1, ns: 2, z: 3 }]);
});
afterAll(() => stack?.close());

const commandsReceived = () => plugin.received.filter((frame) => frame.type === 'command').map((frame) => frame.command);

describe('sendCommand through the gateway', () => {
  it('by an operator reaches the plugin connected to ingest', async () => {
    const { token } = await stack.createToken('operator', 'tank driver');
    const response = await stack.graphql(SEND_COMMAND, { character: tank, command: '/radar start' }, { token });
    expect(response.body).toEqual({ data: { sendCommand: true } });
    expect(await plugin.waitFor((frame) => frame.type === 'command')).toEqual({ type: 'command', command: '/radar start' });
  });

  it('by a signed-in operator reaches it too', async () => {
    await stack.graphql('mutation { createAccount(name: "otto", password: "otto-password", role: OPERATOR) { name } }', undefined, { cookie: stack.adminCookie });
    const cookie = await stack.signIn('otto', 'otto-password');
    expect((await stack.graphql(SEND_COMMAND, { character: tank, command: '/vt start' }, { cookie })).body).toEqual({ data: { sendCommand: true } });
    await plugin.waitFor((frame) => frame.command === '/vt start');
  });

  it('by a viewer is refused with FORBIDDEN, and nothing reaches the plugin', async () => {
    const { token } = await stack.createToken('viewer', 'spectator');
    const before = commandsReceived().length;
    const response = await stack.graphql(SEND_COMMAND, { character: tank, command: '/quit' }, { token });
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'sendCommand needs the operator role; you are a viewer.',
        extensions: expect.objectContaining({ code: 'FORBIDDEN', requiredRole: 'operator', role: 'viewer' }),
      }),
    ]);
    // The next command the plugin gets is the next one allowed.
    const operator = await stack.createToken('operator');
    await stack.graphql(SEND_COMMAND, { character: tank, command: '/radar stop' }, { token: operator.token });
    await plugin.waitFor((frame) => frame.command === '/radar stop');
    expect(commandsReceived().slice(before)).toEqual(['/radar stop']);
  });
});
