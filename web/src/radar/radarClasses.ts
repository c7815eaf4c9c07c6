/**
 * What the radar shows of an object's class: the plugin sends the game's
 * object class (Decal's `ObjectClass` names: `Monster`, `Npc`, `MeleeWeapon`
 * ...); the radar groups them into the few kinds a player tells apart.
 */

/** The kinds the radar colours and filters by, in the order the filter offers them. */
export const RADAR_CLASSES = ['monster', 'player', 'npc', 'portal', 'item', 'corpse', 'door', 'container', 'other'] as const;

/** One kind of radar object. */
export type RadarClass = (typeof RADAR_CLASSES)[number];

/** What each kind is called on screen. */
export const RADAR_CLASS_LABELS: Readonly<Record<RadarClass, string>> = {
  monster: 'Monsters',
  player: 'Players',
  npc: 'NPCs',
  portal: 'Portals',
  item: 'Items',
  corpse: 'Corpses',
  door: 'Doors',
  container: 'Containers',
  other: 'Other',
};

/** The colour of each kind's dot and chip. */
export const RADAR_CLASS_COLOURS: Readonly<Record<RadarClass, string>> = {
  monster: '#f85149',
  player: '#58a6ff',
  npc: '#e3b341',
  portal: '#bc8cff',
  item: '#3fb950',
  corpse: '#a0a8b3',
  door: '#d2a06b',
  container: '#46c2a8',
  other: '#6e7681',
};

const ITEM_CLASSES = [
  'meleeweapon', 'missileweapon', 'wandstafforb', 'armor', 'clothing', 'jewelry', 'food', 'money', 'misc', 'gem',
  'spellcomponent', 'key', 'tradenote', 'manastone', 'plant', 'basecooking', 'basealchemy', 'basefletching',
  'craftedcooking', 'craftedalchemy', 'craftedfletching', 'healingkit', 'lockpick', 'bundle', 'book', 'journal',
  'foci', 'salvage', 'ust', 'scroll', 'item',
];

const CLASS_OF: ReadonlyMap<string, RadarClass> = new Map<string, RadarClass>([
  ['monster', 'monster'],
  ['player', 'player'],
  ['npc', 'npc'],
  ['vendor', 'npc'],
  ['portal', 'portal'],
  ['corpse', 'corpse'],
  ['door', 'door'],
  ['container', 'container'],
  ['chest', 'container'],
  ...ITEM_CLASSES.map((name) => [name, 'item'] as const),
  // Minecraft entities, by mineflayer's type: mobs that attack are monsters, the other creatures are like NPCs.
  ['hostile', 'monster'],
  ['animal', 'npc'],
  ['passive', 'npc'],
  ['water_creature', 'npc'],
  ['ambient', 'npc'],
]);

/** The radar kind of the plugin's `object_class` (any case, spaces and underscores ignored); unknown or missing: `other`. */
export function radarClassOf(objectClass: string | null | undefined): RadarClass {
  if (!objectClass) return 'other';
  return CLASS_OF.get(objectClass.toLowerCase().replace(/[\s_-]/g, '')) ?? 'other';
}
