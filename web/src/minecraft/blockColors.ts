/**
 * The colour of a Minecraft block seen from above, by its name: stone grey,
 * dirt brown, water blue, lava orange, leaves green… Names are the game's
 * (`grass_block`, `oak_leaves`, `deepslate_iron_ore`); the first rule whose
 * pattern the name matches gives the colour.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/water|bubble_column|kelp|seagrass/, '#3f76e4'],
  [/lava|magma/, '#e8731c'],
  [/leaves|azalea|vine|moss|lily_pad|fern|bush|sapling/, '#3f8f2f'],
  [/grass_block|^grass$|short_grass|tall_grass/, '#6aa84f'],
  [/snow|powder_snow/, '#f2f6f8'],
  [/^ice$|packed_ice|blue_ice|frosted_ice/, '#9cc3f5'],
  [/sand(?!stone)|suspicious_sand/, '#dbcf8e'],
  [/sandstone/, '#d4c283'],
  [/gravel|clay/, '#8f8c88'],
  [/dirt|mud|podzol|mycelium|farmland|coarse|rooted|dirt_path/, '#8b5a2b'],
  [/log|wood|planks|stem|hyphae|bamboo|barrel|crafting_table|chest|bookshelf/, '#9c7443'],
  [/ore/, '#a39f8f'],
  [/netherrack|nether_wart|crimson/, '#7a2f2f'],
  [/soul_sand|soul_soil/, '#54402f'],
  [/warped/, '#2b8a7b'],
  [/end_stone|purpur/, '#dfdca0'],
  [/obsidian|bedrock/, '#2a2233'],
  [/deepslate|blackstone|basalt|tuff/, '#4d4d55'],
  [/stone|cobble|andesite|diorite|granite|brick|calcite/, '#8a8a8a'],
  [/flower|poppy|dandelion|tulip|orchid|allium|bluet|daisy|lilac|rose|peony|cornflower/, '#d65db1'],
  [/wool|carpet|concrete|terracotta|glass/, '#c0b8a8'],
];

/** A colour for blocks no rule knows. */
export const UNKNOWN_BLOCK_COLOUR = '#b07fc4';

/** The colour a block is drawn in on the Minecraft map. */
export function blockColour(kind: string | null | undefined): string {
  const name = (kind ?? '').replace(/^minecraft:/, '');
  for (const [pattern, colour] of RULES) if (pattern.test(name)) return colour;
  return UNKNOWN_BLOCK_COLOUR;
}

/** The colours the map's legend shows, in its order. */
export const BLOCK_LEGEND: ReadonlyArray<readonly [string, string]> = [
  ['stone', blockColour('stone')],
  ['dirt', blockColour('dirt')],
  ['grass', blockColour('grass_block')],
  ['water', blockColour('water')],
  ['lava', blockColour('lava')],
  ['leaves', blockColour('oak_leaves')],
  ['sand', blockColour('sand')],
  ['wood', blockColour('oak_log')],
];
