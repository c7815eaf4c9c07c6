/**
 * Every window the dashboard offers. Each loads its own chunk the first time
 * it opens (`load` is a dynamic import), so the initial page carries the map
 * and nothing else.
 */
import type { Component } from 'vue';

/** Names of the windows; also the keys their geometry is remembered under. */
export type WindowId = 'issues' | 'questStatus' | 'players' | 'character' | 'inventory' | 'itemSearch' | 'combat' | 'chat' | 'rares' | 'vitals' | 'serverStatus' | 'command' | 'assistant' | 'mindsEye' | 'alerts' | 'fleetBoard' | 'pluginHealth' | 'radar' | 'dungeon' | 'fellowship' | 'accounts' | 'password' | 'suitbuilder';

/** Where a window sits, in CSS pixels from the top left of the page. */
export interface WindowGeometry {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One window. */
export interface WindowDefinition {
  id: WindowId;
  title: string;
  /** Loads the window's component (its own chunk). */
  load: () => Promise<{ default: Component }>;
  /** Its size the first time it opens; `open()` chooses where (cascaded, fitted: see windows.ts). */
  initial: WindowGeometry;
  /** Only operators and admins see it (they may send commands). */
  operatorOnly?: boolean;
  /** Only admins see it (it manages accounts). */
  adminOnly?: boolean;
  /** Opened from the signed-in name at the toolbar's end, not from a button of its own. */
  userMenu?: boolean;
}

export const WINDOWS: readonly WindowDefinition[] = [
  // First: what needs a person now, the window an operator opens first.
  { id: 'issues', title: 'Issues', load: () => import('../issues/IssuesWindow.vue'), initial: { x: 12, y: 56, width: 460, height: 420 } },
  { id: 'players', title: 'Players', load: () => import('../players/PlayersWindow.vue'), initial: { x: 12, y: 56, width: 520, height: 420 } },
  { id: 'character', title: 'Character', load: () => import('../character/CharacterWindow.vue'), initial: { x: 544, y: 56, width: 420, height: 520 } },
  { id: 'inventory', title: 'Inventory', load: () => import('../inventory/InventoryWindow.vue'), initial: { x: 560, y: 80, width: 460, height: 520 } },
  { id: 'itemSearch', title: 'Item search', load: () => import('../inventory/ItemSearchWindow.vue'), initial: { x: 120, y: 90, width: 720, height: 560 } },
  { id: 'combat', title: 'Combat', load: () => import('../combat/CombatWindow.vue'), initial: { x: 580, y: 100, width: 520, height: 480 } },
  { id: 'chat', title: 'Chat', load: () => import('../chat/ChatWindow.vue'), initial: { x: 12, y: 480, width: 520, height: 300 } },
  { id: 'questStatus', title: 'QuestStatus', load: () => import('../quests/QuestStatusWindow.vue'), initial: { x: 980, y: 80, width: 520, height: 460 } },
  { id: 'rares', title: 'Rares', load: () => import('../rares/RaresWindow.vue'), initial: { x: 980, y: 56, width: 360, height: 380 } },
  { id: 'alerts', title: 'Alerts', load: () => import('../alerts/AlertsWindow.vue'), initial: { x: 12, y: 110, width: 420, height: 520 } },
  { id: 'suitbuilder', title: 'Suitbuilder', load: () => import('../suitbuilder/SuitbuilderWindow.vue'), initial: { x: 40, y: 56, width: 1120, height: 720 } },
  { id: 'vitals', title: 'Vitals', load: () => import('../vitals/VitalsWindow.vue'), initial: { x: 980, y: 440, width: 360, height: 360 } },
  { id: 'serverStatus', title: 'Server status', load: () => import('../server/ServerStatusWindow.vue'), initial: { x: 760, y: 500, width: 460, height: 300 } },
  { id: 'command', title: 'Command', load: () => import('../commands/CommandWindow.vue'), initial: { x: 544, y: 600, width: 420, height: 260 }, operatorOnly: true },
  { id: 'assistant', title: 'Assistant', load: () => import('../assistant/AssistantWindow.vue'), initial: { x: 12, y: 56, width: 640, height: 560 } },
  { id: 'mindsEye', title: "Mind's Eye", load: () => import('../assistant/MindsEyeWindow.vue'), initial: { x: 664, y: 56, width: 560, height: 480 } },
  { id: 'fleetBoard', title: 'Fleet board', load: () => import('../fleetboard/FleetBoardWindow.vue'), initial: { x: 120, y: 70, width: 1200, height: 640 } },
  { id: 'pluginHealth', title: 'Plugin health', load: () => import('../health/PluginHealthWindow.vue'), initial: { x: 300, y: 90, width: 720, height: 420 } },
  { id: 'radar', title: 'Radar', load: () => import('../radar/RadarWindow.vue'), initial: { x: 700, y: 120, width: 560, height: 440 } },
  { id: 'dungeon', title: 'Dungeon map', load: () => import('../dungeon/DungeonWindow.vue'), initial: { x: 640, y: 160, width: 520, height: 500 } },
  { id: 'fellowship', title: 'Vital sharing', load: () => import('../fellowship/FellowshipWindow.vue'), initial: { x: 900, y: 200, width: 460, height: 420 } },
  { id: 'accounts', title: 'Accounts', load: () => import('../accounts/AccountsWindow.vue'), initial: { x: 240, y: 70, width: 660, height: 560 }, adminOnly: true },
  { id: 'password', title: 'Change password', load: () => import('../session/ChangePasswordWindow.vue'), initial: { x: 676, y: 56, width: 340, height: 330 }, userMenu: true },
];

/** The definition of `id`. */
export function windowDefinition(id: WindowId): WindowDefinition {
  const definition = WINDOWS.find((candidate) => candidate.id === id);
  if (!definition) throw new Error(`no window named ${id}`);
  return definition;
}
