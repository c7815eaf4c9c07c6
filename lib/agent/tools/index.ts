/** Every assistant tool, in the order MCP clients list them. */
import { recentAlerts } from './alerts.js';
import { combatStats } from './combat.js';
import { characterInventory, searchItems } from './inventory.js';
import { minecraftOnline, minecraftPlayer } from './minecraft.js';
import { livePlayers, playerState } from './players.js';
import { queryTelemetryDb } from './sql.js';
import { suitbuilderSearch } from './suits.js';
import type { LifestoneTool } from './types.js';
import { portals, recentRares, searchChat, serverStatus } from './world.js';

export { DATA_NOT_INSTRUCTIONS, TOOL_RESULT_MAX_BYTES } from './result.js';
export type { GraphRequest, GraphSubscribe, LifestoneTool, ToolContext } from './types.js';

export const TOOLS: readonly LifestoneTool[] = [
  livePlayers,
  playerState,
  characterInventory,
  searchItems,
  suitbuilderSearch,
  combatStats,
  recentRares,
  recentAlerts,
  searchChat,
  portals,
  serverStatus,
  minecraftOnline,
  minecraftPlayer,
  queryTelemetryDb,
];
