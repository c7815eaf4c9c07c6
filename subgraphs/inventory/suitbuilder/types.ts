/**
 * The suitbuilder's contract: what the search is given and what it reports.
 * Plain data only, so that it crosses to the worker thread by structured clone.
 */

/** A place a suit piece is worn (the graph's `SuitSlot`, in its order: head to trinket). */
export const SUIT_SLOTS = [
  'HEAD', 'HANDS', 'FEET', 'CHEST', 'ABDOMEN', 'UPPER_ARMS', 'LOWER_ARMS', 'UPPER_LEGS', 'LOWER_LEGS',
  'SHIRT', 'PANTS',
  'NECK', 'WRIST_LEFT', 'WRIST_RIGHT', 'FINGER_LEFT', 'FINGER_RIGHT', 'TRINKET',
] as const;
export type SuitSlot = (typeof SUIT_SLOTS)[number];

/** Slots filled together (the graph's `SuitSlotGroup`). */
export type SuitSlotGroup = 'ARMOR' | 'UNDERCLOTHES' | 'JEWELRY';

/** Cantrip levels, weakest first (the graph's `CantripLevel`). */
export const CANTRIP_LEVELS = ['MINOR', 'MODERATE', 'MAJOR', 'EPIC', 'LEGENDARY'] as const;
export type CantripLevel = (typeof CANTRIP_LEVELS)[number];

/** Rating names, in the graph's `SuitRatings` order. */
export const RATING_NAMES = ['damage', 'damageResist', 'crit', 'critResist', 'critDamage', 'critDamageResist', 'healBoost', 'vitality'] as const;
export type RatingName = (typeof RATING_NAMES)[number];
export type Ratings = Record<RatingName, number>;

/** An item as the search sees it: what decides where it fits and what it is worth. */
export interface SuitItem {
  /** Unique among the items of one search: the owner's name and the item id. */
  key: string;
  owner: string;
  /** The game's item id, as a decimal string. */
  id: string;
  name: string;
  objectClass: string | null;
  /** Where it is worn now, as the plugin names it (`ChestArmor`); null when not worn. */
  equippedSlot: string | null;
  /** Body slots it covers, as the plugin names them (`Chest`, `UnderwearChest`, `OuterwearUpperLegs`). */
  coverage: readonly string[];
  /** The protocol's `valid_slots`, as the plugin names them; empty when not reported. */
  validSlots: readonly string[];
  /** Tailoring needs a material: an item without one cannot be reduced. */
  material: string | null;
  /** The set as the game names it; null when none. */
  set: string | null;
  armorLevel: number;
  /** Spell names as on the item (`Legendary Strength`). */
  spells: readonly string[];
  ratings: Ratings;
}

/** How a set is chosen. */
export type SetChoice = { mode: 'NAMED'; name: string } | { mode: 'ANY' } | { mode: 'NONE' };

export interface WantedCantrip {
  /** As spells name it after the level, compared case-insensitively. */
  family: string;
  minLevel: CantripLevel;
}

export interface SuitWeights {
  armorLevel: number;
  setTier: number;
  cantrip: number;
  rating: number;
}

/** A search, every default already applied. */
export interface SuitQuery {
  primarySet: SetChoice;
  secondarySet: SetChoice;
  cantrips: readonly WantedCantrip[];
  minArmorLevel: number;
  /** Keys of items every suit must contain. */
  locked: readonly string[];
  /** Keys of items no suit may contain. */
  excluded: readonly string[];
  slotGroups: readonly SuitSlotGroup[];
  weights: SuitWeights;
  /** How many suits to list. */
  suits: number;
  timeBudgetMs: number;
}

/** One piece of a found suit. */
export interface FoundPiece {
  key: string;
  /** The slots it fills, in `SUIT_SLOTS` order. */
  slots: SuitSlot[];
  /** The tailoring reduction used (`Reduce to Chest`); null when worn as it is. */
  reduction: string | null;
}

export interface FoundSet {
  name: string;
  pieces: number;
  tier: number;
  role: 'PRIMARY' | 'SECONDARY' | null;
}

export interface FoundCantrip {
  family: string;
  wanted: CantripLevel;
  /** Best level among the pieces; null when none has the family. */
  level: CantripLevel | null;
}

/** A suit as the search reports it. */
export interface FoundSuit {
  /** 1 for the best. */
  rank: number;
  score: number;
  scoreParts: { armorLevel: number; sets: number; cantrips: number; ratings: number };
  armorLevel: number;
  /** In slot order of their first slot. */
  pieces: FoundPiece[];
  sets: FoundSet[];
  cantrips: FoundCantrip[];
  missingCantrips: FoundCantrip[];
  ratings: Ratings;
  /** Why it ranks where it does, in a sentence. */
  why: string;
}

export interface SearchProgress {
  candidatesBeforePruning: number;
  candidates: number;
  nodes: number;
  elapsedMs: number;
  bestScore: number | null;
}

/** What a search reports, in order: progress now and then, suits as they enter the best list, done last. */
export type SearchEvent =
  | { kind: 'PROGRESS'; progress: SearchProgress }
  | { kind: 'SUIT'; progress: SearchProgress; suit: FoundSuit }
  | { kind: 'DONE'; progress: SearchProgress; exhaustive: boolean; message: string; suits: FoundSuit[] };
