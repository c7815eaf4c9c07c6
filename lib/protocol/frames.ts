import { z } from 'zod';
import { FrameType, frameTypeAliases, frameTypes } from './constants.js';
import {
  characterName,
  coordinate,
  count,
  documented,
  duration,
  integer,
  label,
  landblock,
  namedMap,
  numeric,
  optional,
  orNull,
  percent,
  required,
  text,
  timestamp,
  wideCount,
  wideInteger,
  zeroIfMissing,
} from './fields.js';

/**
 * Schemas of the frames a plugin sends (lib/protocol/PROTOCOL.md). Top-level frame
 * objects strip unknown keys: the parser moves them into `extra`. Nested
 * objects are loose: items, quests, effects and the like keep unknown keys in
 * place, because storage keeps their raw JSON.
 */

/** The frame's `type`, with its aliases accepted on the wire and replaced by the type itself. */
function typeField<T extends FrameType>(type: T) {
  const aliases = Object.keys(frameTypeAliases).filter((alias) => frameTypeAliases[alias] === type);
  return z.literal([type, ...aliases]).transform((): T => type);
}

const envelope = {
  character_name: documented(required(characterName), 'Normalised to NFC. Refused as INVALID_CHARACTER_NAME with a control or invisible character (zero-width, bidi override...) or white space at either end.'),
  timestamp: documented(optional(timestamp), 'When the plugin observed it; missing or null: the time ingest received the frame.'),
  session_id: documented(optional(label), 'Changes at each login; scopes session counters. A number is turned into a string.'),
};

function frame<T extends FrameType, S extends z.core.$ZodLooseShape>(type: T, payload: S, description: string) {
  return documented(z.object({ type: typeField(type), ...envelope, ...payload }), description);
}

/** Where something is, in map coordinates. */
const position = {
  ew: documented(required(coordinate), 'East-west map coordinate, east positive (about -102..102).'),
  ns: documented(required(coordinate), 'North-south map coordinate, north positive (about -102..102).'),
  z: documented(required(numeric), 'Altitude.'),
  heading: documented(optional(numeric), 'Degrees.'),
  landblock: documented(optional(landblock), 'Stored as 0x and 8 upper-case hex digits.'),
};

const itemRatings = z.looseObject({
  damage: optional(integer),
  damage_resist: optional(integer),
  crit: optional(integer),
  crit_damage: optional(integer),
  crit_resist: optional(integer),
  crit_damage_resist: optional(integer),
  heal_boost: optional(integer),
  vitality: optional(integer),
});

const wieldRequirement = z.looseObject({ skill: required(label), level: required(integer) });

const inventoryItem = z.looseObject({
  id: documented(required(wideInteger), 'Unique per character.'),
  name: required(text),
  object_class: optional(label),
  container_id: documented(optional(wideInteger), '0 = carried on the body.'),
  equipped_slot: documented(optional(label), 'null when not wielded.'),
  value: optional(wideInteger),
  burden: optional(integer),
  material: optional(text),
  set_name: optional(text),
  armor_level: optional(integer),
  coverage: documented(orNull(z.array(required(label))), 'Body slots the item covers.'),
  valid_slots: documented(orNull(z.array(required(label))), 'Slots the game says the item may be worn in (its valid locations); the suitbuilder derives them from coverage, object_class and equipped_slot when absent.'),
  spells: documented(orNull(z.array(required(text))), 'Spell names.'),
  tinks: optional(count),
  workmanship: optional(numeric),
  imbue: optional(label),
  max_damage: optional(numeric),
  attack_bonus: optional(numeric),
  melee_defense_bonus: optional(numeric),
  magic_defense_bonus: optional(numeric),
  mana: optional(integer),
  max_mana: optional(integer),
  spellcraft: optional(integer),
  wield_requirements: orNull(z.array(wieldRequirement)),
  ratings: orNull(itemRatings),
});

/** For `inventory_delta` with `action: remove`, the id alone suffices; anything else is kept as sent. */
const itemRef = z.looseObject({ id: required(wideInteger) });

const vitals = {
  health_pct: required(percent),
  stamina_pct: required(percent),
  mana_pct: required(percent),
  vitae_pct: documented(optional(percent), 'Death penalty; 0 when none.'),
  health_current: optional(count),
  health_max: optional(count),
  stamina_current: optional(count),
  stamina_max: optional(count),
  mana_current: optional(count),
  mana_max: optional(count),
};

const cantripEffect = z.looseObject({
  spell_id: required(integer),
  name: optional(text),
  duration_s: optional(numeric),
  caster: optional(text),
});

const questTimer = z.looseObject({
  name: required(text),
  solves: optional(count),
  max_solves: optional(count),
  completed_at: optional(timestamp),
  available_in_s: documented(optional(duration), 'Whole seconds (fractions dropped).'),
});

const nearbyObject = z.looseObject({
  id: documented(required(wideInteger), 'The game object id (unsigned 32-bit in the game).'),
  name: optional(text),
  object_class: optional(label),
  ...position,
  distance: optional(numeric),
});

const elementOffense = z.looseObject({
  hits: zeroIfMissing(count),
  misses: zeroIfMissing(count),
  crits: zeroIfMissing(count),
  damage: zeroIfMissing(count),
  max_hit: zeroIfMissing(count),
});

const elementDefense = z.looseObject({
  hits: zeroIfMissing(count),
  evades: zeroIfMissing(count),
  resists: zeroIfMissing(count),
  damage: zeroIfMissing(count),
});

const byElement = 'Keyed by damage element: slash, pierce, bludgeon, fire, cold, acid, electric, nether (other names are kept).';

const monsterCombat = z.looseObject({
  kills: zeroIfMissing(count),
  offense: documented(namedMap(elementOffense), byElement),
  defense: documented(namedMap(elementDefense), byElement),
});

const combatSession = z.looseObject({
  monsters: documented(namedMap(monsterCombat), 'Keyed by monster name.'),
});

const characterAllegiance = z.looseObject({
  name: optional(text),
  monarch: optional(text),
  patron: optional(text),
  rank: optional(count),
  followers: optional(count),
});

const dungeonTile = z.looseObject({
  x: documented(required(integer), 'Column: east-west offset of the cell in the landblock, in metres.'),
  y: documented(required(integer), 'Row: north-south offset of the cell in the landblock, in metres.'),
  kind: optional(label),
  z: documented(optional(numeric), "The cell's altitude: tiles of one dungeon level share it."),
  rotation: documented(optional(numeric), "The cell's rotation, in degrees clockwise (0, 90, 180, 270)."),
  environment_id: documented(optional(count), "The game's environment (cell geometry) id, e.g. 218104603 (0x0D00001B)."),
});

/** One schema per frame type, keyed by type. Parse with `parseFrame`, which also resolves aliases and fills `extra`. */
export const frameSchemas = {
  telemetry: frame(
    FrameType.telemetry,
    {
      ...position,
      kills: optional(count),
      deaths: optional(count),
      rares_found: optional(count),
      prismatic_taper_count: optional(count),
      kills_per_hour: optional(numeric),
      onlinetime: documented(optional(duration), 'Stored as whole seconds.'),
      vt_state: documented(optional(text), 'e.g. Combat, Navigating, Idle.'),
      mem_mb: optional(numeric),
      cpu_pct: optional(numeric),
      latency_ms: optional(numeric),
    },
    'Position and session counters, sent every 2 s.',
  ),
  vitals: frame(FrameType.vitals, vitals, 'Health, stamina and mana.'),
  character_stats: frame(
    FrameType.character_stats,
    {
      level: required(count),
      race: optional(label),
      gender: optional(label),
      birth: optional(label),
      total_xp: optional(wideCount),
      unassigned_xp: optional(wideCount),
      skill_credits: optional(count),
      deaths: optional(count),
      luminance: optional(wideCount),
      title: optional(label),
      attributes: orNull(z.record(z.string(), z.looseObject({ base: required(integer), creation: optional(integer) }))),
      vitals: orNull(z.record(z.string(), z.looseObject({ base: required(integer) }))),
      skills: orNull(z.record(z.string(), z.looseObject({ base: required(integer), training: optional(label) }))),
      allegiance: orNull(characterAllegiance),
    },
    'The character sheet, on login and then every 10 min.',
  ),
  full_inventory: frame(
    FrameType.full_inventory,
    { items: z.array(inventoryItem) },
    'The complete inventory at login; replaces what was stored. Also accepted as type "inventory".',
  ),
  inventory_delta: documented(
    z.discriminatedUnion('action', [
      frame(FrameType.inventory_delta, { action: z.enum(['add', 'update']), item: inventoryItem }, 'An item added or changed.'),
      frame(FrameType.inventory_delta, { action: z.literal('remove'), item: itemRef }, 'An item gone; item.id suffices.'),
    ]),
    'One inventory change.',
  ),
  equipment_cantrip_state: frame(
    FrameType.equipment_cantrip_state,
    { effects: z.array(cantripEffect) },
    'Spells active on the character.',
  ),
  portal: frame(FrameType.portal, { portal_name: required(text), ...position }, 'A portal seen.'),
  spawn: frame(FrameType.spawn, { monster_name: required(text), ...position }, 'A monster spawned.'),
  chat: frame(
    FrameType.chat,
    {
      channel: documented(required(text), 'e.g. General, Trade, Fellowship, Allegiance, Tell, Local.'),
      text: required(text),
      color: optional(integer),
      sender: optional(text),
    },
    'A chat line.',
  ),
  quest: frame(FrameType.quest, { quests: z.array(questTimer) }, 'Quest timers.'),
  rare: frame(FrameType.rare, { name: documented(required(text), 'Item name.'), ...position }, 'A rare item found.'),
  nearby_objects: frame(FrameType.nearby_objects, { objects: z.array(nearbyObject) }, 'What the radar sees.'),
  combat_stats: frame(
    FrameType.combat_stats,
    { session: combatSession },
    'A cumulative snapshot of the current session, per monster and damage element.',
  ),
  share_vitals: frame(
    FrameType.share_vitals,
    { ...vitals, group: documented(required(text), 'Fellowship name.') },
    'Vitals relayed to the other plugins of the same group.',
  ),
  dungeon_map: frame(
    FrameType.dungeon_map,
    { landblock: required(landblock), tiles: z.array(dungeonTile) },
    'The tiles of a dungeon.',
  ),
} satisfies Record<FrameType, z.ZodType>;

function topLevelFieldNames(schema: z.ZodType): ReadonlySet<string> {
  const objects = schema instanceof z.ZodDiscriminatedUnion ? schema.options : [schema];
  return new Set(objects.flatMap((object) => (object instanceof z.ZodObject ? Object.keys(object.shape) : [])));
}

/** The properties of an inventory item the protocol names; storage keeps any other in the item's `extra`. */
export const itemFieldNames: ReadonlySet<string> = new Set(Object.keys(inventoryItem.shape));

/** The top-level field names of each frame type; any other top-level field goes to `extra`. */
export const frameFieldNames = Object.fromEntries(
  frameTypes.map((type) => [type, topLevelFieldNames(frameSchemas[type])]),
) as Readonly<Record<FrameType, ReadonlySet<string>>>;

/**
 * A frame as the parser hands it over: `timestamp` always set (the receive
 * time when the plugin sent none) and the unknown top-level fields in `extra`
 * (empty when none).
 */
type Received<Wire> = Wire extends unknown
  ? { [K in keyof Wire]: K extends 'timestamp' ? Date : Wire[K] } & { extra: Record<string, unknown> }
  : never;

/** The parsed frame of one type. */
export type FrameOf<T extends FrameType> = Received<z.output<(typeof frameSchemas)[T]>>;
/** Any parsed frame; `type` tells which. */
export type Frame = { [T in FrameType]: FrameOf<T> }[FrameType];

export type TelemetryFrame = FrameOf<'telemetry'>;
export type VitalsFrame = FrameOf<'vitals'>;
export type CharacterStatsFrame = FrameOf<'character_stats'>;
export type FullInventoryFrame = FrameOf<'full_inventory'>;
export type InventoryDeltaFrame = FrameOf<'inventory_delta'>;
export type EquipmentCantripStateFrame = FrameOf<'equipment_cantrip_state'>;
export type PortalFrame = FrameOf<'portal'>;
export type SpawnFrame = FrameOf<'spawn'>;
export type ChatFrame = FrameOf<'chat'>;
export type QuestFrame = FrameOf<'quest'>;
export type RareFrame = FrameOf<'rare'>;
export type NearbyObjectsFrame = FrameOf<'nearby_objects'>;
export type CombatStatsFrame = FrameOf<'combat_stats'>;
export type ShareVitalsFrame = FrameOf<'share_vitals'>;
export type DungeonMapFrame = FrameOf<'dungeon_map'>;

export type Position = z.output<z.ZodObject<typeof position>>;
/** An inventory item; unknown properties are kept as sent. */
export type InventoryItem = z.output<typeof inventoryItem>;
/** The item of an `inventory_delta` with `action: remove`. */
export type InventoryItemRef = z.output<typeof itemRef>;
export type ItemRatings = z.output<typeof itemRatings>;
export type WieldRequirement = z.output<typeof wieldRequirement>;
export type CantripEffect = z.output<typeof cantripEffect>;
export type QuestTimer = z.output<typeof questTimer>;
export type NearbyObject = z.output<typeof nearbyObject>;
export type CombatSession = z.output<typeof combatSession>;
export type MonsterCombat = z.output<typeof monsterCombat>;
export type ElementOffense = z.output<typeof elementOffense>;
export type ElementDefense = z.output<typeof elementDefense>;
export type CharacterAllegiance = z.output<typeof characterAllegiance>;
export type DungeonTile = z.output<typeof dungeonTile>;
