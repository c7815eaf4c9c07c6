/**
 * @lifestone/simulator: a deterministic fleet of Asheron's Call characters
 * speaking the plugin wire protocol (lib/protocol/PROTOCOL.md).
 *
 * - `createFleet` builds the characters; pure, time passed in, seeded.
 * - `runFleet` connects them to ingest over WebSockets.
 */

export { createFleet, type FleetOptions } from './fleet.js';
export {
  SimulatedCharacter,
  TELEMETRY_INTERVAL_MS,
  VITALS_INTERVAL_MS,
  CHARACTER_STATS_INTERVAL_MS,
  CANTRIP_INTERVAL_MS,
  COMBAT_STATS_INTERVAL_MS,
  KILLS_PER_RARE,
  CHAT_MEAN_MS,
  INVENTORY_MEAN_MS,
  QUEST_MEAN_MS,
  NEARBY_MEAN_MS,
  SPAWN_HUNTING_MEAN_MS,
  SPAWN_TRAVEL_MEAN_MS,
  type Departure,
  type Peers,
  type WorldPace,
} from './character.js';
export { nextWorldRun } from './run.js';
export type { Profile } from './profile.js';
export { runFleet, type RunFleetOptions, type FleetHandle, type FleetStats, type FleetLog } from './client.js';
export { landblockOf, places, huntingGrounds, monsters } from './world.js';
export { frameTypes, damageElements } from './frames.js';
export type * from './frames.js';
export { startStatusServer, type StatusServer } from './status-server.js';
