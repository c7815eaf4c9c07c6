import { describe, expect, it } from 'vitest';
import { addCantrip, buildSuitSearchInput, defaultSuitSearchForm, MAX_CANTRIPS, type PinnedPiece, type SuitSearchForm } from './suitForm';

const form = (changes: Partial<SuitSearchForm> = {}): SuitSearchForm => ({ ...defaultSuitSearchForm(), ...changes });

describe('the Suitbuilder form', () => {
  it('starts from the graph defaults, every character left implicit', () => {
    expect(buildSuitSearchInput(form())).toEqual({
      errors: [],
      input: {
        includeEquipped: true,
        primarySet: { mode: 'ANY' },
        secondarySet: { mode: 'ANY' },
        cantrips: [],
        minArmorLevel: 0,
        locked: [],
        excluded: [],
        slotGroups: ['ARMOR', 'UNDERCLOTHES', 'JEWELRY'],
        weights: { armorLevel: 1, setTier: 400, cantrip: 2000, rating: 100 },
        suits: 10,
        timeBudgetMs: 10_000,
      },
    });
  });

  it('sends what was chosen: characters, sets, cantrips, slots, weights, budget, pinned pieces', () => {
    const pins: PinnedPiece[] = [
      { owner: 'Zyx Mule', id: '9001', name: 'Zyx Chestplate', choice: 'locked' },
      { owner: 'Zyx Second', id: '9004', name: 'Zyx Greaves', choice: 'excluded' },
    ];
    const built = buildSuitSearchInput(
      form({
        allCharacters: false,
        characters: ['Zyx Mule', 'Zyx Second'],
        includeEquipped: false,
        primarySet: "Defender's Set",
        secondarySet: 'NONE',
        cantrips: [{ family: 'Strength', minLevel: 'EPIC' }],
        minArmorLevel: ' 2400 ',
        slotGroups: ['JEWELRY', 'ARMOR'],
        weights: { armorLevel: '2', setTier: '0', cantrip: '1500.5', rating: '100' },
        suits: '3',
        timeBudget: '0.25',
      }),
      pins,
    );
    expect(built).toEqual({
      errors: [],
      input: {
        characters: ['Zyx Mule', 'Zyx Second'],
        includeEquipped: false,
        primarySet: { mode: 'NAMED', name: "Defender's Set" },
        secondarySet: { mode: 'NONE' },
        cantrips: [{ family: 'Strength', minLevel: 'EPIC' }],
        minArmorLevel: 2400,
        locked: [{ owner: 'Zyx Mule', id: '9001' }],
        excluded: [{ owner: 'Zyx Second', id: '9004' }],
        slotGroups: ['ARMOR', 'JEWELRY'],
        weights: { armorLevel: 2, setTier: 0, cantrip: 1500.5, rating: 100 },
        suits: 3,
        timeBudgetMs: 250,
      },
    });
  });

  it('explains each value it cannot send, one sentence each', () => {
    const built = buildSuitSearchInput(
      form({
        allCharacters: false,
        characters: [],
        minArmorLevel: '12.5',
        slotGroups: [],
        weights: { armorLevel: '-1', setTier: 'x', cantrip: '', rating: '100' },
        suits: '51',
        timeBudget: '0.05',
      }),
    );
    expect(built.errors).toEqual([
      'Pick at least one character, or all of them.',
      'Minimum armour level must be a whole number.',
      'Pick at least one slot group.',
      'The weight "per armour level point" must be 0 or more.',
      'The weight "per set piece that counts" must be a number.',
      'The weight "per wanted cantrip" must be a number.',
      'Number of suits must be between 1 and 50.',
      'Time budget (seconds) must be between 0.1 and 60.',
    ]);
  });

  it('adds a cantrip family once, changing its level when it is added again in another case', () => {
    let wanted = addCantrip([], 'Strength', 'MAJOR');
    wanted = addCantrip(wanted, ' Invulnerability ', 'EPIC');
    wanted = addCantrip(wanted, 'strength', 'LEGENDARY');
    expect(wanted).toEqual([
      { family: 'Strength', minLevel: 'LEGENDARY' },
      { family: 'Invulnerability', minLevel: 'EPIC' },
    ]);
    expect(addCantrip(wanted, '  ', 'MINOR')).toEqual(wanted);
  });

  it('takes at most 64 cantrips', () => {
    const full = Array.from({ length: MAX_CANTRIPS }, (_, index) => ({ family: `Family ${index}`, minLevel: 'MINOR' as const }));
    expect(addCantrip(full, 'One too many', 'MINOR')).toHaveLength(MAX_CANTRIPS);
  });
});
