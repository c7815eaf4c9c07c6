import { describe, expect, it } from 'vitest';
import { coverageName, identifierWords, objectClassName, slotName } from './gameNames';

describe('game names', () => {
  it.each([
    ['MeleeWeapon', 'Melee weapon'],
    ['MissileWeapon', 'Missile weapon'],
    ['WandStaffOrb', 'Caster'],
    ['SpellComponent', 'Spell component'],
    ['Armor', 'Armor'],
    ['Npc', 'NPC'],
    [null, ''],
  ])('object class %s reads %s', (raw, expected) => {
    expect(objectClassName(raw)).toBe(expected);
  });

  it.each([
    ['FingerWearRight', 'Right ring'],
    ['FingerWearLeft', 'Left ring'],
    ['WristWearLeft', 'Left bracelet'],
    ['MeleeWeapon', 'Melee weapon'],
    ['HeadWear', 'Head'],
    ['ChestArmor', 'Chest'],
    ['TrinketOne', 'Trinket'],
    ['SomeNewSlot', 'Some new slot'],
    [undefined, ''],
  ])('slot %s reads %s', (raw, expected) => {
    expect(slotName(raw)).toBe(expected);
  });

  it('names covered parts, underclothes marked', () => {
    expect(['UpperArms', 'UnderwearChest', 'Head'].map(coverageName)).toEqual(['Upper arms', 'Chest (under)', 'Head']);
  });

  it('splits identifiers into words, keeping acronyms', () => {
    expect(['PortalNPC', 'HTMLBook', 'already words', 'snake_case'].map(identifierWords)).toEqual(['Portal NPC', 'HTML book', 'already words', 'snake case']);
  });
});
