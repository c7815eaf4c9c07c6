import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import type { TestPlugin } from '@lifestone/test-kit/plugin';

/**
 * One character's frames in through ingest, one query out through the
 * gateway, answered by all three subgraphs with the values the plugin sent.
 */

const name = 'Sir Larsson';

const CHARACTER = `query ($name: String!) {
  character(name: $name) {
    name
    lastSeen
    position { ew ns z heading landblock }
    vitals { healthPct staminaPct manaPct vitaePct }
    inventory { id name objectClass containerId equippedSlot material setName armorLevel spells tinks workmanship ratings { damage critDamage } }
    combat {
      session { kills offense { hits misses crits damage maxHit } defense { hits evades resists damage } byMonster { monster kills } byElement { element offense { damage } } }
      lifetime { kills offense { damage } }
    }
  }
}`;

let stack: TestStack;
let plugin: TestPlugin;
let viewer: string;
beforeAll(async () => {
  stack = await startTestStack();
  plugin = await stack.connectPlugin();
  viewer = (await stack.createToken('viewer')).token;
});
afterAll(() => stack?.close());

describe('character(name:) through the gateway', () => {
  it('resolves position, vitals, inventory and combat from three subgraphs with the exact values sent', async () => {
    await stack.send(plugin, [
      { type: 'telemetry', character_name: name, timestamp: '2026-03-01T10:00:00.000Z', ew: 12.5, ns: -33.25, z: 4, heading: 90, landblock: '0xA9B40019', kills: 3 },
      { type: 'vitals', character_name: name, timestamp: '2026-03-01T10:00:01.000Z', health_pct: '87.5', stamina_pct: 60, mana_pct: 45.25, vitae_pct: 5 },
    ]);
    // Inventories are written by a lane of their own: sent with the first telemetry of a character never seen,
    // the two lanes race to create its live row (reported to ingest's owner); sent after, they do not.
    await stack.send(plugin, [
      {
        type: 'full_inventory',
        character_name: name,
        items: [
          {
            id: 501, name: 'Gold Amuli Coat', object_class: 'Armor', container_id: 0, equipped_slot: 'Chest', material: 'Gold',
            set_name: "Defender's Set", armor_level: 612, spells: ['Legendary Impenetrability', 'Epic Strength'], tinks: 10, workmanship: 8.5,
            ratings: { damage: 3, crit_damage: 2 },
          },
          { id: 502, name: 'Pack', object_class: 'Container', container_id: 0 },
        ],
      },
      {
        type: 'combat_stats',
        character_name: name,
        session_id: 'login-1',
        session: {
          monsters: {
            Drudge: {
              kills: 4,
              offense: { slash: { hits: 10, misses: 2, crits: 1, damage: 400, max_hit: 70 }, fire: { hits: 1, misses: 0, crits: 0, damage: 50, max_hit: 50 } },
              defense: { slash: { hits: 3, evades: 5, resists: 0, damage: 60 } },
            },
          },
        },
      },
    ]);
    const received = await stack.db.query<{ received_at: Date }>('SELECT max(received_at) AS received_at FROM telemetry_events WHERE character_name = $1', [name]);

    const response = await stack.graphql(CHARACTER, { name }, { token: viewer });

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      character: {
        name,
        lastSeen: expect.any(String),
        position: { ew: 12.5, ns: -33.25, z: 4, heading: 90, landblock: '0xA9B40019' },
        vitals: { healthPct: 87.5, staminaPct: 60, manaPct: 45.25, vitaePct: 5 },
        inventory: [
          {
            id: '501', name: 'Gold Amuli Coat', objectClass: 'Armor', containerId: '0', equippedSlot: 'Chest', material: 'Gold',
            // The inventory subgraph lists spells alphabetically.
            setName: "Defender's Set", armorLevel: 612, spells: ['Epic Strength', 'Legendary Impenetrability'], tinks: 10, workmanship: 8.5,
            ratings: { damage: 3, critDamage: 2 },
          },
          {
            id: '502', name: 'Pack', objectClass: 'Container', containerId: '0', equippedSlot: null, material: null,
            setName: null, armorLevel: null, spells: [], tinks: null, workmanship: null, ratings: null,
          },
        ],
        combat: {
          session: {
            kills: 4,
            offense: { hits: 11, misses: 2, crits: 1, damage: 450, maxHit: 70 },
            defense: { hits: 3, evades: 5, resists: 0, damage: 60 },
            byMonster: [{ monster: 'Drudge', kills: 4 }],
            byElement: [
              { element: 'slash', offense: { damage: 400 } },
              { element: 'fire', offense: { damage: 50 } },
            ],
          },
          lifetime: { kills: 4, offense: { damage: 450 } },
        },
      },
    });
    expect(new Date((response.body.data as { character: { lastSeen: string } }).character.lastSeen).getTime()).toBeGreaterThanOrEqual(
      (received.rows[0]?.received_at as Date).getTime(),
    );
  });

  it('answers null for a character never seen', async () => {
    const response = await stack.graphql(CHARACTER, { name: 'Nobody' }, { token: viewer });
    expect(response.body).toEqual({ data: { character: null } });
  });
});

describe('livePlayers through the gateway', () => {
  it('drops a character 30 s after its last frame, by the clock the stack injects', async () => {
    await stack.send(plugin, [{ type: 'telemetry', character_name: 'Fresh Face', ew: 1, ns: 1, z: 0 }]);
    const live = async () =>
      (await stack.graphql<{ livePlayers: { name: string }[] }>('{ livePlayers { name } }', undefined, { token: viewer })).body.data?.livePlayers.map(
        (character) => character.name,
      );
    expect(await live()).toContain('Fresh Face');
    stack.clock.advance(31_000);
    try {
      expect(await live()).not.toContain('Fresh Face');
    } finally {
      stack.clock.advance(-31_000);
    }
  });
});
