import { describe, expect, it } from 'vitest';
import { countingCantrips, PAPER_DOLL_SLOTS, PAPER_DOLL_TEMPLATE, paperDollCells, slotPosition, spellCantrip } from './paperDoll';
import { piece } from './test-support';

describe('the paper doll', () => {
  it('is shaped like a body: head on top, chest and abdomen below, legs and feet at the bottom', () => {
    const column = slotPosition('HEAD').column;
    expect(['HEAD', 'CHEST', 'ABDOMEN', 'UPPER_LEGS', 'LOWER_LEGS', 'FEET'].map((slot) => slotPosition(slot as never))).toEqual([1, 2, 3, 4, 5, 6].map((row) => ({ row, column })));
  });

  it('has the arms on either side of the chest, hands at the end of the lower arms', () => {
    const chest = slotPosition('CHEST');
    expect(slotPosition('UPPER_ARMS')).toEqual({ row: chest.row, column: chest.column - 1 });
    expect(slotPosition('LOWER_ARMS')).toEqual({ row: chest.row, column: chest.column + 1 });
    expect(slotPosition('HANDS')).toEqual({ row: chest.row + 1, column: chest.column + 1 });
  });

  it('puts the jewellery in a column of its own and the underclothes beside what they are worn under', () => {
    expect(['NECK', 'WRIST_LEFT', 'WRIST_RIGHT', 'FINGER_LEFT', 'FINGER_RIGHT', 'TRINKET'].map((slot) => slotPosition(slot as never))).toEqual([1, 2, 3, 4, 5, 6].map((row) => ({ row, column: 1 })));
    expect(slotPosition('SHIRT')).toEqual({ row: slotPosition('CHEST').row, column: 5 });
    expect(slotPosition('PANTS')).toEqual({ row: slotPosition('UPPER_LEGS').row, column: 5 });
  });

  it('gives every slot its own area, and the template every area once', () => {
    const areas = PAPER_DOLL_SLOTS.map((entry) => entry.area);
    expect(new Set(areas).size).toBe(17);
    for (const area of areas) expect(PAPER_DOLL_TEMPLATE.split(/[\s"]+/).filter((name) => name === area)).toHaveLength(1);
    expect(PAPER_DOLL_TEMPLATE.split('" "')).toHaveLength(6);
  });

  it('fills each slot with the piece worn there; a piece over several slots shows in each, saying which others', () => {
    const coat = piece('Zyx Mule', '7', 'Amuli Coat', ['CHEST', 'UPPER_ARMS']);
    const ring = piece('Zyx Second', '8', 'Ring', ['FINGER_RIGHT']);
    const cells = paperDollCells([coat, ring]);
    expect(cells.map((cell) => cell.slot)).toEqual(PAPER_DOLL_SLOTS.map((entry) => entry.slot));
    const filled = cells.filter((cell) => cell.piece).map((cell) => [cell.slot, cell.piece?.item.name, cell.alsoCovers]);
    expect(filled).toEqual([
      ['CHEST', 'Amuli Coat', ['Upper arms']],
      ['UPPER_ARMS', 'Amuli Coat', ['Chest']],
      ['FINGER_RIGHT', 'Ring', []],
    ]);
  });
});

describe('cantrips on a piece', () => {
  it('reads a spell as a family and a level; a spell without a level word is moderate', () => {
    expect(spellCantrip('Legendary Heavy Weapon Aptitude')).toEqual({ family: 'Heavy Weapon Aptitude', level: 'LEGENDARY' });
    expect(spellCantrip('minor Strength')).toEqual({ family: 'Strength', level: 'MINOR' });
    expect(spellCantrip('Invulnerability')).toEqual({ family: 'Invulnerability', level: 'MODERATE' });
    expect(spellCantrip('Epic')).toEqual({ family: 'Epic', level: 'MODERATE' });
  });

  it('counts the spells of the families the suit covers, whatever their case', () => {
    expect(countingCantrips(['Epic Strength', 'Major Endurance', 'Impenetrability', 'Legendary Invulnerability'], ['strength', 'Invulnerability'])).toEqual(['Epic Strength', 'Legendary Invulnerability']);
  });
});
