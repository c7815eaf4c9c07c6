/**
 * Inventories: what a character wears and carries, and how it changes.
 *
 * The inventories of 10,000 characters must not cost gigabytes, so an item is kept
 * as a few integers (its id, the seed its properties grow from, its template,
 * where it is, its tinks) and turned into a full JSON item only when a frame
 * needs it. The same record always gives the same item.
 */

import { Random } from './random.js';
import type { DamageElement, Item, ItemRatings } from './frames.js';

export const armorSets = [
  "Defender's Set", "Soldier's Set", "Adept's Set", "Archer's Set", 'Hearty Set', 'Dexterous Set', 'Wise Set', 'Swift Set', "Tinker's Set", "Crafter's Set",
] as const;

/** The weapon skill a character fights with decides its weapons, its damage elements and its cantrips. */
export const weaponSkills = ['Heavy Weapons', 'Light Weapons', 'Finesse Weapons', 'Two Handed Combat', 'Missile Weapons', 'War Magic', 'Void Magic'] as const;
export type WeaponSkill = (typeof weaponSkills)[number];

/** What the generator needs to know about the owner. */
export interface GearOwner {
  /** Fleet index: item ids are unique per character and spread over the fleet. */
  readonly index: number;
  readonly level: number;
  readonly weaponSkill: WeaponSkill;
  /** The element the character's weapons deal. */
  readonly element: DamageElement;
  /** Set worn on most pieces, and on the others. */
  readonly primarySet: number;
  readonly secondarySet: number;
  readonly swordAndBoard: boolean;
  readonly armorStyle: number;
  /** Mules hold the fleet's spare gear: more items, mostly armour and jewellery. */
  readonly mule?: boolean;
}

const tiers = ['Minor', 'Major', 'Epic', 'Legendary'] as const;
const tierWeights = [10, 30, 35, 25];

const armorCantrips = [
  'Strength', 'Endurance', 'Coordination', 'Quickness', 'Focus', 'Willpower', 'Invulnerability', 'Impenetrability',
  'Magic Resistance', 'Acid Ward', 'Flame Ward', 'Frost Ward', 'Storm Ward', 'Bludgeoning Ward', 'Slashing Ward',
  'Piercing Ward', 'Armor', 'Healing Prowess', 'Mana Conversion Prowess', 'Arcane Prowess', 'Deception Prowess',
];
const jewelryCantrips = [
  'Strength', 'Endurance', 'Coordination', 'Quickness', 'Focus', 'Willpower', 'Magic Resistance', 'Acid Ward',
  'Flame Ward', 'Frost Ward', 'Storm Ward', 'Mana Conversion Prowess', 'Healing Prowess', 'Life Magic Aptitude',
  'Creature Enchantment Aptitude', 'Item Enchantment Aptitude', 'Salvaging Aptitude', 'Summoning Prowess',
];
const weaponCantrips = ['Blood Thirst', 'Heart Thirst', 'Defender', 'Swift Hunter', 'Spirit Thirst', 'Hermetic Link'];
const skillCantrip: Record<WeaponSkill, string> = {
  'Heavy Weapons': 'Heavy Weapon Aptitude',
  'Light Weapons': 'Light Weapon Aptitude',
  'Finesse Weapons': 'Finesse Weapon Aptitude',
  'Two Handed Combat': 'Two Handed Combat Aptitude',
  'Missile Weapons': 'Missile Weapon Aptitude',
  'War Magic': 'War Magic Aptitude',
  'Void Magic': 'Void Magic Aptitude',
};

/** Every item spell the simulator knows, for `equipment_cantrip_state` spell ids. */
export const itemSpellNames: readonly string[] = [
  ...new Set(
    [...armorCantrips, ...jewelryCantrips, ...weaponCantrips, ...Object.values(skillCantrip)].flatMap((base) => tiers.map((tier) => `${tier} ${base}`)),
  ),
].sort();

const metals = ['Steel', 'Iron', 'Silver', 'Gold', 'Bronze', 'Copper', 'Brass'];
const hides = ['Leather', 'Reedshark Hide', 'Armoredillo Hide', 'Gromnie Hide'];
const lacquered = ['Ceramic', 'Porcelain', 'Teak', 'Ebony', 'Mahogany', 'Oak'];
const cloth = ['Satin', 'Velvet', 'Silk', 'Linen', 'Wool'];
const woods = ['Teak', 'Ebony', 'Mahogany', 'Oak'];
const jewelryMaterials = ['Gold', 'Silver', 'Copper', 'Jet', 'Onyx', 'Sapphire', 'Emerald', 'Ruby', 'Diamond', 'Moonstone', 'Black Opal', 'Fire Opal'];
const salvageMaterials = [
  'Steel', 'Iron', 'Granite', 'Mahogany', 'Black Garnet', 'Imperial Topaz', 'Red Garnet', 'Jet', 'Velvet', 'Silk', 'Ebony', 'Oak',
  'Teak', 'Brass', 'Silver', 'Gold', 'Copper', 'Zircon', 'Peridot', 'Moonstone', 'Leather', 'Linen', 'Satin', 'Porcelain', 'Ceramic',
];

/** Armour families and the materials each is made of. */
const armorFamilies: readonly (readonly [string, readonly string[]])[] = [
  ['Celdon', metals], ['Lorica', metals], ['Platemail', metals], ['Scalemail', metals], ['Chainmail', metals], ['Covenant', metals],
  ['Amuli', hides], ['Yoroi', hides], ['Studded Leather', hides], ['Diforsa', hides],
  ['Koujia', lacquered], ['Nariyid', lacquered], ['Chiran', lacquered], ['Tenassa', lacquered], ['Alduressa', lacquered],
  ['Olthoi Celdon', metals], ['Olthoi Amuli', hides], ['Olthoi Koujia', lacquered],
];

/** Imbues that make sense on a weapon: the generic ones, or rending of the element it deals. */
function imbuesFor(element: DamageElement, caster: boolean): readonly string[] {
  const rending = `${element === 'electric' ? 'Lightning' : element.charAt(0).toUpperCase() + element.slice(1)} Rending`;
  return caster ? ['Crippling Blow', 'Critical Strike', rending] : ['Crippling Blow', 'Critical Strike', 'Armor Rending', rending];
}

const elementPrefix: Record<DamageElement, string> = {
  slash: '', pierce: '', bludgeon: '', fire: 'Flaming ', cold: 'Frost ', acid: 'Acid ', electric: 'Lightning ', nether: 'Nether ',
};

type Kind = 'armor' | 'shield' | 'underclothes' | 'jewelry' | 'trinket' | 'weapon' | 'container' | 'stack' | 'gem' | 'key' | 'salvage' | 'rare';

interface Template {
  readonly kind: Kind;
  readonly name: string;
  readonly objectClass: string;
  /** Where it is worn, when worn. */
  readonly slot: string | null;
  readonly coverage: readonly string[] | null;
  readonly burden: number;
  readonly value: number;
  readonly skill: WeaponSkill | null;
  /** Largest stack when stackable. */
  readonly stack: number;
}

function template(kind: Kind, name: string, objectClass: string, options: Partial<Template> = {}): Template {
  return Object.freeze({ kind, name, objectClass, slot: null, coverage: null, burden: 50, value: 100, skill: null, stack: 0, ...options });
}

function armor(name: string, slot: string, coverage: string[], burden: number): Template {
  return template('armor', name, 'Armor', { slot, coverage: Object.freeze(coverage), burden, value: 4000 });
}

function weapon(name: string, skill: WeaponSkill, burden: number): Template {
  const objectClass = skill === 'Missile Weapons' ? 'MissileWeapon' : skill === 'War Magic' || skill === 'Void Magic' ? 'WandStaffOrb' : 'MeleeWeapon';
  const slot = objectClass === 'MissileWeapon' ? 'MissileWeapon' : objectClass === 'WandStaffOrb' ? 'Held' : 'MeleeWeapon';
  return template('weapon', name, objectClass, { slot, burden, value: 6000, skill });
}

function stack(name: string, objectClass: string, largest: number, unitValue: number, unitBurden: number): Template {
  return template('stack', name, objectClass, { stack: largest, value: unitValue, burden: unitBurden });
}

const rareNames: readonly (readonly [string, string])[] = [
  ['Pearl of Blood Drinking', 'Gem'], ['Pearl of Heart Seeking', 'Gem'], ['Pearl of Spirit Drinking', 'Gem'],
  ['Dragonspine Bow', 'MissileWeapon'], ['Gelidite Tiara', 'Clothing'], ['Ruby Bracelet of Evasion', 'Jewelry'],
  ['Staff of All Aphus', 'WandStaffOrb'], ['Star of Tukal', 'Gem'], ['Shimmering Skeleton Key', 'Key'], ['Weeping Ring', 'Jewelry'],
  ['Hieroglyph of Item Enchantment Mastery', 'Gem'], ['Ideograph of War Magic Mastery', 'Gem'], ['Rune of Life Magic Mastery', 'Gem'],
  ['Adherent\'s Sword', 'MeleeWeapon'], ['Bracelet of Binding', 'Jewelry'], ["Champion's Demise", 'MeleeWeapon'],
  ['Eye of Muramm', 'Gem'], ['Infinite Deadly Armor Piercing Arrows', 'MissileWeapon'], ['Necklace of Iniquity', 'Jewelry'],
  ['Lichen Gauntlets', 'Armor'], ['Gelidite Mitre', 'Clothing'], ['Circlet of Minor Clarity', 'Clothing'],
];

/** Rare names, for `rare` frames and the looted item that follows. */
export const rareItemNames: readonly string[] = rareNames.map(([name]) => name);

/** Every item template; records refer to templates by index, so the order is part of determinism. */
const templates: readonly Template[] = [
  armor('Helm', 'HeadWear', ['Head'], 320),
  armor('Breastplate', 'ChestArmor', ['Chest'], 900),
  armor('Cuirass', 'ChestArmor', ['Chest', 'Abdomen'], 1100),
  armor('Coat', 'ChestArmor', ['Chest', 'Abdomen', 'UpperArms', 'LowerArms'], 1300),
  armor('Girth', 'AbdomenArmor', ['Abdomen'], 450),
  armor('Pauldrons', 'UpperArmArmor', ['UpperArms'], 420),
  armor('Vambraces', 'LowerArmArmor', ['LowerArms'], 380),
  armor('Sleeves', 'UpperArmArmor', ['UpperArms', 'LowerArms'], 700),
  armor('Gauntlets', 'HandWear', ['Hands'], 260),
  armor('Tassets', 'UpperLegArmor', ['UpperLegs'], 480),
  armor('Greaves', 'LowerLegArmor', ['LowerLegs'], 420),
  armor('Leggings', 'UpperLegArmor', ['UpperLegs', 'LowerLegs'], 820),
  armor('Sollerets', 'FootWear', ['Feet'], 300),
  template('shield', 'Kite Shield', 'Armor', { slot: 'Shield', burden: 800, value: 3500 }),
  template('shield', 'Tower Shield', 'Armor', { slot: 'Shield', burden: 1200, value: 4200 }),
  template('underclothes', 'Shirt', 'Clothing', { slot: 'ChestWear', coverage: Object.freeze(['UnderwearChest', 'UnderwearUpperArms']), burden: 60, value: 2500 }),
  template('underclothes', 'Breeches', 'Clothing', { slot: 'UpperLegWear', coverage: Object.freeze(['UnderwearUpperLegs', 'UnderwearLowerLegs']), burden: 70, value: 2500 }),
  template('jewelry', 'Necklace', 'Jewelry', { slot: 'NeckWear', burden: 30, value: 5000 }),
  template('jewelry', 'Heavy Necklace', 'Jewelry', { slot: 'NeckWear', burden: 50, value: 6000 }),
  template('jewelry', 'Bracelet', 'Jewelry', { slot: 'WristWearLeft', burden: 25, value: 5000 }),
  template('jewelry', 'Heavy Bracelet', 'Jewelry', { slot: 'WristWearRight', burden: 40, value: 6000 }),
  template('jewelry', 'Ring', 'Jewelry', { slot: 'FingerWearLeft', burden: 10, value: 5000 }),
  template('jewelry', 'Ring', 'Jewelry', { slot: 'FingerWearRight', burden: 10, value: 5000 }),
  template('trinket', 'Mechanical Scarab', 'Jewelry', { slot: 'TrinketOne', burden: 20, value: 8000 }),
  template('trinket', 'Compass', 'Jewelry', { slot: 'TrinketOne', burden: 20, value: 8000 }),
  template('trinket', 'Pocket Watch', 'Jewelry', { slot: 'TrinketOne', burden: 20, value: 8000 }),
  template('trinket', 'Puzzle Box', 'Jewelry', { slot: 'TrinketOne', burden: 30, value: 8000 }),
  weapon('Battle Axe', 'Heavy Weapons', 700),
  weapon('Broad Sword', 'Heavy Weapons', 650),
  weapon('Morning Star', 'Heavy Weapons', 600),
  weapon('Partizan', 'Heavy Weapons', 800),
  weapon('Dolabra', 'Light Weapons', 500),
  weapon('Kukri', 'Light Weapons', 300),
  weapon('Spear', 'Light Weapons', 550),
  weapon('Tachi', 'Finesse Weapons', 350),
  weapon('Yaoji', 'Finesse Weapons', 300),
  weapon('Scimitar', 'Finesse Weapons', 400),
  weapon('Spadone', 'Two Handed Combat', 1200),
  weapon('Nodachi', 'Two Handed Combat', 1100),
  weapon('Greataxe', 'Two Handed Combat', 1300),
  weapon('Longbow', 'Missile Weapons', 400),
  weapon('Yumi', 'Missile Weapons', 380),
  weapon('Compound Bow', 'Missile Weapons', 450),
  weapon('Heavy Crossbow', 'Missile Weapons', 900),
  weapon('Wand', 'War Magic', 80),
  weapon('Orb', 'War Magic', 150),
  weapon('Sceptre', 'War Magic', 200),
  weapon('Nether Staff', 'Void Magic', 250),
  weapon('Baton', 'Void Magic', 100),
  template('container', 'Pack', 'Container', { burden: 65, value: 250 }),
  template('container', 'Sack', 'Container', { burden: 40, value: 150 }),
  template('container', 'Backpack', 'Container', { burden: 80, value: 400 }),
  stack('Mana Stone', 'ManaStone', 20, 600, 50),
  stack('Major Mana Stone', 'ManaStone', 10, 5000, 50),
  stack('Prismatic Taper', 'SpellComponent', 5000, 20, 1),
  stack('Lead Scarab', 'SpellComponent', 50, 800, 10),
  stack('Platinum Scarab', 'SpellComponent', 30, 2000, 10),
  stack('Mana Scarab', 'SpellComponent', 30, 2500, 10),
  stack('Peerless Healing Kit', 'HealingKit', 1, 2500, 200),
  stack('Health Elixir', 'Food', 25, 400, 10),
  stack('Mana Elixir', 'Food', 25, 400, 10),
  stack('Stamina Elixir', 'Food', 25, 300, 10),
  stack('Pyreal', 'Money', 25000, 1, 0),
  stack('Trade Note (250,000)', 'TradeNote', 100, 250000, 1),
  stack('Deadly Armor Piercing Arrow', 'MissileWeapon', 250, 15, 1),
  stack('Intricate Lockpick', 'Lockpick', 1, 3000, 25),
  stack('Infused Amber Shard', 'Misc', 100, 100, 5),
  template('gem', 'Black Opal', 'Gem', { value: 12000, burden: 10 }),
  template('gem', 'Fire Opal', 'Gem', { value: 9000, burden: 10 }),
  template('gem', 'Imperial Topaz', 'Gem', { value: 7000, burden: 10 }),
  template('gem', 'Sunstone', 'Gem', { value: 4000, burden: 10 }),
  template('gem', 'Zircon', 'Gem', { value: 3000, burden: 10 }),
  template('gem', 'Diamond', 'Gem', { value: 15000, burden: 10 }),
  template('gem', 'Black Garnet', 'Gem', { value: 6000, burden: 10 }),
  template('key', 'Legendary Key', 'Key', { value: 5000, burden: 20 }),
  template('key', 'Aged Legendary Key', 'Key', { value: 4000, burden: 20 }),
  template('key', 'Sturdy Iron Key', 'Key', { value: 300, burden: 20 }),
  template('key', 'Black Marrow Key', 'Key', { value: 1200, burden: 20 }),
  template('salvage', 'Salvage', 'Salvage', { value: 20, burden: 10, stack: 100 }),
  template('rare', 'Rare', 'Misc', { value: 50000, burden: 50 }),
  // Added after the others so that earlier templates keep their indexes.
  template('armor', 'Robe', 'Clothing', { slot: 'ChestArmor', coverage: Object.freeze(['Chest', 'Abdomen', 'UpperArms', 'LowerArms', 'UpperLegs', 'LowerLegs']), burden: 600, value: 3000 }),
  armor('Boots', 'FootWear', ['LowerLegs', 'Feet'], 450),
];

function indexesOf(predicate: (t: Template) => boolean): number[] {
  return templates.flatMap((t, i) => (predicate(t) ? [i] : []));
}
function templateOf(kind: Kind, name: string, slot?: string): number {
  const index = templates.findIndex((t) => t.kind === kind && t.name === name && (slot === undefined || t.slot === slot));
  if (index < 0) throw new Error(`no template ${kind} ${name}`);
  return index;
}

const ARMOR = indexesOf((t) => t.kind === 'armor');
const SHIELDS = indexesOf((t) => t.kind === 'shield');
const JEWELRY = indexesOf((t) => t.kind === 'jewelry');
const TRINKETS = indexesOf((t) => t.kind === 'trinket');
const CONTAINERS = indexesOf((t) => t.kind === 'container');
const STACKS = indexesOf((t) => t.kind === 'stack');
const GEMS = indexesOf((t) => t.kind === 'gem');
const KEYS = indexesOf((t) => t.kind === 'key');
const SALVAGE = templateOf('salvage', 'Salvage');
const RARE = templateOf('rare', 'Rare');
const WEAPONS_BY_SKILL = new Map(weaponSkills.map((skill) => [skill, indexesOf((t) => t.kind === 'weapon' && t.skill === skill)]));

/** Worn armour layouts: each covers the whole body once. */
const suitLayouts: readonly (readonly number[])[] = [
  ['Helm', 'Breastplate', 'Girth', 'Pauldrons', 'Vambraces', 'Gauntlets', 'Tassets', 'Greaves', 'Sollerets'],
  ['Helm', 'Coat', 'Gauntlets', 'Tassets', 'Greaves', 'Sollerets'],
  ['Helm', 'Cuirass', 'Sleeves', 'Gauntlets', 'Leggings', 'Sollerets'],
].map((names) => names.map((name) => templateOf('armor', name)));
export const armorStyleCount = suitLayouts.length;

const WORN_JEWELRY = [
  templateOf('jewelry', 'Necklace'),
  templateOf('jewelry', 'Bracelet'),
  templateOf('jewelry', 'Heavy Bracelet'),
  templateOf('jewelry', 'Ring', 'FingerWearLeft'),
  templateOf('jewelry', 'Ring', 'FingerWearRight'),
];
const UNDERCLOTHES = indexesOf((t) => t.kind === 'underclothes');

/** Loot mixes: armour, jewellery, weapons, gems, keys, salvage, stacks, rares. Mules keep the gear worth wearing. */
const LOOT = [34, 12, 10, 10, 7, 10, 15, 2];
const MULE_LOOT = [55, 25, 4, 4, 2, 3, 6, 1];

/** Items a side pack holds, as in the game. */
const PACK_CAPACITY = 24;

// Record layout: one Int32Array row per item.
const SEQ = 0;
const SEED = 1;
const TEMPLATE = 2;
/** Sequence number of the pack holding the item; 0 when carried on the body (worn or in the main pack). */
const CONTAINER = 3;
/** 1 when worn. */
const WORN = 4;
/** Index in `armorSets`, or -1. */
const SET = 5;
const TINKS = 6;
const STRIDE = 7;

/**
 * Item id of the n-th item of a character: a bijection over 31 bits (an odd
 * multiplier), so ids look like the game's (0x8xxxxxxx) and never repeat
 * within a character.
 */
function itemId(ownerIndex: number, seq: number): number {
  return 0x8000_0000 + (Math.imul((ownerIndex * 0x1_0000 + seq) | 0, 0x2545f491) & 0x7fff_ffff);
}

/** One character's inventory, kept compact. */
export class Inventory {
  private rows = new Int32Array(STRIDE * 160);
  private count = 0;
  private nextSeq = 1;
  /** Side packs (sequence numbers) and how many items each holds. */
  private readonly packs: number[] = [];
  private readonly packLoad: number[] = [];

  constructor(
    private readonly owner: GearOwner,
    random: Random,
  ) {
    this.generate(random);
  }

  /** Number of items, containers included. */
  get size(): number {
    return this.count;
  }

  /** Every item, in a stable order: the `full_inventory` payload. */
  items(): Item[] {
    const items: Item[] = new Array(this.count);
    for (let row = 0; row < this.count; row++) items[row] = this.itemAt(row);
    return items;
  }

  /** The worn items (their spells make `equipment_cantrip_state`). */
  wornItems(): Item[] {
    const items: Item[] = [];
    for (let row = 0; row < this.count; row++) {
      if (this.field(row, WORN) === 1) items.push(this.itemAt(row));
    }
    return items;
  }

  /** Adds a looted item (a rare by name when given) and returns it. */
  loot(random: Random, rareName?: string): Item {
    if (rareName !== undefined) {
      const rare = rareNames.findIndex(([name]) => name === rareName);
      return this.itemAt(this.add(RARE, this.roomyContainer(random), false, rare, 0, random.uint32()));
    }
    return this.itemAt(this.addLoot(random, this.roomyContainer(random)));
  }

  /**
   * Changes an item the way a player does between fights: a tink on worn or
   * carried gear, or a move to another pack. Returns the item as it is now,
   * or null when nothing can change.
   */
  update(random: Random): Item | null {
    if (this.count === 0) return null;
    for (let attempt = 0; attempt < 8; attempt++) {
      const row = random.int(0, this.count - 1);
      const t = templates[this.field(row, TEMPLATE)] as Template;
      if (t.kind === 'container') continue;
      const tinkable = t.kind === 'armor' || t.kind === 'weapon' || t.kind === 'shield' || t.kind === 'jewelry';
      if (tinkable && this.field(row, TINKS) < 10 && (this.field(row, WORN) === 1 || random.chance(0.5))) {
        this.set(row, TINKS, this.field(row, TINKS) + 1);
        return this.itemAt(row);
      }
      if (this.field(row, WORN) === 0) {
        const target = this.roomyContainer(random);
        const current = this.field(row, CONTAINER);
        if (target !== current) {
          this.load(current, -1);
          this.load(target, 1);
          this.set(row, CONTAINER, target);
          return this.itemAt(row);
        }
      }
    }
    return null;
  }

  /** Removes a carried item (sold or salvaged) and returns its id, or null when nothing can go. */
  remove(random: Random): number | null {
    for (let attempt = 0; attempt < 8 && this.count > 0; attempt++) {
      const row = random.int(0, this.count - 1);
      const t = templates[this.field(row, TEMPLATE)] as Template;
      if (this.field(row, WORN) === 1 || t.kind === 'container') continue;
      const id = itemId(this.owner.index, this.field(row, SEQ));
      this.load(this.field(row, CONTAINER), -1);
      const last = this.count - 1;
      if (row !== last) this.rows.copyWithin(row * STRIDE, last * STRIDE, last * STRIDE + STRIDE);
      this.count = last;
      return id;
    }
    return null;
  }

  private field(row: number, field: number): number {
    return this.rows[row * STRIDE + field] as number;
  }

  private set(row: number, field: number, value: number): void {
    this.rows[row * STRIDE + field] = value;
  }

  private add(templateIndex: number, container: number, worn: boolean, set: number, tinks: number, seed: number): number {
    if ((this.count + 1) * STRIDE > this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const row = this.count++;
    const base = row * STRIDE;
    this.rows[base + SEQ] = this.nextSeq++;
    this.rows[base + SEED] = seed | 0;
    this.rows[base + TEMPLATE] = templateIndex;
    this.rows[base + CONTAINER] = container;
    this.rows[base + WORN] = worn ? 1 : 0;
    this.rows[base + SET] = set;
    this.rows[base + TINKS] = tinks;
    if ((templates[templateIndex] as Template).kind === 'container') {
      this.packs.push(this.rows[base + SEQ] as number);
      this.packLoad.push(0);
    }
    this.load(container, 1);
    return row;
  }

  private load(container: number, change: number): void {
    if (container === 0) return;
    const pack = this.packs.indexOf(container);
    this.packLoad[pack] = (this.packLoad[pack] as number) + change;
  }

  /** The starting inventory: a worn suit, jewellery and weapon, side packs, then carried loot up to 60-150 items. */
  private generate(random: Random): void {
    const owner = this.owner;
    const layout = suitLayouts[owner.armorStyle % suitLayouts.length] as readonly number[];
    const primaryPieces = Math.min(layout.length, 5);
    layout.forEach((t, i) => {
      const set = i < primaryPieces ? owner.primarySet : owner.secondarySet;
      this.add(t, 0, true, set, random.int(6, 10), random.uint32());
    });
    for (const t of UNDERCLOTHES) this.add(t, 0, true, -1, random.int(0, 6), random.uint32());
    for (const t of WORN_JEWELRY) this.add(t, 0, true, -1, random.int(0, 4), random.uint32());
    this.add(random.pick(TRINKETS), 0, true, -1, 0, random.uint32());
    const weapons = WEAPONS_BY_SKILL.get(owner.weaponSkill) as number[];
    this.add(random.pick(weapons), 0, true, -1, random.int(7, 10), random.uint32());
    if (owner.swordAndBoard) this.add(random.pick(SHIELDS), 0, true, owner.primarySet, random.int(4, 10), random.uint32());
    const packs = random.int(3, 7);
    for (let i = 0; i < packs; i++) this.add(random.pick(CONTAINERS), 0, false, -1, 0, random.uint32());
    const target = owner.mule ? random.int(200, 300) : random.int(60, 150);
    // Every character carries the basics: tapers, mana stones, healing kits, pyreals.
    for (const name of ['Prismatic Taper', 'Mana Stone', 'Peerless Healing Kit', 'Pyreal']) {
      this.add(templateOf('stack', name), this.roomyContainer(random), false, -1, 0, random.uint32());
    }
    if (owner.weaponSkill === 'Missile Weapons') {
      this.add(templateOf('stack', 'Deadly Armor Piercing Arrow'), 0, false, -1, 0, random.uint32());
    }
    while (this.count < target) this.addLoot(random, this.roomyContainer(random));
  }

  /** A loot drop: mostly armour and jewellery, some weapons, gems, keys, salvage and stacks, rarely a rare. */
  private addLoot(random: Random, container: number): number {
    const kind = random.weighted(this.owner.mule ? MULE_LOOT : LOOT);
    const seed = random.uint32();
    switch (kind) {
      case 0: {
        const set = random.chance(0.7) ? (random.chance(0.5) ? this.owner.primarySet : random.int(0, armorSets.length - 1)) : -1;
        return this.add(random.pick(ARMOR), container, false, set, random.weighted([60, 15, 10, 5, 4, 3, 1, 1, 0.5, 0.3, 0.2]), seed);
      }
      case 1:
        return this.add(random.pick(random.chance(0.85) ? JEWELRY : TRINKETS), container, false, -1, 0, seed);
      case 2: {
        const skill = random.chance(0.6) ? this.owner.weaponSkill : random.pick(weaponSkills);
        return this.add(random.pick(WEAPONS_BY_SKILL.get(skill) as number[]), container, false, -1, 0, seed);
      }
      case 3:
        return this.add(random.pick(GEMS), container, false, -1, 0, seed);
      case 4:
        return this.add(random.pick(KEYS), container, false, -1, 0, seed);
      case 5:
        return this.add(SALVAGE, container, false, -1, 0, seed);
      case 6:
        return this.add(random.pick(STACKS), container, false, -1, 0, seed);
      default:
        return this.add(RARE, container, false, random.int(0, rareNames.length - 1), 0, seed);
    }
  }

  /** A pack with room (sequence number), or 0 for the main pack. */
  private roomyContainer(random: Random): number {
    if (random.chance(0.3) || this.packs.length === 0) return 0;
    const pack = random.int(0, this.packs.length - 1);
    return (this.packLoad[pack] as number) < PACK_CAPACITY ? (this.packs[pack] as number) : 0;
  }

  /** The full item of a record; the same record always gives the same item. */
  private itemAt(row: number): Item {
    const owner = this.owner;
    const t = templates[this.field(row, TEMPLATE)] as Template;
    const random = new Random(this.field(row, SEED));
    const worn = this.field(row, WORN) === 1;
    const container = this.field(row, CONTAINER);
    const item: Item = {
      id: itemId(owner.index, this.field(row, SEQ)),
      name: t.name,
      object_class: t.objectClass,
      container_id: container === 0 ? 0 : itemId(owner.index, container),
      equipped_slot: worn ? t.slot : null,
      value: t.value,
      burden: t.burden,
    };
    const tinks = this.field(row, TINKS);
    const set = this.field(row, SET);
    const quality = worn ? 0.7 + 0.3 * random.next() : random.next();
    switch (t.kind) {
      case 'armor': {
        const [family, materials] = t.name === 'Robe' ? robeFamily : random.pick(armorFamilies);
        item.name = t.name === 'Robe' ? `${random.pick(robeNames)} Robe` : `${family} ${t.name}`;
        item.material = random.pick(materials);
        if (set >= 0) item.set_name = armorSets[set];
        item.armor_level = Math.round(160 + 160 * quality) + 20 * tinks;
        item.coverage = t.coverage?.slice() ?? [];
        equipSpells(item, random, armorCantrips, worn ? 3 : 1, 4, quality);
        this.finish(item, random, t, tinks, quality);
        if (random.chance(0.4)) item.wield_requirements = [{ skill: 'Level', level: random.pick([150, 180]) }];
        if (random.chance(0.35)) item.ratings = armorRatings(random);
        reportValidSlots(item, random, t);
        break;
      }
      case 'shield': {
        item.material = random.pick(metals);
        if (set >= 0) item.set_name = armorSets[set];
        item.armor_level = Math.round(180 + 150 * quality) + 20 * tinks;
        equipSpells(item, random, armorCantrips, 2, 4, quality);
        this.finish(item, random, t, tinks, quality);
        break;
      }
      case 'underclothes': {
        item.name = random.pick(t.slot === 'ChestWear' ? ['Shirt', 'Tunic', 'Smock', 'Flared Shirt'] : ['Breeches', 'Pants', 'Trousers', 'Pantaloons']);
        item.material = random.pick(cloth);
        item.armor_level = Math.round(20 + 60 * quality) + 20 * tinks;
        item.coverage = t.coverage?.slice() ?? [];
        equipSpells(item, random, armorCantrips, 1, 3, quality);
        this.finish(item, random, t, tinks, quality);
        if (random.chance(0.5)) item.ratings = armorRatings(random);
        reportValidSlots(item, random, t);
        break;
      }
      case 'jewelry': {
        item.material = random.pick(jewelryMaterials);
        item.name = random.chance(0.3) ? `${item.material} ${t.name}` : t.name;
        equipSpells(item, random, jewelryCantrips, worn ? 2 : 1, 4, quality);
        this.finish(item, random, t, tinks, quality);
        if (random.chance(0.4)) item.ratings = jewelryRatings(random);
        reportValidSlots(item, random, t);
        break;
      }
      case 'trinket': {
        item.material = random.pick(['Gold', 'Brass', 'Silver']);
        this.finish(item, random, t, tinks, quality);
        item.ratings = random.chance(0.5) ? { damage_resist: random.int(1, 3) } : { crit_damage_resist: random.int(1, 3), damage: random.int(0, 1) };
        reportValidSlots(item, random, t);
        break;
      }
      case 'weapon':
        this.weaponProperties(item, random, t, tinks, quality, worn);
        break;
      case 'container':
        item.items_capacity = PACK_CAPACITY;
        break;
      case 'stack': {
        const size = t.stack === 1 ? 1 : random.int(1, t.stack);
        item.stack_size = size;
        item.value = t.value * size;
        item.burden = t.burden * size;
        break;
      }
      case 'gem':
        item.material = t.name;
        item.workmanship = random.int(1, 10);
        item.value = Math.round(t.value * (0.5 + quality));
        if (random.chance(0.25)) item.spells = [`${random.pick(tiers)} ${random.pick(jewelryCantrips)}`];
        break;
      case 'key':
        item.stack_size = t.name.includes('Legendary') ? random.int(1, 5) : 1;
        break;
      case 'salvage': {
        const material = random.pick(salvageMaterials);
        const units = random.int(1, t.stack);
        item.name = `Salvaged ${material}`;
        item.material = material;
        item.workmanship = Math.round(random.range(1, 10) * 100) / 100;
        item.stack_size = units;
        item.value = t.value * units * Math.round(1 + quality * 4);
        item.burden = t.burden * units;
        break;
      }
      case 'rare': {
        const [name, objectClass] = rareNames[Math.max(0, set) % rareNames.length] as readonly [string, string];
        item.name = name;
        item.object_class = objectClass;
        item.spells = [`Legendary ${random.pick(armorCantrips)}`, `Legendary ${random.pick(jewelryCantrips)}`];
        item.workmanship = 10;
        item.max_mana = 5000;
        item.mana = random.int(500, 5000);
        item.spellcraft = 450;
        break;
      }
    }
    return item;
  }

  private weaponProperties(item: Item, random: Random, t: Template, tinks: number, quality: number, worn: boolean): void {
    const owner = this.owner;
    const skill = t.skill as WeaponSkill;
    const caster = skill === 'War Magic' || skill === 'Void Magic';
    const missile = skill === 'Missile Weapons';
    const element: DamageElement = worn ? owner.element : caster ? random.pick(['fire', 'cold', 'acid', 'electric'] as const) : random.pick(['slash', 'fire', 'cold', 'acid', 'electric'] as const);
    item.name = `${elementPrefix[skill === 'Void Magic' ? 'slash' : element]}${t.name}`;
    item.material = random.pick(caster || missile ? woods : metals);
    if (!caster) item.max_damage = Math.round((missile ? 30 : 50) + (missile ? 30 : 50) * quality) + tinks;
    item.attack_bonus = round2(1 + 0.2 * quality);
    item.melee_defense_bonus = round2(1 + 0.25 * random.next());
    item.magic_defense_bonus = round2(1 + 0.08 * random.next());
    if (random.chance(worn ? 0.8 : 0.3)) item.imbue = random.pick(imbuesFor(element, caster));
    item.spells = [`${tierOf(random, quality)} ${skillCantrip[skill]}`, ...random.sample(weaponCantrips, random.int(1, 3)).map((s) => `${tierOf(random, quality)} ${s}`)];
    this.finish(item, random, t, tinks, quality);
    item.wield_requirements = [{ skill, level: random.pick([325, 350, 375, 385, 400, 420, 430]) }];
    if (random.chance(0.4)) item.ratings = random.chance(0.5) ? { damage: random.int(1, 3) } : { crit: random.int(1, 3), crit_damage: random.int(0, 3) };
  }

  /** Properties every crafted piece shares: value, burden, tinks, workmanship, mana. */
  private finish(item: Item, random: Random, t: Template, tinks: number, quality: number): void {
    item.value = Math.round(t.value * (0.6 + 4 * quality));
    item.burden = Math.round(t.burden * (0.8 + 0.4 * random.next()));
    item.tinks = tinks;
    item.workmanship = Math.max(1, Math.min(10, Math.round(3 + 7 * quality)));
    if (item.spells && item.spells.length > 0) {
      item.max_mana = random.int(8, 30) * 100;
      item.mana = Math.round(item.max_mana * (0.2 + 0.8 * random.next()));
      item.spellcraft = Math.round(250 + 200 * quality);
    }
  }
}

const robeFamily = ['Robe', cloth] as const;
const robeNames = ['Faran', 'Suikan', 'Vestiri', 'Dho Vest', 'Empyrean', 'Tundra'];

/** Equip-mask names of where each body slot's armour or underwear is worn, as the game's valid locations list them. */
const equipMaskOf: Record<string, string> = {
  Head: 'HeadWear', Hands: 'HandWear', Feet: 'FootWear', Chest: 'ChestArmor', Abdomen: 'AbdomenArmor', UpperArms: 'UpperArmArmor',
  LowerArms: 'LowerArmArmor', UpperLegs: 'UpperLegArmor', LowerLegs: 'LowerLegArmor',
  UnderwearChest: 'ChestWear', UnderwearUpperArms: 'UpperArmWear', UnderwearUpperLegs: 'UpperLegWear', UnderwearLowerLegs: 'LowerLegWear',
};

/**
 * Half of the wearable items carry `valid_slots` as newer plugins report
 * them (the game's valid locations); the others leave it to be derived from
 * coverage and slot, as older plugins do. Drawn last, so it changes nothing else of the item.
 */
function reportValidSlots(item: Item, random: Random, t: Template): void {
  if (!random.chance(0.5)) return;
  if (t.coverage) item.valid_slots = t.coverage.map((slot) => equipMaskOf[slot] ?? slot);
  else if (t.slot?.startsWith('WristWear')) item.valid_slots = ['WristWearLeft', 'WristWearRight'];
  else if (t.slot?.startsWith('FingerWear')) item.valid_slots = ['FingerWearLeft', 'FingerWearRight'];
  else if (t.slot) item.valid_slots = [t.slot];
}

function tierOf(random: Random, quality: number): string {
  return tiers[Math.min(3, random.weighted(tierWeights) + (quality > 0.85 ? 1 : 0))] as string;
}

function equipSpells(item: Item, random: Random, pool: readonly string[], min: number, max: number, quality: number): void {
  item.spells = random.sample(pool, random.int(min, max)).map((base) => `${tierOf(random, quality)} ${base}`);
}

function armorRatings(random: Random): ItemRatings {
  switch (random.int(0, 3)) {
    case 0:
      return { damage_resist: random.int(1, 4) };
    case 1:
      return { crit_damage_resist: random.int(1, 3) };
    case 2:
      return { damage_resist: random.int(1, 2), crit_resist: random.int(1, 2) };
    default:
      return { crit_damage: random.int(1, 2) };
  }
}

function jewelryRatings(random: Random): ItemRatings {
  switch (random.int(0, 2)) {
    case 0:
      return { heal_boost: random.int(1, 3) };
    case 1:
      return { vitality: random.int(1, 4) };
    default:
      return { crit_damage_resist: random.int(1, 2), damage_resist: random.int(0, 2) };
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
