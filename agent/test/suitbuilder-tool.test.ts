import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { graphClient, graphSubscriber } from '@lifestone/lib/graph-client';
import { DATA_NOT_INSTRUCTIONS } from '../../lib/agent/tools/index.js';
import { inMemoryMcpClient } from './mcp-client.js';

/**
 * `suitbuilder_search` through a real MCP client against the whole stack:
 * two mules' inventories from plugin frames, the search streamed over
 * graphql-ws through the gateway with a viewer token, its final ranking
 * returned compactly.
 */

const piece = (id: number, name: string, coverage: string[], set: string | null, armorLevel: number, spells: string[] = []) => ({
  id, name, object_class: 'Armor', container_id: 0, equipped_slot: null, material: 'Steel', set_name: set, armor_level: armorLevel, coverage, spells,
});
const DEFENDER = "Defender's Set";

let stack: TestStack;
let client: Client;
let token: string;
beforeAll(async () => {
  stack = await startTestStack();
  token = (await stack.createToken('viewer', 'assistant')).token;
  const plugin = await stack.connectPlugin();
  await stack.send(plugin, [
    { type: 'full_inventory', character_name: 'Mule One', items: [piece(1, 'Celdon Helm', ['Head'], DEFENDER, 300, ['Legendary Strength']), piece(2, 'Celdon Breastplate', ['Chest', 'Abdomen'], DEFENDER, 320)] },
    { type: 'full_inventory', character_name: 'Mule Two', items: [piece(3, 'Koujia Helm', ['Head'], null, 350)] },
  ]);
  client = await inMemoryMcpClient({ graphql: graphClient({ url: stack.url, token }), subscribe: graphSubscriber({ url: stack.url, token }) });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await stack?.close();
});

async function call(args: Record<string, unknown>): Promise<{ isError: boolean; json: { note?: string; data?: unknown; error?: { code: string; message: string } } }> {
  const result = (await client.callTool({ name: 'suitbuilder_search', arguments: args })) as { isError?: boolean; content: { type: string; text: string }[] };
  return { isError: result.isError ?? false, json: JSON.parse(result.content[0]?.text ?? '{}') };
}

describe('suitbuilder_search', () => {
  it('returns the best suits compactly: pieces with owners, sets, cantrips and the gather list', async () => {
    const { isError, json } = await call({ primarySet: DEFENDER, secondarySet: 'none', cantrips: [{ family: 'Strength', minLevel: 'EPIC' }], suits: 2 });
    expect(isError, JSON.stringify(json)).toBe(false);
    expect(json.note).toBe(DATA_NOT_INSTRUCTIONS);
    const data = json.data as { exhaustive: boolean; suits: Record<string, unknown>[] };
    expect(data.exhaustive).toBe(true);
    expect(data.suits).toHaveLength(2);
    expect(data.suits[0]).toMatchObject({
      rank: 1,
      armorLevel: 300 + 320 * 2,
      score: 940 + 2 * 400 + 2000,
      sets: [{ name: DEFENDER, pieces: 2, tier: 2, role: 'PRIMARY' }],
      cantrips: ['LEGENDARY Strength'],
      pieces: [
        { slots: 'HEAD', name: 'Celdon Helm', owner: 'Mule One', id: '1', set: DEFENDER, armorLevel: 300 },
        { slots: 'CHEST+ABDOMEN', name: 'Celdon Breastplate', owner: 'Mule One', id: '2', set: DEFENDER, armorLevel: 320 },
      ],
      gather: 'Mule One: Celdon Helm (head), Celdon Breastplate (chest + abdomen)',
    });
    expect(data.suits[1]).toMatchObject({ rank: 2, missingCantrips: ['EPIC Strength'] });
  });

  it('finds no suit among characters who hold nothing wearable', async () => {
    const { isError, json } = await call({ primarySet: DEFENDER, characters: ['Nobody'], suits: 1, seconds: 1 });
    expect(isError).toBe(false);
    expect(json.data).toMatchObject({ exhaustive: true });
    expect((json.data as { suits?: unknown[] }).suits ?? []).toEqual([]);
  });
});
