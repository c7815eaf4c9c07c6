/**
 * The Suitbuilder's constraints form and the `SuitSearchInput` it becomes:
 * numbers are text as typed, checked and typed when the search starts;
 * locked and excluded pieces come from the suits' piece lists.
 */
import type { CantripLevel, ItemKeyInput, SuitSearchInput, SuitSetChoice, SuitSlotGroup } from '../graph/generated/graphql';

/** Cantrip levels, weakest first (a higher level covers a lower one). */
export const CANTRIP_LEVELS: readonly CantripLevel[] = ['MINOR', 'MODERATE', 'MAJOR', 'EPIC', 'LEGENDARY'];

/** How each level reads. */
export const CANTRIP_LEVEL_LABEL: Readonly<Record<CantripLevel, string>> = { MINOR: 'Minor', MODERATE: 'Moderate', MAJOR: 'Major', EPIC: 'Epic', LEGENDARY: 'Legendary' };

/** The slot groups, in the order the form shows them, with their labels. */
export const SLOT_GROUPS: readonly { group: SuitSlotGroup; label: string }[] = [
  { group: 'ARMOR', label: 'Armour' },
  { group: 'UNDERCLOTHES', label: 'Underclothes' },
  { group: 'JEWELRY', label: 'Jewellery' },
];

/** The objective's weights, with the graph's defaults (`SuitWeightsInput`). */
export const WEIGHTS: readonly { field: keyof SuitWeightForm; label: string; defaultValue: number }[] = [
  { field: 'armorLevel', label: 'Per armour level point', defaultValue: 1 },
  { field: 'setTier', label: 'Per set piece that counts', defaultValue: 400 },
  { field: 'cantrip', label: 'Per wanted cantrip', defaultValue: 2000 },
  { field: 'rating', label: 'Per rating point', defaultValue: 100 },
];

/** Most cantrips a search takes. */
export const MAX_CANTRIPS = 64;
/** Most suits a search lists. */
export const MAX_SUITS = 50;
/** The time budget's bounds, in seconds (the graph takes 100 to 60,000 ms). */
export const TIME_BUDGET_SECONDS = { min: 0.1, max: 60 } as const;

/** The primary or secondary set in the form: any set, none, or a set's name. */
export type SetPick = 'ANY' | 'NONE' | (string & {});

/** A wanted cantrip family and the least level that covers it. */
export interface WantedCantrip {
  family: string;
  minLevel: CantripLevel;
}

/** The weights as typed. */
export interface SuitWeightForm {
  armorLevel: string;
  setTier: string;
  cantrip: string;
  rating: string;
}

/** What the form holds. */
export interface SuitSearchForm {
  /** Every character's items (also those of characters that appear later). */
  allCharacters: boolean;
  /** The characters drawn from when `allCharacters` is off. */
  characters: string[];
  includeEquipped: boolean;
  primarySet: SetPick;
  secondarySet: SetPick;
  cantrips: WantedCantrip[];
  minArmorLevel: string;
  slotGroups: SuitSlotGroup[];
  weights: SuitWeightForm;
  /** How many suits to list. */
  suits: string;
  /** The time budget in seconds. */
  timeBudget: string;
}

/** Whether a piece must be in every suit or in none. */
export type PinChoice = 'locked' | 'excluded';

/** A piece the user locked or excluded, remembered for the next search. */
export interface PinnedPiece {
  owner: string;
  id: string;
  name: string;
  choice: PinChoice;
}

/** The key a piece is pinned under: its owner and id. */
export function pieceKey(piece: { owner: string; id: string }): string {
  return `${piece.owner}/${piece.id}`;
}

/** The form as the graph's defaults have it: every character, any two sets, ten suits in ten seconds. */
export function defaultSuitSearchForm(): SuitSearchForm {
  return {
    allCharacters: true,
    characters: [],
    includeEquipped: true,
    primarySet: 'ANY',
    secondarySet: 'ANY',
    cantrips: [],
    minArmorLevel: '0',
    slotGroups: SLOT_GROUPS.map(({ group }) => group),
    weights: Object.fromEntries(WEIGHTS.map(({ field, defaultValue }) => [field, String(defaultValue)])) as unknown as SuitWeightForm,
    suits: '10',
    timeBudget: '10',
  };
}

/**
 * `wanted` with `family` at `minLevel` added, or its level changed when the
 * family is already there (families compare case-insensitively); at most
 * {@link MAX_CANTRIPS}.
 */
export function addCantrip(wanted: readonly WantedCantrip[], family: string, minLevel: CantripLevel): WantedCantrip[] {
  const name = family.trim();
  if (!name) return [...wanted];
  const index = wanted.findIndex((cantrip) => cantrip.family.toLowerCase() === name.toLowerCase());
  if (index >= 0) return wanted.map((cantrip, at) => (at === index ? { ...cantrip, minLevel } : cantrip));
  if (wanted.length >= MAX_CANTRIPS) return [...wanted];
  return [...wanted, { family: name, minLevel }];
}

/** The `SuitSearchInput` of the form, or why it cannot be sent (one sentence per problem). */
export interface BuiltSuitSearch {
  input: SuitSearchInput;
  errors: string[];
}

function setChoice(pick: SetPick): SuitSetChoice {
  if (pick === 'ANY') return { mode: 'ANY' };
  if (pick === 'NONE') return { mode: 'NONE' };
  return { mode: 'NAMED', name: pick };
}

/** `typed` as a number within bounds, or the sentence saying why not. */
function parseNumber(typed: string, label: string, bounds: { min: number; max?: number; integer?: boolean }): number | string {
  const text = typed.trim();
  const value = Number(text);
  if (!text || !Number.isFinite(value)) return `${label} must be a number.`;
  if (bounds.integer && !Number.isInteger(value)) return `${label} must be a whole number.`;
  if (value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    return bounds.max === undefined ? `${label} must be ${bounds.min} or more.` : `${label} must be between ${bounds.min} and ${bounds.max}.`;
  }
  return value;
}

/**
 * The input for `form` and the pinned pieces. Everything is sent explicitly
 * except the characters, left out when all are wanted (so characters whose
 * items arrive later count too); time is typed in seconds and sent in
 * milliseconds.
 */
export function buildSuitSearchInput(form: SuitSearchForm, pins: readonly PinnedPiece[] = []): BuiltSuitSearch {
  const errors: string[] = [];
  const number = (typed: string, label: string, bounds: Parameters<typeof parseNumber>[2]): number => {
    const parsed = parseNumber(typed, label, bounds);
    if (typeof parsed === 'string') errors.push(parsed);
    return typeof parsed === 'number' ? parsed : 0;
  };
  const input: SuitSearchInput = {};
  if (!form.allCharacters) {
    if (!form.characters.length) errors.push('Pick at least one character, or all of them.');
    input.characters = [...form.characters];
  }
  input.includeEquipped = form.includeEquipped;
  input.primarySet = setChoice(form.primarySet);
  input.secondarySet = setChoice(form.secondarySet);
  input.cantrips = form.cantrips.map(({ family, minLevel }) => ({ family, minLevel }));
  input.minArmorLevel = number(form.minArmorLevel, 'Minimum armour level', { min: 0, integer: true });
  const keys = (choice: PinChoice): ItemKeyInput[] => pins.filter((pin) => pin.choice === choice).map(({ owner, id }) => ({ owner, id }));
  input.locked = keys('locked');
  input.excluded = keys('excluded');
  if (!form.slotGroups.length) errors.push('Pick at least one slot group.');
  input.slotGroups = SLOT_GROUPS.map(({ group }) => group).filter((group) => form.slotGroups.includes(group));
  input.weights = Object.fromEntries(WEIGHTS.map(({ field, label }) => [field, number(form.weights[field], `The weight "${label.toLowerCase()}"`, { min: 0 })]));
  input.suits = number(form.suits, 'Number of suits', { min: 1, max: MAX_SUITS, integer: true });
  input.timeBudgetMs = Math.round(number(form.timeBudget, 'Time budget (seconds)', TIME_BUDGET_SECONDS) * 1000);
  return { input, errors };
}
