/**
 * Dereth as the simulator knows it: towns, hunting grounds, dungeons, portals
 * and monsters, with approximate map coordinates (`ns` north positive, `ew` east
 * positive, in map units; one map unit is 240 m, a landblock 0.8 units).
 * Everything here is a constant of the world, the same for every fleet.
 */

import { derethPlace } from '@lifestone/lib/game/places';
import { Random } from './random.js';
import type { DamageElement } from './frames.js';

/** The walkable map: positions are clamped inside it. */
export const MAP_MIN = -101.9;
export const MAP_MAX = 101.9;
/** Metres per map unit, for radar distances. */
export const METRES_PER_UNIT = 240;

export interface Place {
  readonly name: string;
  readonly ns: number;
  readonly ew: number;
  /** Towns have a lifestone; characters recall to them. */
  readonly town: boolean;
}

/** A place of Dereth where the game has it (`lib/game`: the map labels the same spot). */
function inDereth(name: string, town: boolean): Place {
  const { ns, ew } = derethPlace(name);
  return Object.freeze({ name, ns, ew, town });
}

export const places: readonly Place[] = [
  inDereth('Holtburg', true),
  inDereth('Arwic', true),
  inDereth('Shoushi', true),
  inDereth('Yaraq', true),
  inDereth('Cragstone', true),
  inDereth('Rithwic', true),
  inDereth('Zaikhal', true),
  inDereth('Sawato', true),
  inDereth('Hebian-To', true),
  inDereth('Tufa', true),
  inDereth('Samsur', true),
  inDereth('Al-Arqas', true),
  inDereth("Qalaba'r", true),
  inDereth('Glenden Wood', true),
  inDereth('Eastham', true),
  inDereth('Lytelthorpe', true),
  inDereth('Lin', true),
  inDereth('Baishi', true),
  inDereth('Mayoi', true),
  inDereth('Nanto', true),
  inDereth('Xarabydun', true),
  inDereth('Uziz', true),
  inDereth('Tou-Tou', true),
  inDereth('Ayan Baqur', true),
  inDereth('Kara', true),
  inDereth('Plateau Village', true),
  inDereth('Candeth Keep', true),
  inDereth('Fort Tethana', true),
  inDereth('Stonehold', true),
  inDereth("Danby's Outpost", true),
  inDereth('Bandit Castle', false),
  inDereth('Dryreach', true),
  inDereth('Linvak Tukal', true),
];

export interface Monster {
  readonly name: string;
  /** Elements it deals damage with (defense side of combat_stats). */
  readonly attacks: readonly DamageElement[];
  /** Rough hit points, so stronger monsters take more swings. */
  readonly health: number;
  /** Experience for a kill. */
  readonly xp: number;
}

export const monsters: readonly Monster[] = [
  { name: 'Olthoi Soldier', attacks: ['slash', 'acid'], health: 1800, xp: 310_000 },
  { name: 'Olthoi Ripper', attacks: ['slash', 'pierce'], health: 2200, xp: 420_000 },
  { name: 'Drudge Skulker', attacks: ['bludgeon'], health: 350, xp: 12_000 },
  { name: 'Drudge Ravener', attacks: ['bludgeon', 'pierce'], health: 900, xp: 95_000 },
  { name: 'Banderling Scout', attacks: ['bludgeon', 'slash'], health: 420, xp: 18_000 },
  { name: 'Banderling Guard', attacks: ['bludgeon'], health: 800, xp: 70_000 },
  { name: 'Tusker Guard', attacks: ['bludgeon', 'slash'], health: 1200, xp: 160_000 },
  { name: 'Tusker Slave', attacks: ['bludgeon'], health: 700, xp: 60_000 },
  { name: 'Mosswart Mumbler', attacks: ['cold', 'bludgeon'], health: 380, xp: 15_000 },
  { name: 'Mosswart Worshipper', attacks: ['cold', 'acid'], health: 640, xp: 44_000 },
  { name: 'Shadow Child', attacks: ['nether', 'slash'], health: 1500, xp: 240_000 },
  { name: 'Shadow Sprite', attacks: ['nether', 'cold'], health: 1100, xp: 180_000 },
  { name: 'Virindi Profatrix', attacks: ['fire', 'electric', 'nether'], health: 2600, xp: 520_000 },
  { name: 'Virindi Quidus', attacks: ['fire', 'cold'], health: 1900, xp: 330_000 },
  { name: 'Lugian Sentinel', attacks: ['bludgeon'], health: 2400, xp: 380_000 },
  { name: 'Lugian Juggernaut', attacks: ['bludgeon', 'pierce'], health: 3100, xp: 560_000 },
  { name: 'Golem of Clay', attacks: ['bludgeon'], health: 1300, xp: 150_000 },
  { name: 'Obsidian Golem', attacks: ['bludgeon', 'fire'], health: 2800, xp: 470_000 },
  { name: 'Mattekar', attacks: ['slash', 'cold'], health: 900, xp: 80_000 },
  { name: 'Reedshark', attacks: ['pierce'], health: 600, xp: 36_000 },
  { name: 'Grievver', attacks: ['slash', 'nether'], health: 2000, xp: 360_000 },
  { name: 'Monouga', attacks: ['bludgeon', 'cold'], health: 1000, xp: 110_000 },
  { name: 'Phyntos Wasp', attacks: ['pierce', 'acid'], health: 500, xp: 30_000 },
  { name: 'Armoredillo', attacks: ['bludgeon', 'pierce'], health: 750, xp: 55_000 },
  { name: 'Gurog Henchman', attacks: ['slash', 'bludgeon'], health: 2500, xp: 450_000 },
  { name: 'Rynthid Ravager', attacks: ['fire', 'slash'], health: 3000, xp: 600_000 },
  { name: 'Tumerok Gladiator', attacks: ['slash', 'pierce'], health: 1400, xp: 190_000 },
  { name: 'Sclavus Bandit', attacks: ['slash', 'electric'], health: 1100, xp: 120_000 },
  { name: 'Niffis Shell', attacks: ['pierce', 'cold'], health: 1700, xp: 260_000 },
  { name: 'Ursuin Guardian', attacks: ['slash', 'bludgeon'], health: 2100, xp: 340_000 },
];

const monsterIndex = new Map(monsters.map((m, i) => [m.name, i]));
function monsterIds(...names: string[]): number[] {
  return names.map((name) => {
    const index = monsterIndex.get(name);
    if (index === undefined) throw new Error(`unknown monster ${name}`);
    return index;
  });
}

export interface DungeonTile {
  readonly x: number;
  readonly y: number;
  readonly kind: string;
}

export interface Dungeon {
  /** Landblock of the dungeon as the plugin reports it, e.g. `0x01D90000`. */
  readonly landblock: string;
  /** High 16 bits of the landblock; cells inside add 0x0100.. to it. */
  readonly block: number;
  readonly tiles: readonly DungeonTile[];
}

export interface HuntingGround {
  readonly name: string;
  /** The place whose lifestone characters recall to before walking here. */
  readonly place: number;
  readonly ns: number;
  readonly ew: number;
  readonly monsters: readonly number[];
  /** Underground hunts report a dungeon landblock and send a `dungeon_map`. */
  readonly dungeon: Dungeon | null;
}

const tileKinds = ['corridor', 'corridor', 'corridor', 'room', 'room', 'stairs', 'door'] as const;

/** A dungeon layout: a random walk over a grid, the same for every fleet. */
function dungeonLayout(block: number): Dungeon {
  const random = new Random(block);
  const tiles: DungeonTile[] = [];
  const seen = new Set<number>();
  let x = 0;
  let y = 0;
  const count = random.int(24, 64);
  while (tiles.length < count) {
    const key = (x + 128) * 256 + (y + 128);
    if (!seen.has(key)) {
      seen.add(key);
      const kind = tiles.length === 0 ? 'portal' : random.pick(tileKinds);
      tiles.push(Object.freeze({ x: x * 10, y: y * 10, kind }));
    }
    const step = random.int(0, 3);
    if (step === 0) x++;
    else if (step === 1) x--;
    else if (step === 2) y++;
    else y--;
  }
  const landblock = `0x${block.toString(16).toUpperCase().padStart(4, '0')}0000`;
  return Object.freeze({ landblock, block, tiles: Object.freeze(tiles) });
}

function placeIndex(name: string): number {
  const index = places.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`unknown place ${name}`);
  return index;
}

/** Hunting grounds: an offset from their place of a few map units, or a dungeon entrance. */
function ground(name: string, place: string, dns: number, dew: number, monsterNames: string[], dungeonBlock?: number): HuntingGround {
  const p = places[placeIndex(place)] as Place;
  return Object.freeze({
    name,
    place: placeIndex(place),
    ns: round1(p.ns + dns),
    ew: round1(p.ew + dew),
    monsters: Object.freeze(monsterIds(...monsterNames)),
    dungeon: dungeonBlock === undefined ? null : dungeonLayout(dungeonBlock),
  });
}

export const huntingGrounds: readonly HuntingGround[] = [
  ground('Holtburg Drudge Camp', 'Holtburg', 1.6, -2.1, ['Drudge Skulker', 'Drudge Ravener']),
  ground('Halls of the Lost Light', 'Holtburg', -2.4, 1.8, ['Shadow Child', 'Shadow Sprite'], 0x01d9),
  ground('Glenden Wood Banderling Camp', 'Glenden Wood', 2.2, 1.1, ['Banderling Scout', 'Banderling Guard']),
  ground('Arwic Mosswart Bog', 'Arwic', -2.7, -1.9, ['Mosswart Mumbler', 'Mosswart Worshipper']),
  ground('Mosswart Maze', 'Arwic', 1.9, 2.6, ['Mosswart Worshipper', 'Mosswart Mumbler'], 0x01ab),
  ground('Cragstone Tusker Pass', 'Cragstone', 2.8, -1.2, ['Tusker Guard', 'Tusker Slave']),
  ground('Eastham Mine', 'Eastham', -1.5, 2.3, ['Golem of Clay', 'Drudge Ravener'], 0x0167),
  ground('Rithwic Reedshark Shore', 'Rithwic', -1.1, 2.9, ['Reedshark', 'Phyntos Wasp']),
  ground('Lytelthorpe Wasp Hills', 'Lytelthorpe', 2.1, -2.4, ['Phyntos Wasp', 'Armoredillo']),
  ground('Zaikhal Golem Sanctuary', 'Zaikhal', -2.6, 1.7, ['Golem of Clay', 'Obsidian Golem']),
  ground('Tufa Armoredillo Flats', 'Tufa', 1.4, 2.2, ['Armoredillo', 'Reedshark']),
  ground('Yaraq Sclavus Ruins', 'Yaraq', -2.0, -2.3, ['Sclavus Bandit', 'Tumerok Gladiator']),
  ground('Samsur Tumerok Outpost', 'Samsur', 2.4, -1.6, ['Tumerok Gladiator', 'Sclavus Bandit']),
  ground('Al-Arqas Virindi Fort', 'Al-Arqas', -1.8, 2.5, ['Virindi Quidus', 'Virindi Profatrix'], 0x02a4),
  ground('Xarabydun Grievver Nest', 'Xarabydun', 2.5, 1.3, ['Grievver', 'Niffis Shell']),
  ground('Uziz Mattekar Plains', 'Uziz', -1.3, -2.6, ['Mattekar', 'Monouga']),
  ground("Danby's Olthoi Fields", "Danby's Outpost", 2.7, 2.0, ['Olthoi Soldier', 'Olthoi Ripper']),
  ground('Shoushi Monouga Caves', 'Shoushi', 1.7, -2.4, ['Monouga', 'Mattekar'], 0x0312),
  ground('Hebian-To Niffis Beach', 'Hebian-To', -2.2, 1.4, ['Niffis Shell', 'Reedshark']),
  ground('Sawato Ursuin Woods', 'Sawato', 2.3, 2.1, ['Ursuin Guardian', 'Mattekar']),
  ground('Lin Shadow Spire', 'Lin', -1.6, -2.8, ['Shadow Child', 'Grievver'], 0x0451),
  ground('Baishi Virindi Vale', 'Baishi', 2.6, -1.1, ['Virindi Profatrix', 'Shadow Sprite']),
  ground('Mayoi Gurog Camp', 'Mayoi', -2.3, -1.9, ['Gurog Henchman', 'Ursuin Guardian']),
  ground('Nanto Olthoi Hive', 'Nanto', 1.8, 2.4, ['Olthoi Ripper', 'Olthoi Soldier'], 0x0506),
  ground('Tou-Tou Rynthid Rift', 'Tou-Tou', -2.5, -2.0, ['Rynthid Ravager', 'Gurog Henchman']),
  ground('Ayan Baqur Lugian Citadel', 'Ayan Baqur', 2.2, 2.7, ['Lugian Sentinel', 'Lugian Juggernaut'], 0x0619),
  ground('Plateau Gurog Ridge', 'Plateau Village', -2.6, 1.5, ['Gurog Henchman', 'Lugian Sentinel']),
  ground('Kara Olthoi Beach', 'Kara', 2.4, -2.2, ['Olthoi Soldier', 'Niffis Shell']),
  ground('Candeth Keep Lugian Pass', 'Candeth Keep', 2.9, 1.6, ['Lugian Juggernaut', 'Lugian Sentinel']),
  ground('Fort Tethana Lugian Fields', 'Fort Tethana', -2.1, 2.4, ['Lugian Sentinel', 'Tusker Guard']),
  ground('Stonehold Tusker Caves', 'Stonehold', 1.5, -2.7, ['Tusker Guard', 'Tusker Slave'], 0x0722),
  ground("Qalaba'r Grievver Dunes", "Qalaba'r", -2.4, 2.2, ['Grievver', 'Rynthid Ravager']),
  ground('Bandit Castle Courtyard', 'Bandit Castle', 0.6, 0.8, ['Sclavus Bandit', 'Tumerok Gladiator']),
  ground('Dryreach Mosswart Marsh', 'Dryreach', -2.2, -1.4, ['Mosswart Mumbler', 'Reedshark']),
  ground('Linvak Tukal Olthoi Lair', 'Linvak Tukal', 2.0, 1.9, ['Olthoi Ripper', 'Gurog Henchman'], 0x0833),
];

/** The hunting grounds near each place, by place index. */
export const groundsByPlace: readonly (readonly number[])[] = places.map((_, p) =>
  huntingGrounds.flatMap((g, i) => (g.place === p ? [i] : [])),
);

export interface Portal {
  readonly name: string;
  /** Exact world position, on a 0.1 grid so sightings jittered by < 0.05 round to it. */
  readonly ns: number;
  readonly ew: number;
  readonly z: number;
}

/**
 * Portals seen at each place (by place index) and at each dungeon entrance
 * (by hunting ground index).
 */
export const portalsByPlace: readonly (readonly Portal[])[] = places.map((place, p) => {
  const random = new Random(0x5107 + p);
  const destinations = random.sample(
    places.filter((other) => other.town && other !== place),
    2,
  );
  return Object.freeze(
    destinations.map((destination) => {
      const ns = round1(place.ns + random.range(-0.6, 0.6));
      const ew = round1(place.ew + random.range(-0.6, 0.6));
      return Object.freeze({ name: `Portal to ${destination.name}`, ns, ew, z: round2(altitude(ew, ns)) });
    }),
  );
});

export const portalsByGround: readonly (Portal | null)[] = huntingGrounds.map((g) =>
  g.dungeon ? Object.freeze({ name: g.name, ns: g.ns, ew: g.ew, z: round2(altitude(g.ew, g.ns)) }) : null,
);

/** Town folk a radar sweep shows. */
export const npcNames = [
  'Town Crier', 'Shopkeeper', 'Armorer', 'Weaponsmith', 'Jeweler', 'Provisioner', 'Bowyer', 'Healer',
  'Archmage', 'Barkeeper', 'Scribe', 'Tailor', 'Collector', 'Royal Guard', 'Agent of the Arcanum',
] as const;

/**
 * Altitude in metres: rolling hills, smooth at walking scale (a character moves
 * about 0.1 map unit between telemetry frames).
 */
export function altitude(ew: number, ns: number): number {
  return (
    120 +
    60 * Math.sin(ew * 0.071 + 1.3) * Math.cos(ns * 0.053 - 0.4) +
    18 * Math.sin((ew - ns) * 0.31) +
    6 * Math.cos(ew * 0.9 + ns * 0.7)
  );
}

const hex2 = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/**
 * The outdoor landblock id of a map position, as AC writes it (`0xXXYY00CC`):
 * landblock x/y are the 8-cell (192 m) squares counted from the south-west
 * corner, CC the 24 m cell inside it, numbered from 1. Holtburg (42.1N 33.6E)
 * is `0xA9B40019`.
 */
export function landblockOf(ew: number, ns: number): string {
  const cellX = clamp((ew + 101.95) * 10, 0, 2039.99);
  const cellY = clamp((ns + 101.95) * 10, 0, 2039.99);
  const bx = Math.floor(cellX / 8);
  const by = Math.floor(cellY / 8);
  const cell = Math.floor(cellX - bx * 8) * 8 + Math.floor(cellY - by * 8) + 1;
  return `0x${hex2[bx]}${hex2[by]}00${hex2[cell]}`;
}

/** A cell inside a dungeon: `0xBBBB01CC`, the cell number growing with distance from the entrance. */
export function dungeonCellOf(dungeon: Dungeon, offsetEw: number, offsetNs: number): string {
  const cell = 0x100 + (Math.floor(Math.abs(offsetEw) * 400 + Math.abs(offsetNs) * 200) % 0x200);
  return `0x${hex2[dungeon.block >> 8]}${hex2[dungeon.block & 0xff]}${hex2[cell >> 8]}${hex2[cell & 0xff]}`;
}

/** Compass heading in degrees (0 north, 90 east) of a move by (dew, dns). */
export function headingOf(dew: number, dns: number): number {
  const degrees = (Math.atan2(dew, dns) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
