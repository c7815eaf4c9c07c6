/**
 * A fleet of simulated characters. Pure: no clock, no sockets. Time is passed
 * in, chance comes from seeded generators, so the same options and the same
 * times always give the same frames.
 */

import { SimulatedCharacter, type WorldPace } from './character.js';
import { allegiances, fellowshipName } from './names.js';
import { createProfile, type Profile } from './profile.js';
import { mixSeed, Random } from './random.js';

export interface FleetOptions extends WorldPace {
  /** Number of characters. */
  characters: number;
  /** Same seed, same fleet. */
  seed: number;
  /** Epoch ms the simulation starts at (character ages are counted back from it). */
  start: number;
}

/**
 * Creates the characters of a fleet, each with its own random streams derived
 * from `seed` and its index: character n is the same in a fleet of 10 and of
 * 10,000. Characters are logged out until their `loginFrames` is called.
 */
export function createFleet(options: FleetOptions): SimulatedCharacter[] {
  const { characters, seed, start } = options;
  if (!Number.isInteger(characters) || characters < 0) throw new RangeError(`characters must be a non-negative integer, got ${characters}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a number, got ${seed}`);
  if (!Number.isFinite(start)) throw new RangeError(`start must be epoch milliseconds, got ${start}`);
  const taken = new Set<string>();
  const profiles: Profile[] = [];
  for (let i = 0; i < characters; i++) profiles.push(createProfile(seed, i, start, taken));
  const names = profiles.map((p) => p.name);
  const fellows = formFellowships(profiles, seed);
  assignPatrons(profiles);
  const pace: WorldPace = { run: options.run, killsPerRare: options.killsPerRare, sessionMinutes: options.sessionMinutes, stuckJourneys: options.stuckJourneys };
  return profiles.map((profile, i) => new SimulatedCharacter(profile, seed, { names, fellows: fellows[i] ?? [] }, pace));
}

/**
 * About 40% of characters play in fellowships of 2-5 neighbours in the fleet.
 * Returns, per character, the names of its fellows.
 */
function formFellowships(profiles: Profile[], seed: number): string[][] {
  const random = new Random(mixSeed(seed, 0xfe11));
  const fellows: string[][] = profiles.map(() => []);
  let groups = 0;
  for (let i = 0; i < profiles.length; ) {
    if (!random.chance(0.16)) {
      i++;
      continue;
    }
    const members = profiles.slice(i, i + random.int(2, 5));
    i += members.length;
    if (members.length < 2) continue;
    const group = fellowshipName(groups++);
    const groupSeed = mixSeed(seed, 0xfe11, groups);
    for (const member of members) {
      member.group = group;
      member.groupSeed = groupSeed;
      fellows[member.index] = members.filter((m) => m !== member).map((m) => m.name);
    }
  }
  return fellows;
}

/** The first member of each allegiance in the fleet swears to the monarch; the others to it. */
function assignPatrons(profiles: Profile[]): void {
  const first = new Map<number, string>();
  for (const profile of profiles) {
    const leader = first.get(profile.allegiance);
    if (leader === undefined) {
      first.set(profile.allegiance, profile.name);
      profile.patron = allegiances[profile.allegiance]?.monarch ?? '';
    } else {
      profile.patron = leader;
    }
  }
}
