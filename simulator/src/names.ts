/**
 * Who the characters are: names in the style of each heritage, titles,
 * allegiances and fellowships. Tables are built once at import.
 */

import type { Random } from './random.js';

export const races = ['Aluvian', "Gharu'ndim", 'Sho', 'Viamontian', 'Umbraen', 'Penumbraen', 'Gearknight', 'Tumerok', 'Lugian', 'Empyrean', 'Undead'] as const;
/** How common each heritage is on a typical server, in the order of `races`. */
export const raceWeights = [30, 16, 16, 10, 5, 5, 4, 3, 4, 4, 3] as const;

interface NameStyle {
  starts: readonly string[];
  ends: readonly string[];
  surnames: readonly string[];
}

const styles: Record<string, NameStyle> = {
  Aluvian: {
    starts: ['Al', 'Bran', 'Cor', 'Ed', 'Gar', 'Hal', 'Jor', 'Lar', 'Mar', 'Os', 'Ran', 'Ser', 'Thor', 'Wil', 'Eld', 'Ro', 'Gwen', 'Is', 'Mer', 'Ber', 'Cad', 'Fen', 'Lor', 'Tam'],
    ends: ['ric', 'wyn', 'wald', 'mund', 'ard', 'in', 'rick', 'na', 'eth', 'a', 'win', 'son', 'old', 'ith', 'ora', 'ella', 'an', 'ulf'],
    surnames: ['Larsson', 'Blackwood', 'Ashford', 'Thorne', 'Wexley', 'Greymantle', 'Stonebrook', 'Fairhaven', 'Kettering', 'Redmane', 'Holloway', 'Brightwater', 'Oakheart', 'Ravenhill'],
  },
  "Gharu'ndim": {
    starts: ['Ab', 'Fa', 'Ha', 'Ja', 'Ka', 'Mu', 'Na', 'Ra', 'Sa', 'Za', 'Ya', 'Ka', 'Ta', 'Ib', 'Ash', 'Qa'],
    ends: ['ssan', 'rim', 'hir', 'lid', 'mal', 'dir', 'fiq', 'bir', 'sim', 'shid', 'mira', 'ra', 'yah', 'zim', 'rek', 'dan'],
    surnames: ['ibn Rashid', 'al-Qadir', 'ibn Tariq', 'al-Zahir', 'ibn Malik', 'al-Haddad', 'ibn Yusuf', 'al-Sayf'],
  },
  Sho: {
    starts: ['Hi', 'Ke', 'Ta', 'Ry', 'Sa', 'Mi', 'Yu', 'Ka', 'To', 'Ha', 'Shi', 'Ai', 'Ren', 'Ko', 'Ji', 'Na'],
    ends: ['roshi', 'nji', 'kumi', 'u', 'tsuki', 'ko', 'meko', 'zuki', 'ro', 'na', 'ichi', 'moe', 'ken', 'shin', 'yo'],
    surnames: ['Tanaka', 'Moriyama', 'Kaneda', 'Ishida', 'Sato', 'Fujimori', 'Takeda', 'Hayashi', 'Kurosawa'],
  },
  Viamontian: {
    starts: ['Au', 'Bel', 'Cas', 'Dor', 'Em', 'Fla', 'Lu', 'Mar', 'Ro', 'Sev', 'Val', 'Vi', 'Gi', 'Ce', 'Ora'],
    ends: ['rel', 'ienne', 'sandre', 'ette', 'ignac', 'ontes', 'ard', 'iel', 'ise', 'ane', 'iste', 'elle', 'ric'],
    surnames: ['de Valcourt', 'Montague', 'Duvalier', 'Sauveterre', 'de Rochefort', 'Beaumont', 'Vasquier'],
  },
  other: {
    starts: ['Zhar', 'Kra', 'Vor', 'Ul', 'Mor', 'Gro', 'Xy', 'Ny', 'Dra', 'Sk', 'Tor', 'Eth', 'Vel', 'Quo', 'Bry', 'Gul'],
    ends: ['kesh', 'gath', 'ox', 'rin', 'nok', 'thar', 'ix', 'us', 'ael', 'ruk', 'mora', 'vane', 'dris', 'gor'],
    surnames: ['Ironhide', 'Gloomweaver', 'Stormcaller', 'Bonechewer', 'Duskwalker', 'Frostmaw', 'Emberforge', 'Voidborn'],
  },
};

const honorifics = { Male: ['Sir', 'Master', 'Brother', 'Captain', 'Old', 'Lord'], Female: ['Lady', 'Dame', 'Sister', 'Captain', 'Mistress', 'Old'] } as const;
const nicknames = ['Tusker Bait', 'Buff Bot', 'Salvage Mule', 'Drudge Bane', 'Portal Bot', 'Trade Mule', 'Lucky Strike', 'Mana Sink', 'Rare Magnet'];
const numerals = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** One candidate name in the style of the heritage. */
function candidateName(random: Random, race: string, gender: 'Male' | 'Female'): string {
  const style = styles[race] ?? (styles.other as NameStyle);
  const first = random.pick(style.starts) + random.pick(style.ends);
  const shape = random.weighted([48, 20, 15, 10, 4, 3]);
  switch (shape) {
    case 0:
      return first;
    case 1:
      return `${first} ${random.pick(style.surnames)}`;
    case 2:
      return `${random.pick(honorifics[gender])} ${first}`;
    case 3:
      return `${random.pick(style.starts)}'${random.pick(style.ends)}`;
    case 4:
      return random.pick(nicknames);
    default:
      return `${first}-${capitalise(random.pick(style.starts).toLowerCase())}${random.pick(style.ends)}`;
  }
}

/**
 * A name not yet in `taken`, which it is added to. Collisions retry; a fleet
 * larger than the name space gets numerals ("Kalion IV"), as players do.
 */
export function uniqueName(random: Random, race: string, gender: 'Male' | 'Female', taken: Set<string>): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = candidateName(random, race, gender);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const base = candidateName(random, race, gender);
  for (let n = 0; ; n++) {
    const name = n < numerals.length ? `${base} ${numerals[n]}` : `${base} ${n + 2}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export const titles = [
  'Adventurer', 'Olthoi Slayer', 'Master of the Hunt', 'Tusker Tamer', 'Drudge Bane', 'Seeker of Rares',
  'Hero of Dereth', 'Champion of the Colosseum', 'Lore Keeper', 'Dread Reaver', 'Knight of the Lifestone',
  'Archmage', 'Sentinel of Sawato', 'Bane of the Virindi', 'Luminous', 'Rynthid Slayer', 'Explorer',
  'Portal Jumper', 'Master Salvager', 'Tinker', 'Gladiator', 'Shadow Hunter', 'Lugian Crusher',
] as const;

export interface Allegiance {
  readonly name: string;
  readonly monarch: string;
}

export const allegiances: readonly Allegiance[] = [
  { name: 'Knights of the Lifestone', monarch: 'Archmage Velorin' },
  { name: 'Order of the Golden Flame', monarch: 'Lady Seraphine' },
  { name: 'Black Phoenix', monarch: 'Kaelthas Dar' },
  { name: 'Moonshadow', monarch: 'Tomoe Hoshizora' },
  { name: 'Dark Majesty', monarch: 'Lord Malgrave' },
  { name: 'Sons of Bael', monarch: 'Haddar ibn Sahir' },
  { name: 'The Silver Hand', monarch: 'Dame Isolde' },
  { name: 'Wolves of Frore', monarch: 'Grimwald' },
];

const fellowshipNames = [
  'Olthoi Bane', 'Lifestone Crew', 'Drudge Squad', 'Tusker Tossers', 'Night Watch', 'Shadow Hunters',
  'Lugian Wreckers', 'Aerbax Raiders', 'Colo Runners', 'Virindi Bait', 'Golem Grinders', 'Rare Seekers',
];

/** The name of the n-th fellowship of a fleet; unique within the fleet. */
export function fellowshipName(n: number): string {
  const base = fellowshipNames[n % fellowshipNames.length] as string;
  const round = Math.floor(n / fellowshipNames.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}
