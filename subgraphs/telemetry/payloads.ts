import type { FrameType } from '@lifestone/lib/protocol';
import type { PublishedFrame } from '@lifestone/lib/published';
import type { Event, EventItem, EventPayload, EventType, InventoryAction } from './generated/resolvers.js';
import {
  countersOf,
  effectOf,
  nearbyObjectOf,
  pluginHealthOf,
  questOf,
  rareTierOfName,
  requiredPositionOf,
  requiredVitalsOf,
  statsOf,
  tileOf,
} from './records.js';

/** The GraphQL `EventType` of each frame type; `satisfies` fails the build if the protocol gains a type this misses. */
export const eventTypeOf = {
  telemetry: 'TELEMETRY',
  vitals: 'VITALS',
  character_stats: 'CHARACTER_STATS',
  full_inventory: 'FULL_INVENTORY',
  inventory_delta: 'INVENTORY_DELTA',
  equipment_cantrip_state: 'EQUIPMENT_CANTRIP_STATE',
  portal: 'PORTAL',
  spawn: 'SPAWN',
  chat: 'CHAT',
  quest: 'QUEST',
  rare: 'RARE',
  nearby_objects: 'NEARBY_OBJECTS',
  combat_stats: 'COMBAT_STATS',
  share_vitals: 'SHARE_VITALS',
  dungeon_map: 'DUNGEON_MAP',
} as const satisfies Record<FrameType, EventType>;

/** The frame type of each GraphQL `EventType`. */
export const frameTypeOf = Object.fromEntries(Object.entries(eventTypeOf).map(([frame, event]) => [event, frame])) as Record<EventType, FrameType>;

const inventoryActions = { add: 'ADD', update: 'UPDATE', remove: 'REMOVE' } as const satisfies Record<string, InventoryAction>;

/** The `Event` a subscriber receives for a published frame; built once per message and shared by every subscriber. */
export function eventOf(frame: PublishedFrame): Event {
  return {
    type: eventTypeOf[frame.type],
    character: frame.character_name,
    time: frame.timestamp,
    receivedAt: frame.received_at,
    sessionId: frame.session_id,
    payload: payloadOf(frame),
    raw: frame,
  };
}

function itemOf(item: Record<string, unknown> & { id: number }): EventItem {
  const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
  return {
    id: String(item.id),
    name: text(item.name),
    objectClass: text(item.object_class),
    containerId: text(item.container_id),
    equippedSlot: text(item.equipped_slot),
    raw: item,
  };
}

function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

/** The typed payload of each frame type, the union member named by `__typename`. */
function payloadOf(frame: PublishedFrame): EventPayload {
  switch (frame.type) {
    case 'telemetry':
      return {
        __typename: 'TelemetryPayload',
        position: requiredPositionOf(frame),
        state: frame.vt_state,
        sessionCounters: countersOf(frame),
        plugin: pluginHealthOf(frame),
      };
    case 'vitals':
      return {
        __typename: 'VitalsPayload',
        vitals: requiredVitalsOf(frame),
        healthCurrent: frame.health_current,
        healthMax: frame.health_max,
        staminaCurrent: frame.stamina_current,
        staminaMax: frame.stamina_max,
        manaCurrent: frame.mana_current,
        manaMax: frame.mana_max,
      };
    case 'share_vitals':
      return { __typename: 'ShareVitalsPayload', group: frame.group, vitals: requiredVitalsOf(frame) };
    case 'character_stats':
      return { __typename: 'CharacterStatsPayload', stats: statsOf(frame, frame.timestamp) };
    case 'full_inventory':
      return { __typename: 'FullInventoryPayload', itemCount: frame.items.length, items: frame.items.map(itemOf) };
    case 'inventory_delta':
      return { __typename: 'InventoryDeltaPayload', action: inventoryActions[frame.action], item: itemOf(frame.item) };
    case 'equipment_cantrip_state':
      return { __typename: 'EquipmentCantripStatePayload', effects: frame.effects.map((effect) => effectOf(effect, frame.timestamp)) };
    case 'portal':
      return { __typename: 'PortalPayload', name: frame.portal_name, position: requiredPositionOf(frame) };
    case 'spawn':
      return { __typename: 'SpawnPayload', monster: frame.monster_name, position: requiredPositionOf(frame) };
    case 'chat':
      return { __typename: 'ChatPayload', channel: frame.channel, sender: frame.sender, text: frame.text, color: frame.color };
    case 'quest':
      return { __typename: 'QuestPayload', quests: frame.quests.map((quest) => questOf(quest, frame.timestamp)) };
    case 'rare':
      return { __typename: 'RarePayload', name: frame.name, tier: rareTierOfName(frame.name), position: requiredPositionOf(frame) };
    case 'nearby_objects':
      return { __typename: 'NearbyObjectsPayload', objects: frame.objects.map(nearbyObjectOf) };
    case 'combat_stats': {
      const monsters = Object.keys(frame.session.monsters)
        .sort()
        .map((monster) => {
          const { kills, offense, defense } = frame.session.monsters[monster] as (typeof frame.session.monsters)[string];
          return {
            monster,
            kills,
            damageDealt: sumOf(Object.values(offense).map((element) => element.damage)),
            damageTaken: sumOf(Object.values(defense).map((element) => element.damage)),
          };
        });
      return { __typename: 'CombatStatsPayload', kills: sumOf(monsters.map((monster) => monster.kills)), monsters };
    }
    case 'dungeon_map':
      return { __typename: 'DungeonMapPayload', landblock: frame.landblock, tiles: frame.tiles.map(tileOf) };
    default: {
      const unexpected: never = frame;
      throw new Error(`no payload for frame type ${(unexpected as { type: string }).type}`);
    }
  }
}
