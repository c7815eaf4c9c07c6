/**
 * The live fleet: every character seen in the last 30 seconds, where it is
 * and what it is doing, for the map and anyone else who wants it.
 *
 * Positions are kept in a plain `Map` (not deeply reactive: a thousand
 * characters moving four times a second would swamp Vue); readers watch
 * `version`, bumped on every change, and `count`. The store owns the
 * `positions` subscription and the `livePlayers` poll while at least one
 * component has called {@link start}.
 */
import { defineStore } from 'pinia';
import { markRaw, onScopeDispose, shallowRef, watch } from 'vue';
import { FleetLivePlayersDocument, FleetPositionsDocument, type FleetLivePlayersQuery, type FleetPositionsSubscription } from '../graph/generated/graphql';
import { useQuery, useSubscription } from '../graph/use';
import { sharedFeed } from '../graph/shared';
import { LIVE_WINDOW_MS } from '@lifestone/lib/game/live';


/** How often `livePlayers` is read for states (positions carry none) and for who is still live. */
export const LIVE_PLAYERS_POLL_MS = 4_000;

/** How often characters gone quiet are dropped. */
const STALE_CHECK_MS = 1_000;

/** One live character. Times are in this page's clock (ms since the epoch). */
export interface FleetCharacter {
  name: string;
  ns: number;
  ew: number;
  z: number;
  /** Compass degrees (0 north, 90 east); null when not reported. */
  heading: number | null;
  /** VTank's state as last reported (`Combat`, `Navigating` ...); null until `livePlayers` told it. */
  state: string | null;
  /** When the last frame of it was received. */
  lastSeen: number;
  /** When it observed the position held here (server clock): an older report never overwrites a newer one. */
  positionTime: number;
}

/** One tick of the `positions` feed. */
export type PositionBatch = FleetPositionsSubscription['positions'];

/** What `livePlayers` answers. */
export type LivePlayers = FleetLivePlayersQuery['livePlayers'];

/** What the diagnostics handle shows of each character. */
export type FleetSnapshot = Record<string, { ns: number; ew: number; state: string | null }>;

export const useFleetStore = defineStore('fleet', () => {
  const characters = markRaw(new Map<string, FleetCharacter>());
  /** Characters of another game (Minecraft: its own map, minecraft/), kept off Dereth's. */
  const elsewhere = new Set<string>();
  /** Bumped whenever a character moved, appeared, changed state or dropped off. */
  const version = shallowRef(0);
  /** How many characters are live. */
  const count = shallowRef(0);
  /** This page's clock minus the server's, learnt from each tick; undefined before the first. */
  let clockOffset: number | undefined;

  function changed(): void {
    count.value = characters.size;
    version.value += 1;
  }

  function place(name: string, position: { ns: number; ew: number; z: number; heading: number | null }, positionTime: number, lastSeen: number): boolean {
    const known = characters.get(name);
    if (!known) {
      characters.set(name, { name, ...position, state: null, lastSeen, positionTime });
      return true;
    }
    known.lastSeen = Math.max(known.lastSeen, lastSeen);
    if (positionTime < known.positionTime) return false;
    const moved = known.ns !== position.ns || known.ew !== position.ew || known.z !== position.z || known.heading !== position.heading;
    Object.assign(known, position, { positionTime });
    return moved;
  }

  /** Merges one tick of the feed: every character in it was just seen. */
  function applyPositions(batch: PositionBatch, now = Date.now()): void {
    const tick = Date.parse(batch.time);
    if (Number.isFinite(tick)) clockOffset = now - tick;
    let moved = false;
    for (const { character, time, position } of batch.positions) {
      if (!elsewhere.has(character) && place(character, position, Date.parse(time) || 0, now)) moved = true;
    }
    if (moved) changed();
  }

  /**
   * Merges a `livePlayers` answer: states, characters that did not move since
   * the page opened, and when each was last seen. Without a tick yet to learn
   * the server's clock from, the newest `lastSeen` of the answer stands in for
   * the server's now.
   */
  function applyLivePlayers(players: LivePlayers, now = Date.now()): void {
    const seen = players.map((player) => (player.lastSeen ? Date.parse(player.lastSeen) : Number.NaN));
    const offset = clockOffset ?? now - Math.max(...seen.filter(Number.isFinite));
    let touched = false;
    players.forEach((player, index) => {
      if (player.game !== 'ASHERONS_CALL') {
        elsewhere.add(player.name);
        touched = characters.delete(player.name) || touched;
        return;
      }
      elsewhere.delete(player.name);
      const local = (seen[index] as number) + offset;
      const lastSeen = Number.isFinite(local) ? Math.min(now, local) : now;
      if (player.position) touched = place(player.name, player.position, player.positionTime ? Date.parse(player.positionTime) : 0, lastSeen) || touched;
      const known = characters.get(player.name);
      if (known && known.state !== player.state) {
        known.state = player.state;
        touched = true;
      }
    });
    if (touched) changed();
    dropStale(now);
  }

  /** Drops the characters not seen for {@link LIVE_WINDOW_MS}; returns how many. */
  function dropStale(now = Date.now()): number {
    let dropped = 0;
    for (const [name, character] of characters) {
      if (now - character.lastSeen > LIVE_WINDOW_MS) {
        characters.delete(name);
        dropped += 1;
      }
    }
    if (dropped) changed();
    return dropped;
  }

  /** Every live character's place and state, by name (the diagnostics handle's `fleet()`). */
  function snapshot(): FleetSnapshot {
    const result: FleetSnapshot = {};
    for (const { name, ns, ew, state } of characters.values()) result[name] = { ns, ew, state };
    return result;
  }

  /**
   * Keeps the fleet live (subscription, poll, stale check) until the returned
   * function is called; callers share one subscription.
   */
  const { start } = sharedFeed(() => {
    const live = useQuery(FleetLivePlayersDocument, {}, { pollMs: LIVE_PLAYERS_POLL_MS });
    useSubscription(FleetPositionsDocument, {}, (data) => applyPositions(data.positions), { catchUp: () => void live.refresh() });
    watch(live.data, (data) => data && applyLivePlayers(data.livePlayers));
    const timer = setInterval(() => dropStale(), STALE_CHECK_MS);
    onScopeDispose(() => clearInterval(timer));
  });

  /** Whether `name` is a character of another game, drawn on a map of its own. */
  function isElsewhere(name: string): boolean {
    return elsewhere.has(name);
  }

  return { characters, version, count, applyPositions, applyLivePlayers, dropStale, snapshot, isElsewhere, start };
});
