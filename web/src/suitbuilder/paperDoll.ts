/**
 * The paper doll: a suit's pieces laid out like a body in a CSS grid (head on
 * top, chest and abdomen in the middle, the arms on either side, legs and feet
 * below; jewellery in a column on the left, underclothes on the right), and
 * which of a piece's spells are the wanted cantrips it brings.
 */
import type { CantripLevel, SuitPieceDetailFragment, SuitSlot } from '../graph/generated/graphql';

/** Each slot's grid area and label, in the graph's slot order (head to trinket). */
export const PAPER_DOLL_SLOTS: readonly { slot: SuitSlot; area: string; label: string }[] = [
  { slot: 'HEAD', area: 'head', label: 'Head' },
  { slot: 'HANDS', area: 'hands', label: 'Hands' },
  { slot: 'FEET', area: 'feet', label: 'Feet' },
  { slot: 'CHEST', area: 'chest', label: 'Chest' },
  { slot: 'ABDOMEN', area: 'abdomen', label: 'Abdomen' },
  { slot: 'UPPER_ARMS', area: 'upperArms', label: 'Upper arms' },
  { slot: 'LOWER_ARMS', area: 'lowerArms', label: 'Lower arms' },
  { slot: 'UPPER_LEGS', area: 'upperLegs', label: 'Upper legs' },
  { slot: 'LOWER_LEGS', area: 'lowerLegs', label: 'Lower legs' },
  { slot: 'SHIRT', area: 'shirt', label: 'Shirt' },
  { slot: 'PANTS', area: 'pants', label: 'Pants' },
  { slot: 'NECK', area: 'neck', label: 'Neck' },
  { slot: 'WRIST_LEFT', area: 'wristLeft', label: 'Left wrist' },
  { slot: 'WRIST_RIGHT', area: 'wristRight', label: 'Right wrist' },
  { slot: 'FINGER_LEFT', area: 'fingerLeft', label: 'Left finger' },
  { slot: 'FINGER_RIGHT', area: 'fingerRight', label: 'Right finger' },
  { slot: 'TRINKET', area: 'trinket', label: 'Trinket' },
];

/**
 * The grid's `grid-template-areas`, one string per row; columns: jewellery,
 * upper arms, body, lower arms and hands, underclothes. The shirt sits beside
 * the chest, the pants beside the upper legs.
 */
export const PAPER_DOLL_AREAS: readonly string[] = [
  'neck       .          head       .          .',
  'wristLeft  upperArms  chest      lowerArms  shirt',
  'wristRight .          abdomen    hands      .',
  'fingerLeft .          upperLegs  .          pants',
  'fingerRight .         lowerLegs  .          .',
  'trinket    .          feet       .          .',
];

/** The grid's CSS `grid-template-areas` value. */
export const PAPER_DOLL_TEMPLATE = PAPER_DOLL_AREAS.map((row) => `"${row.trim().split(/\s+/).join(' ')}"`).join(' ');

/** Where `slot` is on the grid: 1-based row and column. */
export function slotPosition(slot: SuitSlot): { row: number; column: number } {
  const area = PAPER_DOLL_SLOTS.find((entry) => entry.slot === slot)!.area;
  for (const [index, row] of PAPER_DOLL_AREAS.entries()) {
    const column = row.trim().split(/\s+/).indexOf(area);
    if (column >= 0) return { row: index + 1, column: column + 1 };
  }
  throw new Error(`the paper doll has no place for ${slot}`);
}

/** One cell of the doll: a slot and the piece in it, if any. */
export interface PaperDollCell {
  slot: SuitSlot;
  area: string;
  label: string;
  piece?: SuitPieceDetailFragment;
  /** The other slots the same piece fills (a coat covers chest and arms), by label. */
  alsoCovers: string[];
}

/** Every slot of the doll with the piece that fills it, in slot order. */
export function paperDollCells(pieces: readonly SuitPieceDetailFragment[]): PaperDollCell[] {
  return PAPER_DOLL_SLOTS.map(({ slot, area, label }) => {
    const piece = pieces.find((candidate) => candidate.slots.includes(slot));
    const alsoCovers = (piece?.slots ?? []).filter((other) => other !== slot).map((other) => PAPER_DOLL_SLOTS.find((entry) => entry.slot === other)?.label ?? other);
    return piece ? { slot, area, label, piece, alsoCovers } : { slot, area, label, alsoCovers };
  });
}

const LEVEL_WORDS: Readonly<Record<string, CantripLevel>> = { minor: 'MINOR', moderate: 'MODERATE', major: 'MAJOR', epic: 'EPIC', legendary: 'LEGENDARY' };

/** A spell read as a cantrip: `Legendary Strength` is the family `Strength` at `LEGENDARY`; a name without a level is `MODERATE`. */
export function spellCantrip(spell: string): { family: string; level: CantripLevel } {
  const [first, ...rest] = spell.trim().split(/\s+/);
  const level = first ? LEVEL_WORDS[first.toLowerCase()] : undefined;
  return level && rest.length ? { family: rest.join(' '), level } : { family: spell.trim(), level: 'MODERATE' };
}

/** The spells of `spells` that bring one of the `families` (compared case-insensitively), as the item names them. */
export function countingCantrips(spells: readonly string[], families: readonly string[]): string[] {
  const wanted = new Set(families.map((family) => family.toLowerCase()));
  return spells.filter((spell) => wanted.has(spellCantrip(spell).family.toLowerCase()));
}
