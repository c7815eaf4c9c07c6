/**
 * The frames the simulator sends, as plain JSON-ready objects (lib/protocol/PROTOCOL.md,
 * version 1). These types describe what the simulator produces; what ingest
 * accepts is defined by lib/protocol.
 */

export const damageElements = ['slash', 'pierce', 'bludgeon', 'fire', 'cold', 'acid', 'electric', 'nether'] as const;
export type DamageElement = (typeof damageElements)[number];

/** Fields every frame carries. `timestamp` is ISO-8601 or epoch ms: characters differ, as plugins do. */
export interface Envelope {
  character_name: string;
  timestamp: string | number;
  session_id: string;
}

export interface Position {
  ew: number;
  ns: number;
  z: number;
  heading?: number;
  landblock?: string;
}

export interface TelemetryFrame extends Envelope, Position {
  type: 'telemetry';
  kills: number;
  deaths: number;
  rares_found: number;
  prismatic_taper_count: number;
  kills_per_hour: number;
  onlinetime: string | number;
  vt_state: string;
  mem_mb: number;
  cpu_pct: number;
  latency_ms: number;
}

export interface VitalsPayload {
  health_pct: number;
  stamina_pct: number;
  mana_pct: number;
  vitae_pct: number;
  health_current: number;
  health_max: number;
  stamina_current: number;
  stamina_max: number;
  mana_current: number;
  mana_max: number;
}

export interface VitalsFrame extends Envelope, VitalsPayload {
  type: 'vitals';
}

export interface ShareVitalsFrame extends Envelope, VitalsPayload {
  type: 'share_vitals';
  group: string;
}

export interface CharacterStatsFrame extends Envelope {
  type: 'character_stats';
  level: number;
  race: string;
  gender: string;
  birth: string;
  total_xp: number;
  unassigned_xp: number;
  skill_credits: number;
  deaths: number;
  luminance: number;
  title: string;
  attributes: Record<string, { base: number; creation: number }>;
  vitals: Record<string, { base: number }>;
  skills: Record<string, { base: number; training: string }>;
  allegiance: { name: string; monarch: string; patron: string; rank: number; followers: number };
}

export interface WieldRequirement {
  skill: string;
  level: number;
}

export interface ItemRatings {
  damage?: number;
  damage_resist?: number;
  crit?: number;
  crit_damage?: number;
  crit_resist?: number;
  crit_damage_resist?: number;
  heal_boost?: number;
  vitality?: number;
}

/** An inventory item. Only the properties that apply to the item are present. */
export interface Item {
  id: number;
  name: string;
  object_class: string;
  container_id: number;
  equipped_slot: string | null;
  value: number;
  burden: number;
  material?: string;
  set_name?: string;
  armor_level?: number;
  coverage?: string[];
  valid_slots?: string[];
  spells?: string[];
  tinks?: number;
  workmanship?: number;
  imbue?: string;
  max_damage?: number;
  attack_bonus?: number;
  melee_defense_bonus?: number;
  magic_defense_bonus?: number;
  mana?: number;
  max_mana?: number;
  spellcraft?: number;
  wield_requirements?: WieldRequirement[];
  ratings?: ItemRatings;
  /** Not in the protocol's item list: kept raw by ingest, as real plugins send such extras. */
  stack_size?: number;
  items_capacity?: number;
}

export interface FullInventoryFrame extends Envelope {
  type: 'full_inventory';
  items: Item[];
}

export type InventoryDeltaFrame = Envelope &
  ({ type: 'inventory_delta'; action: 'add' | 'update'; item: Item } | { type: 'inventory_delta'; action: 'remove'; item: { id: number } });

export interface CantripEffect {
  spell_id: number;
  name: string;
  /** Seconds left; -1 for spells of worn items, which last while the item is worn. */
  duration_s: number;
  caster: string;
}

export interface EquipmentCantripStateFrame extends Envelope {
  type: 'equipment_cantrip_state';
  effects: CantripEffect[];
}

export interface PortalFrame extends Envelope, Position {
  type: 'portal';
  portal_name: string;
}

export interface SpawnFrame extends Envelope, Position {
  type: 'spawn';
  monster_name: string;
}

export interface ChatFrame extends Envelope {
  type: 'chat';
  channel: string;
  text: string;
  color: number;
  sender?: string;
}

export interface QuestTimer {
  name: string;
  solves: number;
  max_solves: number;
  completed_at: string;
  available_in_s: number;
}

export interface QuestFrame extends Envelope {
  type: 'quest';
  quests: QuestTimer[];
}

export interface RareFrame extends Envelope, Position {
  type: 'rare';
  name: string;
}

export interface NearbyObject extends Position {
  id: number;
  name: string;
  object_class: string;
  distance: number;
}

export interface NearbyObjectsFrame extends Envelope {
  type: 'nearby_objects';
  objects: NearbyObject[];
}

export interface OffenseTally {
  hits: number;
  misses: number;
  crits: number;
  damage: number;
  max_hit: number;
}

export interface DefenseTally {
  hits: number;
  evades: number;
  resists: number;
  damage: number;
}

export interface MonsterTally {
  kills: number;
  offense: Partial<Record<DamageElement, OffenseTally>>;
  defense: Partial<Record<DamageElement, DefenseTally>>;
}

export interface CombatStatsFrame extends Envelope {
  type: 'combat_stats';
  session: { monsters: Record<string, MonsterTally> };
}

export interface DungeonMapFrame extends Envelope {
  type: 'dungeon_map';
  landblock: string;
  tiles: readonly { readonly x: number; readonly y: number; readonly kind: string; readonly z: number; readonly rotation: number; readonly environment_id: number }[];
}

/** Every frame a simulated plugin sends. */
export type Frame =
  | TelemetryFrame
  | VitalsFrame
  | CharacterStatsFrame
  | FullInventoryFrame
  | InventoryDeltaFrame
  | EquipmentCantripStateFrame
  | PortalFrame
  | SpawnFrame
  | ChatFrame
  | QuestFrame
  | RareFrame
  | NearbyObjectsFrame
  | CombatStatsFrame
  | ShareVitalsFrame
  | DungeonMapFrame;

export type FrameType = Frame['type'];

/** The 15 frame types of protocol version 1, in the order of lib/protocol/PROTOCOL.md. */
export const frameTypes: readonly FrameType[] = [
  'telemetry',
  'vitals',
  'character_stats',
  'full_inventory',
  'inventory_delta',
  'equipment_cantrip_state',
  'portal',
  'spawn',
  'chat',
  'quest',
  'rare',
  'nearby_objects',
  'combat_stats',
  'share_vitals',
  'dungeon_map',
];

/** Frames ingest sends to a plugin. */
export interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
  ref?: { type?: string; character_name?: string };
}

export interface CommandFrame {
  type: 'command';
  command: string;
  character_name?: string;
}
