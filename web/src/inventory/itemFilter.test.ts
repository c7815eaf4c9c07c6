import { describe, expect, it } from 'vitest';
import { buildItemFilter, conditionCount, emptyItemFilterForm, splitNames, type ItemFilterForm } from './itemFilter';

function form(changes: Partial<ItemFilterForm>): ItemFilterForm {
  return { ...emptyItemFilterForm(), ...changes };
}

describe('buildItemFilter', () => {
  it('turns an empty form into an empty filter (every item)', () => {
    expect(buildItemFilter(emptyItemFilterForm())).toEqual({ filter: {}, errors: [] });
  });

  it('sets every field of ItemFilter from the form, trimmed and typed', () => {
    const built = buildItemFilter(
      form({
        text: '  amuli ',
        characters: 'Belsandre, Cadna,,Belsandre ',
        objectClass: 'Armor',
        material: ' Leather',
        setName: "Dexterous Set",
        spells: 'Epic Magic Resistance, Legendary Invulnerability',
        equipped: 'unequipped',
        numbers: {
          armorLevelMin: '300',
          armorLevelMax: ' 450 ',
          tinksMin: '0',
          tinksMax: '7',
          workmanshipMin: '8.5',
          workmanshipMax: '10',
          damageMin: '1',
          damageResistMin: '2',
          critMin: '3',
          critDamageMin: '4',
          critResistMin: '5',
          critDamageResistMin: '6',
          healBoostMin: '7',
          vitalityMin: '8',
        },
      }),
    );
    expect(built).toEqual({
      errors: [],
      filter: {
        text: 'amuli',
        characters: ['Belsandre', 'Cadna'],
        objectClass: 'Armor',
        material: 'Leather',
        setName: 'Dexterous Set',
        spells: ['Epic Magic Resistance', 'Legendary Invulnerability'],
        equipped: false,
        armorLevelMin: 300,
        armorLevelMax: 450,
        tinksMin: 0,
        tinksMax: 7,
        workmanshipMin: 8.5,
        workmanshipMax: 10,
        damageMin: 1,
        damageResistMin: 2,
        critMin: 3,
        critDamageMin: 4,
        critResistMin: 5,
        critDamageResistMin: 6,
        healBoostMin: 7,
        vitalityMin: 8,
      },
    });
    expect(conditionCount(built.filter)).toBe(21);
  });

  it('keeps only equipped items when asked, and leaves blank numbers out', () => {
    expect(buildItemFilter(form({ equipped: 'equipped', numbers: { armorLevelMin: '  ', tinksMax: '' } }))).toEqual({ filter: { equipped: true }, errors: [] });
  });

  it('refuses what is not a number, fractions where the graph takes whole numbers, and upside-down ranges', () => {
    expect(buildItemFilter(form({ numbers: { armorLevelMin: 'lots', tinksMin: '2.5', workmanshipMin: '9.5', workmanshipMax: '9', critMin: '1e1', critDamageMin: '0.5' } }))).toEqual({
      filter: { workmanshipMin: 9.5, workmanshipMax: 9, critMin: 10 },
      errors: ['Armor level (lowest) must be a number.', 'Tinks (lowest) must be a whole number.', 'Crit damage rating (lowest) must be a whole number.', 'Workmanship: the lowest value is above the highest.'],
    });
  });

  it("refuses whole numbers past the graph's 32-bit Int", () => {
    expect(buildItemFilter(form({ numbers: { armorLevelMin: '99999999999', tinksMax: '2147483647', critMin: '-2147483648', vitalityMin: '-2147483649' } }))).toEqual({
      filter: { tinksMax: 2147483647, critMin: -2147483648 },
      errors: ['Armor level (lowest) must be from -2,147,483,648 to 2,147,483,647.', 'Vitality rating (lowest) must be from -2,147,483,648 to 2,147,483,647.'],
    });
  });
});

describe('splitNames', () => {
  it('splits on commas, trims, drops blanks and repeats', () => {
    expect(splitNames(' a, b ,, a,c ')).toEqual(['a', 'b', 'c']);
    expect(splitNames('')).toEqual([]);
  });
});
