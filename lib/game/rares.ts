/**
 * Rare tiers as the community speaks of them: the tier-one rares that drop
 * most often — gems named "<Gem> of <Effect>" and the "Hieroglyph/Ideograph/
 * Pictograph/Rune of ..." mastery glyphs — are common; every other rare
 * (weapons, armour, jewellery, casters, keys, trinkets) is great.
 */
export type RareTier = 'common' | 'great';

const gems = [
  'Agate', 'Amber', 'Amethyst', 'Aquamarine', 'Azurite', 'Black Garnet', 'Black Opal', 'Bloodstone', 'Carnelian',
  'Citrine', 'Diamond', 'Emerald', 'Fire Opal', 'Green Garnet', 'Green Jade', 'Hematite', 'Imperial Topaz', 'Jet',
  'Lapis Lazuli', 'Lavender Jade', 'Malachite', 'Moonstone', 'Onyx', 'Opal', 'Pearl', 'Peridot', 'Red Garnet',
  'Red Jade', 'Rose Quartz', 'Ruby', 'Sapphire', 'Smokey Quartz', 'Smoky Quartz', 'Sunstone', 'Tiger Eye', 'Topaz',
  'Tourmaline', 'Turquoise', 'White Jade', 'White Quartz', 'White Sapphire', 'Yellow Garnet', 'Yellow Topaz', 'Zircon',
];
const glyphs = ['Hieroglyph', 'Ideograph', 'Pictograph', 'Rune'];
const commonRare = new RegExp(`^(?:${[...gems, ...glyphs].join('|')}) of \\S`, 'i');

/** `common` or `great` for a rare's item name. */
export function rareTier(name: string): RareTier {
  return commonRare.test(name.trim()) ? 'common' : 'great';
}
