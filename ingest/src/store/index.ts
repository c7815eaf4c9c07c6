import type { PoolClient } from 'pg';
import type { FrameType } from '@lifestone/lib/protocol';
import type { AcceptedEvent, EventOf } from '../event.js';
import { replaceEffects, replaceQuests, updateCharacterStats, updateDungeonMaps, updateNearbyObjects } from './character.js';
import { updateCombat } from './combat.js';
import { updateCounters } from './counters.js';
import { copyChat, copyRares, copySpawns, copyTelemetry, copyVitals } from './events.js';
import { updateInventory } from './inventory.js';
import { updateLiveCharacters } from './live.js';
import { updatePortals } from './portals.js';

/** The batch's events of the given types, in arrival order. */
function ofTypes<T extends FrameType>(events: readonly AcceptedEvent[], ...types: T[]): EventOf<T>[] {
  return events.filter((event) => (types as FrameType[]).includes(event.frame.type)) as EventOf<T>[];
}

/**
 * Writes one batch of accepted events, in arrival order, inside the caller's
 * transaction: the append-only tables by COPY, then the derived state (live
 * snapshot, counters, combat totals, inventory, portals, character sheets).
 */
export async function writeBatch(client: PoolClient, events: readonly AcceptedEvent[]): Promise<void> {
  const telemetry = ofTypes(events, 'telemetry');
  const vitals = ofTypes(events, 'vitals');
  await copyTelemetry(client, telemetry);
  await copyVitals(client, ofTypes(events, 'vitals', 'share_vitals'));
  await copySpawns(client, ofTypes(events, 'spawn'));
  await copyChat(client, ofTypes(events, 'chat'));
  await copyRares(client, ofTypes(events, 'rare'));
  await updateLiveCharacters(client, events, telemetry, vitals);
  await updateCounters(client, telemetry);
  await updateCombat(client, ofTypes(events, 'combat_stats'));
  await updateInventory(client, ofTypes(events, 'full_inventory', 'inventory_delta'));
  await updatePortals(client, ofTypes(events, 'portal'));
  await updateCharacterStats(client, ofTypes(events, 'character_stats'));
  await replaceQuests(client, ofTypes(events, 'quest'));
  await replaceEffects(client, ofTypes(events, 'equipment_cantrip_state'));
  await updateNearbyObjects(client, ofTypes(events, 'nearby_objects'));
  await updateDungeonMaps(client, ofTypes(events, 'dungeon_map'));
}
