/**
 * What a Minecraft player on the map is doing, for its dot's colour: the
 * bridge sends no automation state, so it is read from what it does send.
 */
import type { MinecraftPlayer } from './minecraftWorld';

/** The states a Minecraft player's dot shows, in the legend's order. */
export const MINECRAFT_STATES = ['Moving', 'Still', 'Hurt', 'Dead'] as const;
export type MinecraftState = (typeof MINECRAFT_STATES)[number];

/** A player standing this long is still. */
export const STILL_AFTER_MS = 6_000;
/** Health under this (percent) is hurt. */
export const HURT_BELOW_PCT = 35;

/** The state of a player that last moved `stillFor` ms ago. */
export function minecraftState(player: Pick<MinecraftPlayer, 'vitals' | 'state'>, stillFor: number): MinecraftState {
  const health = player.vitals?.healthPct;
  if (player.state?.toLowerCase() === 'dead' || health === 0) return 'Dead';
  if (health !== undefined && health < HURT_BELOW_PCT) return 'Hurt';
  return stillFor >= STILL_AFTER_MS ? 'Still' : 'Moving';
}

const STATE_COLOURS: Record<MinecraftState, string> = { Moving: '#58a6ff', Still: '#e3b341', Hurt: '#f85149', Dead: '#8b949e' };

/** A state's colour (the Dereth map's: navigating blue, idle amber, combat red, dead grey). */
export function stateColour(state: MinecraftState): string {
  return STATE_COLOURS[state];
}

/** An entity marker's colour by its mineflayer type: hostile red, animals yellow, players white, the rest grey. */
export function entityColour(objectClass: string | null | undefined): string {
  switch (objectClass) {
    case 'hostile':
      return '#ff5f56';
    case 'animal':
    case 'passive':
    case 'water_creature':
    case 'ambient':
      return '#f2cc60';
    case 'player':
      return '#ffffff';
    default:
      return '#a0a8b0';
  }
}
