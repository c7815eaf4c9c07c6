/**
 * The names the game's plugins report for object classes, equip slots and
 * body parts (`MeleeWeapon`, `FingerWearRight`, `UnderwearChest`) are
 * identifiers, not words: these turn them into what a player reads. Values
 * the tables do not know are split into words (`SpellComponent` → "Spell
 * component"), so a new name still reads; the raw one stays in tooltips and
 * in the item search's filters, which take either.
 */

/** Object classes whose words alone would not say it as players do. */
const OBJECT_CLASSES: Readonly<Record<string, string>> = {
  WandStaffOrb: 'Caster',
  Npc: 'NPC',
  TradeNote: 'Trade note',
  ManaStone: 'Mana stone',
  Misc: 'Miscellaneous',
};

/** Equip slots, by the game's names and the plugins' shorter ones. */
const SLOTS: Readonly<Record<string, string>> = {
  HeadWear: 'Head',
  ChestWear: 'Shirt',
  ChestArmor: 'Chest',
  AbdomenWear: 'Abdomen (under)',
  AbdomenArmor: 'Abdomen',
  UpperArmWear: 'Upper arms (under)',
  UpperArmArmor: 'Upper arms',
  LowerArmWear: 'Lower arms (under)',
  LowerArmArmor: 'Lower arms',
  HandWear: 'Hands',
  UpperLegWear: 'Pants',
  UpperLegArmor: 'Upper legs',
  LowerLegWear: 'Lower legs (under)',
  LowerLegArmor: 'Lower legs',
  FootWear: 'Feet',
  NeckWear: 'Necklace',
  WristWearLeft: 'Left bracelet',
  WristWearRight: 'Right bracelet',
  FingerWearLeft: 'Left ring',
  FingerWearRight: 'Right ring',
  LeftRing: 'Left ring',
  RightRing: 'Right ring',
  MeleeWeapon: 'Melee weapon',
  MissileWeapon: 'Missile weapon',
  MissileAmmo: 'Ammunition',
  Held: 'Caster',
  Wield: 'Weapon',
  Shield: 'Shield',
  TrinketOne: 'Trinket',
  Cloak: 'Cloak',
  SigilOne: 'Blue aetheria',
  SigilTwo: 'Yellow aetheria',
  SigilThree: 'Red aetheria',
};

/** Body parts an item covers (`coverage`): the underclothes' say so. */
const COVERAGE: Readonly<Record<string, string>> = {
  UnderwearChest: 'Chest (under)',
  UnderwearAbdomen: 'Abdomen (under)',
  UnderwearUpperArms: 'Upper arms (under)',
  UnderwearLowerArms: 'Lower arms (under)',
  UnderwearUpperLegs: 'Upper legs (under)',
  UnderwearLowerLegs: 'Lower legs (under)',
};

/** `PascalCase` as words, the first capitalised: `SpellComponent` → "Spell component". */
export function identifierWords(identifier: string): string {
  const words = identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .trim()
    .split(/\s+/);
  return words.map((word, index) => (index === 0 || /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase())).join(' ');
}

function lookUp(table: Readonly<Record<string, string>>, name: string | null | undefined): string {
  if (!name) return '';
  return table[name] ?? identifierWords(name);
}

/** An object class as players say it: `MeleeWeapon` → "Melee weapon", `WandStaffOrb` → "Caster"; '' for none. */
export function objectClassName(objectClass: string | null | undefined): string {
  return lookUp(OBJECT_CLASSES, objectClass);
}

/** An equip slot as players say it: `FingerWearRight` → "Right ring", `HeadWear` → "Head"; '' for none. */
export function slotName(slot: string | null | undefined): string {
  return lookUp(SLOTS, slot);
}

/** A covered body part as players say it: `UpperArms` → "Upper arms", `UnderwearChest` → "Chest (under)". */
export function coverageName(part: string): string {
  return lookUp(COVERAGE, part);
}
