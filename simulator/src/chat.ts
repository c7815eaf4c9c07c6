/**
 * What characters hear: chat channels with the game's colours and lines of
 * the kind players type. `{…}` slots are filled from the world's tables.
 */

import type { Random } from './random.js';
import { rareItemNames, armorSets } from './gear.js';
import { monsters, places } from './world.js';

export interface Channel {
  readonly name: string;
  /** The chat colour the game gives the channel. */
  readonly color: number;
  /** How often the channel is heard, relative to the others. */
  readonly weight: number;
  readonly lines: readonly string[];
}

export const channels: readonly Channel[] = [
  {
    name: 'General',
    color: 27,
    weight: 25,
    lines: [
      'anyone know where {monster}s spawn these days?',
      'is the {place} lifestone bugged for anyone else?',
      'grats on the {rare}!',
      'what is the best set for a level 180 archer?',
      'server feels laggy tonight',
      'who is running Colo later?',
      "lol just died to a {monster} in {place}",
      'any buffers around {place}?',
      'how do I get to {place} from Holtburg?',
      'finally hit 275!',
    ],
  },
  {
    name: 'Trade',
    color: 28,
    weight: 20,
    lines: [
      'WTS {rare}, taking offers in MMDs',
      'WTB Legendary Keys, paying 2 MMD each',
      'WTS full {set} pieces, tinked, pst',
      'WTB {rare}',
      'selling salvage bags, Black Garnet and Imperial Topaz, cheap',
      'WTS Legendary Willpower gem, 15 MMD',
      'buying Pearls of Blood Drinking, pst',
      'trading {set} Breastplate for {set} Helm',
    ],
  },
  {
    name: 'LFG',
    color: 29,
    weight: 6,
    lines: ['LF2M for {place} hunting, lvl 200+', 'need a healer for the Virindi fort', 'LFG Rynthid Genesis, 275 melee'],
  },
  {
    name: 'Allegiance',
    color: 18,
    weight: 15,
    lines: ['grats!', 'who is up for Aerbax tonight?', 'patron xp is flowing, thanks all', 'anyone have spare mana stones?', 'gz on the rare', 'meet at {place} in 10'],
  },
  {
    name: 'Fellowship',
    color: 19,
    weight: 12,
    lines: ['need mana', 'pulling next room', 'rebuff in 2', 'bbl, bio', '{monster} coming from the left', 'loot is on my side', 'omw', 'heal please'],
  },
  {
    name: 'Tell',
    color: 3,
    weight: 12,
    lines: ['can you port me to {place}?', 'you still have that {rare}?', 'thanks for the buffs!', 'are you coming to {place}?', 'sent you the salvage', 'need a tink on my armor later'],
  },
  {
    name: 'Local',
    color: 2,
    weight: 10,
    lines: ['Hail!', 'nice armor', 'anyone selling peas?', 'wow that {monster} hits hard', 'afk', 'ty', 'The {monster} summons a whirlwind of vortexes!'],
  },
];

export const channelWeights: readonly number[] = channels.map((c) => c.weight);

/** One line of a channel with its slots filled. */
export function chatLine(random: Random, channel: Channel): string {
  const line = random.pick(channel.lines);
  if (!line.includes('{')) return line;
  return line
    .replace('{monster}', () => random.pick(monsters).name)
    .replace('{place}', () => random.pick(places).name)
    .replace('{rare}', () => random.pick(rareItemNames))
    .replaceAll('{set}', () => random.pick(armorSets));
}
