import { describe, expect, it } from 'vitest';
import { Inventory, type GearOwner } from './gear.js';
import { Random } from './random.js';

const owner = (index: number, mule: boolean): GearOwner => ({
  index,
  level: 275,
  weaponSkill: 'Heavy Weapons',
  element: 'slash',
  primarySet: 0,
  secondarySet: 1,
  swordAndBoard: false,
  armorStyle: index % 3,
  mule,
});

/** The items of `count` characters, mules or not. */
function itemsOf(count: number, mule: boolean) {
  return Array.from({ length: count }, (_, index) => new Inventory(owner(index, mule), new Random(1000 + index)).items());
}

describe('gear for the suitbuilder', () => {
  it('gives mules 200 to 300 items, most of them armour and jewellery', () => {
    for (const items of itemsOf(20, true)) {
      expect(items.length).toBeGreaterThanOrEqual(200);
      expect(items.length).toBeLessThanOrEqual(300);
      const wearable = items.filter((item) => ['Armor', 'Clothing', 'Jewelry'].includes(item.object_class));
      expect(wearable.length / items.length).toBeGreaterThan(0.6);
    }
    for (const items of itemsOf(20, false)) expect(items.length).toBeLessThanOrEqual(150);
  });

  it('has robes, boots over lower leg and feet, underclothes, sets, every cantrip level and rated jewellery', () => {
    const items = itemsOf(20, true).flat();
    const robes = items.filter((item) => item.name.endsWith(' Robe'));
    expect(robes.length).toBeGreaterThan(0);
    for (const robe of robes) expect(robe.coverage).toEqual(['Chest', 'Abdomen', 'UpperArms', 'LowerArms', 'UpperLegs', 'LowerLegs']);
    expect(items.some((item) => item.name.endsWith(' Boots') && item.coverage?.join() === 'LowerLegs,Feet')).toBe(true);
    expect(items.some((item) => item.coverage?.includes('UnderwearChest'))).toBe(true);
    expect(new Set(items.flatMap((item) => (item.set_name ? [item.set_name] : []))).size).toBe(10);
    for (const level of ['Minor', 'Major', 'Epic', 'Legendary']) expect(items.some((item) => item.spells?.some((spell) => spell.startsWith(`${level} `)))).toBe(true);
    expect(items.some((item) => item.object_class === 'Jewelry' && item.ratings && Object.keys(item.ratings).length > 0)).toBe(true);
  });

  it('reports valid_slots on about half of the wearable items, as the game names them', () => {
    const wearable = itemsOf(20, true)
      .flat()
      .filter((item) => ['Armor', 'Clothing', 'Jewelry'].includes(item.object_class) && item.equipped_slot !== 'Shield');
    const reported = wearable.filter((item) => item.valid_slots);
    expect(reported.length / wearable.length).toBeGreaterThan(0.4);
    expect(reported.length / wearable.length).toBeLessThan(0.6);
    const rings = reported.filter((item) => item.name.endsWith('Ring'));
    expect(rings.length).toBeGreaterThan(0);
    for (const ring of rings) expect(ring.valid_slots).toEqual(['FingerWearLeft', 'FingerWearRight']);
    const coats = reported.filter((item) => item.name.endsWith(' Coat'));
    expect(coats.length).toBeGreaterThan(0);
    for (const coat of coats) expect(coat.valid_slots).toEqual(['ChestArmor', 'AbdomenArmor', 'UpperArmArmor', 'LowerArmArmor']);
  });
});
