import { describe, expect, it } from 'vitest';
import { inventorySections } from './inventory';
import { itemHeadline, itemProperties, itemRatings } from './item';
import { item } from './test-support';

describe('inventorySections', () => {
  it('lists equipped items, the main pack without the packs, then each pack', () => {
    const containers = [
      { id: '0', pack: null, items: [item('5', 'Amuli Coat', { equippedSlot: 'ChestArmor' }), item('7', 'Sack'), item('9', 'Pyreal Mote'), item('11', 'Backpack')] },
      { id: '7', pack: { id: '7', name: 'Sack' }, items: [item('20', 'Zircon', { containerId: '7' })] },
      { id: '11', pack: null, items: [] },
    ];
    expect(inventorySections(containers).map((section) => [section.id, section.title, section.items.map((entry) => entry.name)])).toEqual([
      ['equipped', 'Equipped', ['Amuli Coat']],
      ['main', 'Main pack', ['Pyreal Mote']],
      ['7', 'Sack', ['Zircon']],
      ['11', 'Pack 11', []],
    ]);
  });

  it('still has both body sections when nothing is reported', () => {
    expect(inventorySections([])).toEqual([
      { id: 'equipped', title: 'Equipped', items: [] },
      { id: 'main', title: 'Main pack', items: [] },
    ]);
  });
});

describe('item text', () => {
  it('heads an item with its armor level or damage', () => {
    expect(itemHeadline({ armorLevel: 1417, maxDamage: null })).toBe('AL 1,417');
    expect(itemHeadline({ armorLevel: null, maxDamage: 67 })).toBe('Dmg 67.0');
    expect(itemHeadline({ armorLevel: null, maxDamage: null })).toBe('');
  });

  it('lists the ratings an item has', () => {
    expect(itemRatings({ damage: null, damageResist: 4, crit: null, critDamage: 2, critResist: null, critDamageResist: null, healBoost: null, vitality: 1 })).toBe('Damage resist 4, Crit damage 2, Vitality 1');
    expect(itemRatings(null)).toBe('');
  });

  it('details what the item has, in reading order, and nothing it lacks', () => {
    const sleeves = item('2601180595', 'Amuli Sleeves', {
      objectClass: 'Armor',
      equippedSlot: 'UpperArmArmor',
      setName: "Soldier's Set",
      material: 'Leather',
      armorLevel: 413,
      coverage: ['UpperArms', 'LowerArms'],
      workmanship: 9,
      tinks: 6,
      spellcraft: 416,
      mana: 861,
      maxMana: 1500,
      value: 15677,
      burden: 560,
      meleeDefenseBonus: 0.15,
      wieldRequirements: [{ skill: 'Level', level: 150 }],
      ratings: { damage: null, damageResist: 4, crit: null, critDamage: null, critResist: null, critDamageResist: null, healBoost: null, vitality: null },
    });
    expect(itemProperties(sleeves)).toEqual([
      ['Class', 'Armor'],
      ['Equipped', 'Upper arms'],
      ['Set', "Soldier's Set"],
      ['Material', 'Leather'],
      ['Armor level', '413'],
      ['Covers', 'Upper arms, Lower arms'],
      ['Melee defense', '+15.0 %'],
      ['Ratings', 'Damage resist 4'],
      ['Workmanship', '9'],
      ['Tinks', '6'],
      ['Spellcraft', '416'],
      ['Mana', '861 / 1,500'],
      ['Wield', 'Level 150'],
      ['Value', '15,677 py'],
      ['Burden', '560'],
    ]);
    expect(itemProperties(item('1', 'Pyreal Mote', { workmanship: 7.25 }))).toEqual([['Workmanship', '7.25']]);
  });
});
