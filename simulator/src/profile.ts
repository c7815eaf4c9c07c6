/**
 * A character's fixed traits (its profile) and the sheets built from them:
 * `character_stats`, quest timers and the self-buffs it casts.
 */

import { mixSeed, Random } from './random.js';
import { armorSets, armorStyleCount, weaponSkills, type GearOwner, type WeaponSkill } from './gear.js';
import { allegiances, raceWeights, races, titles, uniqueName } from './names.js';
import { places } from './world.js';
import type { CharacterStatsFrame, DamageElement } from './frames.js';

export interface Profile extends GearOwner {
  readonly name: string;
  readonly race: string;
  readonly gender: 'Male' | 'Female';
  /** ISO date the character was created. */
  readonly birth: string;
  readonly title: string;
  readonly allegiance: number;
  /** Set by the fleet: a fellow member of the allegiance, or the monarch. */
  patron: string;
  readonly allegianceRank: number;
  readonly followers: number;
  /** Experience and deaths before the simulation started. */
  readonly totalXp: number;
  readonly deathsBefore: number;
  readonly luminance: number;
  /** Place index of the lifestone it is bound to. */
  readonly home: number;
  /** Fellowship name, or null when it plays alone. Set by the fleet. */
  group: string | null;
  /** Seed of the fellowship's hunting plan, shared by its members. */
  groupSeed: number;
  /** How its plugin writes `timestamp` and `onlinetime`: plugins differ. */
  readonly epochTimestamps: boolean;
  readonly onlineTimeInSeconds: boolean;
  /** Kills per hour while hunting. */
  readonly killRate: number;
  /** Running speed in map units per second. */
  readonly runSpeed: number;
  /** Mules and traders stand around town most of the time. */
  readonly mule: boolean;
  readonly healthMax: number;
  readonly staminaMax: number;
  readonly manaMax: number;
  readonly memBase: number;
  readonly latencyBase: number;
  /** Seeds of what is built on demand. */
  readonly gearSeed: number;
  readonly sheetSeed: number;
}

const attributeNames = ['Strength', 'Endurance', 'Coordination', 'Quickness', 'Focus', 'Self'] as const;
const skillNames = [
  'Alchemy', 'Arcane Lore', 'Armor Tinkering', 'Assess Creature', 'Assess Person', 'Cooking', 'Creature Enchantment',
  'Deception', 'Dirty Fighting', 'Dual Wield', 'Finesse Weapons', 'Fletching', 'Healing', 'Heavy Weapons',
  'Item Enchantment', 'Item Tinkering', 'Jump', 'Leadership', 'Life Magic', 'Light Weapons', 'Lockpick', 'Loyalty',
  'Magic Defense', 'Magic Item Tinkering', 'Mana Conversion', 'Melee Defense', 'Missile Defense', 'Missile Weapons',
  'Recklessness', 'Run', 'Salvaging', 'Shield', 'Sneak Attack', 'Summoning', 'Two Handed Combat', 'Void Magic',
  'War Magic', 'Weapon Tinkering',
] as const;
/** Skills every adventurer trains, besides its weapon skill. */
const coreSkills = ['Melee Defense', 'Missile Defense', 'Magic Defense', 'Life Magic', 'Creature Enchantment', 'Item Enchantment', 'Mana Conversion', 'Healing', 'Run', 'Jump', 'Arcane Lore'];
const sideSkills = ['Salvaging', 'Loyalty', 'Leadership', 'Deception', 'Summoning', 'Recklessness', 'Sneak Attack', 'Dirty Fighting', 'Shield', 'Lockpick', 'Alchemy', 'Cooking', 'Fletching', 'Armor Tinkering', 'Weapon Tinkering', 'Item Tinkering', 'Magic Item Tinkering', 'Assess Creature', 'Assess Person'];

/** Creation points (330 in all) by fighting style. */
const creationByStyle: Record<'melee' | 'missile' | 'caster', readonly number[]> = {
  melee: [100, 60, 40, 50, 40, 40],
  missile: [40, 60, 100, 50, 40, 40],
  caster: [10, 60, 30, 40, 100, 90],
};

function styleOf(skill: WeaponSkill): 'melee' | 'missile' | 'caster' {
  if (skill === 'Missile Weapons') return 'missile';
  if (skill === 'War Magic' || skill === 'Void Magic') return 'caster';
  return 'melee';
}

/** Total experience at a level: AC's curve, roughly (level 275 is about 191 billion). */
function experienceAt(level: number): number {
  return Math.round(191_226_310_247 * Math.pow(level / 275, 5.2));
}

const elementsBySkill: Record<WeaponSkill, readonly DamageElement[]> = {
  'Heavy Weapons': ['slash', 'pierce', 'bludgeon', 'fire', 'cold', 'acid', 'electric'],
  'Light Weapons': ['slash', 'pierce', 'fire', 'cold', 'acid', 'electric'],
  'Finesse Weapons': ['slash', 'pierce', 'fire', 'cold', 'acid', 'electric'],
  'Two Handed Combat': ['slash', 'bludgeon', 'fire', 'cold', 'acid', 'electric'],
  'Missile Weapons': ['pierce', 'fire', 'cold', 'acid', 'electric'],
  'War Magic': ['fire', 'cold', 'acid', 'electric'],
  'Void Magic': ['nether'],
};

/**
 * The profile of the character at `index` of a fleet: drawn from its own
 * random stream, so adding characters never changes the existing ones.
 */
export function createProfile(seed: number, index: number, start: number, takenNames: Set<string>): Profile {
  const random = new Random(mixSeed(seed, index, 1));
  const race = races[random.weighted(raceWeights)] as string;
  const gender = random.chance(0.55) ? 'Male' : 'Female';
  const name = uniqueName(random, race, gender, takenNames);
  const level = Math.min(275, Math.round(random.chance(0.35) ? 275 : random.range(80, 275)));
  const weaponSkill = random.pick(weaponSkills);
  const style = styleOf(weaponSkill);
  const ageDays = random.range(200, 9000);
  const allegiance = random.int(0, allegiances.length - 1);
  const strength = level / 275;
  const homes = places.flatMap((p, i) => (p.town ? [i] : []));
  return {
    index,
    name,
    race,
    gender,
    birth: new Date(Math.round(start - ageDays * 86_400_000)).toISOString(),
    level,
    title: random.pick(titles),
    allegiance,
    patron: '',
    allegianceRank: random.int(1, 9),
    followers: random.chance(0.6) ? random.int(0, 4) : random.int(5, 120),
    totalXp: experienceAt(level) + random.int(0, 50_000_000),
    deathsBefore: random.int(10, 2500),
    luminance: level === 275 ? random.int(0, 1_500_000) : 0,
    home: random.pick(homes),
    group: null,
    groupSeed: 0,
    epochTimestamps: random.chance(0.2),
    onlineTimeInSeconds: random.chance(0.4),
    killRate: Math.round(60 + 340 * strength * random.range(0.6, 1.1)),
    runSpeed: random.range(0.035, 0.055),
    mule: random.chance(0.08),
    healthMax: Math.round(200 + 300 * strength * random.range(0.8, 1.1)),
    staminaMax: Math.round(250 + 300 * strength * random.range(0.8, 1.1)),
    manaMax: Math.round((style === 'caster' ? 300 : 180) + 300 * strength * random.range(0.8, 1.1)),
    memBase: Math.round(random.range(280, 620)),
    latencyBase: Math.round(random.range(35, 180)),
    weaponSkill,
    element: random.pick(elementsBySkill[weaponSkill]),
    primarySet: random.int(0, armorSets.length - 1),
    secondarySet: random.int(0, armorSets.length - 1),
    swordAndBoard: style === 'melee' && weaponSkill !== 'Two Handed Combat' && random.chance(0.4),
    armorStyle: random.int(0, armorStyleCount - 1),
    gearSeed: mixSeed(seed, index, 2),
    sheetSeed: mixSeed(seed, index, 3),
  };
}

export type CharacterSheet = Omit<CharacterStatsFrame, 'type' | 'character_name' | 'timestamp' | 'session_id'>;

/** The `character_stats` payload, from the profile and what the session has added. */
export function characterSheet(profile: Profile, xpGained: number, deathsInSession: number, luminanceGained: number): CharacterSheet {
  const random = new Random(profile.sheetSeed);
  const strength = profile.level / 275;
  const style = styleOf(profile.weaponSkill);
  const creation = creationByStyle[style];
  const attributes: CharacterSheet['attributes'] = {};
  attributeNames.forEach((name, i) => {
    const created = creation[i] as number;
    attributes[name] = { base: created + Math.round(190 * strength * random.range(0.85, 1)), creation: created };
  });
  const trained = new Set([...coreSkills, ...random.sample(sideSkills, random.int(4, 9))]);
  const specialized = new Set<string>([profile.weaponSkill, random.pick(['Melee Defense', 'Magic Defense', 'Missile Defense'])]);
  if (style === 'caster') specialized.add('Mana Conversion');
  else specialized.add('Healing');
  if (profile.swordAndBoard) trained.add('Shield');
  const skills: CharacterSheet['skills'] = {};
  for (const name of skillNames) {
    const training = specialized.has(name) ? 'Specialized' : trained.has(name) ? 'Trained' : 'Untrained';
    const top = training === 'Specialized' ? 520 : training === 'Trained' ? 380 : 90;
    skills[name] = { base: Math.round(top * (0.3 + 0.7 * strength) * random.range(0.85, 1)), training };
  }
  const totalXp = profile.totalXp + xpGained;
  return {
    level: profile.level,
    race: profile.race,
    gender: profile.gender,
    birth: profile.birth,
    total_xp: totalXp,
    unassigned_xp: profile.level === 275 ? 0 : Math.round(totalXp % 9_000_000),
    skill_credits: random.int(0, 6),
    deaths: profile.deathsBefore + deathsInSession,
    luminance: profile.luminance + luminanceGained,
    title: profile.title,
    attributes,
    vitals: {
      Health: { base: Math.round(profile.healthMax / 1.4) },
      Stamina: { base: Math.round(profile.staminaMax / 1.4) },
      Mana: { base: Math.round(profile.manaMax / 1.4) },
    },
    skills,
    allegiance: {
      name: allegiances[profile.allegiance]?.name ?? '',
      monarch: allegiances[profile.allegiance]?.monarch ?? '',
      patron: profile.patron,
      rank: profile.allegianceRank,
      followers: profile.followers,
    },
  };
}

export interface QuestDefinition {
  readonly name: string;
  readonly maxSolves: number;
  /** Seconds before it can be done again. */
  readonly cooldown: number;
}

export const questDefinitions: readonly QuestDefinition[] = [
  { name: 'Colosseum Arena', maxSolves: 1000, cooldown: 20 * 3600 },
  { name: "Aerbax's Defeat", maxSolves: 500, cooldown: 7 * 86400 },
  { name: "Gaerlan's Citadel", maxSolves: 500, cooldown: 20 * 3600 },
  { name: 'Lord Kastellar', maxSolves: 500, cooldown: 20 * 3600 },
  { name: 'Mana Forge Chest', maxSolves: 1000, cooldown: 20 * 3600 },
  { name: 'Hoshino Tower', maxSolves: 500, cooldown: 20 * 3600 },
  { name: 'Stipend Collection', maxSolves: 1000, cooldown: 7 * 86400 },
  { name: 'Kill Task: Olthoi Soldiers', maxSolves: 100, cooldown: 20 * 3600 },
  { name: 'Kill Task: Tusker Guards', maxSolves: 100, cooldown: 20 * 3600 },
  { name: 'Rynthid Genesis', maxSolves: 200, cooldown: 2 * 86400 },
  { name: "Bellas' Vault", maxSolves: 500, cooldown: 20 * 3600 },
  { name: 'Renegade Fortress', maxSolves: 500, cooldown: 20 * 3600 },
  { name: 'Luminance Allegiance Gift', maxSolves: 1000, cooldown: 20 * 3600 },
  { name: 'Drudge Hideout Chest', maxSolves: 1000, cooldown: 3600 },
  { name: 'Shadow Spire Key', maxSolves: 200, cooldown: 6 * 3600 },
];

/** Self-buffs a character keeps up; lost at death, cast again when buffing. */
export const selfBuffs: readonly string[] = [
  'Strength', 'Endurance', 'Coordination', 'Quickness', 'Focus', 'Willpower', 'Invulnerability', 'Impregnability',
  'Magic Resistance', 'Armor', 'Regeneration', 'Rejuvenation', 'Mana Renewal', 'Fire Protection', 'Cold Protection',
  'Acid Protection', 'Lightning Protection', 'Blade Protection', 'Piercing Protection', 'Bludgeoning Protection',
].map((name) => `Incantation of ${name} Self`);

/** Weapon auras casters and fighters add to their buffs. */
export const auraBuffs: readonly string[] = ['Blood Drinker', 'Heart Seeker', 'Defender', 'Swift Killer', 'Spirit Drinker'].map(
  (name) => `Aura of Incantation of ${name} Self`,
);

/** Seconds a buff lasts (level 8 with the duration augmentations). */
export const BUFF_DURATION_S = 5460;
