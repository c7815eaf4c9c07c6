import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { topics } from '@lifestone/lib/pubsub';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const larsson = 'Sir Larsson';
const mira = 'Mira.Dawn';
const cleo = 'Cleo';

const eventFields = `type character time receivedAt sessionId raw
  payload {
    __typename
    ... on TelemetryPayload { position { ew ns z heading landblock } state sessionCounters { kills deaths rares tapers killsPerHour } plugin { onlineSeconds memMb cpuPct latencyMs } }
    ... on VitalsPayload { vitals { healthPct staminaPct manaPct vitaePct } healthCurrent healthMax staminaCurrent staminaMax manaCurrent manaMax }
    ... on CharacterStatsPayload { stats { time level race attributes { name base creation } skills { name base training } allegiance { name rank } } }
    ... on FullInventoryPayload { itemCount items { id name objectClass containerId equippedSlot } }
    ... on InventoryDeltaPayload { action item { id name objectClass containerId equippedSlot raw } }
    ... on EquipmentCantripStatePayload { effects { spellId name durationSeconds caster } }
    ... on PortalPayload { name position { ew ns z } }
    ... on SpawnPayload { monster position { ew ns z } }
    ... on ChatPayload { channel sender text color }
    ... on QuestPayload { quests { name solves maxSolves completedAt availableInSeconds } }
    ... on RarePayload { name tier position { ew ns z } }
    ... on NearbyObjectsPayload { objects { id name objectClass distance position { ew ns z } } }
    ... on CombatStatsPayload { kills monsters { monster kills damageDealt damageTaken } }
    ... on ShareVitalsPayload { group vitals { healthPct staminaPct manaPct vitaePct } }
    ... on DungeonMapPayload { landblock tiles { x y kind } }
  }`;
const eventsSubscription = `subscription ($types: [EventType!], $characters: [String!]) { events(types: $types, characters: $characters) { ${eventFields} } }`;

describe('the events subscription', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('delivers only the requested types about the requested characters, in order, with exact values', async () => {
    const subscribedBefore = harness.pubsub.subscribed.length;
    const feed = await harness.subscribe(eventsSubscription, { types: ['CHAT', 'VITALS'], characters: [larsson] });
    const miraChat = await harness.subscribe(eventsSubscription, { types: ['CHAT'], characters: [mira] });
    expect(harness.pubsub.subscribed.slice(subscribedBefore)).toEqual([topics.event('chat'), topics.event('vitals')]);

    await harness.send(
      { type: 'telemetry', character_name: larsson, ew: 1, ns: 2, z: 3 },
      { type: 'chat', character_name: larsson, timestamp: '2026-03-01T10:00:00.000Z', session_id: 'login-7', channel: 'Trade', sender: 'Bael', text: 'WTB tapers', color: 3 },
      { type: 'chat', character_name: mira, channel: 'Trade', text: 'not for this subscriber' },
      { type: 'vitals', character_name: larsson, timestamp: '2026-03-01T10:00:01.000Z', health_pct: '87.5', stamina_pct: 60, mana_pct: 45.25, health_current: 350, health_max: 400 },
      { type: 'vitals', character_name: mira, health_pct: 1, stamina_pct: 1, mana_pct: 1 },
      { type: 'spawn', character_name: larsson, monster_name: 'Drudge', ew: 1, ns: 2, z: 3 },
      { type: 'chat', character_name: larsson, timestamp: '2026-03-01T10:00:02.000Z', channel: 'Tell', text: 'again', unknown_field: 'kept' },
    );
    const stored = await harness.stack.db.query<{ received_at: Date; text: string }>('SELECT received_at, text FROM chat_messages WHERE character_name = $1 ORDER BY observed_at', [larsson]);
    const vitalsStored = await harness.stack.db.query<{ received_at: Date }>('SELECT received_at FROM vitals_events WHERE character_name = $1', [larsson]);
    const [hello, again] = stored.rows;

    expect(await feed.next()).toEqual({
      data: {
        events: {
          type: 'CHAT',
          character: larsson,
          time: '2026-03-01T10:00:00.000Z',
          receivedAt: hello?.received_at.toISOString(),
          sessionId: 'login-7',
          payload: { __typename: 'ChatPayload', channel: 'Trade', sender: 'Bael', text: 'WTB tapers', color: 3 },
          raw: {
            received_at: hello?.received_at.toISOString(),
            type: 'chat',
            character_name: larsson,
            timestamp: '2026-03-01T10:00:00.000Z',
            session_id: 'login-7',
            channel: 'Trade',
            text: 'WTB tapers',
            color: 3,
            sender: 'Bael',
            extra: {},
          },
        },
      },
    });
    expect(await feed.next()).toMatchObject({
      data: {
        events: {
          type: 'VITALS',
          character: larsson,
          time: '2026-03-01T10:00:01.000Z',
          receivedAt: vitalsStored.rows[0]?.received_at.toISOString(),
          sessionId: null,
          payload: {
            __typename: 'VitalsPayload',
            vitals: { healthPct: 87.5, staminaPct: 60, manaPct: 45.25, vitaePct: 0 },
            healthCurrent: 350,
            healthMax: 400,
            staminaCurrent: null,
          },
        },
      },
    });
    expect(await feed.next()).toMatchObject({
      data: {
        events: {
          type: 'CHAT',
          time: '2026-03-01T10:00:02.000Z',
          receivedAt: again?.received_at.toISOString(),
          payload: { __typename: 'ChatPayload', channel: 'Tell', sender: null, text: 'again', color: null },
          raw: { extra: { unknown_field: 'kept' } },
        },
      },
    });
    // Nothing else was queued for it: the next event it gets is the next matching one sent.
    await harness.send(
      { type: 'chat', character_name: mira, channel: 'General', text: 'still not for it' },
      { type: 'chat', character_name: larsson, channel: 'General', text: 'the next one' },
    );
    expect(await feed.next()).toMatchObject({ data: { events: { type: 'CHAT', payload: { text: 'the next one' } } } });
    expect(await feed.nextWithin(50)).toBeUndefined();
    await feed.close();

    // Meanwhile the subscriber of Mira's chat heard her two lines and nothing else.
    for (const text of ['not for this subscriber', 'still not for it']) {
      expect(await miraChat.next()).toMatchObject({ data: { events: { type: 'CHAT', character: mira, payload: { text } } } });
    }
    expect(await miraChat.nextWithin(20)).toBeUndefined();
    await miraChat.close();
  });

  it('types every frame of the protocol in its payload', async () => {
    const feed = await harness.subscribe(eventsSubscription, { characters: [cleo] });
    const frame = (type: string, fields: object) => ({ type, character_name: cleo, timestamp: '2026-03-02T00:00:00.000Z', ...fields });
    // Sent in groups: inventories, portals and dungeon maps have a writer lane of their own, so only a flush orders them against the rest.
    await harness.send(
      frame('telemetry', {
        ew: 10.5, ns: -20.25, z: 5, heading: 45, landblock: '0x7D640013', kills: 4, deaths: 0, rares_found: 1,
        prismatic_taper_count: 12, kills_per_hour: 80.5, onlinetime: '00:10:00', vt_state: 'Combat', mem_mb: 300, cpu_pct: 4.5, latency_ms: 60,
      }),
      frame('vitals', { health_pct: 50, stamina_pct: 60, mana_pct: 70, vitae_pct: 10, health_current: 100, health_max: 200, stamina_current: 120, stamina_max: 200, mana_current: 140, mana_max: 200 }),
      frame('character_stats', {
        level: 126, race: 'Sho', attributes: { Focus: { base: 290, creation: 100 } }, skills: { 'Life Magic': { base: 380, training: 'Specialized' } },
        allegiance: { name: 'Night Watch', rank: 3 },
      }),
    );
    await harness.send(
      frame('full_inventory', {
        items: [
          { id: 2_151_000_001, name: 'Pack', object_class: 'Container', container_id: 0 },
          { id: 2_151_000_002, name: 'Sword of Lost Light', object_class: 'MeleeWeapon', container_id: 0, equipped_slot: 'MeleeWeapon' },
        ],
      }),
    );
    await harness.send(frame('inventory_delta', { action: 'remove', item: { id: 2_151_000_002 } }));
    await harness.send(frame('equipment_cantrip_state', { effects: [{ spell_id: 2621, name: 'Epic Strength', duration_s: 60, caster: 'Ring' }] }));
    await harness.send(frame('portal', { portal_name: 'Town Network', ew: 1.25, ns: 2.5, z: 0 }));
    await harness.send(
      frame('spawn', { monster_name: 'Olthoi Soldier', ew: 3, ns: 4, z: 5 }),
      frame('chat', { channel: 'Fellowship', sender: 'Tank', text: 'pull', color: 12 }),
      frame('quest', { quests: [{ name: 'Stipend', solves: 2, max_solves: 10, completed_at: '2026-03-01T00:00:00Z', available_in_s: 120 }] }),
      frame('rare', { name: 'Pearl of Blood Drinking', ew: 6, ns: 7, z: 8 }),
      frame('nearby_objects', { objects: [{ id: 3_000_000_000, name: 'Portal', object_class: 'Portal', ew: 1, ns: 2, z: 3, distance: 4.5 }] }),
      frame('combat_stats', {
        session: {
          monsters: {
            Drudge: { kills: 3, offense: { slash: { hits: 5, damage: 100 }, fire: { hits: 1, damage: 50 } }, defense: { pierce: { hits: 2, damage: 30 } } },
            Banderling: { kills: 1, offense: { cold: { damage: 10 } } },
          },
        },
      }),
      frame('share_vitals', { group: 'Night Watch', health_pct: 99, stamina_pct: 98, mana_pct: 97, vitae_pct: 0 }),
    );
    await harness.send(frame('dungeon_map', { landblock: '0x01D90100', tiles: [{ x: 0, y: 1, kind: 'corridor' }, { x: 1, y: 1 }] }));

    const received = [];
    for (let i = 0; i < 15; i++) {
      const result = await feed.next();
      const { type, character, time, payload } = (result.data as { events: Record<string, unknown> }).events;
      received.push({ type, character, time, payload });
    }
    await feed.close();
    const at = { character: cleo, time: '2026-03-02T00:00:00.000Z' };
    // Live types go out when accepted, the others once stored: across types the order is not promised.
    const byType = (a: { type: unknown }, b: { type: unknown }) => String(a.type).localeCompare(String(b.type));
    expect(received.sort(byType)).toEqual([
      {
        type: 'TELEMETRY', ...at,
        payload: {
          __typename: 'TelemetryPayload',
          position: { ew: 10.5, ns: -20.25, z: 5, heading: 45, landblock: '0x7D640013' },
          state: 'Combat',
          sessionCounters: { kills: 4, deaths: 0, rares: 1, tapers: 12, killsPerHour: 80.5 },
          plugin: { onlineSeconds: 600, memMb: 300, cpuPct: 4.5, latencyMs: 60 },
        },
      },
      {
        type: 'VITALS', ...at,
        payload: {
          __typename: 'VitalsPayload',
          vitals: { healthPct: 50, staminaPct: 60, manaPct: 70, vitaePct: 10 },
          healthCurrent: 100, healthMax: 200, staminaCurrent: 120, staminaMax: 200, manaCurrent: 140, manaMax: 200,
        },
      },
      {
        type: 'CHARACTER_STATS', ...at,
        payload: {
          __typename: 'CharacterStatsPayload',
          stats: {
            time: '2026-03-02T00:00:00.000Z', level: 126, race: 'Sho',
            attributes: [{ name: 'Focus', base: 290, creation: 100 }],
            skills: [{ name: 'Life Magic', base: 380, training: 'Specialized' }],
            allegiance: { name: 'Night Watch', rank: 3 },
          },
        },
      },
      {
        type: 'FULL_INVENTORY', ...at,
        payload: {
          __typename: 'FullInventoryPayload',
          itemCount: 2,
          items: [
            { id: '2151000001', name: 'Pack', objectClass: 'Container', containerId: '0', equippedSlot: null },
            { id: '2151000002', name: 'Sword of Lost Light', objectClass: 'MeleeWeapon', containerId: '0', equippedSlot: 'MeleeWeapon' },
          ],
        },
      },
      {
        type: 'INVENTORY_DELTA', ...at,
        payload: {
          __typename: 'InventoryDeltaPayload',
          action: 'REMOVE',
          item: { id: '2151000002', name: null, objectClass: null, containerId: null, equippedSlot: null, raw: { id: 2_151_000_002 } },
        },
      },
      { type: 'EQUIPMENT_CANTRIP_STATE', ...at, payload: { __typename: 'EquipmentCantripStatePayload', effects: [{ spellId: 2621, name: 'Epic Strength', durationSeconds: 60, caster: 'Ring' }] } },
      { type: 'PORTAL', ...at, payload: { __typename: 'PortalPayload', name: 'Town Network', position: { ew: 1.25, ns: 2.5, z: 0 } } },
      { type: 'SPAWN', ...at, payload: { __typename: 'SpawnPayload', monster: 'Olthoi Soldier', position: { ew: 3, ns: 4, z: 5 } } },
      { type: 'CHAT', ...at, payload: { __typename: 'ChatPayload', channel: 'Fellowship', sender: 'Tank', text: 'pull', color: 12 } },
      {
        type: 'QUEST', ...at,
        payload: { __typename: 'QuestPayload', quests: [{ name: 'Stipend', solves: 2, maxSolves: 10, completedAt: '2026-03-01T00:00:00.000Z', availableInSeconds: 120 }] },
      },
      { type: 'RARE', ...at, payload: { __typename: 'RarePayload', name: 'Pearl of Blood Drinking', tier: 'COMMON', position: { ew: 6, ns: 7, z: 8 } } },
      {
        type: 'NEARBY_OBJECTS', ...at,
        payload: { __typename: 'NearbyObjectsPayload', objects: [{ id: '3000000000', name: 'Portal', objectClass: 'Portal', distance: 4.5, position: { ew: 1, ns: 2, z: 3 } }] },
      },
      {
        type: 'COMBAT_STATS', ...at,
        payload: {
          __typename: 'CombatStatsPayload',
          kills: 4,
          monsters: [
            { monster: 'Banderling', kills: 1, damageDealt: 10, damageTaken: 0 },
            { monster: 'Drudge', kills: 3, damageDealt: 150, damageTaken: 30 },
          ],
        },
      },
      { type: 'SHARE_VITALS', ...at, payload: { __typename: 'ShareVitalsPayload', group: 'Night Watch', vitals: { healthPct: 99, staminaPct: 98, manaPct: 97, vitaePct: 0 } } },
      { type: 'DUNGEON_MAP', ...at, payload: { __typename: 'DungeonMapPayload', landblock: '0x01D90100', tiles: [{ x: 0, y: 1, kind: 'corridor' }, { x: 1, y: 1, kind: null }] } },
    ].sort(byType));
  });

  it('shares one pubsub subscription per topic among subscribers and releases it when the last one leaves', async () => {
    const subscribedBefore = harness.pubsub.subscribed.length;
    const releasedBefore = harness.pubsub.released.length;
    const first = await harness.subscribe(eventsSubscription, { types: ['RARE'] });
    const second = await harness.subscribe(eventsSubscription, { types: ['RARE', 'RARE'], characters: [larsson] });
    expect(harness.pubsub.subscribed.slice(subscribedBefore)).toEqual([topics.event('rare')]);

    await harness.send({ type: 'rare', character_name: larsson, name: 'Ancient Falchion', ew: 1, ns: 2, z: 3 });
    for (const feed of [first, second]) {
      expect(await feed.next()).toMatchObject({ data: { events: { type: 'RARE', character: larsson, payload: { name: 'Ancient Falchion', tier: 'GREAT' } } } });
    }
    await first.close();
    expect(harness.pubsub.released.slice(releasedBefore)).toEqual([]);
    await second.close();
    await vi.waitFor(() => expect(harness.pubsub.released.slice(releasedBefore)).toEqual([topics.event('rare')]));
  });

  it('checks the character before parsing: a message for nobody is never read', async () => {
    const warn = vi.spyOn(harness.log, 'warn');
    const feed = await harness.subscribe(eventsSubscription, { types: ['CHAT'], characters: [larsson] });
    await harness.stack.pubsub.publish({ topic: topics.event('chat'), key: mira, payload: 'not JSON, and never parsed' });
    await harness.send({ type: 'chat', character_name: larsson, channel: 'General', text: 'after the unreadable one' });
    expect(await feed.next()).toMatchObject({ data: { events: { payload: { text: 'after the unreadable one' } } } });
    expect(warn).not.toHaveBeenCalled();

    await harness.stack.pubsub.publish({ topic: topics.event('chat'), key: larsson, payload: 'not JSON' });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.objectContaining({ topic: topics.event('chat'), key: larsson }), 'ignoring a published event that is not JSON'));
    await feed.close();
    warn.mockRestore();
  });

  it('refuses an empty filter list', async () => {
    await expect(harness.subscribe(eventsSubscription, { types: [] })).rejects.toThrow(/types is empty.*BAD_USER_INPUT/);
    await expect(harness.subscribe(eventsSubscription, { characters: [] })).rejects.toThrow(/characters is empty.*BAD_USER_INPUT/);
  });
});
