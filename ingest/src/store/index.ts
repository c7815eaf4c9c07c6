import type { PoolClient } from 'pg';
import type { FrameType } from '@lifestone/lib/protocol';
import { detectAlerts, insertAlerts, type AlertMemory, type StoredAlert } from '../alerts/store.js';
import { lootAlerts, reachGoals } from '../alerts/earnings.js';
import type { AlertSettings } from '../alerts/detect.js';
import { OWN_LANE_TYPES, type AcceptedEvent, type EventOf } from '../accepted-event.js';
import { replaceEffects, replaceQuests, updateCharacterStats, updateDungeonMaps, updateNearbyObjects } from './character.js';
import { updateCombat } from './combat.js';
import { BatchActivity, type ActivityMemory } from './activity.js';
import { updateCounters, type CounterMemory } from './counters.js';
import { appendOnlyCopies } from './events.js';
import { copyMany } from './copy.js';
import { updateInventory } from './inventory.js';
import { LiveSnapshots, updateLiveCharacters } from './live.js';
import { updatePortals } from './portals.js';

/** The batch's events by type, each list in arrival order. */
function byType(events: readonly AcceptedEvent[]): <T extends FrameType>(type: T) => EventOf<T>[] {
  const lists = new Map<FrameType, AcceptedEvent[]>();
  for (const event of events) {
    const list = lists.get(event.type);
    if (list) list.push(event);
    else lists.set(event.type, [event]);
  }
  return <T extends FrameType>(type: T) => (lists.get(type) ?? []) as EventOf<T>[];
}

/** The batch's events of several types, interleaved in arrival order. */
function ofTypes<T extends FrameType>(events: readonly AcceptedEvent[], ...types: T[]): EventOf<T>[] {
  return events.filter((event) => (types as FrameType[]).includes(event.type)) as EventOf<T>[];
}

/** What a writer lane remembers between batches (only its own characters pass through it). */
export interface LaneMemory {
  counters: CounterMemory;
  activity: ActivityMemory;
  alerts: AlertMemory;
  live: LiveSnapshots;
}

/** `liveWriteMs`: how often a character's live row is written at most (see `LiveSnapshots`). */
export function createLaneMemory(liveWriteMs: number): LaneMemory {
  return { counters: new Map(), activity: new Map(), alerts: new Map(), live: new LiveSnapshots(liveWriteMs) };
}

/**
 * Drops what a lane remembers of characters that logged out or went silent:
 * without it, memory would grow with every character ever seen. Safe at any
 * time, since each part only saves work or holds what the database has up to
 * ALERT_STATE_WRITE_MS old (alerts/store.ts), as after a restart; live
 * rows waiting to be written are still written.
 */
export function forgetCharacters(memory: LaneMemory, characters: Iterable<string>): void {
  for (const character of characters) {
    memory.counters.delete(character);
    memory.activity.delete(character);
    memory.alerts.delete(character);
    memory.live.forget(character);
  }
}

/** How many characters a lane remembers anything of. */
export function rememberedCharacters(memory: LaneMemory): number {
  return new Set([...memory.counters.keys(), ...memory.activity.keys(), ...memory.alerts.keys(), ...memory.live.characters()]).size;
}

/**
 * Writes the live rows that wait for their time (all of them with `all`, as
 * on close) on their own, for a lane with no batch to carry them.
 */
export async function writeWaitingSnapshots(client: PoolClient, memory: LaneMemory, all: boolean): Promise<void> {
  const live = memory.live.plan([], performance.now(), all);
  await updateLiveCharacters(client, live.rows);
  live.commit();
}

/** What a committed batch leaves to do: what the lane must remember, and the alerts to publish. */
export interface BatchWritten {
  remember: () => void;
  /**
   * In a writer transaction (a pipeline, see pipeline.ts), settles with the
   * round trip of its COMMIT (see `insertAlerts`): await it after that.
   * Outside one, its statements run at once: await it before committing.
   */
  alerts: Promise<StoredAlert[]>;
}

/**
 * Writes one batch of accepted events, in arrival order, inside the caller's
 * transaction: the append-only tables by COPY, and the quest lists and active
 * spells each frame replaces whole, in one round trip; then the derived
 * state (live snapshot, counters, combat totals, inventory, portals,
 * character sheets); then the alerts: those detection derives
 * (alerts/store.ts), the goals reached and the loot picked up
 * (alerts/earnings.ts).
 *
 * The last two statements write rows other transactions wait for, so that
 * they are held locked for as short a time as can be: `activity_minutes`,
 * the one table both a character's inventory lane and its other lane write
 * (its rows were held through every statement after it, and the other lane
 * waited), then the alerts, behind the lock every writer of alerts takes.
 * Both wait to go with the caller's COMMIT, in its round trip.
 */
export async function writeBatch(client: PoolClient, events: readonly AcceptedEvent[], memory: LaneMemory, alertSettings: AlertSettings): Promise<BatchWritten> {
  const of = byType(events);
  const telemetry = of('telemetry');
  // Everything only appended or replaced whole, in one round trip.
  const escape = (text: string): string => client.escapeLiteral(text);
  await copyMany(client, [...appendOnlyCopies(events), ...replaceQuests(of('quest'), escape), ...replaceEffects(of('equipment_cantrip_state'), escape)]);
  const live = memory.live.plan(events.filter((event) => !OWN_LANE_TYPES.has(event.type)), performance.now());
  await updateLiveCharacters(client, live.rows);
  const activity = new BatchActivity(memory.activity);
  for (const event of telemetry) activity.present(event.character, event.receivedAt);
  const rememberCounters = await updateCounters(client, telemetry, memory.counters, activity);
  await updateCombat(client, of('combat_stats'));
  const pickedUp = await updateInventory(client, ofTypes(events, 'full_inventory', 'inventory_delta'), activity);
  await updatePortals(client, of('portal'));
  await updateCharacterStats(client, of('character_stats'));
  await updateNearbyObjects(client, of('nearby_objects'));
  await updateDungeonMaps(client, of('dungeon_map'));
  const { found, remember: rememberAlerts } = await detectAlerts(client, events, alertSettings, memory.alerts);
  // Goals move with experience (sheets), kills (combat snapshots) and rares found.
  const measured = ofTypes(events, 'character_stats', 'combat_stats', 'rare').map((event) => event.character);
  const earned = [...await reachGoals(client, measured, new Date()), ...await lootAlerts(client, pickedUp)];
  await activity.write(client);
  const alerts = insertAlerts(client, [...found, ...earned]);
  // Rejected with the transaction if it fails before its COMMIT, and then never awaited.
  alerts.catch(() => {});
  return {
    remember: () => {
      live.commit();
      rememberCounters();
      activity.remember();
      rememberAlerts();
    },
    alerts,
  };
}
